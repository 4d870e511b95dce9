package dev.ddialab.storage.lsm.compaction;

import dev.ddialab.core.Bytes;
import dev.ddialab.core.Invariants;
import dev.ddialab.storage.lsm.version.FileMeta;
import dev.ddialab.storage.lsm.version.VersionEdit;
import java.util.List;

/**
 * What a {@link CompactionPolicy} decided: which tables to merge into which level. A pure value;
 * an executor carries it out and turns it into a {@link VersionEdit} with {@link #toEdit}.
 *
 * @param kind {@link Kind#MOVE} relinks a single table one level down without rewriting it (no
 *     overlap below means nothing to merge with); {@link Kind#MERGE} rewrites the inputs
 * @param dropTombstones whether no table outside the inputs can hold an older version of their
 *     keys, so tombstones have nothing left to hide and can go
 * @param outputTableBytes outputs are split into tables of about this size
 * @param reason why the policy chose this task, for stats and the tour
 */
public record CompactionTask(Kind kind, List<Input> inputs, int outputLevel,
    boolean dropTombstones, long outputTableBytes, String reason) {

  public enum Kind { MERGE, MOVE }

  public record Input(int level, FileMeta file) {}

  public CompactionTask {
    inputs = List.copyOf(inputs);
    Invariants.require(!inputs.isEmpty(), "a compaction needs inputs");
    Invariants.require(kind != Kind.MOVE || inputs.size() == 1, "a move has one input");
    Invariants.require(outputTableBytes > 0, "outputTableBytes %d <= 0", outputTableBytes);
  }

  public long inputBytes() {
    long bytes = 0;
    for (Input input : inputs) {
      bytes += input.file.sizeBytes();
    }
    return bytes;
  }

  public byte[] smallestKey() {
    byte[] smallest = null;
    for (Input input : inputs) {
      if (smallest == null || Bytes.compare(input.file.smallest(), smallest) < 0) {
        smallest = input.file.smallest();
      }
    }
    return smallest;
  }

  public byte[] largestKey() {
    byte[] largest = null;
    for (Input input : inputs) {
      if (largest == null || Bytes.compare(input.file.largest(), largest) > 0) {
        largest = input.file.largest();
      }
    }
    return largest;
  }

  /** The edit that replaces the inputs with {@code outputs} in {@link #outputLevel}. */
  public VersionEdit.Builder toEdit(List<FileMeta> outputs) {
    VersionEdit.Builder edit = VersionEdit.builder();
    for (Input input : inputs) {
      edit.delete(input.level, input.file.number());
    }
    for (FileMeta output : outputs) {
      edit.add(outputLevel, output);
    }
    return edit;
  }

  @Override
  public String toString() {
    StringBuilder files = new StringBuilder();
    for (Input input : inputs) {
      files.append(" L").append(input.level).append('#').append(input.file.number());
    }
    return kind + files.toString() + " -> L" + outputLevel + " (" + reason + ")";
  }
}
