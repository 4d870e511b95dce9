package dev.ddialab.cluster.client;

import dev.ddialab.cluster.history.OpType;

/** How a request ended, as the client records it: {@code OK}/{@code FAIL}/{@code INFO} and a value. */
public record Completion(OpType type, Object value) {
  public static Completion ok(Object value) {
    return new Completion(OpType.OK, value);
  }

  public static Completion fail(Object value) {
    return new Completion(OpType.FAIL, value);
  }

  public static Completion info() {
    return new Completion(OpType.INFO, null);
  }
}
