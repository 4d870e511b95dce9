package dev.ddialab.cluster.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddialab.cluster.Node;
import dev.ddialab.cluster.NodeContext;
import dev.ddialab.cluster.NodeId;
import dev.ddialab.cluster.client.ClientNode;
import dev.ddialab.cluster.history.History;
import dev.ddialab.cluster.history.HistoryRecorder;
import dev.ddialab.cluster.history.Op;
import dev.ddialab.cluster.history.OpType;
import dev.ddialab.cluster.systems.register.KvClient;
import dev.ddialab.cluster.systems.register.KvMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Jepsen's client rules: a timeout is :info, and the process is never reused after it. */
class ClientNodeTest {

  /** A server that never answers. */
  private static final class Silent implements Node<KvMessage> {
    @Override
    public void start(NodeContext<KvMessage> context) {}

    @Override
    public void onMessage(NodeId from, KvMessage message) {}
  }

  @Test
  void anUnansweredOperationIsInfoAndTheClientContinuesAsANewProcess() {
    HistoryRecorder recorder = new HistoryRecorder();
    Simulation<KvMessage> sim = Simulation.<KvMessage>builder(1)
        .server(NodeId.server(1), id -> new Silent())
        .client(NodeId.client(1), id -> new ClientNode<>(0, 4, List.of(NodeId.server(1)),
            KvClient.ADAPTER, KvClient.workload(1), recorder,
            new ClientNode.Config(Duration.ofMillis(100), Duration.ofMillis(10), 3)))
        .build().start();
    sim.run(Duration.ofSeconds(2));
    History history = recorder.history();
    assertThat(history.ops()).hasSize(6);
    assertThat(history.ops().stream().filter(op -> op.type() != OpType.INVOKE))
        .allMatch(op -> op.type() == OpType.INFO);
    assertThat(history.ops().stream().map(Op::process).distinct()).containsExactly(0, 4, 8);
    for (History.Pair pair : history.pairs()) {
      assertThat(pair.completion().timeNanos() - pair.invoke().timeNanos())
          .isEqualTo(100_000_000L);
    }
  }
}
