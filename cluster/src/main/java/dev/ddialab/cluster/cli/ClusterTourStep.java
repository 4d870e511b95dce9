package dev.ddialab.cluster.cli;

import dev.ddialab.cluster.check.LinearizabilityResult;
import dev.ddialab.cluster.history.OpType;
import dev.ddialab.cluster.scenario.RegisterScenario;
import dev.ddialab.cluster.systems.register.LwwRegisterNode;
import dev.ddialab.cluster.systems.register.SingleCopyRegisterNode;
import dev.ddialab.cluster.trace.TraceSink;
import dev.ddialab.core.Units;
import dev.ddialab.core.tour.TourContext;
import dev.ddialab.core.tour.TourStep;

/**
 * DDIA ch. 9, "Linearizability": two replicated registers in the deterministic simulator, the
 * same clients and the same partition (n1 cut off from 0.5 s to 2.5 s). Last-writer-wins replicas
 * that answer locally are caught by the checker; a single copy is linearizable, at the price of
 * requests that never get an answer.
 */
public final class ClusterTourStep implements TourStep {

  @Override
  public int chapter() {
    return 9;
  }

  @Override
  public String title() {
    return "Linearizability: a checker catches replicas that answer from a stale copy";
  }

  @Override
  public void run(TourContext tour) {
    long seed = tour.seed();
    RegisterScenario.Config config = RegisterScenario.Config.defaults(
        RegisterScenario.NemesisKind.PARTITION);
    tour.say("Three servers, four clients doing read, write and compare-and-set on two keys, in");
    tour.say("the deterministic simulator (virtual time, seed %d). At 0.5 s n1 is cut off from", seed);
    tour.say("n2 and n3; at 2.5 s the partition heals. Each history is then checked for");
    tour.say("linearizability (Wing-Gong search with memoisation, key by key).");
    tour.say("");
    tour.say("First: last-writer-wins replicas. Every node answers from its own copy at once and");
    tour.say("replicates in the background ...");
    RegisterScenario.Report lww = RegisterScenario.run(LwwRegisterNode.SYSTEM, config, seed,
        TraceSink.NONE);
    report(tour, "lww-register", lww);
    if (!lww.result().explanation().isEmpty()) {
      tour.say("The checker's explanation:");
      lww.result().explanation().lines().limit(14).forEach(line -> tour.say("  %s", line));
    }
    tour.say("");
    tour.say("Second: a single copy on n1; the other nodes relay to it ...");
    RegisterScenario.Report single = RegisterScenario.run(SingleCopyRegisterNode.SYSTEM, config,
        seed, TraceSink.NONE);
    report(tour, "single-register", single);
    long unanswered = single.history().ops().stream().filter(op -> op.type() == OpType.INFO)
        .count();
    tour.measured("single-register requests with no answer (recorded :info)",
        Long.toString(unanswered));
    tour.say("The single copy is linearizable because clients cut off from it get no answer:");
    tour.say("consistency paid for with availability, as the CAP argument says. Replay either run:");
    tour.say("  ./ddia cluster simulate --system lww-register --nemesis partition --seed %d", seed);
  }

  private static void report(TourContext tour, String name, RegisterScenario.Report report) {
    LinearizabilityResult result = report.result();
    tour.measured(name, result.summary() + " (" + report.history().pairs().size() + " operations, "
        + Units.formatNanos(report.stats().virtualNanos()) + " virtual, "
        + report.stats().messagesDropped() + " messages lost to the partition)");
  }
}
