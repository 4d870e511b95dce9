package dev.ddialab.storage.cli;

import dev.ddialab.core.Bytes;
import dev.ddialab.core.Units;
import dev.ddialab.storage.EngineStats;
import dev.ddialab.storage.Engines;
import dev.ddialab.storage.KvEngine;
import dev.ddialab.storage.KvEntry;
import dev.ddialab.storage.KvIterator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ddia kv}: a key-value database in a directory, on the storage engine chosen at creation.
 * Every write command prints {@code OK} only after the write is durable (synced).
 */
@Command(
    name = "kv",
    mixinStandardHelpOptions = true,
    description = "A key-value store on disk (ch. 3): create a database on an engine, then set, get,"
        + " delete, range-scan, compact, and look inside; or simulate compaction policies.",
    subcommands = {
        KvCommand.Create.class, KvCommand.Set.class, KvCommand.Get.class, KvCommand.Delete.class,
        KvCommand.Range.class, KvCommand.Stats.class, KvCommand.Compact.class, KvShell.class,
        KvImport.class, SimulateCompactionCommand.class})
public final class KvCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "no kv command given");
  }

  /** The exit code of {@code get} for a missing key, as the seed transcripts expect. */
  static final int MISSING = 1;

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Create an empty database in directory DB (the engine is recorded there).")
  static final class Create implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DB", description = "Directory for the new database.")
    Path db;

    @Option(names = "--engine", defaultValue = "hashlog", paramLabel = "ENGINE",
        description = "Storage engine: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
        completionCandidates = EngineNames.class)
    String engine;

    @Option(names = "--compaction", paramLabel = "STYLE",
        description = "For --engine lsm: leveled (the default) or tiered (size-tiered).")
    String compaction;

    @Option(names = {"-o", "--option"}, paramLabel = "NAME=VALUE",
        description = "An engine option, e.g. memtable_bytes=1048576 for lsm (repeatable; the"
            + " names are listed in the database's OPTIONS file).")
    Map<String, String> options = new java.util.LinkedHashMap<>();

    @Override
    public Integer call() throws IOException {
      if (!Engines.NAMES.contains(engine)) {
        throw new ParameterException(spec.commandLine(), "unknown engine '" + engine
            + "'; available: " + String.join(", ", Engines.NAMES));
      }
      Map<String, String> engineOptions = new java.util.LinkedHashMap<>(options);
      if (compaction != null && !engine.equals("lsm")) {
        throw new ParameterException(spec.commandLine(), "--compaction applies to --engine lsm"
            + " only");
      }
      if (compaction != null) {
        engineOptions.put("compaction", compaction);
      }
      KvEngine created;
      try {
        created = Engines.create(db, engine, engineOptions);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
      try (created) {
        spec.commandLine().getOut().println("created " + created.name() + " database at " + db);
      }
      return 0;
    }
  }

  /** Engines offered by {@code --engine}, for help text and shell completion. */
  static final class EngineNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return Engines.NAMES.iterator();
    }
  }

  @Command(name = "set", mixinStandardHelpOptions = true,
      description = "Set KEY to VALUE; prints OK once the write is durable.")
  static final class Set implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DB")
    Path db;

    @Parameters(index = "1", paramLabel = "KEY")
    String key;

    @Parameters(index = "2", paramLabel = "VALUE")
    String value;

    @Override
    public Integer call() throws IOException {
      try (KvEngine engine = Engines.open(db)) {
        engine.put(Bytes.utf8(key), Bytes.utf8(value));
      }
      spec.commandLine().getOut().println("OK");
      return 0;
    }
  }

  @Command(name = "get", mixinStandardHelpOptions = true,
      description = "Print the value of KEY, or (nil) and exit 1 if it is missing.")
  static final class Get implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DB")
    Path db;

    @Parameters(index = "1", paramLabel = "KEY")
    String key;

    @Override
    public Integer call() throws IOException {
      Optional<byte[]> value;
      try (KvEngine engine = Engines.open(db)) {
        value = engine.get(Bytes.utf8(key));
      }
      spec.commandLine().getOut().println(value.map(Bytes::utf8).orElse("(nil)"));
      return value.isPresent() ? 0 : MISSING;
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true,
      description = "Delete KEY (a tombstone is written); prints OK once durable.")
  static final class Delete implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DB")
    Path db;

    @Parameters(index = "1", paramLabel = "KEY")
    String key;

    @Override
    public Integer call() throws IOException {
      try (KvEngine engine = Engines.open(db)) {
        engine.delete(Bytes.utf8(key));
      }
      spec.commandLine().getOut().println("OK");
      return 0;
    }
  }

  @Command(name = "range", mixinStandardHelpOptions = true,
      description = "Print 'key: value' for FROM <= key < TO, in key order (bytes compared"
          + " unsigned). Use \"\" for an open bound.")
  static final class Range implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DB")
    Path db;

    @Parameters(index = "1", paramLabel = "FROM", description = "First key (inclusive).")
    String from;

    @Parameters(index = "2", paramLabel = "TO", description = "End key (exclusive).")
    String to;

    @Option(names = "--limit", paramLabel = "N", description = "Print at most N entries.")
    Long limit;

    @Override
    public Integer call() throws IOException {
      if (limit != null && limit < 0) {
        throw new ParameterException(spec.commandLine(), "--limit must not be negative");
      }
      PrintWriter out = spec.commandLine().getOut();
      try (KvEngine engine = Engines.open(db);
          KvIterator it = engine.scan(bound(from), bound(to))) {
        long printed = 0;
        while (it.hasNext() && (limit == null || printed < limit)) {
          KvEntry entry = it.next();
          out.println(Bytes.utf8(entry.key()) + ": " + Bytes.utf8(entry.value()));
          printed++;
        }
      }
      out.flush();
      return 0;
    }

    private static byte[] bound(String key) {
      return key.isEmpty() ? null : Bytes.utf8(key);
    }
  }

  @Command(name = "stats", mixinStandardHelpOptions = true,
      description = "Engine figures: segments or levels, live keys, dead bytes, amplification.")
  static final class Stats implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DB")
    Path db;

    @Override
    public Integer call() throws IOException {
      EngineStats stats;
      try (KvEngine engine = Engines.open(db)) {
        stats = engine.stats();
      }
      print(spec.commandLine().getOut(), stats);
      return 0;
    }

    /** One {@code name: value} line per figure, e.g. {@code Level 0: 5 SSTables, 12.3 MiB}. */
    static void print(PrintWriter out, EngineStats stats) {
      out.printf("engine: %s%n", stats.engine());
      for (Map.Entry<String, String> detail : stats.details().entrySet()) {
        out.printf("%s: %s%n", detail.getKey(), detail.getValue());
      }
      out.printf("size on disk: %s%n", Units.formatBytes(stats.diskBytes()));
      out.flush();
    }
  }

  @Command(name = "compact", mixinStandardHelpOptions = true,
      description = "Merge or compact now, dropping overwritten values and tombstones.")
  static final class Compact implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DB")
    Path db;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      try (KvEngine engine = Engines.open(db)) {
        EngineStats before = engine.stats();
        engine.compact();
        EngineStats after = engine.stats();
        out.printf("compacted %s: %s -> %s on disk (%s reclaimed)%n", db,
            Units.formatBytes(before.diskBytes()), Units.formatBytes(after.diskBytes()),
            Units.formatBytes(Math.max(0, before.diskBytes() - after.diskBytes())));
        String deadBefore = before.details().get("dead bytes");
        if (deadBefore != null) {
          out.printf("dead bytes: %s -> %s%n", deadBefore, after.details().get("dead bytes"));
        }
      }
      out.flush();
      return 0;
    }
  }
}
