package dev.ddialab.cluster.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddialab.cluster.ClusterSystem;
import dev.ddialab.cluster.NodeId;
import dev.ddialab.core.Clock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a node as a Maelstrom binary: envelopes arrive on stdin, one per line, and leave on stdout;
 * diagnostics go to stderr. The first message must be Maelstrom's {@code init} (which names this
 * node and its peers); it is answered with {@code init_ok}, then the node starts. Malformed lines
 * are reported on stderr and skipped; the process ends when stdin closes.
 */
public final class MaelstromRuntime {
  private MaelstromRuntime() {}

  /** Blocks until {@code in} ends. */
  public static <M> void run(ClusterSystem<M> system, InputStream in, PrintStream out,
      PrintStream err, long seed) throws IOException {
    Transport stdout = new Transport() {
      @Override
      public void send(Envelope envelope) {
        String line = envelope.toJson();
        synchronized (out) {
          out.println(line);
          out.flush();
        }
      }
    };
    NodeRuntime<M> runtime = null;
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String line;
    while ((line = BoundedLines.readLine(reader, Envelope.LINE_BYTES_MAX)) != null) {
      if (line.isBlank()) {
        continue;
      }
      Envelope envelope;
      try {
        envelope = Envelope.parse(line);
      } catch (IllegalArgumentException e) {
        err.println("skipping malformed message: " + e.getMessage());
        continue;
      }
      if (runtime == null) {
        if (!"init".equals(envelope.body().path("type").asText())) {
          stdout.send(envelope.errorReply(11, "not initialised: send init first"));
          continue;
        }
        runtime = init(system, envelope, stdout, seed);
        if (runtime == null) {
          stdout.send(envelope.errorReply(12, "init needs node_id and node_ids"));
        }
        continue;
      }
      runtime.deliver(envelope);
    }
    if (runtime != null) {
      runtime.close();
    }
  }

  private static <M> NodeRuntime<M> init(ClusterSystem<M> system, Envelope init,
      Transport stdout, long seed) {
    JsonNode nodeId = init.body().get("node_id");
    JsonNode nodeIds = init.body().get("node_ids");
    if (nodeId == null || !nodeId.isTextual() || nodeIds == null || !nodeIds.isArray()) {
      return null;
    }
    List<NodeId> members = new ArrayList<>();
    nodeIds.forEach(id -> members.add(NodeId.of(id.asText())));
    NodeId self = NodeId.of(nodeId.asText());
    NodeRuntime<M> runtime = new NodeRuntime<>(self, members, system.newNode(self),
        system.codec(), new MemoryDurableStore(), Clock.system(), seed);
    ObjectNode ok = Envelope.MAPPER.createObjectNode();
    ok.put("type", "init_ok");
    ok.put("in_reply_to", init.msgId());
    stdout.send(new Envelope(self.name(), init.src(), ok));
    runtime.start(stdout);
    return runtime;
  }
}
