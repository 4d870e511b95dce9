package dev.ddialab.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InvariantsTest {

  /** An argument whose formatting fails, to prove messages are built only on failure. */
  private static final Object UNFORMATTABLE = new Object() {
    @Override
    public String toString() {
      throw new IllegalStateException("formatted a message for a passing check");
    }
  };

  @Test
  void passingChecksDoNotFormatTheirMessage() {
    assertThatCode(() -> {
      Invariants.check(true, "%s", UNFORMATTABLE);
      Invariants.require(true, "%s", UNFORMATTABLE);
    }).doesNotThrowAnyException();
  }

  @Test
  void failingCheckIsAnInvariantViolationNotAnException() {
    assertThatThrownBy(() -> Invariants.check(false, "offset %d past end %d", 12, 8))
        .isInstanceOf(InvariantViolation.class)
        .isInstanceOf(AssertionError.class)
        .hasMessage("offset 12 past end 8");
  }

  @Test
  void failingRequireBlamesTheCaller() {
    assertThatThrownBy(() -> Invariants.require(false, "size %d < 0", -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("size -1 < 0");
  }

  @Test
  void requireNonNullNamesTheArgument() {
    assertThat(Invariants.requireNonNull("x", "key")).isEqualTo("x");
    assertThatThrownBy(() -> Invariants.requireNonNull(null, "key"))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("key");
  }
}
