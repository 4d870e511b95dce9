package dev.ddialab.cluster.cli;

import dev.ddialab.cluster.scenario.EchoBench;
import dev.ddialab.core.Units;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ddia cluster bench-sim}: how many events per second the simulator processes. */
@Command(name = "bench-sim", mixinStandardHelpOptions = true,
    description = "Simulator throughput on an echo workload: events per second of wall time,"
        + " with and without the trace hash.")
public final class BenchSimCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--events", defaultValue = "5000000", paramLabel = "N",
      description = "Events per measured run (default: ${DEFAULT-VALUE}).")
  long events;

  @Option(names = "--servers", defaultValue = "5", paramLabel = "N")
  int servers;

  @Option(names = "--clients", defaultValue = "50", paramLabel = "N",
      description = "Closed-loop clients, each with one echo in flight (default: ${DEFAULT-VALUE}).")
  int clients;

  @Option(names = "--runs", defaultValue = "3", paramLabel = "N",
      description = "Measured runs after one warm-up (default: ${DEFAULT-VALUE}).")
  int runs;

  @Override
  public Integer call() {
    if (events < 1_000 || servers < 1 || clients < 1 || runs < 1) {
      throw new ParameterException(spec.commandLine(), "--events >= 1000, --servers, --clients"
          + " and --runs >= 1");
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf("echo workload: %d servers, %d closed-loop clients, %,d events per run%n", servers,
        clients, events);
    EchoBench.run(servers, clients, Math.min(events, 2_000_000), false, 0);
    for (boolean hashed : new boolean[] {false, true}) {
      double best = 0;
      for (int run = 1; run <= runs; run++) {
        EchoBench.Result r = EchoBench.run(servers, clients, events, hashed, run);
        best = Math.max(best, r.eventsPerSecond());
        out.printf("  run %d%s: %s (%,d events, %s virtual, %s wall)%n", run,
            hashed ? " with trace hash" : "", Units.formatRate(r.eventsPerSecond()), r.events(),
            Units.formatNanos(r.virtualNanos()), Units.formatNanos(r.wallNanos()));
        out.flush();
      }
      out.printf("best%s: %s%n", hashed ? " with trace hash" : "",
          Units.formatRate(best));
    }
    out.flush();
    return 0;
  }
}
