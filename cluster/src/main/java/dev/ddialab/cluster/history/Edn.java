package dev.ddialab.cluster.history;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The subset of EDN that Jepsen histories use: maps, vectors, lists, sets, strings, integers,
 * keywords, {@code nil}, {@code true}/{@code false}. Commas are whitespace. Integers become
 * {@code Long}, keywords {@link Keyword}, maps {@code LinkedHashMap} with their keys as read.
 * Malformed input fails with {@link IllegalArgumentException} naming the offset.
 */
public final class Edn {
  /** A keyword such as {@code :timed-out}, without its colon. */
  public record Keyword(String name) {
    @Override
    public String toString() {
      return ":" + name;
    }
  }

  private static final int DEPTH_MAX = 64;
  private final String text;
  private int pos;

  private Edn(String text) {
    this.text = text;
  }

  /** Reads exactly one value from {@code text}. */
  public static Object read(String text) {
    Edn edn = new Edn(text);
    Object value = edn.value(0);
    edn.skipSpace();
    if (edn.pos != text.length()) {
      throw edn.error("unexpected text after the value");
    }
    return value;
  }

  private Object value(int depth) {
    if (depth > DEPTH_MAX) {
      throw error("nested deeper than " + DEPTH_MAX);
    }
    skipSpace();
    if (pos >= text.length()) {
      throw error("unexpected end of input");
    }
    char c = text.charAt(pos);
    return switch (c) {
      case '{' -> map(depth);
      case '[' -> sequence(']', depth);
      case '(' -> sequence(')', depth);
      case '#' -> set(depth);
      case '"' -> string();
      case ':' -> new Keyword(symbolAfter(1));
      default -> atom();
    };
  }

  private Map<Object, Object> map(int depth) {
    pos++;
    Map<Object, Object> map = new LinkedHashMap<>();
    while (true) {
      skipSpace();
      if (peek() == '}') {
        pos++;
        return map;
      }
      Object key = value(depth + 1);
      map.put(key, value(depth + 1));
    }
  }

  private List<Object> sequence(char close, int depth) {
    pos++;
    List<Object> list = new ArrayList<>();
    while (true) {
      skipSpace();
      if (peek() == close) {
        pos++;
        return list;
      }
      list.add(value(depth + 1));
    }
  }

  private Set<Object> set(int depth) {
    pos++;
    if (peek() != '{') {
      throw error("expected '{' after '#'");
    }
    return new LinkedHashSet<>(sequence('}', depth));
  }

  private String string() {
    StringBuilder out = new StringBuilder();
    pos++;
    while (true) {
      if (pos >= text.length()) {
        throw error("unterminated string");
      }
      char c = text.charAt(pos++);
      if (c == '"') {
        return out.toString();
      }
      if (c == '\\') {
        if (pos >= text.length()) {
          throw error("unterminated escape");
        }
        char e = text.charAt(pos++);
        out.append(switch (e) {
          case 'n' -> '\n';
          case 't' -> '\t';
          case 'r' -> '\r';
          default -> e;
        });
      } else {
        out.append(c);
      }
    }
  }

  private Object atom() {
    String symbol = symbolAfter(0);
    return switch (symbol) {
      case "nil" -> null;
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default -> {
        try {
          yield Long.parseLong(symbol.endsWith("N") ? symbol.substring(0, symbol.length() - 1)
              : symbol);
        } catch (NumberFormatException e) {
          throw error("not a value: '" + symbol + "'");
        }
      }
    };
  }

  private String symbolAfter(int skip) {
    int start = pos + skip;
    int end = start;
    while (end < text.length() && !isDelimiter(text.charAt(end))) {
      end++;
    }
    if (end == start) {
      throw error("empty symbol");
    }
    pos = end;
    return text.substring(start, end);
  }

  private static boolean isDelimiter(char c) {
    return Character.isWhitespace(c) || c == ',' || "{}[]()\"".indexOf(c) >= 0;
  }

  private char peek() {
    if (pos >= text.length()) {
      throw error("unexpected end of input");
    }
    return text.charAt(pos);
  }

  private void skipSpace() {
    while (pos < text.length() && (Character.isWhitespace(text.charAt(pos))
        || text.charAt(pos) == ',')) {
      pos++;
    }
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException(what + " at offset " + pos);
  }
}
