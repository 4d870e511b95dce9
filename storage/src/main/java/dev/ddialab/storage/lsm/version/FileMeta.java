package dev.ddialab.storage.lsm.version;

import dev.ddialab.core.Bytes;
import dev.ddialab.core.Invariants;
import java.util.Arrays;

/**
 * What the manifest records about one SSTable: enough to route reads and plan compactions without
 * opening it. Keys are user keys; a user key never spans two tables of one level L1+ (compaction
 * outputs split only between user keys), so user-key ranges are enough to keep levels disjoint.
 *
 * @param number the file number: the table is {@code sst/<number as 12 digits>.sst}
 * @param minSequence the oldest version in the table, for ordering L0
 */
public record FileMeta(long number, long sizeBytes, byte[] smallest, byte[] largest,
    long entries, long tombstones, long minSequence, long maxSequence) {

  public FileMeta {
    Invariants.require(number > 0, "file number %d <= 0", number);
    Invariants.require(sizeBytes > 0 && entries > 0, "file %d is empty", number);
    if (Bytes.compare(smallest, largest) > 0) {
      throw new IllegalArgumentException("file " + number + ": smallest "
          + Bytes.printable(smallest) + " > largest " + Bytes.printable(largest));
    }
    Invariants.require(minSequence <= maxSequence, "file %d: sequences %d..%d", number,
        minSequence, maxSequence);
  }

  /** Whether the table's key range meets {@code [from, to]} (both inclusive). */
  public boolean overlaps(byte[] from, byte[] to) {
    return Bytes.compare(largest, from) >= 0 && Bytes.compare(smallest, to) <= 0;
  }

  public boolean contains(byte[] userKey) {
    return Bytes.compare(smallest, userKey) <= 0 && Bytes.compare(userKey, largest) <= 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FileMeta f && number == f.number && sizeBytes == f.sizeBytes
        && entries == f.entries && tombstones == f.tombstones && minSequence == f.minSequence
        && maxSequence == f.maxSequence && Arrays.equals(smallest, f.smallest)
        && Arrays.equals(largest, f.largest);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(number);
  }

  @Override
  public String toString() {
    return "#" + number + "[" + Bytes.printable(smallest) + ".." + Bytes.printable(largest) + ", "
        + sizeBytes + " B, seq " + minSequence + ".." + maxSequence + "]";
  }
}
