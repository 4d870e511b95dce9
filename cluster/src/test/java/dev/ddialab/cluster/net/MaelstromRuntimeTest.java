package dev.ddialab.cluster.net;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ddialab.cluster.systems.broadcast.BroadcastNode;
import dev.ddialab.cluster.systems.echo.EchoNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A node under Maelstrom: init, then the workload's messages, as JSON lines on stdin/stdout. */
class MaelstromRuntimeTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<JsonNode> run(dev.ddialab.cluster.ClusterSystem<?> system,
      long waitMillis, String... lines) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String input = String.join("\n", lines) + "\n";
    PrintStream stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
    // Feed the lines, then give the node's event loop time to answer before stdin "closes".
    java.io.InputStream in = new java.io.SequenceInputStream(
        new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
        new java.io.InputStream() {
          private boolean waited;

          @Override
          public int read() {
            if (!waited) {
              waited = true;
              try {
                Thread.sleep(waitMillis);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            return -1;
          }
        });
    MaelstromRuntime.run(system, in, stdout, new PrintStream(err, true, StandardCharsets.UTF_8),
        1);
    List<JsonNode> replies = new ArrayList<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        replies.add(JSON.readTree(line));
      }
    }
    return replies;
  }

  @Test
  void initThenEcho() throws Exception {
    List<JsonNode> replies = run(EchoNode.SYSTEM, 300,
        "{\"src\":\"c0\",\"dest\":\"n1\",\"body\":{\"type\":\"init\",\"msg_id\":1,"
            + "\"node_id\":\"n1\",\"node_ids\":[\"n1\",\"n2\"]}}",
        "this line is not JSON",
        "{\"src\":\"c1\",\"dest\":\"n1\",\"body\":{\"type\":\"echo\",\"msg_id\":2,\"echo\":\"hi\"}}");
    assertThat(replies).hasSize(2);
    assertThat(replies.get(0).toString()).isEqualTo("{\"src\":\"n1\",\"dest\":\"c0\",\"body\":"
        + "{\"type\":\"init_ok\",\"in_reply_to\":1}}");
    JsonNode echo = replies.get(1);
    assertThat(echo.path("dest").asText()).isEqualTo("c1");
    assertThat(echo.path("body").path("type").asText()).isEqualTo("echo_ok");
    assertThat(echo.path("body").path("in_reply_to").asLong()).isEqualTo(2);
    assertThat(echo.path("body").path("echo").asText()).isEqualTo("hi");
  }

  @Test
  void broadcastAnswersTheMaelstromWorkloadAndGossipsToPeers() throws Exception {
    List<JsonNode> replies = run(BroadcastNode.SYSTEM, 400,
        "{\"src\":\"c0\",\"dest\":\"n1\",\"body\":{\"type\":\"init\",\"msg_id\":1,"
            + "\"node_id\":\"n1\",\"node_ids\":[\"n1\",\"n2\"]}}",
        "{\"src\":\"c1\",\"dest\":\"n1\",\"body\":{\"type\":\"topology\",\"msg_id\":2,"
            + "\"topology\":{\"n1\":[\"n2\"],\"n2\":[\"n1\"]}}}",
        "{\"src\":\"c1\",\"dest\":\"n1\",\"body\":{\"type\":\"broadcast\",\"msg_id\":3,"
            + "\"message\":42}}",
        "{\"src\":\"c1\",\"dest\":\"n1\",\"body\":{\"type\":\"read\",\"msg_id\":4}}",
        "{\"src\":\"c1\",\"dest\":\"n1\",\"body\":{\"type\":\"bogus\",\"msg_id\":5}}");
    List<String> types = replies.stream().map(r -> r.path("body").path("type").asText()).toList();
    assertThat(types).contains("init_ok", "topology_ok", "broadcast_ok", "read_ok", "gossip",
        "error");
    JsonNode read = replies.stream().filter(r -> r.path("body").path("type").asText()
        .equals("read_ok")).findFirst().orElseThrow();
    assertThat(read.path("body").path("messages").toString()).isEqualTo("[42]");
    JsonNode gossip = replies.stream().filter(r -> r.path("body").path("type").asText()
        .equals("gossip")).findFirst().orElseThrow();
    assertThat(gossip.path("dest").asText()).isEqualTo("n2");
    JsonNode error = replies.stream().filter(r -> r.path("body").path("type").asText()
        .equals("error")).findFirst().orElseThrow();
    assertThat(error.path("body").path("in_reply_to").asLong()).isEqualTo(5);
  }
}
