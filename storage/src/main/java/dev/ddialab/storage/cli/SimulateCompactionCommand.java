package dev.ddialab.storage.cli;

import dev.ddialab.core.Clock;
import dev.ddialab.core.Progress;
import dev.ddialab.core.Units;
import dev.ddialab.storage.lsm.LsmOptions;
import dev.ddialab.storage.lsm.compaction.CompactionStyle;
import dev.ddialab.storage.lsm.compaction.TieredPolicy;
import dev.ddialab.storage.lsm.version.FileMeta;
import dev.ddialab.storage.lsm.version.LevelSummary;
import dev.ddialab.storage.lsm.version.Version;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ddia kv simulate-compaction}: the LSM engine's compaction policies run over the same
 * seeded writes in a {@link dev.ddialab.storage.lsm.compaction.CompactionSimulator}, without
 * disks, to compare what DDIA ch. 3 says of them: leveled compaction rewrites more, size-tiered
 * keeps more redundant copies around.
 */
@Command(name = "simulate-compaction", mixinStandardHelpOptions = true,
    description = "Run the lsm compaction policies over simulated writes, without disks, and print"
        + " each one's write and space amplification and final shape.")
final class SimulateCompactionCommand implements Callable<Integer> {
  /** Bytes of every simulated key, about what {@code user:%011d} takes. */
  static final int KEY_BYTES = 16;
  /** The simulator keeps every key of every table in memory, about 100 bytes each. */
  static final int MAX_KEY_SPACE = 2_000_000;
  static final int MAX_VALUE_BYTES = 1 << 20;
  /** Keeps byte counts (puts times entry bytes) far from overflowing a long. */
  static final long MAX_WRITES = 1_000_000_000L;
  private static final long PROGRESS_FROM = 500_000;
  /**
   * The engine's default sizes divided by 64 (memtable 256 KiB, tables 128 KiB, L1 1 MiB), so a
   * few hundred thousand writes already fill several levels; ratios and triggers are unchanged.
   */
  private static final Map<String, String> SCALED = Map.of("memtable_bytes", "262144",
      "table_bytes", "131072", "level1_bytes", "1048576");

  @Spec
  CommandSpec spec;

  @Option(names = "--policy", defaultValue = "both", paramLabel = "POLICY",
      description = "leveled, tiered or both (default: ${DEFAULT-VALUE}).")
  String policy;

  @Option(names = "--writes", required = true, paramLabel = "N", description = "Puts to simulate.")
  long writes;

  @Option(names = "--key-space", paramLabel = "K",
      description = "Keys are drawn uniformly from K keys (default: N, at most " + MAX_KEY_SPACE
          + "); a smaller K means more overwrites.")
  Integer keySpace;

