package dev.ddialab.bench.cli;

import dev.ddialab.bench.peers.BenchEngines;
import dev.ddialab.core.tour.TourContext;
import dev.ddialab.storage.crash.AckingWriter;
import dev.ddialab.storage.crash.CrashHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ddia bench torture}: kill a writer process with SIGKILL N times and count what it lost.
 * The last line is exactly {@code kills: N, acknowledged writes lost: L, corrupt reopen: C}.
 */
@Command(
    name = "torture",
    mixinStandardHelpOptions = true,
    description = "Kill a synced writer with SIGKILL at random moments and verify every"
        + " acknowledged write after each reopen.")
public final class TortureCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--engine", required = true, paramLabel = "ENGINE",
      description = "Engine to torture: ${COMPLETION-CANDIDATES}.",
      completionCandidates = StorageBenchCommand.EngineNames.class)
  String engine;

  @Option(names = "--kills", defaultValue = "50", paramLabel = "N",
      description = "Writers to kill (default: ${DEFAULT-VALUE}).")
  int kills;

  @Option(names = "--max-run-millis", defaultValue = "500", paramLabel = "MS",
      description = "Most kills land up to this long after the writer is ready (default:"
          + " ${DEFAULT-VALUE}).")
  long maxRunMillis;

  @Option(names = "--seed", description = "Seed of the kill timings (default: random, printed).")
  Long seed;

  @Override
  public Integer call() throws Exception {
    if (!BenchEngines.all().contains(engine)) {
      throw new ParameterException(spec.commandLine(), "unknown engine '" + engine
          + "'; available: " + String.join(", ", BenchEngines.all()));
    }
    if (kills < 1 || maxRunMillis < 1) {
      throw new ParameterException(spec.commandLine(), "--kills and --max-run-millis must be >= 1");
    }
    long chosenSeed = seed != null ? seed : System.nanoTime();
    Path work = Files.createTempDirectory("ddia-torture-");
    try {
      Path db = work.resolve("db");
      BenchEngines.open(engine, db).close();
      System.err.printf("torture %s: %d kills, seed %d%n", engine, kills, chosenSeed);
      CrashHarness.Plan plan = new CrashHarness.Plan(TortureWriter.class, List.of(engine),
          db1 -> TortureWriter.open(engine, db1), kills, maxRunMillis, false,
          (kill, thisRun, total) -> System.err.printf("kill %d: %,d acknowledged this run%n",
              kill, thisRun), process -> {});
      CrashHarness.Result result = CrashHarness.run(db, plan, new Random(chosenSeed));
      System.out.printf("acknowledged writes: %,d; in-flight write found applied after %d kills%n",
          result.acknowledged(), result.inFlightApplied());
      System.out.printf("kills: %d, acknowledged writes lost: %d, corrupt reopen: %d%n",
          result.kills(), result.lostWrites(), result.corruptReopens());
      return result.lostWrites() == 0 && result.corruptReopens() == 0 ? 0 : 1;
    } finally {
      TourContext.deleteTree(work);
    }
  }

  /** The killed process: {@code TortureWriter ENGINE DB FROM}, acknowledging each synced write. */
  public static final class TortureWriter {
    private TortureWriter() {}

    static dev.ddialab.storage.KvEngine open(String engine, Path db) throws java.io.IOException {
      return BenchEngines.isOurs(engine) ? AckingWriter.open(db) : BenchEngines.open(engine, db);
    }

    public static void main(String[] args) throws Exception {
      String engine = args[0];
      String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
      AckingWriter.run(open(engine, Path.of(rest[0])), rest);
    }
  }
}
