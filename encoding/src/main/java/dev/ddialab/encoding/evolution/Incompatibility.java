package dev.ddialab.encoding.evolution;

/**
 * One reason a reader's schema cannot read a writer's data.
 *
 * @param path where, in the reader's schema, with fields by name: {@code /fields/email},
 *     {@code /fields/tags/items}
 * @param message what, e.g. {@code type changed int -> string, not promotable}
 */
public record Incompatibility(String path, String message) {
  @Override
  public String toString() {
    return (path.isEmpty() ? "/" : path) + ": " + message;
  }
}
