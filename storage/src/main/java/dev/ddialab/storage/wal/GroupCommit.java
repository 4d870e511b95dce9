package dev.ddialab.storage.wal;

import dev.ddialab.core.Invariants;
import java.io.IOException;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit: many threads wait for durability, one fsync serves them all.
 *
 * <p>Progress is measured by a monotonic mark (for {@link RecordLog}, the count of records
 * appended since open). A caller asks for {@code target}; if the durable mark is below it and no
 * force is running, the caller becomes the leader: it runs the {@link Force} action, which takes
 * a snapshot of the mark and forces everything up to it, and then publishes that mark and wakes
 * the waiters. Callers arriving while a force runs wait; when it finishes, those it covered
 * return, and one of the rest leads the next force for all of them. So a sync waits for at most
 * two forces: the one in flight when it arrived (whose snapshot may predate its target) and one
 * that started after it arrived (whose snapshot cannot).
 *
 * <p>A failed force is sticky: every waiter and every later caller fails, because after a failed
 * fsync nothing can say which writes reached the disk.
 *
 * <p>Thread-safe. Waiting is uninterruptible: it is bounded by one force, and abandoning it would
 * leave the caller not knowing whether its writes are durable.
 */
final class GroupCommit {
  /** Takes a snapshot of the mark, forces everything up to it, returns it. */
  @FunctionalInterface
  interface Force {
    long forceAndReturnDurableMark() throws IOException;
  }

  private final Force force;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition forceFinished = lock.newCondition();
  private final LongAdder syncCalls = new LongAdder();
  // Guarded by lock:
  private long durableMark;
  private boolean forceRunning;
  private long forcesFinished;
  private int waiters;
  private IOException failure;

  GroupCommit(Force force, long initialDurableMark) {
    this.force = Invariants.requireNonNull(force, "force");
    this.durableMark = initialDurableMark;
  }

  /**
   * Returns once the durable mark is at least {@code target}. REQUIRES: {@code target} was read
   * before this call, so that a force started after the call began covers it.
   */
  void awaitDurable(long target) throws IOException {
    syncCalls.increment();
    lock.lock();
    try {
      // The force after the one running now (if any) starts after this call, so it covers target.
      long coveringForce = forcesFinished + (forceRunning ? 2 : 1);
      while (true) {
        if (failure != null) {
          throw new IOException(
              "an earlier fsync failed (" + failure.getMessage() + "); the log must be reopened",
              failure);
        }
        if (durableMark >= target) {
          return;
        }
        Invariants.check(
            forcesFinished < coveringForce,
            "force %d should have made mark %d durable, but the durable mark is %d",
            coveringForce,
            target,
            durableMark);
        if (!forceRunning) {
          break;
        }
        waiters++;
        try {
          forceFinished.awaitUninterruptibly();
        } finally {
          waiters--;
        }
      }
      forceRunning = true;
    } finally {
      lock.unlock();
    }
    lead(target);
  }

  private void lead(long target) throws IOException {
    long mark = -1;
    Throwable error = null;
    try {
      mark = force.forceAndReturnDurableMark();
    } catch (Throwable t) {
      error = t;
    }
    lock.lock();
    try {
      forceRunning = false;
      forcesFinished++;
      if (error == null) {
        Invariants.check(
            mark >= target,
            "force covered mark %d, below the leader's own target %d",
            mark,
            target);
        durableMark = Math.max(durableMark, mark);
      } else {
        failure = error instanceof IOException io ? io : new IOException("fsync failed", error);
      }
      forceFinished.signalAll();
    } finally {
      lock.unlock();
    }
    if (error instanceof IOException io) {
      throw io;
    } else if (error instanceof RuntimeException runtime) {
      throw runtime;
    } else if (error instanceof Error fatal) {
      throw fatal;
    }
  }

  long syncCalls() {
    return syncCalls.sum();
  }

  /** Forces run by leaders. */
  long forces() {
    lock.lock();
    try {
      return forcesFinished;
    } finally {
      lock.unlock();
    }
  }

  long durableMark() {
    lock.lock();
    try {
      return durableMark;
    } finally {
      lock.unlock();
    }
  }

  /** Threads waiting for a running force; for tests that need a wait to be under way. */
  int waiters() {
    lock.lock();
    try {
      return waiters;
    } finally {
      lock.unlock();
    }
  }
}
