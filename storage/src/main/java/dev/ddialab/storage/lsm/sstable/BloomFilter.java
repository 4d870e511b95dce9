package dev.ddialab.storage.lsm.sstable;

import dev.ddialab.core.MalformedDataException;
import net.jpountz.xxhash.XXHash64;
import net.jpountz.xxhash.XXHashFactory;

/**
 * A bloom filter over a table's user keys (DDIA ch. 3, "Performance optimizations"): a bit array
 * and {@code k} probes per key. A key that was added always answers "maybe"; a key that was not
 * answers "no" except with probability about {@code (1 - e^(-k/b))^k} for {@code b} bits per key,
 * 0.82% at the default 10 bits and {@code k = 7}. A "no" lets a read skip the table without
 * touching its data blocks.
 *
 * <p>Format, frozen: {@code bits[m/8] u8(k)}. Probe {@code i} of a key sets bit
 * {@code (x_i * m) >>> 32} with {@code x_i = (h1 + i*h2) mod 2^32} (double hashing, Kirsch and
 * Mitzenmacher; the multiply-shift maps {@code x_i} onto {@code [0, m)} without a division),
 * where {@code h1} and {@code h2} are the low and high 32 bits of the key's XXH64 with seed 0,
 * and bit {@code j} is {@code 1 << (j mod 8)} of byte {@code j / 8}. One hash per key serves
 * every table a read probes. Immutable, thread-safe.
 */
public final class BloomFilter {
  private static final XXHash64 XXH64 = XXHashFactory.safeInstance().hash64();
  static final int MAX_PROBES = 30;

  private final byte[] bits;
  private final int bitCount;
  private final int probes;

  private BloomFilter(byte[] bits, int bitCount, int probes) {
    this.bits = bits;
    this.bitCount = bitCount;
    this.probes = probes;
  }

  /** The hash every filter probes with; compute it once per key. */
  public static long hash(byte[] userKey) {
    return XXH64.hash(userKey, 0, userKey.length, 0);
  }

  /** Probes per key for {@code bitsPerKey}: {@code round(b ln 2)}, which minimises false positives. */
  public static int probesFor(int bitsPerKey) {
    return Math.max(1, Math.min(MAX_PROBES, (int) Math.round(bitsPerKey * Math.log(2))));
  }

  /** The false-positive rate theory predicts for {@code bitsPerKey}. */
  public static double expectedFalsePositiveRate(int bitsPerKey) {
    if (bitsPerKey <= 0) {
      return 1.0;
    }
    int k = probesFor(bitsPerKey);
    return Math.pow(1 - Math.exp(-(double) k / bitsPerKey), k);
  }

  /** Decodes a filter block's contents. */
  public static BloomFilter decode(byte[] contents) {
    if (contents.length < 2) {
      throw new MalformedDataException("bloom filter of " + contents.length + " bytes", 0);
    }
    int probes = contents[contents.length - 1] & 0xFF;
    if (probes < 1 || probes > MAX_PROBES) {
      throw new MalformedDataException("bloom filter with " + probes + " probes",
          contents.length - 1);
    }
    long bitCount = (long) (contents.length - 1) * 8;
    if (bitCount > Integer.MAX_VALUE) {
      throw new MalformedDataException("bloom filter of " + bitCount + " bits is too large", 0);
    }
    return new BloomFilter(contents, (int) bitCount, probes);
  }

  /** False means the key is certainly not in the table. */
  public boolean mayContain(long keyHash) {
    int x = (int) keyHash;
    int step = (int) (keyHash >>> 32);
    for (int i = 0; i < probes; i++, x += step) {
      int bit = bitOf(x, bitCount);
      if ((bits[bit >>> 3] & (1 << (bit & 7))) == 0) {
        return false;
      }
    }
    return true;
  }

  static void set(byte[] bits, int bitCount, int probes, long keyHash) {
    int x = (int) keyHash;
    int step = (int) (keyHash >>> 32);
    for (int i = 0; i < probes; i++, x += step) {
      int bit = bitOf(x, bitCount);
      bits[bit >>> 3] |= (byte) (1 << (bit & 7));
    }
  }

  /** {@code x} (as unsigned 32 bits) scaled onto {@code [0, bitCount)}. */
  private static int bitOf(int x, int bitCount) {
    return (int) (((x & 0xFFFFFFFFL) * bitCount) >>> 32);
  }
}
