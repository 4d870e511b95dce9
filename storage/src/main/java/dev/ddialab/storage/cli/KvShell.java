package dev.ddialab.storage.cli;

import dev.ddialab.core.Bytes;
import dev.ddialab.storage.Durability;
import dev.ddialab.storage.Engines;
import dev.ddialab.storage.KvEngine;
import dev.ddialab.storage.KvEntry;
import dev.ddialab.storage.KvIterator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ddia kv shell DB}: the kv commands read from stdin, one per line, on one open database.
 *
 * <p>Group commit at the input: the lines already available are executed as buffered writes,
 * then one fsync makes all of them durable, and only then are their replies ({@code OK}, values)
 * printed. So a reply is never printed for a write that could still be lost, and a piped load of
 * 100k lines costs a handful of fsyncs rather than 100k. A group is bounded to
 * {@value #GROUP_LINES_MAX} lines so replies keep flowing.
 */
@Command(name = "shell", mixinStandardHelpOptions = true,
    description = {
        "Read commands from stdin, one per line: set KEY VALUE | get KEY | delete KEY |"
            + " range FROM TO | stats | compact | help | quit.",
        "VALUE is the rest of the line. Replies to writes are printed only once they are durable;"
            + " input that is already waiting is group-committed with one fsync."})
public final class KvShell implements Callable<Integer> {
  static final int GROUP_LINES_MAX = 10_000;

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DB")
  Path db;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    boolean prompt = Boolean.getBoolean("ddia.stdin.tty");
    try (KvEngine engine = Engines.open(db)) {
      return run(engine, System.in, out, prompt);
    }
  }

  /** Runs the shell over {@code input}; returns 0, or 1 if any line failed. */
  static int run(KvEngine engine, InputStream input, PrintWriter out, boolean prompt)
      throws IOException {
    BufferedReader in = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8), 1 << 16);
    List<String> replies = new ArrayList<>();
    boolean unsynced = false;
    boolean anyFailed = false;
    if (prompt) {
      out.print("kv> ");
      out.flush();
    }
    String line;
    while ((line = in.readLine()) != null) {
      String trimmed = line.strip();
      if (trimmed.equals("quit") || trimmed.equals("exit")) {
        break;
      }
      if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
        try {
          Reply reply = execute(engine, trimmed);
          unsynced |= reply.wrote();
          replies.add(reply.text());
        } catch (IllegalArgumentException | IOException e) {
          anyFailed = true;
          replies.add("error: " + e.getMessage());
        }
      }
      if (!in.ready() || replies.size() >= GROUP_LINES_MAX) {
        if (unsynced) {
          engine.flush();
          unsynced = false;
        }
        replies.forEach(out::println);
        replies.clear();
        if (prompt) {
          out.print("kv> ");
        }
        out.flush();
      }
    }
    if (unsynced) {
      engine.flush();
    }
    replies.forEach(out::println);
    out.flush();
    return anyFailed ? 1 : 0;
  }

  record Reply(String text, boolean wrote) {}

  private static Reply execute(KvEngine engine, String line) throws IOException {
    String[] words = line.split("\\s+", 3);
    String command = words[0].toLowerCase(java.util.Locale.ROOT);
    return switch (command) {
      case "set" -> {
        need(words, 3, "set KEY VALUE");
        engine.put(Bytes.utf8(words[1]), Bytes.utf8(words[2]), Durability.BUFFERED);
        yield new Reply("OK", true);
      }
      case "get" -> {
        need(words, 2, "get KEY");
        Optional<byte[]> value = engine.get(Bytes.utf8(words[1]));
        yield new Reply(value.map(Bytes::utf8).orElse("(nil)"), false);
      }
      case "delete", "del" -> {
        need(words, 2, "delete KEY");
        engine.delete(Bytes.utf8(words[1]), Durability.BUFFERED);
        yield new Reply("OK", true);
      }
      case "range" -> {
        need(words, 3, "range FROM TO");
        String[] bounds = line.split("\\s+");
        if (bounds.length != 3) {
          throw new IllegalArgumentException("usage: range FROM TO");
        }
        StringBuilder text = new StringBuilder();
        try (KvIterator it = engine.scan(Bytes.utf8(bounds[1]), Bytes.utf8(bounds[2]))) {
          while (it.hasNext()) {
            KvEntry entry = it.next();
            if (!text.isEmpty()) {
              text.append('\n');
            }
            text.append(Bytes.utf8(entry.key())).append(": ").append(Bytes.utf8(entry.value()));
          }
        }
        yield new Reply(text.isEmpty() ? "(empty)" : text.toString(), false);
      }
      case "stats" -> {
        StringWriter text = new StringWriter();
        KvCommand.Stats.print(new PrintWriter(text), engine.stats());
        yield new Reply(text.toString().stripTrailing(), false);
      }
      case "compact" -> {
        engine.compact();
        yield new Reply("OK", false);
      }
      case "help" -> new Reply(
          "commands: set KEY VALUE | get KEY | delete KEY | range FROM TO | stats | compact | quit",
          false);
      default -> throw new IllegalArgumentException(
          "unknown command '" + words[0] + "' (try: help)");
    };
  }

  private static void need(String[] words, int count, String usage) {
    if (words.length < count) {
      throw new IllegalArgumentException("usage: " + usage);
    }
  }
}
