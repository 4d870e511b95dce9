package dev.ddialab.cluster;

import java.util.Optional;
import java.util.SortedSet;

/**
 * A node's disk, as a small key-value map with the write-then-sync semantics of a real file:
 * {@link #put} and {@link #remove} take effect at once for this incarnation's reads (the page
 * cache), but only {@link #sync} makes them durable. After a crash the store holds exactly the
 * state as of the last completed {@code sync}, plus possibly some later writes: the simulator
 * drops every unsynced write, which is the harshest legal outcome.
 *
 * <p>Keys are short strings, values opaque bytes (a node encodes its own state); the whole store is
 * meant for protocol metadata (terms, votes, logs of modest size), not bulk data.
 */
public interface DurableStore {

  Optional<byte[]> get(String key);

  void put(String key, byte[] value);

  void remove(String key);

  /** Every key present, in string order. */
  SortedSet<String> keys();

  /** Makes every earlier write durable; returns once it is (an fsync in the process runtime). */
  void sync();
}
