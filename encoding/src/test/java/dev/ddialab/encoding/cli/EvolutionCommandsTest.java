package dev.ddialab.encoding.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddialab.encoding.AvroBinary;
import dev.ddialab.encoding.EnumSchema;
import dev.ddialab.encoding.GenericEnum;
import dev.ddialab.encoding.GenericRecord;
import dev.ddialab.encoding.RecordSchema;
import dev.ddialab.encoding.Schema;
import dev.ddialab.encoding.container.ContainerCodec;
import dev.ddialab.encoding.container.ContainerReader;
import dev.ddialab.encoding.container.ContainerWriter;
import dev.ddialab.storage.Durability;
import dev.ddialab.storage.Engines;
import dev.ddialab.storage.KvEngine;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code schema diff} and {@code schema migrate} end to end, on files and a database. */
class EvolutionCommandsTest {
  static final String OLD = """
      {"type": "record", "name": "User", "fields": [
        {"name": "id", "type": "long"},
        {"name": "mail", "type": "string"},
        {"name": "age", "type": "int"},
        {"name": "nickname", "type": ["null", "string"], "default": null},
        {"name": "plan", "type": {"type": "enum", "name": "Plan", "symbols": ["FREE", "PRO"]}}]}""";
  static final String NEW = """
      {"type": "record", "name": "User", "fields": [
        {"name": "id", "type": "long"},
        {"name": "email", "type": "string", "aliases": ["mail"]},
        {"name": "age", "type": "long"},
        {"name": "country", "type": "string", "default": "unknown"},
        {"name": "plan", "type": {"type": "enum", "name": "Plan",
          "symbols": ["FREE", "PRO", "TEAM"]}}]}""";

  @TempDir
  Path dir;

