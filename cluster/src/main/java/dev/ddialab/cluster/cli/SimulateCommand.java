package dev.ddialab.cluster.cli;

import dev.ddialab.cluster.ClusterSystem;
import dev.ddialab.cluster.Systems;
import dev.ddialab.cluster.scenario.BroadcastScenario;
import dev.ddialab.cluster.scenario.RegisterScenario;
import dev.ddialab.cluster.systems.register.KvMessage;
import dev.ddialab.cluster.trace.JsonLinesTrace;
import dev.ddialab.cluster.trace.LamportDiagram;
import dev.ddialab.cluster.trace.TraceBuffer;
import dev.ddialab.cluster.trace.TraceSink;
import dev.ddialab.core.Units;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ddia cluster simulate}: one deterministic run of a system under clients and a nemesis,
 * checked, with its seed; the same seed replays it exactly. Optionally writes the event trace as
 * JSON lines and a Lamport diagram of a time window.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = {"Run a system in the deterministic simulator and check it: linearizability"
        + " for the registers, delivery to every node for broadcast.",
        "Exit 0 if the check passes, 1 if not. The seed replays the run exactly."})
public final class SimulateCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--system", required = true, paramLabel = "NAME",
      description = "broadcast, lww-register, single-register.")
  String system;

  @Option(names = "--seed", paramLabel = "N", description = "Seed (default: a random one).")
  Long seed;

  @Option(names = "--nemesis", defaultValue = "partition", paramLabel = "KIND",
      description = "Registers: none, partition (isolate n1 from 0.5 s to 2.5 s) or random"
          + " (default: ${DEFAULT-VALUE}).")
  String nemesis;

  @Option(names = "--trace", paramLabel = "FILE", description = "Write every event as JSON lines.")
  Path trace;

  @Option(names = "--diagram", paramLabel = "FILE",
      description = "Write a Lamport diagram of --from-ms..--to-ms (.svg or .html).")
  Path diagram;

  @Option(names = "--from-ms", defaultValue = "400", paramLabel = "MS")
  long fromMillis;

  @Option(names = "--to-ms", defaultValue = "700", paramLabel = "MS")
  long toMillis;

  @Option(names = "--history", paramLabel = "FILE",
      description = "Write the clients' history as EDN (for 'ddia check').")
  Path history;

  @Override
  @SuppressWarnings("unchecked")
  public Integer call() throws IOException {
    if (!Systems.names().contains(system) || system.equals("echo")) {
      throw new ParameterException(spec.commandLine(), "--system must be broadcast,"
          + " lww-register or single-register");
    }
    RegisterScenario.NemesisKind kind;
    try {
      kind = RegisterScenario.NemesisKind.valueOf(nemesis.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--nemesis must be none, partition or"
          + " random");
    }
    if (diagram != null && fromMillis >= toMillis) {
      throw new ParameterException(spec.commandLine(), "--from-ms must be before --to-ms");
    }
    long runSeed = seed != null ? seed : System.nanoTime();
    PrintWriter out = spec.commandLine().getOut();
    TraceBuffer buffer = diagram == null ? null : new TraceBuffer(2_000_000);
    BufferedWriter traceFile = trace == null ? null
        : Files.newBufferedWriter(trace, StandardCharsets.UTF_8);
    TraceSink sink = TraceSink.NONE;
    if (traceFile != null) {
      sink = sink.and(new JsonLinesTrace(traceFile));
    }
    if (buffer != null) {
      sink = sink.and(buffer);
    }
    boolean passed;
    try {
      if (system.equals("broadcast")) {
        BroadcastScenario.Report report = BroadcastScenario.run(
            BroadcastScenario.Config.defaults(), runSeed, sink);
        out.println(report.valid() ? "every acknowledged message reached every node"
            : "broadcast FAILED");
        out.println("  " + report.setFull().summary());
        out.println("  " + report.convergence().explanation());
        printStats(out, report.stats(), report.traceHash());
        writeHistory(report.history());
        passed = report.valid();
      } else {
        RegisterScenario.Report report = RegisterScenario.run(
            (ClusterSystem<KvMessage>) Systems.byName(system),
            RegisterScenario.Config.defaults(kind), runSeed, sink);
        out.println(report.result().summary());
        if (!report.result().explanation().isEmpty()) {
          out.println(report.result().explanation());
        }
        printStats(out, report.stats(), report.traceHash());
        writeHistory(report.history());
        passed = report.result().linearizable();
      }
    } finally {
      if (traceFile != null) {
        traceFile.close();
      }
    }
    if (buffer != null) {
      String title = system + ", seed " + runSeed + ", " + fromMillis + "-" + toMillis + " ms";
      String text = diagram.toString().endsWith(".svg")
          ? LamportDiagram.svg(buffer.events(), fromMillis * 1_000_000, toMillis * 1_000_000)
          : LamportDiagram.html(buffer.events(), fromMillis * 1_000_000, toMillis * 1_000_000,
              title);
      Files.writeString(diagram, text, StandardCharsets.UTF_8);
      out.println("diagram: " + diagram);
    }
    if (trace != null) {
      out.println("trace: " + trace);
    }
    out.printf("seed %d; replay: ddia cluster simulate --system %s --nemesis %s --seed %d%n",
        runSeed, system, nemesis, runSeed);
    out.flush();
    return passed ? 0 : 1;
  }

  private void writeHistory(dev.ddialab.cluster.history.History h) throws IOException {
    if (history != null) {
      Files.writeString(history, h.toEdn(), StandardCharsets.UTF_8);
      spec.commandLine().getOut().println("history: " + history);
    }
  }

  private static void printStats(PrintWriter out, dev.ddialab.cluster.sim.Simulation.Stats s,
      long hash) {
    out.printf("  %,d events in %s virtual time; %,d messages sent, %,d lost, %,d duplicated;"
        + " %d crashes; trace hash %016x%n", s.events(), Units.formatNanos(s.virtualNanos()),
        s.messagesSent(), s.messagesDropped(), s.messagesDuplicated(), s.crashes(), hash);
  }
}
