package dev.ddialab.encoding.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddialab.core.tour.TourContext;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The {@code schema} commands end to end, on files, and the chapter 4 tour step. */
class SchemaCommandTest {
  @TempDir
  Path dir;

  private record Run(int exitCode, String out, String error) {}

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] failure = new String[1];
    CommandLine cli = new CommandLine(new SchemaCommand());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
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
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return file;
  }

  @Test
  void encodesAndDecodesInEveryFormat() throws IOException {
    Path schema = write("person.avsc", EncodingTourStep.PERSON_V1);
    Path input = write("martin.json", """
        {"userName": "Martin", "favoriteNumber": {"long": 1337},
         "interests": ["daydreaming", "hacking"]}""");
    int[] expectedSizes = {32, 33, 90};
    String[] formats = {"avro", "tagged", "json"};
    for (int i = 0; i < formats.length; i++) {
      Path bytes = dir.resolve("martin." + formats[i]);
      Run encoded = run("encode", "--schema", schema.toString(), "--format", formats[i],
          "--input", input.toString(), "--output", bytes.toString());
      assertThat(encoded.exitCode()).as(encoded.error()).isZero();
      assertThat(Files.size(bytes)).as(formats[i]).isEqualTo(expectedSizes[i]);
      Run decoded = run("decode", "--schema", schema.toString(), "--format", formats[i],
          "--input", bytes.toString());
      assertThat(decoded.out().trim()).isEqualTo("{\"userName\":\"Martin\",\"favoriteNumber\":"
          + "{\"long\":1337},\"interests\":[\"daydreaming\",\"hacking\"]}");
    }
    Path v2 = write("v2.avsc", EncodingTourStep.PERSON_V2);
    Run evolved = run("decode", "--schema", v2.toString(), "--writer-schema", schema.toString(),
        "--input", dir.resolve("martin.avro").toString());
    assertThat(evolved.out()).contains("\"country\":\"unknown\"");
  }

  @Test
  void errorsNameTheFileAndThePath() throws IOException {
    Path bad = write("bad.avsc", """
        {"type": "record", "name": "R", "fields": [{"name": "a", "type": "strng"}]}""");
    Path input = write("in.json", "{}");
    Run run = run("encode", "--schema", bad.toString(), "--input", input.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.error()).isEqualTo(bad + ": /fields/0/type: unknown type 'strng'");
    Path schema = write("ok.avsc", EncodingTourStep.PERSON_V1);
    Path garbage = write("garbage.bin", "\u00ff\u00ff\u00ff");
    Run malformed = run("decode", "--schema", schema.toString(), "--input", garbage.toString());
    assertThat(malformed.error()).startsWith(garbage + ": malformed data: ");
    assertThat(run("check", "--mode", "SIDEWAYS", schema.toString()).error())
        .startsWith("usage: unknown compatibility mode 'SIDEWAYS'");
  }

  @Test
  void checkReportsEachIncompatibilityWithItsPath() throws IOException {
    Path v1 = write("v1.avsc", EncodingTourStep.PERSON_V1);
    Path v2 = write("v2.avsc", EncodingTourStep.PERSON_V2);
    Path bad = write("bad.avsc", EncodingTourStep.PERSON_BAD);
    Run ok = run("check", "--mode", "FULL_TRANSITIVE", v1.toString(), v2.toString());
    assertThat(ok.exitCode()).isZero();
    assertThat(ok.out()).contains(v2 + ": compatible (FULL_TRANSITIVE)");
    Run rejected = run("check", v1.toString(), bad.toString(), v2.toString());
    assertThat(rejected.exitCode()).isEqualTo(1);
    assertThat(rejected.out()).contains(bad + ": INCOMPATIBLE (BACKWARD)",
        "reading data written with " + v1 + ": /fields/favoriteNumber: type changed null ->"
            + " string, not promotable",
        v2 + ": compatible (BACKWARD)");
  }

  @Test
  void containerFilesAreWrittenReadAndShown() throws IOException {
    Path schema = write("person.avsc", EncodingTourStep.PERSON_V1);
    Path input = write("people.jsonl", """
        {"userName": "a", "favoriteNumber": null, "interests": []}
        {"userName": "b", "favoriteNumber": {"long": 2}, "interests": ["x"]}
        """);
    Path file = dir.resolve("people.avro");
    Run written = run("container", "write", file.toString(), "--schema", schema.toString(),
        "--codec", "deflate", "--input", input.toString());
    assertThat(written.out()).startsWith("wrote 2 records to " + file + " (deflate, ");
    Run read = run("container", "read", file.toString());
    assertThat(read.out().lines()).containsExactly(
        "{\"userName\":\"a\",\"favoriteNumber\":null,\"interests\":[]}",
        "{\"userName\":\"b\",\"favoriteNumber\":{\"long\":2},\"interests\":[\"x\"]}");
    Path v2 = write("v2.avsc", EncodingTourStep.PERSON_V2);
    assertThat(run("container", "read", file.toString(), "--reader-schema", v2.toString()).out())
        .contains("\"country\":\"unknown\"");
    Run shown = run("show", file.toString());
    assertThat(shown.out()).contains("codec     deflate", "\"name\" : \"Person\"",
        "{\"userName\":\"b\"", "(2 shown)");
    assertThat(run("container", "write", file.toString(), "--schema", schema.toString(),
        "--codec", "zstd", "--input", input.toString()).error())
        .isEqualTo("usage: unsupported codec 'zstd' (supported: null, deflate)");
  }

  @Test
  void theTourStepComparesSizesAndShowsEvolution() throws Exception {
    StringWriter text = new StringWriter();
    long start = System.nanoTime();
    try (TourContext tour = new TourContext(new PrintWriter(text, true), false, 42)) {
      new EncodingTourStep().run(tour);
    }
    assertThat(System.nanoTime() - start).isLessThan(10_000_000_000L);
    assertThat(text.toString()).contains(
        "Avro JSON encoding     :  90 bytes",
        "tagged (Protobuf wire) :  33 bytes",
        "Avro binary            :  32 bytes",
        "\"country\":\"unknown\"",
        "v1 -> v2 under FULL    : compatible",
        "v1, v2 -> v3, FULL_TRANSITIVE: compatible",
        "(favoriteNumber defaulted; country, email skipped)",
        "register v3",
        "register bad",
        "refused, HTTP 409",
        "/fields/favoriteNumber");
  }
}
