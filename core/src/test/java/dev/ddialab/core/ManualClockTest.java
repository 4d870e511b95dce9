package dev.ddialab.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.assertj.core.data.Offset;

/** Injected time (DDIA ch. 8, "Unreliable clocks"): monotonic and wall clocks move apart. */
class ManualClockTest {

  @Property
  void advancesMoveBothClocksAndWallKeepsSubMillisecondRemainders(
      @ForAll @LongRange(min = -1_000_000_000_000L, max = 1_000_000_000_000L) long startWall,
      @ForAll long startNanos,
      @ForAll @Size(max = 50) List<@LongRange(max = 10_000_000_000L) Long> steps) {
    long start = Math.min(startNanos, Long.MAX_VALUE / 2);
    ManualClock clock = new ManualClock(startWall, start);
    long total = 0;
    for (long step : steps) {
      if (step % 2 == 0) {
        clock.advance(Duration.ofNanos(step));
      } else {
        clock.advanceNanos(step);
      }
      total += step;
      assertThat(clock.nanoTime()).isEqualTo(start + total);
      assertThat(clock.wallMillis()).isEqualTo(startWall + total / 1_000_000);
    }
  }

  @Example
  void negativeAdvanceIsRejectedAndChangesNothing() {
    ManualClock clock = new ManualClock(1_000, 5_000);
    assertThatThrownBy(() -> clock.advance(Duration.ofNanos(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> clock.advanceNanos(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(clock.nanoTime()).isEqualTo(5_000);
    assertThat(clock.wallMillis()).isEqualTo(1_000);
  }

  @Example
  void overflowFailsAndChangesNothing() {
    ManualClock clock = new ManualClock(0, Long.MAX_VALUE - 10);
    assertThatThrownBy(() -> clock.advanceNanos(11)).isInstanceOf(ArithmeticException.class);
    assertThat(clock.nanoTime()).isEqualTo(Long.MAX_VALUE - 10);
    assertThat(clock.wallMillis()).isZero();
  }

  @Example
  void wallClockCanStepBackWhileMonotonicTimeDoesNot() {
    ManualClock clock = new ManualClock(10_000, 0);
    clock.advance(Duration.ofMillis(5));
    clock.setWallMillis(9_000);
    assertThat(clock.wallMillis()).isEqualTo(9_000);
    assertThat(clock.nanoTime()).isEqualTo(5_000_000);
    clock.advance(Duration.ofMillis(1));
    assertThat(clock.wallMillis()).isEqualTo(9_001);
  }

  @Example
  void concurrentAdvancesAreAllApplied() throws Exception {
    ManualClock clock = new ManualClock();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        workers.add(pool.submit(() -> {
          long last = clock.nanoTime();
          for (int i = 0; i < 50_000; i++) {
            clock.advanceNanos(1_000);
            long now = clock.nanoTime();
            assertThat(now).isGreaterThan(last);
            last = now;
          }
        }));
      }
      for (Future<?> worker : workers) {
        worker.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(clock.nanoTime()).isEqualTo(200_000L * 1_000);
    assertThat(clock.wallMillis()).isEqualTo(200_000L / 1_000);
  }

  @Example
  void systemClockIsMonotonicAndNearRealTime() {
    Clock clock = Clock.system();
    long first = clock.nanoTime();
    assertThat(clock.nanoTime()).isGreaterThanOrEqualTo(first);
    assertThat(clock.wallMillis()).isCloseTo(System.currentTimeMillis(), Offset.offset(60_000L));
  }
}
