package dev.ddialab.storage;

import java.io.IOException;
import java.util.Optional;

/**
 * The contract every storage engine implements (DDIA ch. 3): an ordered map from byte-array keys
 * to byte-array values, kept on disk.
 *
 * <p>Keys are compared as unsigned bytes ({@link dev.ddialab.core.Bytes#UNSIGNED}). A key is 1 to
 * {@value #KEY_BYTES_MAX} bytes; a value is 0 to {@value #VALUE_BYTES_MAX} bytes; anything
 * outside those bounds is rejected with an {@link IllegalArgumentException} before anything is
 * written. Arrays passed in are copied or fully consumed before the call returns, and arrays
 * returned belong to the caller.
 *
 * <p>Thread safety: every method may be called concurrently from many threads. Each write
 * (and each {@link WriteBatch}) is atomic: readers see all of it or none of it. A reader sees
 * every write that was acknowledged before its call began.
 *
 * <p>Durability is chosen per write ({@link Durability}); the one-argument forms are synced.
 * An engine that fails an I/O operation throws {@link IOException}; it never returns data that
 * did not pass its checksum.
 */
public interface KvEngine extends AutoCloseable {
  int KEY_BYTES_MAX = 64 * 1024;
  int VALUE_BYTES_MAX = 64 * 1024 * 1024;

  /** The engine's name as recorded in the database directory, e.g. {@code hashlog}. */
  String name();

  void put(byte[] key, byte[] value, Durability durability) throws IOException;

  default void put(byte[] key, byte[] value) throws IOException {
    put(key, value, Durability.SYNC);
  }

  Optional<byte[]> get(byte[] key) throws IOException;

  /** Removes the key; deleting a missing key is not an error. */
  void delete(byte[] key, Durability durability) throws IOException;

  default void delete(byte[] key) throws IOException {
    delete(key, Durability.SYNC);
  }

  /** Applies every operation of the batch atomically, in order. */
  void write(WriteBatch batch, Durability durability) throws IOException;

  /**
   * Entries with {@code fromInclusive <= key < toExclusive} in key order; {@code null} bounds are
   * open. The caller must close the iterator. What the iterator sees while writes continue is
   * engine-specific and documented by each engine.
   */
  KvIterator scan(byte[] fromInclusive, byte[] toExclusive) throws IOException;

  /** Makes every write acknowledged so far durable, as if each had been synced. */
  void flush() throws IOException;

  /** Runs the engine's compaction or merge now and waits for it to finish. */
  void compact() throws IOException;

  EngineStats stats() throws IOException;

  /** Flushes and releases files and the directory lock. Further calls fail. Idempotent. */
  @Override
  void close() throws IOException;

  /** Validates a key and value against the documented bounds. */
  static void checkBounds(byte[] key, byte[] value) {
    checkKey(key);
    if (value == null) {
      throw new IllegalArgumentException("value must not be null");
    }
    if (value.length > VALUE_BYTES_MAX) {
      throw new IllegalArgumentException(
          "value is " + value.length + " bytes; the maximum is " + VALUE_BYTES_MAX + " (64 MiB)");
    }
  }

  static void checkKey(byte[] key) {
    if (key == null || key.length == 0) {
      throw new IllegalArgumentException("key must be 1 to " + KEY_BYTES_MAX + " bytes; got none");
    }
    if (key.length > KEY_BYTES_MAX) {
      throw new IllegalArgumentException(
          "key is " + key.length + " bytes; the maximum is " + KEY_BYTES_MAX + " (64 KiB)");
    }
  }
}
