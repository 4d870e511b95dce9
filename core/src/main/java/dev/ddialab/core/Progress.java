package dev.ddialab.core;

import java.io.PrintStream;

/**
 * A progress line for long work, on stderr so it never mixes with a command's output. On a
 * terminal it redraws one line (at most five times a second); elsewhere (CI logs, pipes) it
 * prints a line at each tenth of the way, so logs stay short. The launcher tells us whether
 * stderr is a terminal ({@code -Dddia.stderr.tty=true}). Not thread-safe: one worker reports.
 */
public final class Progress implements AutoCloseable {
  private static final long REDRAW_NANOS = 200_000_000L;
  private static final int BAR_WIDTH = 30;

  private final PrintStream out;
  private final String what;
  private final long total;
  private final boolean terminal;
  private final Clock clock;
  private final long startNanos;
  private long done;
  private long lastDrawNanos;
  private int lastTenth = -1;
  private boolean finished;

  /** @param total units of work expected, or 0 when unknown (then no bar, only a count) */
  public Progress(String what, long total) {
    this(System.err, what, total, Boolean.getBoolean("ddia.stderr.tty"), Clock.system());
  }

  public Progress(PrintStream out, String what, long total, boolean terminal, Clock clock) {
    this.out = out;
    this.what = what;
    this.total = total;
    this.terminal = terminal;
    this.clock = clock;
    this.startNanos = clock.nanoTime();
    this.lastDrawNanos = startNanos;
  }

  /** Adds {@code units} of completed work and redraws if it is time. */
  public void advance(long units) {
    done += units;
    long now = clock.nanoTime();
    if (terminal) {
      if (now - lastDrawNanos >= REDRAW_NANOS) {
        lastDrawNanos = now;
        out.print("\r" + line(now));
        out.flush();
      }
    } else if (total > 0) {
      int tenth = (int) Math.min(10, done * 10 / total);
      if (tenth > lastTenth && tenth < 10) {
        lastTenth = tenth;
        out.println(line(now));
      }
    }
  }

  public long done() {
    return done;
  }

  /** Elapsed time since the start, in nanoseconds. */
  public long elapsedNanos() {
    return clock.nanoTime() - startNanos;
  }

  String line(long now) {
    double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
    String rate = Units.formatRate(done / seconds);
    if (total <= 0) {
      return String.format("%s: %,d (%s)", what, done, rate);
    }
    double fraction = Math.min(1.0, (double) done / total);
    int filled = (int) Math.round(fraction * BAR_WIDTH);
    return String.format("%s [%s%s] %3.0f%% %,d/%,d (%s)", what, "#".repeat(filled),
        " ".repeat(BAR_WIDTH - filled), fraction * 100, done, total, rate);
  }

  /** Draws the final state and ends the line. */
  @Override
  public void close() {
    if (finished) {
      return;
    }
    finished = true;
    String last = line(clock.nanoTime());
    out.println(terminal ? "\r" + last : last);
    out.flush();
  }
}
