package dev.ddialab.cluster.check;

import java.util.List;

/**
 * The checker's verdict. For {@link Verdict#NOT_LINEARIZABLE}, {@link #explanation} says which
 * operations cannot be ordered: the longest order found that the model accepts, and the
 * operations none of which can take effect next.
 */
public record LinearizabilityResult(
    Verdict verdict, String model, int operations, int partitions, long searchSteps,
    String explanation, List<Operation> witness) {

  public enum Verdict { LINEARIZABLE, NOT_LINEARIZABLE, UNKNOWN }

  public boolean linearizable() {
    return verdict == Verdict.LINEARIZABLE;
  }

  /** One line: the verdict as the CLI prints it. */
  public String summary() {
    return switch (verdict) {
      case LINEARIZABLE -> "linearizable";
      case NOT_LINEARIZABLE -> "not linearizable";
      case UNKNOWN -> "unknown (search budget exhausted)";
    };
  }
}
