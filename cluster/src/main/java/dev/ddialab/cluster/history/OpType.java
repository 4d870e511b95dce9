package dev.ddialab.cluster.history;

/**
 * Jepsen's operation types. {@code INVOKE} starts an operation; exactly one of the others ends it:
 * {@code OK} it took effect with this result; {@code FAIL} it certainly did not take effect (for a
 * compare-and-set: the comparison failed); {@code INFO} the outcome is unknown (a timeout): it may
 * take effect at any later time, or never.
 */
public enum OpType {
  INVOKE, OK, FAIL, INFO;

  /** The keyword as Jepsen writes it, without the colon. */
  public String keyword() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
