package dev.ddialab.storage.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddialab.core.Bytes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group commit: a sync returns only once everything appended before it is durable, and concurrent
 * syncs share fsyncs. The timeouts only stop a hung test; no assertion depends on timing.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GroupCommitTest {
  private static final int THREADS = 8;
  private static final int ROUNDS = 200;

  @Test
  void concurrentAppendAndSyncKeepsEveryRecordAndSharesForces(@TempDir Path dir) throws Exception {
    RecordLog.Stats stats;
    try (RecordLog log = RecordLog.open(dir, RecordLog.Options.defaults())) {
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      try {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          int thread = t;
          workers.add(
              pool.submit(
                  () -> {
                    start.await();
                    for (int i = 0; i < ROUNDS; i++) {
                      long position = log.append(Bytes.utf8(thread + "-" + i));
                      log.sync();
                      assertThat(log.read(position)).isEqualTo(Bytes.utf8(thread + "-" + i));
                    }
                    return null;
                  }));
        }
        start.countDown();
        for (Future<?> worker : workers) {
          worker.get();
        }
      } finally {
        pool.shutdownNow();
      }
      stats = log.stats();
      // Without close: what a fresh open sees is what a crash now would leave.
      try (RecordLog fresh = RecordLog.open(dir, RecordLog.Options.defaults())) {
        assertThat(Set.copyOf(WalTestFiles.payloads(fresh).stream().map(Bytes::utf8).toList()))
            .isEqualTo(expectedRecords());
      }
    }
    assertThat(stats.appends()).isEqualTo(THREADS * ROUNDS);
    assertThat(stats.syncCalls()).isEqualTo(THREADS * ROUNDS);
    assertThat(stats.forces()).isPositive().isLessThan(stats.syncCalls());
  }

  @Test
  void aSyncedRecordIsVisibleToAFreshOpenWithoutClose(@TempDir Path dir) throws IOException {
    RecordLog.Options options = RecordLog.Options.defaults().withSegmentBytesMax(200);
    try (RecordLog writer = RecordLog.open(dir, options)) {
      List<byte[]> written = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        byte[] payload = WalTestFiles.payload(30, i);
        writer.append(payload);
        written.add(payload);
      }
      writer.sync();
      try (RecordLog fresh = RecordLog.open(dir, options)) {
        assertThat(WalTestFiles.payloads(fresh)).containsExactlyElementsOf(written);
        assertThat(fresh.segmentIds()).hasSizeGreaterThan(1);
      }
    }
  }

  /** A leader is held inside its force until four callers wait; one more force serves all four. */
  @Test
  void waitersArrivingDuringAForceShareTheNextOne() throws Exception {
    AtomicLong appended = new AtomicLong(1);
    CountDownLatch firstForceEntered = new CountDownLatch(1);
    CountDownLatch releaseFirstForce = new CountDownLatch(1);
    AtomicInteger forces = new AtomicInteger();
    GroupCommit groupCommit =
        new GroupCommit(
            () -> {
              long mark = appended.get();
              if (forces.incrementAndGet() == 1) {
                firstForceEntered.countDown();
                await(releaseFirstForce);
              }
              return mark;
            },
            0);
    ExecutorService pool = Executors.newFixedThreadPool(5);
    try {
      Future<?> leader = awaitDurableOn(pool, groupCommit, 1);
      firstForceEntered.await();
      appended.set(5); // four more records arrive while the first force runs
      List<Future<?>> followers = new ArrayList<>();
      for (long target = 2; target <= 5; target++) {
        long mark = target;
        followers.add(awaitDurableOn(pool, groupCommit, mark));
      }
      while (groupCommit.waiters() < 4) {
        Thread.onSpinWait();
      }
      releaseFirstForce.countDown();
      leader.get();
      for (Future<?> follower : followers) {
        follower.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(groupCommit.syncCalls()).isEqualTo(5);
    assertThat(groupCommit.forces()).isEqualTo(2);
    assertThat(groupCommit.durableMark()).isEqualTo(5);
  }

  @Test
  void aSyncWhoseRecordsAreAlreadyDurableDoesNotForce() throws IOException {
    AtomicInteger forces = new AtomicInteger();
    GroupCommit groupCommit =
        new GroupCommit(
            () -> {
              forces.incrementAndGet();
              return 3;
            },
            0);
    groupCommit.awaitDurable(3);
    groupCommit.awaitDurable(2);
    groupCommit.awaitDurable(3);
    assertThat(forces).hasValue(1);
    assertThat(groupCommit.syncCalls()).isEqualTo(3);
  }

  /** After a failed fsync nobody may be told their data is durable, now or later. */
  @Test
  void aFailedForceFailsEveryWaiterAndEveryLaterSync() throws Exception {
    CountDownLatch forceEntered = new CountDownLatch(1);
    CountDownLatch failForce = new CountDownLatch(1);
    GroupCommit groupCommit =
        new GroupCommit(
            () -> {
              forceEntered.countDown();
              await(failForce);
              throw new IOException("EIO from fsync");
            },
            0);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<?> leader = awaitDurableOn(pool, groupCommit, 1);
      forceEntered.await();
      Future<?> follower = awaitDurableOn(pool, groupCommit, 2);
      while (groupCommit.waiters() < 1) {
        Thread.onSpinWait();
      }
      failForce.countDown();
      assertThatThrownBy(leader::get)
          .hasCauseInstanceOf(IOException.class)
          .hasMessageContaining("EIO from fsync");
      assertThatThrownBy(follower::get)
          .hasCauseInstanceOf(IOException.class)
          .hasMessageContaining("EIO from fsync");
    } finally {
      pool.shutdownNow();
    }
    assertThatThrownBy(() -> groupCommit.awaitDurable(0))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("an earlier fsync failed");
  }

  private static Future<?> awaitDurableOn(
      ExecutorService pool, GroupCommit groupCommit, long target) {
    return pool.submit(
        () -> {
          groupCommit.awaitDurable(target);
          return null;
        });
  }

  /** Latch wait inside a {@link GroupCommit.Force}, which may throw only IOException. */
  private static void await(CountDownLatch latch) throws IOException {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while holding a force");
    }
  }

  private static Set<String> expectedRecords() {
    Set<String> expected = new HashSet<>();
    for (int t = 0; t < THREADS; t++) {
      for (int i = 0; i < ROUNDS; i++) {
        expected.add(t + "-" + i);
      }
    }
    return expected;
  }
}
