package dev.ddialab.encoding;

/**
 * A schema is invalid, or a value does not fit its schema. The message starts with a JSON-pointer
 * style path to the offending part, e.g. {@code /fields/2/type: unknown type 'strng'}.
 */
public class SchemaException extends IllegalArgumentException {
  private final String path;
  private final String problem;

  public SchemaException(String path, String problem) {
    super((path.isEmpty() ? "/" : path) + ": " + problem);
    this.path = path;
    this.problem = problem;
  }

  /**
   * The same problem, one level further down: {@code segment} (e.g. {@code /fields/name}) is put
   * before the path. Lets hot code name the path only when something fails.
   */
  public SchemaException under(String segment) {
    SchemaException moved = new SchemaException(segment + path, problem);
    moved.setStackTrace(getStackTrace());
    return moved;
  }

  /** Where the problem is, e.g. {@code /fields/2/type}; empty for the root. */
  public String path() {
    return path;
  }
}
