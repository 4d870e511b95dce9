package dev.ddialab.core;

/**
 * An internal invariant does not hold: a bug in this program, never bad input. Extends
 * {@link AssertionError} so ordinary {@code catch (Exception e)} handlers do not swallow it.
 */
public final class InvariantViolation extends AssertionError {
  public InvariantViolation(String message) {
    super(message);
  }
}
