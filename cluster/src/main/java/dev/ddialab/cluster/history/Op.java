package dev.ddialab.cluster.history;

import dev.ddialab.core.Invariants;

/**
 * One line of a history: process {@code process} invoked or completed function {@code f} on
 * {@code key} (null for single-object histories) with {@code value}. Values are {@code null},
 * {@code Long}, {@code String}, or {@code List} of values (a compare-and-set's {@code [from to]}, a
 * read of a list or set). {@code timeNanos} orders a history; parsed logs use the line number.
 */
public record Op(int process, OpType type, String f, String key, Object value, long timeNanos) {
  public Op {
    Invariants.requireNonNull(type, "type");
    Invariants.requireNonNull(f, "f");
  }

  @Override
  public String toString() {
    return process + " :" + type.keyword() + " :" + f + (key == null ? "" : " " + key) + " "
        + Values.format(value);
  }
}
