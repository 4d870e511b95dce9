package dev.ddialab.storage;

import java.util.Iterator;

/** An iterator over a key range that holds engine resources until closed. */
public interface KvIterator extends Iterator<KvEntry>, AutoCloseable {
  @Override
  void close();
}
