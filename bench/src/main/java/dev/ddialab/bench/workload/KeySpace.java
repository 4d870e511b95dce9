package dev.ddialab.bench.workload;

import dev.ddialab.core.Bytes;
import java.util.random.RandomGenerator;

/**
 * Keys and values for the benchmark. db_bench workloads use 16-byte decimal keys in index order;
 * YCSB uses {@code user} followed by a 64-bit FNV-1a hash of the record number, so inserts land
 * all over the key space (YCSB's default "hashed" insert order). Values are random bytes, half of
 * each value repeating the other half, so that compression can halve them as db_bench's
 * default compression ratio of 0.5 intends.
 */
public final class KeySpace {
  private static final long FNV_OFFSET_BASIS_64 = 0xCBF29CE484222325L;
  private static final long FNV_PRIME_64 = 1099511628211L;

  private final byte[] source;
  private final int valueBytes;

  public KeySpace(int valueBytes, RandomGenerator random) {
    this.valueBytes = valueBytes;
    this.source = new byte[Math.max(1 << 20, 2 * valueBytes)];
    byte[] half = new byte[Math.max(1, valueBytes / 2)];
    for (int at = 0; at < source.length; at += half.length * 2) {
      random.nextBytes(half);
      System.arraycopy(half, 0, source, at, Math.min(half.length, source.length - at));
      int second = at + half.length;
      if (second < source.length) {
        System.arraycopy(half, 0, source, second, Math.min(half.length, source.length - second));
      }
    }
  }

  /** The db_bench key of index {@code i}: 16 decimal digits. */
  public static byte[] benchKey(long i) {
    return Bytes.utf8(String.format("%016d", i));
  }

  /** A key that no db_bench key equals (db_bench appends a dot for readmissing). */
  public static byte[] missingKey(long i) {
    return Bytes.utf8(String.format("%016d.", i));
  }

  /** The YCSB key of record {@code i}. */
  public static byte[] ycsbKey(long i) {
    return Bytes.utf8("user" + Long.toUnsignedString(fnv1a64(i)));
  }

  static long fnv1a64(long value) {
    long hash = FNV_OFFSET_BASIS_64;
    for (int i = 0; i < 8; i++) {
      hash ^= (value >>> (8 * i)) & 0xFF;
      hash *= FNV_PRIME_64;
    }
    return hash;
  }

  /** A value of the configured size, taken from a random position in the source. */
  public byte[] value(RandomGenerator random) {
    byte[] value = new byte[valueBytes];
    int from = random.nextInt(source.length - valueBytes + 1);
    System.arraycopy(source, from, value, 0, valueBytes);
    return value;
  }
}
