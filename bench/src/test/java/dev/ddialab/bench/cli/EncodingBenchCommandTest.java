package dev.ddialab.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ddialab.bench.encoding.EncodingBench;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code bench encoding} on a tiny scale: every codec reported, and the byte counts honest. */
class EncodingBenchCommandTest {
  @TempDir
  Path tmp;

  @Test
  void tableHasEveryCodecAndAvroSizesAgree() throws Exception {
    Path json = tmp.resolve("encoding.json");
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = new CommandLine(new BenchCommand()).execute("encoding", "--records", "300",
          "--runs", "1", "--json", json.toString());
    } finally {
      System.setOut(original);
    }
    String out = captured.toString(StandardCharsets.UTF_8);
    assertThat(code).as(out).isZero();
    assertThat(out).contains(EncodingBench.OUR_AVRO, "ddia tagged", "ddia json",
        EncodingBench.APACHE_AVRO, "protobuf", "jackson", "target:");

    Map<String, JsonNode> rows = new HashMap<>();
    for (JsonNode row : new ObjectMapper().readTree(json.toFile()).get("results")) {
      rows.put(row.get("codec").asText(), row);
      assertThat(row.get("encode_per_sec").asDouble()).isPositive();
      assertThat(row.get("decode_per_sec").asDouble()).isPositive();
    }
    assertThat(rows).hasSize(6);
    assertThat(rows.get(EncodingBench.OUR_AVRO).get("bytes_per_record").asDouble())
        .isEqualTo(rows.get(EncodingBench.APACHE_AVRO).get("bytes_per_record").asDouble());
    // The tagged codec writes the Protobuf wire format of the equivalent message.
    assertThat(rows.get("ddia tagged").get("bytes_per_record").asDouble())
        .isEqualTo(rows.get("protobuf").get("bytes_per_record").asDouble());
  }

  @Test
  void rejectsZeroRecords() {
    int code = new CommandLine(new BenchCommand()).execute("encoding", "--records", "0");
    assertThat(code).isEqualTo(2);
  }
}