  private record Run(int exitCode, String out, String error) {}

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    String[] failure = new String[1];
    CommandLine cli = new CommandLine(new SchemaCommand());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(new StringWriter(), true));
    cli.setExecutionExceptionHandler((e, command, parsed) -> {
      failure[0] = e.getMessage();
      return 1;
    });
    cli.setParameterExceptionHandler((e, arguments) -> {
      failure[0] = "usage: " + e.getMessage();
      return 2;
    });
    int code = cli.execute(args);
    return new Run(code, out.toString(), failure[0]);
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  @Test
  void diffNamesEveryChangeWithItsPathAndMeaning() throws IOException {
    Run diff = run("diff", write("old.avsc", OLD).toString(), write("new.avsc", NEW).toString());
    assertThat(diff.exitCode()).as(diff.error()).isEqualTo(1);
    String out = diff.out();
    assertThat(out).contains(
        "/fields/mail -> /fields/email: field renamed mail -> email (alias)",
        "/fields/age: type changed int -> long",
        "/fields/country: field added with default \"unknown\"",
        "/fields/nickname: field removed (it had default null)",
        "/fields/plan: enum symbol added: TEAM",
        "backward (new code reads old data): compatible",
        "forward (old code reads new data): INCOMPATIBLE",
        "strongest mode satisfied: BACKWARD");
    // The rename breaks old readers (they look for 'mail'); the added field does not.
    assertThat(lineAfter(out, "/fields/mail -> /fields/email", 2)).contains("forward (old code,"
        + " new data): BREAKS");
    assertThat(lineAfter(out, "/fields/country", 2)).contains("backward (new code, old data): ok;"
        + " forward (old code, new data): ok");
    assertThat(lineAfter(out, "/fields/plan", 2)).contains("forward (old code, new data): BREAKS");
  }

  @Test
  void diffOfEqualSchemasIsEmptyAndFull() throws IOException {
    Path old = write("old.avsc", OLD);
    Run diff = run("diff", old.toString(), old.toString());
    assertThat(diff.exitCode()).isZero();
    assertThat(diff.out()).contains("no structural differences", "strongest mode satisfied: FULL");
  }

  private static String lineAfter(String text, String start, int offset) {
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(start)) {
        return lines.get(i + offset);
      }
    }
    throw new AssertionError("no line starting with " + start + " in\n" + text);
  }

  private static GenericRecord user(RecordSchema schema, long id) {
    return new GenericRecord(schema).put("id", id).put("mail", "u" + id + "@example.com")
        .put("age", (int) (20 + id % 50)).put("nickname", id % 2 == 0 ? null : "n" + id)
        .put("plan", new GenericEnum((EnumSchema) schema.field("plan").schema(), "PRO"));
  }

  @Test
  void migratesAContainerFile() throws IOException {
    RecordSchema old = (RecordSchema) Schema.parse(OLD);
    Path in = dir.resolve("in.avro");
    try (ContainerWriter writer = ContainerWriter.create(in, old,
        ContainerCodec.fromHeader("deflate"))) {
      for (long id = 0; id < 5000; id++) {
        writer.append(user(old, id));
      }
    }
    Path out = dir.resolve("out.avro");
    Run migrate = run("migrate", "--from", write("old.avsc", OLD).toString(), "--to",
        write("new.avsc", NEW).toString(), "--container", in.toString(), out.toString());
    assertThat(migrate.exitCode()).as(migrate.error()).isZero();
    assertThat(migrate.out()).contains("migrated 5,000 records");
    Schema schemaNew = Schema.parse(NEW);
    try (ContainerReader reader = ContainerReader.open(out, null)) {
      assertThat(reader.writerSchema()).isEqualTo(schemaNew);
      assertThat(reader.codec().headerName()).isEqualTo("deflate");
      long id = 0;
      while (reader.hasNext()) {
        GenericRecord record = (GenericRecord) reader.next();
        assertThat(record.get("email")).isEqualTo("u" + id + "@example.com");
        assertThat(record.get("age")).isEqualTo(20 + id % 50);
        assertThat(record.get("country")).isEqualTo("unknown");
        id++;
      }
      assertThat(id).isEqualTo(5000);
    }
  }

  @Test
  void migratesEveryValueOfADatabase() throws IOException {
    RecordSchema old = (RecordSchema) Schema.parse(OLD);
    Schema schemaNew = Schema.parse(NEW);
    Path db = dir.resolve("db");
    int count = 3000;
    try (KvEngine engine = Engines.create(db, Engines.NAMES.get(0))) {
      for (long id = 0; id < count; id++) {
        engine.put(key(id), AvroBinary.encode(old, user(old, id)), Durability.BUFFERED);
      }
    }
    Run migrate = run("migrate", "--from", write("old.avsc", OLD).toString(), "--to",
        write("new.avsc", NEW).toString(), "--kv", db.toString());
    assertThat(migrate.exitCode()).as(migrate.error()).isZero();
    assertThat(migrate.out()).contains("migrated 3,000 values");
    try (KvEngine engine = Engines.open(db)) {
      for (long id = 0; id < count; id++) {
        GenericRecord record = (GenericRecord) AvroBinary.decode(schemaNew,
            engine.get(key(id)).orElseThrow());
        assertThat(record.get("email")).isEqualTo("u" + id + "@example.com");
        assertThat(record.get("country")).isEqualTo("unknown");
      }
      assertThat(engine.stats().liveKeys()).isEqualTo(count);
    }
  }

  @Test
  void refusesAMigrationTheNewSchemaCannotRead() throws IOException {
    Run migrate = run("migrate", "--from", write("new.avsc", NEW).toString(), "--to",
        write("old.avsc", OLD).toString(), "--kv", dir.resolve("db").toString());
    assertThat(migrate.exitCode()).isEqualTo(1);
    assertThat(migrate.error()).contains("cannot read data written with the old one",
        "/fields/mail");
    assertThat(run("migrate", "--from", "a", "--to", "b").exitCode()).isEqualTo(2);
  }

  private static byte[] key(long id) {
    return String.format("user%08d", id).getBytes(StandardCharsets.UTF_8);
  }
}
