package dev.ddialab.cluster.history;

import java.util.Collection;
import java.util.Objects;
import java.util.stream.Collectors;

/** How history values print (EDN style) and compare: numbers of any width compare by value. */
public final class Values {
  private Values() {}

  public static String format(Object value) {
    if (value == null) {
      return "nil";
    }
    if (value instanceof String s) {
      return "\"" + s + "\"";
    }
    if (value instanceof Collection<?> c) {
      String inner = c.stream().map(Values::format).collect(Collectors.joining(" "));
      return (value instanceof java.util.Set ? "#{" : "[") + inner
          + (value instanceof java.util.Set ? "}" : "]");
    }
    return value.toString();
  }

  /** Equality that treats Integer 3 and Long 3 alike. */
  public static boolean same(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return x.longValue() == y.longValue();
    }
    return Objects.equals(a, b);
  }

  /** Integers normalised to Long, so that states compare and hash consistently. */
  public static Object normalise(Object value) {
    return value instanceof Integer || value instanceof Short || value instanceof Byte
        ? Long.valueOf(((Number) value).longValue()) : value;
  }
}
