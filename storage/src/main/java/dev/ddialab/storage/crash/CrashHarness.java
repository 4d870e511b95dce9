package dev.ddialab.storage.crash;

import dev.ddialab.core.ChildJvm;
import dev.ddialab.storage.KvEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Kills a real writer process with SIGKILL, again and again, and after each kill reopens the
 * database and checks that every acknowledged write is there and nothing else is (see
 * {@link CrashWorkload#check}). Each new writer continues where the last acknowledged one
 * stopped, so damage from one kill is exercised by the recovery and writes of the next.
 *
 * <p>Used strictly by the contract tests (the first difference fails the run) and tolerantly by
 * {@code ddia bench torture}, which counts lost writes and corrupt reopens so that engines can
 * be compared, including peers that are not ours.
 */
public final class CrashHarness {
  private static final long READY_TIMEOUT_SECONDS = 60;

  /** Opens the database under test in the checking process. */
  public interface Opener {
    KvEngine open(Path db) throws IOException;
  }

  /** Receives a line after each kill, for progress. */
  public interface Listener {
    void killed(int kill, long acknowledgedThisRun, long acknowledgedTotal);
  }

  /**
   * What to kill and how to check it.
   *
   * @param writer a main class run as {@code writer WRITER_ARGS... DB FROM} that behaves as
   *     {@link AckingWriter}: prints {@code ready}, then {@code ack <i>} after each operation
   * @param maxRunMillis most kills land up to this long after the writer is ready
   * @param strict fail at the first difference (tests) rather than count it (torture)
   * @param started sees each writer process, so an interruptible caller can kill it on exit
   */
  public record Plan(Class<?> writer, List<String> writerArgs, Opener opener, int kills,
      long maxRunMillis, boolean strict, Listener listener, Consumer<Process> started) {

    /** Our engines, checked strictly. */
    public static Plan strict(int kills, long maxRunMillis) {
      return new Plan(AckingWriter.class, List.of(), AckingWriter::open, kills, maxRunMillis, true,
          null, process -> {});
    }

    public Plan withListener(Listener value) {
      return new Plan(writer, writerArgs, opener, kills, maxRunMillis, strict, value, started);
    }

    public Plan onStart(Consumer<Process> value) {
      return new Plan(writer, writerArgs, opener, kills, maxRunMillis, strict, listener, value);
    }
  }

  /**
   * @param kills writers killed (fewer than planned only if a reopen failed)
   * @param acknowledged operations acknowledged over all runs
   * @param inFlightApplied kills after which the unacknowledged in-flight operation was found
   *     applied (legal: it was durable, the acknowledgment just had not been printed)
   * @param lostWrites acknowledged operations whose effect was missing after a reopen (always 0
   *     in a strict run, which fails instead)
   * @param corruptReopens reopens that failed; the run stops at the first
   */
  public record Result(int kills, long acknowledged, long inFlightApplied, long lostWrites,
      int corruptReopens) {}

  private CrashHarness() {}

  /**
   * Runs the plan against an existing database {@code db}. Most kills land while the writer is
   * writing; one in five lands at a random moment after start, possibly during its recovery.
   */
  public static Result run(Path db, Plan plan, RandomGenerator random)
      throws IOException, InterruptedException {
    TreeMap<String, String> model = new TreeMap<>();
    long next = 0;
    long acknowledged = 0;
    long inFlightApplied = 0;
    long lost = 0;
    Path acks = Files.createTempFile("ddia-crash-acks-", ".txt");
    try {
      for (int kill = 1; kill <= plan.kills(); kill++) {
        List<String> args = new ArrayList<>(plan.writerArgs());
        args.add(db.toString());
        args.add(Long.toString(next));
        Process writer = ChildJvm.builder(plan.writer(), args)
            .redirectOutput(acks.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
        plan.started().accept(writer);
        try {
          if (random.nextInt(5) == 0) {
            Thread.sleep(random.nextLong(1, 400));
          } else {
            awaitReady(writer, acks);
            Thread.sleep(random.nextLong(1, Math.max(2, plan.maxRunMillis())));
          }
          if (!writer.isAlive()) {
            throw new IOException("writer exited by itself with code " + writer.exitValue()
                + " (see its stderr above)");
          }
        } finally {
          writer.destroyForcibly(); // SIGKILL on POSIX: no shutdown hooks, no flushing
          writer.waitFor();
        }
        long last = lastAcknowledged(acks, next - 1);
        for (long i = next; i <= last; i++) {
          CrashWorkload.apply(model, i);
        }
        acknowledged += last - next + 1;
        long inFlight = last + 1;
        TreeMap<String, String> actual;
        try (KvEngine engine = plan.opener().open(db)) {
          actual = CrashWorkload.contents(engine);
        } catch (IOException | RuntimeException e) {
          if (plan.strict()) {
            throw e;
          }
          return new Result(kill, acknowledged, inFlightApplied, lost, 1);
        }
        CrashWorkload.Check check = CrashWorkload.check(actual, model, inFlight);
        if (check.lostWrites() > 0 && plan.strict()) {
          throw new AssertionError(check.explanation());
        }
        lost += check.lostWrites();
        if (check.inFlightApplied()) {
          inFlightApplied++;
        }
        model = actual; // continue from what is really there, so each loss is counted once
        if (plan.listener() != null) {
          plan.listener().killed(kill, last - next + 1, acknowledged);
        }
        next = inFlight + 1;
      }
    } finally {
      Files.deleteIfExists(acks);
    }
    return new Result(plan.kills(), acknowledged, inFlightApplied, lost, 0);
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
