package dev.ddialab.cli;

import dev.ddialab.core.Units;
import dev.ddialab.core.tour.TourContext;
import dev.ddialab.core.tour.TourStep;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./ddia tour}: runs every registered {@link TourStep} in book order on embedded defaults,
 * narrating and printing what each measured. Everything lives in one temporary directory that is
 * removed at the end, also when the tour is interrupted (a shutdown hook closes the context).
 */
@Command(
    name = "tour",
    mixinStandardHelpOptions = true,
    description = "A guided, narrated run of every system that exists today, on temporary"
        + " directories and free local ports; prints what it measured and cleans up after itself.")
final class TourCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--seed", description = "Seed for the tour's randomness (default: random, printed).")
  Long seed;

  @Option(names = "--only", paramLabel = "TEXT",
      description = "Run only the steps whose title contains TEXT (case-insensitive).")
  String only;

  @Option(names = "--list", description = "List the steps and exit.")
  boolean list;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    List<TourStep> steps = Systems.TOUR.stream()
        .filter(step -> only == null
            || step.title().toLowerCase(Locale.ROOT).contains(only.toLowerCase(Locale.ROOT)))
        .sorted(Comparator.comparingInt(TourStep::chapter))
        .toList();
    if (list) {
      steps.forEach(step -> out.printf("ch. %-2d  %s%n", step.chapter(), step.title()));
      return 0;
    }
    if (steps.isEmpty()) {
      throw new ParameterException(spec.commandLine(),
          "no tour step matches '" + only + "' (./ddia tour --list shows them)");
    }
    long tourSeed = seed != null ? seed : System.nanoTime() & 0xffff_ffffL;
    boolean color = Boolean.getBoolean("ddia.color") && System.getenv("NO_COLOR") == null;
    try (TourContext tour = new TourContext(out, color, tourSeed)) {
      Thread cleanupOnInterrupt = new Thread(tour::close, "tour-cleanup");
      Runtime.getRuntime().addShutdownHook(cleanupOnInterrupt);
      out.printf("DDIA Lab tour: %d step%s, seed %d, working in %s%n",
          steps.size(), steps.size() == 1 ? "" : "s", tourSeed, tour.root());
      long tourStart = System.nanoTime();
      int number = 0;
      for (TourStep step : steps) {
        number++;
        String heading = String.format("[%d/%d] Chapter %d: %s", number, steps.size(),
            step.chapter(), step.title());
        out.println();
        out.println(color ? "\u001b[1m" + heading + "\u001b[0m" : heading);
        long stepStart = System.nanoTime();
        step.run(tour);
        out.printf("  (step took %s)%n", Units.formatNanos(System.nanoTime() - stepStart));
      }
      out.println();
      out.printf("Tour finished in %s; removing %s.%n",
          Units.formatNanos(System.nanoTime() - tourStart), tour.root());
      Runtime.getRuntime().removeShutdownHook(cleanupOnInterrupt);
    }
    return 0;
  }
}