  @Option(names = "--value-size", defaultValue = "100", paramLabel = "B",
      description = "Bytes per value (default: ${DEFAULT-VALUE}); keys take " + KEY_BYTES + ".")
  int valueSize;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
      description = "Random seed (default: ${DEFAULT-VALUE}); every policy gets the same writes.")
  long seed;

  @Option(names = {"-o", "--option"}, paramLabel = "NAME=VALUE",
      description = "An lsm sizing option as in 'kv create', e.g. memtable_bytes=1048576 or"
          + " level_size_ratio=4 (repeatable; default sizes are the engine's divided by 64).")
  Map<String, String> options = new LinkedHashMap<>();

  @Override
  public Integer call() {
    List<CompactionStyle> styles = styles();
    SimulatedWrites workload = workload();
    List<LsmOptions> geometries = new ArrayList<>();
    for (CompactionStyle style : styles) {
      geometries.add(geometry(style));
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "workload: %,d puts of keys drawn uniformly from %,d (seed %d),"
            + " %d B each (%d B key + %d B value); no disks%n", writes, workload.keySpace(), seed,
        workload.entryBytes(), KEY_BYTES, valueSize);
    out.printf(Locale.ROOT, "memtable: %s (flushed every %,d puts)%n",
        Units.formatBytes(workload.memtableBytes()), workload.writesPerMemtable());
    List<SimulatedWrites.Result> results = new ArrayList<>();
    try (Progress progress = progress(writes * styles.size())) {
      for (LsmOptions geometry : geometries) {
        results.add(workload.run(geometry.policy(), progress));
      }
    }
    for (SimulatedWrites.Result result : results) {
      print(out, result);
    }
    if (results.size() == 2) {
      SimulatedWrites.Result leveled = results.get(0);
      SimulatedWrites.Result tiered = results.get(1);
      out.printf(Locale.ROOT, "%ntiered against leveled: %.2fx the write amplification,"
              + " %.2fx the space amplification (averaged)%n",
          tiered.writeAmplification() / leveled.writeAmplification(),
          tiered.meanSpaceAmplification() / leveled.meanSpaceAmplification());
    }
    out.flush();
    return 0;
  }

  private List<CompactionStyle> styles() {
    return switch (policy) {
      case "leveled" -> List.of(CompactionStyle.LEVELED);
      case "tiered" -> List.of(CompactionStyle.TIERED);
      case "both" -> List.of(CompactionStyle.LEVELED, CompactionStyle.TIERED);
      default -> throw usage("unknown --policy '" + policy + "' (leveled, tiered, both)");
    };
  }

  private SimulatedWrites workload() {
    if (writes < 1 || writes > MAX_WRITES) {
      throw usage(String.format(Locale.ROOT, "--writes must be between 1 and %,d", MAX_WRITES));
    }
    int keys = keySpace != null ? keySpace : (int) Math.min(writes, MAX_KEY_SPACE);
    if (keys < 1 || keys > MAX_KEY_SPACE) {
      throw usage(String.format(Locale.ROOT, "--key-space must be between 1 and %,d (the"
          + " simulator keeps every key in memory)", MAX_KEY_SPACE));
    }
    if (valueSize < 0 || valueSize > MAX_VALUE_BYTES) {
      throw usage("--value-size must be between 0 and " + MAX_VALUE_BYTES);
    }
    long memtableBytes = geometry(CompactionStyle.LEVELED).memtableBytes();
    return new SimulatedWrites(writes, keys, KEY_BYTES + valueSize, memtableBytes, seed);
  }

  private LsmOptions geometry(CompactionStyle style) {
    if (options.containsKey("compaction")) {
      throw usage("choose the compaction style with --policy, not -o compaction");
    }
    Map<String, String> settings = new LinkedHashMap<>(SCALED);
    settings.putAll(options);
    try {
      return LsmOptions.defaults(style).with(settings);
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  private static Progress progress(long total) {
    if (total >= PROGRESS_FROM) {
      return new Progress("simulating", total);
    }
    return new Progress(new PrintStream(OutputStream.nullOutputStream()), "", total, false,
        Clock.system());
  }

  private static void print(PrintWriter out, SimulatedWrites.Result r) {
    long user = r.userBytes();
    out.printf("%n%s%n", r.sim().policy().describe());
    out.printf(Locale.ROOT, "  write amplification: %.2f (WAL 1.00 + flush %.2f + compaction"
            + " %.2f)%n", r.writeAmplification(), (double) r.sim().bytesFlushed() / user,
        (double) r.sim().bytesCompacted() / user);
    out.printf(Locale.ROOT, "  space amplification: %.2f (averaged after each flush; %.2f at the"
            + " end, %.2f at the peak, while a merge's output sat beside its inputs)%n",
        r.meanSpaceAmplification(), r.finalSpaceAmplification(), r.peakSpaceAmplification());
    out.printf(Locale.ROOT, "  live data: %s in %s of tables%n", Units.formatBytes(r.liveBytes()),
        Units.formatBytes(r.sim().version().totalBytes()));
    out.printf(Locale.ROOT, "  work: %,d flushes, %,d merges, %,d moves%n", r.flushes(),
        r.sim().merges(), r.sim().moves());
    Version version = r.sim().version();
    if (r.sim().policy() instanceof TieredPolicy tiered) {
      out.printf("  Level 0: %s (each a sorted run)%n", LevelSummary.of(version.level(0)));
      TreeMap<Integer, List<FileMeta>> tiers = new TreeMap<>();
      for (FileMeta run : version.level(0)) {
        tiers.computeIfAbsent(tiered.tier(run.sizeBytes()), t -> new ArrayList<>()).add(run);
      }
      tiers.forEach((tier, runs) -> out.printf("  tier %d: %s%n", tier, LevelSummary.of(runs)));
    } else {
      for (int level = 0; level <= Math.max(1, version.deepestNonEmptyLevel()); level++) {
        out.printf("  Level %d: %s%n", level, LevelSummary.of(version.level(level)));
      }
    }
  }
}
