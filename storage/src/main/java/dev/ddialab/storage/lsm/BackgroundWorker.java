package dev.ddialab.storage.lsm;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A daemon thread that runs a job whenever it is woken (and at least once a second, so a lost
 * wake-up only delays work), until stopped or until the job fails: the shape shared by the flush
 * and compaction threads. A job that throws {@link TableOutputs.CancelledException} was stopped
 * by closing; any other failure is reported to the engine, which then refuses writes.
 */
final class BackgroundWorker {
  /** One round of work: does what is due now, then returns. */
  interface Job {
    void runRound() throws Exception;
  }

  private final String name;
  private final LsmEngine engine;
  private final Job job;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wakeUp = lock.newCondition();
  private boolean woken = true;
  private boolean stopping;
  private Thread thread;

  BackgroundWorker(String name, LsmEngine engine, Job job) {
    this.name = name;
    this.engine = engine;
    this.job = job;
  }

  void start() {
    thread = Thread.ofPlatform().daemon().name("lsm-" + name + " " + engine.dir().getFileName())
        .start(this::loop);
  }

  void wake() {
    lock.lock();
    try {
      woken = true;
      wakeUp.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Stops the thread after the round in progress, if any, finishes or is cancelled. */
  void stop() {
    lock.lock();
    try {
      stopping = true;
      wakeUp.signalAll();
    } finally {
      lock.unlock();
    }
    if (thread != null) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void loop() {
    // Bounded by the engine's life: each pass runs one round or waits for a wake-up.
    while (true) {
      lock.lock();
      try {
        if (!woken && !stopping) {
          wakeUp.await(1, TimeUnit.SECONDS);
        }
        woken = false;
        if (stopping) {
          return;
        }
      } catch (InterruptedException e) {
        return;
      } finally {
        lock.unlock();
      }
      try {
        job.runRound();
      } catch (TableOutputs.CancelledException e) {
        return;
      } catch (Throwable t) {
        engine.backgroundFailed(name, t);
        return;
      }
    }
  }
}
