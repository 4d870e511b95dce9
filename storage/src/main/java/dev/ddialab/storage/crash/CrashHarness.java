package dev.ddialab.storage.crash;

import dev.ddialab.core.ChildJvm;
import dev.ddialab.storage.KvEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * Kills a real writer process with SIGKILL, again and again, and after each kill reopens the
 * database and checks that every acknowledged write is there and nothing else is (see
 * {@link CrashWorkload#verify}). Each new writer continues where the last acknowledged one
 * stopped, so damage from one kill is exercised by the recovery and writes of the next.
 */
public final class CrashHarness {
  private static final long READY_TIMEOUT_SECONDS = 60;

  /**
   * @param kills writers killed
   * @param acknowledged operations acknowledged over all runs
   * @param inFlightApplied kills after which the unacknowledged in-flight operation was found
   *     applied (legal: it was durable, the acknowledgment just had not been printed)
   */
  public record Result(int kills, long acknowledged, long inFlightApplied, long modelKeys) {}

  /** Receives a line after each kill, for progress. */
  public interface Listener {
    void killed(int kill, long acknowledgedThisRun, long acknowledgedTotal);
  }

  private CrashHarness() {}

  /**
   * Runs {@code kills} writer lifetimes against an existing database {@code db}. Most kills land
   * while the writer is writing ({@code 0..maxRunMillis} after it reported ready); one in five
   * lands at a random moment after start, possibly during its recovery.
   */
  public static Result run(Path db, int kills, long maxRunMillis, RandomGenerator random,
      Listener listener) throws IOException, InterruptedException {
    return run(db, kills, maxRunMillis, random, listener, writer -> {});
  }

  /**
   * As above; {@code started} sees each writer process as it starts, so that a caller who may
   * be interrupted (the tour) can make sure no writer outlives it.
   */
  public static Result run(Path db, int kills, long maxRunMillis, RandomGenerator random,
      Listener listener, java.util.function.Consumer<Process> started)
      throws IOException, InterruptedException {
    TreeMap<String, String> model = new TreeMap<>();
    long next = 0;
    long acknowledged = 0;
    long inFlightApplied = 0;
    Path acks = Files.createTempFile("ddia-crash-acks-", ".txt");
    try {
      for (int kill = 1; kill <= kills; kill++) {
        Process writer = ChildJvm.builder(AckingWriter.class, List.of(db.toString(), Long.toString(next)))
            .redirectOutput(acks.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
        started.accept(writer);
        if (random.nextInt(5) == 0) {
          Thread.sleep(random.nextLong(1, 400));
        } else {
          awaitReady(writer, acks);
          Thread.sleep(random.nextLong(1, Math.max(2, maxRunMillis)));
        }
        if (!writer.isAlive()) {
          throw new IOException("writer exited by itself with code " + writer.exitValue()
              + " (see its stderr above)");
        }
        writer.destroyForcibly(); // SIGKILL on POSIX: no shutdown hooks, no flushing
        writer.waitFor();
        long last = lastAcknowledged(acks, next - 1);
        for (long i = next; i <= last; i++) {
          CrashWorkload.apply(model, i);
        }
        acknowledged += last - next + 1;
        long inFlight = last + 1;
        try (KvEngine engine = AckingWriter.open(db)) {
          if (CrashWorkload.verify(engine, model, inFlight)) {
            CrashWorkload.apply(model, inFlight);
            inFlightApplied++;
          }
        }
        if (listener != null) {
          listener.killed(kill, last - next + 1, acknowledged);
        }
        next = inFlight + 1;
      }
    } finally {
      Files.deleteIfExists(acks);
    }
    return new Result(kills, acknowledged, inFlightApplied, model.size());
  }

  private static void awaitReady(Process writer, Path acks)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_TIMEOUT_SECONDS);
    while (!Files.readString(acks, StandardCharsets.US_ASCII).startsWith("ready\n")) {
      if (!writer.isAlive()) {
        throw new IOException("writer exited with code " + writer.exitValue() + " before it was"
            + " ready (see its stderr above)");
      }
      if (System.nanoTime() > deadline) {
        writer.destroyForcibly();
        throw new IOException("writer did not start within " + READY_TIMEOUT_SECONDS + " s");
      }
      Thread.sleep(5);
    }
  }

  /**
   * The last operation the writer acknowledged. Its stdout goes to a file rather than a pipe:
   * the JDK closes a dead child's pipe under a concurrent reader, which loses the final lines.
   * Only newline-terminated lines count, since the writer can be killed in the middle of one and
   * half an "ack 123" must not read as "ack 12".
   */
  private static long lastAcknowledged(Path acks, long none) throws IOException {
    String output = Files.readString(acks, StandardCharsets.US_ASCII);
    int end = output.lastIndexOf('\n');
    long last = none;
    for (String line : output.substring(0, Math.max(0, end)).split("\n")) {
      if (line.startsWith("ack ")) {
        last = Long.parseLong(line.substring(4));
      }
    }
    return last;
  }
}
