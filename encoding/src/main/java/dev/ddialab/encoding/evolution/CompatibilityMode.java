package dev.ddialab.encoding.evolution;

import java.util.Arrays;
import java.util.Locale;

/**
 * Which schema changes a subject allows, with the Confluent Schema Registry's names and meaning
 * (DDIA ch. 4, "Modes of Dataflow"). BACKWARD: the new schema can read data written with the
 * previous one (upgrade consumers first). FORWARD: data written with the new schema can be read
 * with the previous one (upgrade producers first). FULL: both. The _TRANSITIVE variants check
 * against every earlier version instead of only the latest. NONE checks nothing.
 */
public enum CompatibilityMode {
  BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE, NONE;

  public boolean backward() {
    return this == BACKWARD || this == BACKWARD_TRANSITIVE || this == FULL || this == FULL_TRANSITIVE;
  }

  public boolean forward() {
    return this == FORWARD || this == FORWARD_TRANSITIVE || this == FULL || this == FULL_TRANSITIVE;
  }

  public boolean transitive() {
    return name().endsWith("_TRANSITIVE");
  }

  /** Parses a mode name, case-insensitively. */
  public static CompatibilityMode parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown compatibility mode '" + name + "' (one of "
          + Arrays.toString(values()) + ")");
    }
  }
}
