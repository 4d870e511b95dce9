package dev.ddialab.storage.crash;

import dev.ddialab.storage.Engines;
import dev.ddialab.storage.KvEngine;
import dev.ddialab.storage.hashlog.HashLogEngine;
import dev.ddialab.storage.lsm.LsmEngine;
import dev.ddialab.storage.lsm.LsmOptions;
import dev.ddialab.storage.lsm.OptionsFile;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The process that gets killed: opens DB and performs {@link CrashWorkload} operations from
 * {@code FROM} on, each synced, printing {@code ack <i>} only after operation {@code i} returned.
 * Runs until killed, or for {@code COUNT} operations if given.
 *
 * <p>Usage: {@code AckingWriter DB FROM [COUNT]}. A hashlog database is opened with tiny segments
 * and eager merging, so that kills land in segment rollover and merges as well as plain appends.
 * An lsm database is opened with tiny memtables, tables and manifest segments
 * ({@link LsmOptions#tiny}), so that kills land in flushes, compactions and manifest rotations.
 */
public final class AckingWriter {
  private AckingWriter() {}

  public static void main(String[] args) throws Exception {
    run(open(Path.of(args[0])), args);
  }

  /**
   * Runs the writer loop on an engine already opened from {@code args[0]}; other harnesses (the
   * benchmark's torture command, with peer engines) reuse it. Closes the engine if it ever ends.
   */
  public static void run(KvEngine opened, String[] args) throws Exception {
    long from = Long.parseLong(args[1]);
    long count = args.length > 2 ? Long.parseLong(args[2]) : Long.MAX_VALUE;
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false);
    try (KvEngine engine = opened) {
      out.println("ready");
      out.flush();
      for (long i = from; i - from < count; i++) {
        CrashWorkload.execute(engine, i);
        out.println("ack " + i);
        out.flush();
      }
    }
  }

  /** Opens a database for crash testing, with settings that make every code path busy. */
  public static KvEngine open(Path db) throws java.io.IOException {
    if (Engines.readEngineName(db).equals(HashLogEngine.NAME)) {
      return HashLogEngine.open(db, new HashLogEngine.Options(16 * 1024, 0.3, 16 * 1024, true));
    }
    if (Engines.readEngineName(db).equals(LsmEngine.NAME)) {
      return LsmEngine.open(db, LsmOptions.tiny(OptionsFile.read(db).compaction()));
    }
    return Engines.open(db);
  }
}
