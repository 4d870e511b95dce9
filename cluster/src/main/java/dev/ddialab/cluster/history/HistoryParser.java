package dev.ddialab.cluster.history;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the two history formats of {@code shared/data/linearizability}: Jepsen's log lines
 * ({@code INFO  jepsen.util - 3 :ok :read 2}) and EDN maps, one per line
 * ({@code {:process 2, :type :ok, :f :get, :key "0", :value ""}}). The format is detected per file
 * from the first non-blank line. Op times are line numbers.
 *
 * <p>Jepsen's {@code :fail} with value {@code :timed-out} (a read that ended with an unknown result)
 * becomes {@link OpType#INFO}: Jepsen would have logged it so had the client known better.
 */
public final class HistoryParser {
  private static final String LOG_MARKER = "jepsen.util - ";

  private HistoryParser() {}

  public static History parse(Path file) throws IOException {
    try {
      return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  public static History parse(List<String> lines) {
    List<Op> ops = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith(";")) {
        continue;
      }
      try {
        ops.add(line.startsWith("{") ? ednLine(line, i) : logLine(line, i));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("line " + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    return new History(ops);
  }

  private static Op logLine(String line, long time) {
    int marker = line.indexOf(LOG_MARKER);
    String rest = marker >= 0 ? line.substring(marker + LOG_MARKER.length()) : line;
    String[] parts = rest.strip().split("\\s+", 4);
    if (parts.length < 3) {
      throw new IllegalArgumentException("expected 'process :type :f value': " + line);
    }
    int process = parseProcess(parts[0]);
    OpType type = parseType(keyword(Edn.read(parts[1])));
    String f = keyword(Edn.read(parts[2]));
    Object value = parts.length == 4 ? Edn.read(parts[3]) : null;
    return op(process, type, f, null, value, time);
  }

  private static Op ednLine(String line, long time) {
    if (!(Edn.read(line) instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException("expected an EDN map");
    }
    Object process = map.get(new Edn.Keyword("process"));
    if (!(process instanceof Long p)) {
      throw new IllegalArgumentException(":process must be an integer, not " + process);
    }
    OpType type = parseType(keyword(map.get(new Edn.Keyword("type"))));
    String f = keyword(map.get(new Edn.Keyword("f")));
    Object key = map.get(new Edn.Keyword("key"));
    Object value = map.get(new Edn.Keyword("value"));
    Object t = map.get(new Edn.Keyword("time"));
    return op(Math.toIntExact(p), type, f, key == null ? null : Values.format(key).replace("\"", ""),
        value, t instanceof Long l ? l : time);
  }

  private static Op op(int process, OpType type, String f, String key, Object value, long time) {
    if (value instanceof Edn.Keyword k && k.name().equals("timed-out")) {
      value = null;
      if (type == OpType.FAIL) {
        type = OpType.INFO;
      }
    }
    return new Op(process, type, f, key, value, time);
  }

  private static int parseProcess(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("process must be an integer, not '" + text + "'");
    }
  }

  private static OpType parseType(String keyword) {
    try {
      return OpType.valueOf(keyword.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown op type :" + keyword
          + " (expected :invoke, :ok, :fail or :info)");
    }
  }

  private static String keyword(Object value) {
    if (value instanceof Edn.Keyword k) {
      return k.name();
    }
    throw new IllegalArgumentException("expected a keyword, not " + Values.format(value));
  }
}
