package dev.ddialab.cli.tour;

import dev.ddialab.core.LatencyRecorder;
import dev.ddialab.core.Units;
import dev.ddialab.core.tour.TourContext;
import dev.ddialab.core.tour.TourStep;
import java.util.random.RandomGenerator;

/**
 * DDIA ch. 1, "Describing Performance": why we report percentiles rather than the mean, and how
 * fan-out amplifies the tail. The latencies are drawn from a model service (log-normal around
 * 5 ms, with 1% of requests caught by a 200 ms pause), then measured with core's
 * {@link LatencyRecorder}, the histogram every benchmark in DDIA Lab uses.
 */
public final class PercentilesStep implements TourStep {
  private static final int REQUESTS = 200_000;
  private static final int FAN_OUT = 10;
  private static final double MEDIAN_MILLIS = 5.0;
  private static final double PAUSE_PROBABILITY = 0.01;
  private static final double PAUSE_MILLIS = 200.0;

  @Override
  public int chapter() {
    return 1;
  }

  @Override
  public String title() {
    return "Percentiles, not averages, and tail latency amplification";
  }

  @Override
  public void run(TourContext tour) {
    RandomGenerator random = tour.random();
    tour.say("A model backend answers in ~%.0f ms (log-normal), but %.0f%% of requests hit",
        MEDIAN_MILLIS, PAUSE_PROBABILITY * 100);
    tour.say("a %.0f ms pause.", PAUSE_MILLIS);
    tour.say("Recording %,d requests in an HdrHistogram-backed LatencyRecorder ...", REQUESTS);
    LatencyRecorder backend = new LatencyRecorder();
    for (int i = 0; i < REQUESTS; i++) {
      backend.record(backendLatencyNanos(random));
    }
    tour.measured("mean ", Units.formatNanos((long) backend.mean()));
    tour.measured("p50  ", Units.formatNanos(backend.p50()));
    tour.measured("p99  ", Units.formatNanos(backend.p99()));
    tour.measured("p99.9", Units.formatNanos(backend.p999()));
    tour.say("The mean describes no actual request: most are faster, and the slow ones are");
    tour.say("far slower. The p99 shows the pauses; the mean hides them.");

    tour.say("");
    tour.say("Now each user request fans out to %d backends in parallel and waits for the"
        + " slowest.", FAN_OUT);
    long backendP99Nanos = backend.p99();
    LatencyRecorder user = new LatencyRecorder();
    int slowerThanBackendP99 = 0;
    for (int i = 0; i < REQUESTS / FAN_OUT; i++) {
      long slowest = 0;
      for (int call = 0; call < FAN_OUT; call++) {
        slowest = Math.max(slowest, backendLatencyNanos(random));
      }
      user.record(slowest);
      if (slowest > backendP99Nanos) {
        slowerThanBackendP99++;
      }
    }
    double measuredShare = (double) slowerThanBackendP99 / (REQUESTS / FAN_OUT);
    double predictedShare = 1 - Math.pow(0.99, FAN_OUT);
    tour.measured("user p50", Units.formatNanos(user.p50()));
    tour.measured("user p99", Units.formatNanos(user.p99()));
    tour.measured("user requests slower than the backend p99",
        String.format("%.1f%% (1 - 0.99^%d predicts %.1f%%)",
            measuredShare * 100, FAN_OUT, predictedShare * 100));
    tour.say("One slow backend call in a hundred becomes one slow user request in ten:");
    tour.say("tail latency amplification.");
  }

  private static long backendLatencyNanos(RandomGenerator random) {
    if (random.nextDouble() < PAUSE_PROBABILITY) {
      return (long) (PAUSE_MILLIS * 1e6 * (1 + random.nextDouble() * 0.1));
    }
    double logNormal = Math.exp(Math.log(MEDIAN_MILLIS) + 0.5 * random.nextGaussian());
    return (long) (logNormal * 1e6);
  }
}
