package dev.ddialab.encoding;

/**
 * A schema is invalid, or a value does not fit its schema. The message starts with a JSON-pointer
 * style path to the offending part, e.g. {@code /fields/2/type: unknown type 'strng'}.
 */
public class SchemaException extends IllegalArgumentException {
  private final String path;

  public SchemaException(String path, String problem) {
    super((path.isEmpty() ? "/" : path) + ": " + problem);
    this.path = path;
  }

  /** Where the problem is, e.g. {@code /fields/2/type}; empty for the root. */
  public String path() {
    return path;
  }
}
