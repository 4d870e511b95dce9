package dev.ddialab.storage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddialab.core.Bytes;
import dev.ddialab.storage.Engines;
import dev.ddialab.storage.KvEngine;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ddia kv} as a user drives it: the seed transcripts' shapes, exit codes and errors. */
public class KvCliTest {
  @TempDir
  Path tmp;

  /** What a kv command printed and returned. */
  public record Run(int exitCode, String out, String err) {}

  /** Runs {@code ddia kv ARGS} in-process; runtime errors print one line, as the CLI does. */
  public static Run kv(String... args) {
    CommandLine cli = new CommandLine(new KvCommand());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.setExecutionExceptionHandler((e, command, parsed) -> {
      command.getErr().println("error: " + e.getMessage());
      return 1;
    });
    return new Run(cli.execute(args), out.toString(), err.toString());
  }

  private String db() {
    return tmp.resolve("mydb").toString();
  }

  @Test
  void theSeedTranscript() {
    assertThat(kv("create", db()).out()).contains("created hashlog database");
    assertThat(kv("set", db(), "user:123", "{\"name\":\"Ada\"}").out()).isEqualTo("OK\n");
    assertThat(kv("get", db(), "user:123").out()).isEqualTo("{\"name\":\"Ada\"}\n");
    Run missing = kv("get", db(), "user:999");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.out()).isEqualTo("(nil)\n");
    assertThat(kv("delete", db(), "user:123").out()).isEqualTo("OK\n");
    assertThat(kv("get", db(), "user:123").exitCode()).isEqualTo(1);
  }

  @Test
  void rangeIsOrderedWithExclusiveEnd() {
    kv("create", db());
    for (String key : new String[] {"b", "a", "c", "ab", "d"}) {
      kv("set", db(), key, key.toUpperCase());
    }
    assertThat(kv("range", db(), "a", "c").out()).isEqualTo("a: A\nab: AB\nb: B\n");
    assertThat(kv("range", db(), "", "").out()).startsWith("a: A\n").endsWith("d: D\n");
    assertThat(kv("range", db(), "b", "", "--limit", "1").out()).isEqualTo("b: B\n");
  }

  @Test
  void statsAndCompactReportTheEngine() {
    kv("create", db());
    for (int i = 0; i < 50; i++) {
      kv("set", db(), "k", "v" + i);
    }
    assertThat(kv("stats", db()).out()).contains("engine", "hashlog", "live keys", "dead bytes");
    Run compact = kv("compact", db());
    assertThat(compact.exitCode()).isZero();
    assertThat(compact.out()).contains("compacted").contains("reclaimed");
    assertThat(kv("get", db(), "k").out()).isEqualTo("v49\n");
  }

  @Test
  void shellRepliesInOrderAndOnlyAfterDurability() throws IOException {
    kv("create", db());
    String input = "set a 1\nset b two words\nget a\nget b\nget zz\ndelete a\nget a\nbogus\nrange a c\n";
    StringWriter out = new StringWriter();
    int code;
    try (KvEngine engine = Engines.open(Path.of(db()))) {
      code = KvShell.run(engine, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
          new PrintWriter(out), false);
    }
    assertThat(out.toString()).isEqualTo(
        "OK\nOK\n1\ntwo words\n(nil)\nOK\n(nil)\nerror: unknown command 'bogus' (try: help)\nb: two words\n");
    assertThat(code).as("a failed line makes the exit code 1").isEqualTo(1);
    try (KvEngine engine = Engines.open(Path.of(db()))) {
      assertThat(engine.get(Bytes.utf8("b"))).map(Bytes::utf8).contains("two words");
    }
  }

  @Test
  void importLoadsTsvAndJsonLines() throws IOException {
    kv("create", db());
    Path tsv = tmp.resolve("data.tsv");
    Files.writeString(tsv, "k1\tv1\nk2\tv2\twith tab\n\nk3\t\n");
    assertThat(kv("import", db(), tsv.toString()).out()).contains("imported 3 keys");
    Path jsonl = tmp.resolve("data.jsonl");
    Files.writeString(jsonl, "{\"key\":\"j1\",\"value\":\"text\"}\n{\"key\":\"j2\",\"value\":{\"a\":[1,2]}}\n");
    assertThat(kv("import", db(), jsonl.toString()).out()).contains("imported 2 keys");
    assertThat(kv("get", db(), "k2").out()).isEqualTo("v2\twith tab\n");
    assertThat(kv("get", db(), "k3").out()).isEqualTo("\n");
    assertThat(kv("get", db(), "j2").out()).isEqualTo("{\"a\":[1,2]}\n");
  }

  @Test
  void aBadImportLineStopsWithItsLineNumberAndKeepsWhatCameBefore() throws IOException {
    kv("create", db());
    Path tsv = tmp.resolve("bad.tsv");
    Files.writeString(tsv, "k1\tv1\nno tab here\nk3\tv3\n");
    Run run = kv("import", db(), tsv.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("bad.tsv:2").contains("key<TAB>value");
    assertThat(kv("get", db(), "k1").out()).isEqualTo("v1\n");
    assertThat(kv("get", db(), "k3").exitCode()).isEqualTo(1);
  }

  @Test
  void usageErrorsAreParameterErrors() {
    assertThat(kv("create", db(), "--engine", "nope").exitCode()).isEqualTo(2);
    assertThat(kv("get", db()).exitCode()).isEqualTo(2);
    assertThat(kv("set", db(), "k").exitCode()).isEqualTo(2);
  }

  @Test
  void runtimeErrorsNameTheProblem() throws IOException {
    Run missing = kv("get", tmp.resolve("nothing").toString(), "k");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).contains("no database at");
    kv("create", db());
    Run again = kv("create", db());
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err()).contains("already exists");
    Files.writeString(tmp.resolve("file"), "x");
    assertThat(kv("create", tmp.resolve("file").toString()).err()).contains("not a directory");
  }
}
