package dev.ddialab.storage.lsm;

import dev.ddialab.storage.lsm.sstable.SsTableReader;
import dev.ddialab.storage.lsm.version.FileMeta;
import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An open SSTable with a reference count: one reference per {@link ReadView} that includes it.
 * A compaction marks its inputs obsolete once the manifest no longer names them; the file is
 * closed, and deleted if obsolete, when the last view that includes it is released. So a scan or
 * a read that started before the compaction keeps reading the old files to the end, and a file is
 * deleted only when no reader can still hold it.
 */
final class TableFile {
  final FileMeta meta;
  final SsTableReader reader;
  private final AtomicInteger refs = new AtomicInteger();
  private final VersionSet owner;
  private volatile boolean obsolete;

  TableFile(FileMeta meta, SsTableReader reader, VersionSet owner) {
    this.meta = meta;
    this.reader = reader;
    this.owner = owner;
  }

  void ref() {
    int before = refs.getAndIncrement();
    dev.ddialab.core.Invariants.check(before >= 0, "table #%d referenced after release",
        meta.number());
  }

  void unref() {
    int after = refs.decrementAndGet();
    dev.ddialab.core.Invariants.check(after >= 0, "table #%d released twice", meta.number());
    if (after == 0) {
      owner.released(this);
    }
  }

  /** The manifest no longer names this table: delete it once released. */
  void markObsolete() {
    obsolete = true;
  }

  boolean isObsolete() {
    return obsolete;
  }

  /** Closes the reader and, if obsolete, deletes the file. */
  void closeAndMaybeDelete() throws IOException {
    try {
      reader.close();
    } finally {
      if (obsolete) {
        Files.deleteIfExists(reader.file());
      }
    }
  }
}
