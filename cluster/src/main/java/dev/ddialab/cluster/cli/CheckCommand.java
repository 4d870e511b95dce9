package dev.ddialab.cluster.cli;

import dev.ddialab.cluster.check.LinearizabilityChecker;
import dev.ddialab.cluster.check.LinearizabilityResult;
import dev.ddialab.cluster.check.Models;
import dev.ddialab.cluster.check.SetFullChecker;
import dev.ddialab.cluster.history.History;
import dev.ddialab.cluster.history.HistoryParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ddia check}: consistency checkers over recorded histories (Jepsen logs or EDN), the
 * verdicts of DDIA ch. 9 for any system, ours or not.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = "Check a recorded history (ch. 9): linearizability against a model, or"
        + " set-full (lost and stale elements).",
    subcommands = {CheckCommand.Linearizability.class, CheckCommand.SetFull.class})
public final class CheckCommand implements Runnable {
  /** Exit code when the checker ran out of budget and could not decide. */
  static final int UNDECIDED = 3;

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "no check given");
  }

  @Command(name = "linearizability", mixinStandardHelpOptions = true,
      description = {"Is the history linearizable? Prints 'linearizable' (exit 0) or 'not"
          + " linearizable' and the operations that cannot be ordered (exit 1).",
          "Exit 3: undecided within --timeout."})
  static final class Linearizability implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", defaultValue = "cas-register", paramLabel = "MODEL",
        description = "register, cas-register, kv (per-key get/put/append), lin-kv (per-key"
            + " cas-register), list-append, counter, set (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--timeout", defaultValue = "PT60S", paramLabel = "DURATION",
        description = "Give up after this long, ISO-8601 (default: 60 s).")
    Duration timeout;

    @Option(names = "--stats", description = "Also print operations, keys, steps and time.")
    boolean stats;

    @Parameters(index = "0", paramLabel = "FILE",
        description = "A Jepsen log (INFO jepsen.util - 0 :invoke :read nil) or EDN history.")
    Path file;

    @Override
    public Integer call() throws IOException {
      if (!Models.names().contains(model)) {
        throw new ParameterException(spec.commandLine(), "unknown model '" + model
            + "'; known: " + String.join(", ", Models.names()));
      }
      History history = HistoryParser.parse(file);
      long start = System.nanoTime();
      LinearizabilityResult result = new LinearizabilityChecker(Models.byName(model),
          Long.MAX_VALUE, timeout).check(history);
      long millis = (System.nanoTime() - start) / 1_000_000;
      PrintWriter out = spec.commandLine().getOut();
      out.println(result.summary());
      if (!result.explanation().isEmpty()) {
        out.println(result.explanation());
      }
      if (stats) {
        out.printf("%d operations, %d %s, %,d search steps, %d ms%n", result.operations(),
            result.partitions(), result.partitions() == 1 ? "key" : "keys", result.searchSteps(),
            millis);
      }
      out.flush();
      return switch (result.verdict()) {
        case LINEARIZABLE -> 0;
        case NOT_LINEARIZABLE -> 1;
        case UNKNOWN -> UNDECIDED;
      };
    }
  }

  @Command(name = "set-full", mixinStandardHelpOptions = true,
      description = "Adds and whole-set reads: are acknowledged elements lost (exit 1) or only"
          + " stale (exit 0)?")
  static final class SetFull implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Override
    public Integer call() throws IOException {
      SetFullChecker.Result result = SetFullChecker.check(HistoryParser.parse(file));
      PrintWriter out = spec.commandLine().getOut();
      out.println(result.valid() ? "valid" : "invalid");
      out.println(result.summary());
      out.flush();
      return result.valid() ? 0 : 1;
    }
  }
}
