package dev.ddialab.storage.lsm;

import dev.ddialab.storage.lsm.compaction.CompactionPolicy;
import dev.ddialab.storage.lsm.compaction.CompactionTask;
import dev.ddialab.storage.lsm.iterator.InternalIterator;
import dev.ddialab.storage.lsm.iterator.MergingIterator;
import dev.ddialab.storage.lsm.version.FileMeta;
import dev.ddialab.storage.lsm.version.VersionEdit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Executes what the {@link CompactionPolicy} plans, on the compaction thread (or on the caller's
 * thread for {@link #compactAll()}); one compaction at a time, so a task's inputs cannot vanish
 * under it. A merge reads its inputs through a {@link MergingIterator}, keeps the newest version of
 * each key (and drops tombstones when the task says nothing older can remain below), writes
 * tables of the task's size, forces them, and then commits with one manifest edit that deletes
 * the inputs and adds the outputs. The inputs leave the disk when the last reader lets go of them.
 * A crash before the edit leaves unnamed outputs, which the next open deletes.
 */
final class Compactor {
  /** Tasks run per wake-up before the thread checks for stop requests and new work. */
  private static final int TASKS_PER_ROUND_MAX = 64;

  private final LsmEngine engine;
  private final CompactionPolicy policy;
  private final ReentrantLock compactionLock = new ReentrantLock();
  private final BackgroundWorker worker;
  final LongAdder merges = new LongAdder();
  final LongAdder moves = new LongAdder();
  final LongAdder bytesRead = new LongAdder();
  final LongAdder bytesWritten = new LongAdder();
  private volatile String lastTask = "none";

  Compactor(LsmEngine engine, CompactionPolicy policy) {
    this.engine = engine;
    this.policy = policy;
    this.worker = new BackgroundWorker("compaction", engine, this::compactRound);
  }

  CompactionPolicy policy() {
    return policy;
  }

  String lastTask() {
    return lastTask;
  }

  void start() {
    worker.start();
  }

  void wake() {
    worker.wake();
  }

  /** Stops the thread; a compaction in progress is cancelled and its outputs deleted. */
  void stop() {
    worker.stop();
  }

  private void compactRound() throws IOException {
    if (!engine.options().backgroundCompaction()) {
      return;
    }
    for (int i = 0; i < TASKS_PER_ROUND_MAX && !engine.isClosed(); i++) {
      if (!compactOnce()) {
        return;
      }
    }
    worker.wake(); // more may be due: go round again after checking for a stop
  }

  /** Runs the task the policy plans now, if any; returns whether there was one. */
  private boolean compactOnce() throws IOException {
    compactionLock.lock();
    try {
      Optional<CompactionTask> task = policy.plan(engine.versions().version());
      if (task.isEmpty()) {
        return false;
      }
      execute(task.get());
      return true;
    } finally {
      compactionLock.unlock();
    }
  }

  /** {@code compact()}: everything into one sorted run, on the caller's thread. */
  void compactAll() throws IOException {
    compactionLock.lock();
    try {
      engine.checkWritable();
      Optional<CompactionTask> task = policy.planFull(engine.versions().version());
      if (task.isPresent()) {
        execute(task.get());
      }
    } finally {
      compactionLock.unlock();
    }
    wake();
  }

  private void execute(CompactionTask task) throws IOException {
    lastTask = task.toString();
    VersionSet versions = engine.versions();
    if (task.kind() == CompactionTask.Kind.MOVE) {
      FileMeta file = task.inputs().getFirst().file();
      versions.install(task.toEdit(List.of(file)).build(), Map.of(), null);
      moves.increment();
      engine.signalBackgroundProgress();
      return;
    }
    ReadView view = versions.acquire();
    TableOutputs outputs = new TableOutputs(versions, engine.options().table(),
        task.outputTableBytes());
    boolean installing = false;
    try {
      List<InternalIterator> inputs = new ArrayList<>();
      for (CompactionTask.Input input : task.inputs()) {
        inputs.add(tableOf(view, input).reader.iterator(false));
      }
      List<FileMeta> tables;
      try (MergingIterator merged = new MergingIterator(inputs)) {
        outputs.writeNewestVersions(merged, task.dropTombstones(), engine::isClosed);
        tables = outputs.finish();
      }
      engine.counters().compactionBytes(outputs.bytesWritten());
      VersionEdit edit = task.toEdit(tables)
          .nextFileNumber(versions.peekNextFileNumber())
          .counters(engine.counters().snapshot())
          .build();
      installing = true;
      versions.install(edit, outputs.readers(), null);
    } catch (IOException | RuntimeException e) {
      outputs.abandon(e, installing);
      throw e;
    } finally {
      view.unref();
    }
    merges.increment();
    bytesRead.add(task.inputBytes());
    bytesWritten.add(outputs.bytesWritten());
    engine.signalBackgroundProgress();
  }

  private static TableFile tableOf(ReadView view, CompactionTask.Input input) {
    for (TableFile table : view.tables[input.level()]) {
      if (table.meta.number() == input.file().number()) {
        return table;
      }
    }
    throw new IllegalStateException("compaction input #" + input.file().number() + " is not in L"
        + input.level() + " of the current view");
  }
}
