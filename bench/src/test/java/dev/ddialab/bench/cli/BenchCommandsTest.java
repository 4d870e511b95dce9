package dev.ddialab.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The benchmark commands end to end on a tiny scale: real child JVMs, real peers. They prove the
 * plumbing (children, parsing, reports, the torture line's exact shape), not any speed.
 */
class BenchCommandsTest {
  @TempDir
  Path tmp;

  record Run(int exitCode, String out) {}

  private static Run bench(String... args) {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      int code = new CommandLine(new BenchCommand()).execute(args);
      return new Run(code, captured.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(original);
    }
  }

  @Test
  void storageBenchWritesTableJsonAndReport() throws Exception {
    Path json = tmp.resolve("results.json");
    Path report = tmp.resolve("report");
    Run run = bench("storage", "--engines", "hashlog,rocksdb", "--workloads",
        "fillrandom,readrandom,ycsb-e", "--num", "2000", "--runs", "1", "--json", json.toString(),
        "--report", report.toString());
    assertThat(run.exitCode()).as(run.out()).isZero();
    assertThat(run.out()).contains("fillrandom", "readrandom", "ycsb-e", "hashlog", "rocksdb", "1.00x");
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    assertThat(root.get("machine").get("cores").asInt()).isPositive();
    assertThat(root.get("machine").has("load_before")).isTrue();
    assertThat(root.get("results")).hasSize(6);
    for (JsonNode result : root.get("results")) {
      for (String field : new String[] {"engine", "workload", "ops_per_sec", "p50_us", "p99_us",
          "bytes_written", "disk_bytes", "runs"}) {
        assertThat(result.has(field)).as(field).isTrue();
      }
      assertThat(result.get("ops_per_sec").asDouble()).isPositive();
    }
    String html = Files.readString(report.resolve("index.html"));
    assertThat(html).contains("<svg", "polyline", "Throughput", "Amplification");
  }

  @Test
  void unknownEnginesAndWorkloadsAreUsageErrors() {
    assertThat(bench("storage", "--engines", "nope").exitCode()).isEqualTo(2);
    assertThat(bench("storage", "--workloads", "fillfast").exitCode()).isEqualTo(2);
    assertThat(bench("storage", "--engines", "hashlog", "--baseline", "rocksdb").exitCode()).isEqualTo(2);
    assertThat(bench("torture").exitCode()).isEqualTo(2);
  }

  @Test
  void tortureEndsWithTheExactSummaryLine() {
    for (String engine : new String[] {"hashlog", "rocksdb"}) {
      Run run = bench("torture", "--engine", engine, "--kills", "3", "--max-run-millis", "200",
          "--seed", "5");
      assertThat(run.exitCode()).as(run.out()).isZero();
      String[] lines = run.out().strip().split("\n");
      assertThat(lines[lines.length - 1])
          .isEqualTo("kills: 3, acknowledged writes lost: 0, corrupt reopen: 0");
    }
  }
}
