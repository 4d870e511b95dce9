package dev.ddialab.storage.hashlog;

import dev.ddialab.core.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory hash index (Bitcask's "keydir"): every live key maps to the {@link Location} of
 * its newest value. Only keys are held in memory, never values, so the key set must fit in RAM:
 * the hash index's defining limitation in DDIA ch. 3.
 *
 * <p>Lookups are lock-free ({@link ConcurrentHashMap}). Mutations are made by the engine under
 * its write lock, which is also what keeps {@link #liveBytes()} exact: it is the sum of
 * {@code recordBytes} over the current locations.
 */
final class KeyDir {
  private final ConcurrentHashMap<ByteKey, Location> index = new ConcurrentHashMap<>();
  private long liveBytes;

  Location get(byte[] key) {
    return index.get(new ByteKey(key));
  }

  /** REQUIRES: the engine's write lock. {@code key} must not be mutated afterwards. */
  void put(byte[] key, Location location) {
    Location old = index.put(new ByteKey(key), location);
    liveBytes += location.recordBytes() - (old == null ? 0 : old.recordBytes());
  }

  /** REQUIRES: the engine's write lock. */
  void remove(byte[] key) {
    Location old = index.remove(new ByteKey(key));
    if (old != null) {
      liveBytes -= old.recordBytes();
    }
  }

  /**
   * Points {@code key} at {@code moved} only if it still points at {@code expected}: a merge
   * relocates a value, but a write that happened during the merge wins. REQUIRES: write lock.
   */
  boolean relocate(byte[] key, Location expected, Location moved) {
    boolean replaced = index.replace(new ByteKey(key), expected, moved);
    if (replaced) {
      liveBytes += moved.recordBytes() - expected.recordBytes();
    }
    return replaced;
  }

  int size() {
    return index.size();
  }

  long liveBytes() {
    return liveBytes;
  }

  /**
   * The entries with {@code from <= key < to} ({@code null} = unbounded), sorted by key: a copy,
   * so O(n) to collect and O(k log k) to sort. A hash index has no order of its own; this is the
   * price of range queries on it. REQUIRES: write lock, for a consistent snapshot.
   */
  List<Map.Entry<byte[], Location>> sortedRange(byte[] from, byte[] to) {
    List<Map.Entry<byte[], Location>> entries = new ArrayList<>();
    for (Map.Entry<ByteKey, Location> entry : index.entrySet()) {
      byte[] key = entry.getKey().bytes();
      if ((from == null || Bytes.compare(key, from) >= 0)
          && (to == null || Bytes.compare(key, to) < 0)) {
        entries.add(Map.entry(key, entry.getValue()));
      }
    }
    entries.sort(Map.Entry.comparingByKey(Bytes.UNSIGNED));
    return entries;
  }
}
