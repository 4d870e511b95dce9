package dev.ddialab.storage.lsm.version;

import java.util.ArrayList;
import java.util.List;

/**
 * One change to the set of live tables, as appended to the manifest: tables added (by a flush or
 * a compaction's outputs) and deleted (a compaction's inputs), plus the counters that must survive
 * a restart. Applying edits in order to an empty {@link Version} rebuilds the current one. A
 * {@code snapshot} edit describes the whole state and starts from an empty version; the manifest
 * writes one when it starts a new segment, so that older segments can be deleted.
 *
 * @param logNumber WAL segments below this are flushed into tables and may be deleted; -1 if
 *     unchanged
 * @param nextFileNumber every file number in use is below this; -1 if unchanged
 * @param lastSequence every sequence number in a table is at most this; -1 if unchanged
 * @param counters lifetime amplification counters as of this edit; null if unchanged
 */
public record VersionEdit(boolean snapshot, List<NewFile> added, List<DeletedFile> deleted,
    long logNumber, long nextFileNumber, long lastSequence, Counters counters) {

  public record NewFile(int level, FileMeta meta) {}

  public record DeletedFile(int level, long number) {}

  /**
   * Bytes counted over the database's life: what the user asked to write, and what the engine
   * wrote to the WAL, to flushed tables and to compaction outputs (write amplification).
   */
  public record Counters(long userBytes, long walBytes, long flushBytes, long compactionBytes) {
    public static final Counters ZERO = new Counters(0, 0, 0, 0);

    public long diskBytes() {
      return walBytes + flushBytes + compactionBytes;
    }
  }

  public VersionEdit {
    added = List.copyOf(added);
    deleted = List.copyOf(deleted);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Collects an edit's parts. Not thread-safe. */
  public static final class Builder {
    private boolean snapshot;
    private final List<NewFile> added = new ArrayList<>();
    private final List<DeletedFile> deleted = new ArrayList<>();
    private long logNumber = -1;
    private long nextFileNumber = -1;
    private long lastSequence = -1;
    private Counters counters;

    public Builder snapshot() {
      snapshot = true;
      return this;
    }

    public Builder add(int level, FileMeta meta) {
      added.add(new NewFile(level, meta));
      return this;
    }

    public Builder delete(int level, long number) {
      deleted.add(new DeletedFile(level, number));
      return this;
    }

    public Builder logNumber(long value) {
      logNumber = value;
      return this;
    }

    public Builder nextFileNumber(long value) {
      nextFileNumber = value;
      return this;
    }

    public Builder lastSequence(long value) {
      lastSequence = value;
      return this;
    }

    public Builder counters(Counters value) {
      counters = value;
      return this;
    }

    public VersionEdit build() {
      return new VersionEdit(snapshot, added, deleted, logNumber, nextFileNumber, lastSequence,
          counters);
    }
  }
}
