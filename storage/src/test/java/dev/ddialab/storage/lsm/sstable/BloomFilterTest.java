package dev.ddialab.storage.lsm.sstable;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddialab.core.Bytes;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The bloom filter's two promises (DDIA ch. 3, "Performance optimizations"): a key that was added
 * is never reported absent, and a key that was not is reported present about as often as theory
 * predicts for the bits per key.
 */
class BloomFilterTest {
  @Provide
  Arbitrary<List<byte[]>> keys() {
    return Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(40).list().ofMinSize(1)
        .ofMaxSize(3_000);
  }

  @Property(tries = 200)
  void noFalseNegatives(@ForAll("keys") List<byte[]> keys, @ForAll @IntRange(min = 1, max = 24) int bitsPerKey) {
    BloomFilterBuilder builder = new BloomFilterBuilder(bitsPerKey);
    keys.forEach(k -> builder.addHash(BloomFilter.hash(k)));
    BloomFilter filter = BloomFilter.decode(builder.build());
    for (byte[] key : keys) {
      assertThat(filter.mayContain(BloomFilter.hash(key))).as("key %s", Bytes.toHex(key)).isTrue();
    }
  }

  /** Deterministic keys, so the measured rate is the same on every run. */
  @Property(tries = 1)
  void measuredFalsePositiveRateIsNearTheTarget() {
    for (int bitsPerKey : new int[] {5, 10, 15}) {
      BloomFilterBuilder builder = new BloomFilterBuilder(bitsPerKey);
      int keys = 20_000;
      for (int i = 0; i < keys; i++) {
        builder.addHash(BloomFilter.hash(Bytes.utf8("user:" + i)));
      }
      BloomFilter filter = BloomFilter.decode(builder.build());
      int probes = 200_000;
      int falsePositives = 0;
      for (int i = 0; i < probes; i++) {
        if (filter.mayContain(BloomFilter.hash(Bytes.utf8("absent:" + i)))) {
          falsePositives++;
        }
      }
      double measured = (double) falsePositives / probes;
      double expected = BloomFilter.expectedFalsePositiveRate(bitsPerKey);
      assertThat(measured).as("%d bits per key: measured %.4f, expected %.4f", bitsPerKey,
          measured, expected).isBetween(expected * 0.7, expected * 1.3);
    }
    assertThat(BloomFilter.expectedFalsePositiveRate(10)).as("the default target")
        .isBetween(0.005, 0.012);
  }

  @Property(tries = 1)
  void aFilterForFewKeysStillHasSixtyFourBits() {
    BloomFilterBuilder builder = new BloomFilterBuilder(10);
    builder.addHash(BloomFilter.hash(Bytes.utf8("only")));
    byte[] bits = builder.build();
    assertThat(bits).hasSize(8 + 1);
    Set<Integer> probes = new HashSet<>();
    probes.add(bits[bits.length - 1] & 0xFF);
    assertThat(probes).containsExactly(BloomFilter.probesFor(10));
  }
}
