package dev.ddialab.cluster.check;

import dev.ddialab.cluster.history.Values;

/**
 * One operation as the linearizability checker sees it: an invocation with its {@code input},
 * how it ended, and the {@code output} it returned. It occupies the interval from {@code call} to
 * {@code ret} (positions in the history; {@link #OPEN} when its outcome is unknown, since it may
 * take effect at any later time).
 */
public record Operation(int id, int process, String f, String key, Object input, Object output,
    Outcome outcome, long call, long ret) {

  public static final long OPEN = Long.MAX_VALUE;

  public enum Outcome {
    /** Completed, returned {@code output}. */
    OK,
    /** Completed without effect; for a compare-and-set, the comparison failed. */
    FAIL,
    /** May or may not have taken effect; returned nothing we know. */
    UNKNOWN
  }

  @Override
  public String toString() {
    String result = switch (outcome) {
      case OK -> "ok" + (output == null && input != null ? "" : " " + Values.format(output));
      case FAIL -> "failed";
      case UNKNOWN -> "unknown outcome";
    };
    return "process " + process + " " + f + (key == null ? "" : " key " + Values.format(key))
        + (input == null ? "" : " " + Values.format(input)) + " -> " + result;
  }
}
