package dev.ddialab.bench.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The request distributions YCSB's workloads depend on. */
class ZipfianTest {

  @Property(tries = 50)
  void itemsStayInRange(@ForAll @LongRange(min = 1, max = 100_000) long items,
      @ForAll @IntRange(min = 0, max = 1000) int seed) {
    Zipfian zipfian = new Zipfian(items, Zipfian.YCSB_THETA);
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < 1000; i++) {
      assertThat(zipfian.next(random)).isBetween(0L, items - 1);
    }
  }

  /** P(rank r) = (1/r^theta) / zeta(n): check the head of the distribution empirically. */
  @Test
  void frequenciesFollowZipfsLaw() {
    int items = 1000;
    Zipfian zipfian = new Zipfian(items, Zipfian.YCSB_THETA);
    double zeta = 0;
    for (int i = 1; i <= items; i++) {
      zeta += 1 / Math.pow(i, Zipfian.YCSB_THETA);
    }
    SplittableRandom random = new SplittableRandom(1);
    int samples = 400_000;
    long[] counts = new long[items];
    for (int i = 0; i < samples; i++) {
      counts[(int) zipfian.next(random)]++;
    }
    for (int rank = 1; rank <= 2; rank++) {
      double expected = 1 / Math.pow(rank, Zipfian.YCSB_THETA) / zeta;
      assertThat((double) counts[rank - 1] / samples).as("rank %d", rank)
          .isCloseTo(expected, org.assertj.core.data.Offset.offset(0.01));
    }
    assertThat(counts[0]).isGreaterThan(counts[10]).isGreaterThan(counts[500]);
  }

  @Test
  void growingFollowsNewItems() {
    Zipfian zipfian = new Zipfian(10, Zipfian.YCSB_THETA);
    zipfian.grow(1_000);
    assertThat(zipfian.items()).isEqualTo(1_000);
    SplittableRandom random = new SplittableRandom(3);
    long max = 0;
    for (int i = 0; i < 10_000; i++) {
      max = Math.max(max, zipfian.next(random));
    }
    assertThat(max).isGreaterThan(10);
  }

  @Test
  void ycsbKeysMatchTheFnvHashOfTheRecordNumber() {
    // FNV-1a 64 over the eight little-endian bytes of 0: offset basis then eight (xor 0, * prime).
    long hash = 0xCBF29CE484222325L;
    for (int i = 0; i < 8; i++) {
      hash *= 1099511628211L;
    }
    assertThat(KeySpace.fnv1a64(0)).isEqualTo(hash);
    assertThat(new String(KeySpace.ycsbKey(0))).isEqualTo("user" + Long.toUnsignedString(hash));
    assertThat(new String(KeySpace.benchKey(42))).isEqualTo("0000000000000042");
  }
}
