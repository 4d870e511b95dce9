package dev.ddialab.storage.lsm;

import dev.ddialab.storage.Directories;
import dev.ddialab.storage.lsm.iterator.InternalIterator;
import dev.ddialab.storage.lsm.sstable.SsTableReader;
import dev.ddialab.storage.lsm.sstable.SsTableWriter;
import dev.ddialab.storage.lsm.sstable.TableOptions;
import dev.ddialab.storage.lsm.sstable.TableProperties;
import dev.ddialab.storage.lsm.version.FileMeta;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The tables a flush or a compaction writes: entries go into a new table until it reaches
 * {@code tableBytesMax}, then into the next, and {@link #finish()} forces them, makes their names
 * durable and opens them for reading. Until their edit is in the manifest they are garbage that
 * recovery would delete; {@link #abandon()} deletes them at once. Not thread-safe.
 */
final class TableOutputs {
  private final VersionSet versions;
  private final TableOptions options;
  private final long tableBytesMax;
  private final List<FileMeta> finished = new ArrayList<>();
  private final Map<Long, SsTableReader> readers = new LinkedHashMap<>();
  private SsTableWriter writer;
  private long writerNumber;
  private long bytesWritten;

  TableOutputs(VersionSet versions, TableOptions options, long tableBytesMax) {
    this.versions = versions;
    this.options = options;
    this.tableBytesMax = tableBytesMax;
  }

  /**
   * Writes the newest version of each user key in {@code input} (which must be in internal
   * order), skipping tombstones when {@code dropTombstones}. Older versions are dropped: no reader
   * needs them, since every open read holds the tables it started with. Splits only between user
   * keys, so a key never spans two tables of a level.
   *
   * @return entries read from the input
   */
  long writeNewestVersions(InternalIterator input, boolean dropTombstones,
      BooleanSupplier cancelled) throws IOException {
    long read = 0;
    byte[] previous = null;
    input.seekToFirst();
    // Bounded by the input's entries.
    while (input.isValid()) {
      if ((read & 1023) == 0 && cancelled.getAsBoolean()) {
        throw new CancelledException();
      }
      read++;
      byte[] key = input.userKey();
      if (previous == null || !Arrays.equals(previous, key)) {
        previous = key;
        if (!(input.isTombstone() && dropTombstones)) {
          add(key, input.sequence(), input.isTombstone(), input.value());
        }
      }
      input.next();
    }
    return read;
  }

  /** A job stopped because the engine is closing; its outputs are abandoned. */
  static final class CancelledException extends RuntimeException {
    CancelledException() {
      super("cancelled: the database is closing", null, false, false);
    }
  }

  void add(byte[] userKey, long sequence, boolean tombstone, byte[] value) throws IOException {
    if (writer == null) {
      writerNumber = versions.newFileNumber();
      writer = SsTableWriter.create(versions.tablePath(writerNumber), options);
    }
    writer.add(userKey, sequence, tombstone, value);
    if (writer.estimatedBytes() >= tableBytesMax) {
      finishTable();
    }
  }

  private void finishTable() throws IOException {
    TableProperties p = writer.finish();
    long size = writer.fileBytes();
    bytesWritten += size;
    finished.add(new FileMeta(writerNumber, size, p.smallestUserKey(), p.largestUserKey(),
        p.entries(), p.tombstones(), p.minSequence(), p.maxSequence()));
    writer = null;
  }

  /** Finishes the last table, makes every name durable and opens the tables. */
  List<FileMeta> finish() throws IOException {
    if (writer != null) {
      finishTable();
    }
    if (!finished.isEmpty()) {
      Directories.force(versions.tablePath(0).getParent());
    }
    for (FileMeta meta : finished) {
      readers.put(meta.number(), VersionSet.openChecked(versions.tablePath(meta.number()), meta,
          versions.cache()));
    }
    return List.copyOf(finished);
  }

  Map<Long, SsTableReader> readers() {
    return readers;
  }

  long bytesWritten() {
    return bytesWritten;
  }

  /**
   * Closes everything written and deletes it, unless an edit naming the tables may have reached
   * the manifest (a failed sync can still leave the record in the file): then the tables stay
   * for the next open to keep or sweep. Failures are attached to {@code cause}.
   */
  void abandon(Throwable cause, boolean maybeInManifest) {
    try {
      if (writer != null) {
        writer.abandon();
      }
      for (SsTableReader reader : readers.values()) {
        reader.close();
      }
      if (maybeInManifest) {
        return;
      }
      for (FileMeta meta : finished) {
        Files.deleteIfExists(versions.tablePath(meta.number()));
      }
    } catch (IOException e) {
      cause.addSuppressed(e);
    }
  }
}
