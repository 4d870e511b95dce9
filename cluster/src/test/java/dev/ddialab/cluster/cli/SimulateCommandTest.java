package dev.ddialab.cluster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ddialab.core.tour.TourContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ddia cluster simulate}, its trace and diagram, and the chapter 9 tour step. */
class SimulateCommandTest {
  @TempDir
  Path dir;

  private String out;

  private int ddia(String... args) {
    StringWriter text = new StringWriter();
    CommandLine cli = new CommandLine(new ClusterCommand());
    cli.setOut(new PrintWriter(text));
    cli.setErr(new PrintWriter(text));
    int code = cli.execute(args);
    out = text.toString();
    return code;
  }

  @Test
  void aSeededRunPrintsItsVerdictAndReplaysIdentically() throws Exception {
    Path trace = dir.resolve("trace.jsonl");
    Path diagram = dir.resolve("lamport.html");
    Path history = dir.resolve("history.edn");
    assertThat(ddia("simulate", "--system", "lww-register", "--seed", "3", "--trace",
        trace.toString(), "--diagram", diagram.toString(), "--history", history.toString()))
        .isEqualTo(1);
    assertThat(out).startsWith("not linearizable")
        .contains("replay: ddia cluster simulate --system lww-register --nemesis partition"
            + " --seed 3");
    String first = out;
    assertThat(ddia("simulate", "--system", "lww-register", "--seed", "3")).isEqualTo(1);
    assertThat(hashLine(out)).isEqualTo(hashLine(first));

    List<String> lines = Files.readAllLines(trace);
    assertThat(lines).isNotEmpty();
    ObjectMapper json = new ObjectMapper();
    assertThat(lines).allSatisfy(line -> assertThat(json.readTree(line).has("t_ns")).isTrue());
    assertThat(lines).anyMatch(line -> line.contains("\"kind\":\"partition\""));
    String html = Files.readString(diagram);
    assertThat(html).contains("<svg").contains("marker-end").contains(">n1<").contains(">c1<");

    // The recorded history checks the same way with 'ddia check'.
    StringWriter check = new StringWriter();
    CommandLine checkCli = new CommandLine(new CheckCommand());
    checkCli.setOut(new PrintWriter(check));
    assertThat(checkCli.execute("linearizability", "--model", "lin-kv", history.toString()))
        .isEqualTo(1);
  }

  @Test
  void theCorrectDesignsPass() {
    assertThat(ddia("simulate", "--system", "single-register", "--nemesis", "random", "--seed",
        "5")).as(out).isZero();
    assertThat(out).startsWith("linearizable");
    assertThat(ddia("simulate", "--system", "broadcast", "--seed", "5")).as(out).isZero();
    assertThat(out).contains("every acknowledged message reached every node");
  }

  @Test
  void theTourStepShowsTheAnomalyAndItsAbsence() throws Exception {
    StringWriter text = new StringWriter();
    try (TourContext tour = new TourContext(new PrintWriter(text, true), false, 11)) {
      new ClusterTourStep().run(tour);
    }
    assertThat(text.toString())
        .contains("lww-register: not linearizable")
        .contains("cannot be ordered")
        .contains("single-register: linearizable");
  }

  private static String hashLine(String output) {
    return output.lines().filter(l -> l.contains("trace hash")).findFirst().orElseThrow();
  }
}
