package dev.ddialab.encoding;

import java.util.regex.Pattern;

/**
 * The full name of a named type (record, enum, fixed): an optional dot-separated namespace and a
 * simple name. Names resolve relative to the enclosing namespace, as the Avro specification says:
 * a name containing a dot is already full; otherwise it takes the namespace in scope.
 */
public record Name(String namespace, String simpleName) {
  private static final Pattern SIMPLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  public Name {
    namespace = namespace == null || namespace.isEmpty() ? null : namespace;
    if (!isValidSimpleName(simpleName)) {
      throw new IllegalArgumentException("invalid name '" + simpleName + "'");
    }
    if (namespace != null) {
      for (String part : namespace.split("\\.", -1)) {
        if (!isValidSimpleName(part)) {
          throw new IllegalArgumentException("invalid namespace '" + namespace + "'");
        }
      }
    }
  }

  /** Resolves {@code name} (simple or full) against the namespace in scope ({@code null}: none). */
  public static Name resolve(String name, String namespaceInScope) {
    int dot = name.lastIndexOf('.');
    if (dot >= 0) {
      return new Name(name.substring(0, dot), name.substring(dot + 1));
    }
    return new Name(namespaceInScope, name);
  }

  public static boolean isValidSimpleName(String name) {
    return name != null && SIMPLE.matcher(name).matches();
  }

  public String fullName() {
    return namespace == null ? simpleName : namespace + "." + simpleName;
  }

  @Override
  public String toString() {
    return fullName();
  }
}
