package dev.ddialab.storage.lsm.sstable;

import dev.ddialab.storage.lsm.InternalKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** One internal entry of a test table; sorts in internal order. */
record TableEntry(byte[] key, long sequence, boolean tombstone, byte[] value) {
  static final Comparator<TableEntry> ORDER = (a, b) -> InternalKey.compare(a.key, a.trailer(),
      b.key, b.trailer());

  long trailer() {
    return InternalKey.trailer(sequence, tombstone ? InternalKey.TYPE_DELETE : InternalKey.TYPE_PUT);
  }

  static List<TableEntry> sorted(List<TableEntry> entries) {
    List<TableEntry> out = new ArrayList<>(entries);
    out.sort(ORDER);
    return out;
  }

  @Override
  public String toString() {
    return InternalKey.format(key, trailer()) + "=" + (tombstone ? "-" : value.length + "B");
  }

  boolean sameAs(byte[] k, long seq, boolean tomb, byte[] v) {
    return Arrays.equals(key, k) && sequence == seq && tombstone == tomb
        && (tombstone || Arrays.equals(value, v));
  }
}
