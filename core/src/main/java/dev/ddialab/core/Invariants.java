package dev.ddialab.core;

/**
 * Always-on checks, in the TigerBeetle style: cheap assertions that stay enabled in production,
 * unlike Java's {@code assert}, because a silently broken invariant in a storage engine or a
 * protocol turns into wrong data later, far from the cause.
 *
 * <p>Two kinds, by whose fault a failure is: {@link #require} guards a caller's input and throws
 * {@link IllegalArgumentException}; {@link #check} guards our own state and throws
 * {@link InvariantViolation}. Messages are formatted only on failure, so a passing check costs a
 * branch (the varargs array is usually removed by escape analysis). Stateless, thread-safe.
 */
public final class Invariants {
  private Invariants() {}

  /** Fails with {@link InvariantViolation} when an internal invariant does not hold. */
  public static void check(boolean condition, String format, Object... args) {
    if (!condition) {
      throw new InvariantViolation(String.format(format, args));
    }
  }

  /** Fails with {@link IllegalArgumentException} when a caller's argument is out of contract. */
  public static void require(boolean condition, String format, Object... args) {
    if (!condition) {
      throw new IllegalArgumentException(String.format(format, args));
    }
  }

  /** Returns {@code value}; fails with {@link NullPointerException} naming it when null. */
  public static <T> T requireNonNull(T value, String name) {
    if (value == null) {
      throw new NullPointerException(name + " must not be null");
    }
    return value;
  }
}
