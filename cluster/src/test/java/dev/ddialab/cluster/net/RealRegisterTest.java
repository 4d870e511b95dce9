package dev.ddialab.cluster.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddialab.cluster.NodeId;
import dev.ddialab.cluster.check.LinearizabilityChecker;
import dev.ddialab.cluster.check.LinearizabilityResult;
import dev.ddialab.cluster.check.Models;
import dev.ddialab.cluster.client.Invocation;
import dev.ddialab.cluster.history.History;
import dev.ddialab.cluster.history.HistoryRecorder;
import dev.ddialab.cluster.systems.register.KvClient;
import dev.ddialab.cluster.systems.register.KvMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The register experiment of DDIA ch. 9 on real processes over TCP: write through one node, cut
 * the cluster, write through the majority side, read through the isolated node. Last-writer-wins
 * replicas return the stale value (the checker says why the history is not linearizable); the
 * single copy does not answer the write it cannot reach the primary for, and stays linearizable.
 */
class RealRegisterTest {
  @TempDir
  Path dir;

  private History experiment(String system) throws Exception {
    LocalCluster cluster = LocalCluster.start(system, 3, dir.resolve(system), "127.0.0.1");
    HistoryRecorder history = new HistoryRecorder();
    try (RecordingClient<KvMessage> viaN1 = client(cluster, 0, "n1", history);
        RecordingClient<KvMessage> viaN2 = client(cluster, 1, "n2", history)) {
      Duration timeout = Duration.ofSeconds(1);
      viaN2.invoke(new Invocation("write", "x", 1L), timeout);
      Thread.sleep(300); // let replication settle while the network is whole
      cluster.partition(List.of(Set.of("n1"), Set.of("n2", "n3")), 0, 0);
      viaN2.invoke(new Invocation("write", "x", 2L), timeout);
      viaN1.invoke(new Invocation("read", "x", null), timeout);
    } finally {
      cluster.stop();
    }
    return history.history();
  }

  private static RecordingClient<KvMessage> client(LocalCluster cluster, int process, String node,
      HistoryRecorder history) throws Exception {
    return new RecordingClient<>(process, 10, NodeId.of(node), cluster.address(node),
        KvMessage.CODEC, KvClient.ADAPTER, history);
  }

  @Test
  void lastWriterWinsReplicasServeAStaleReadAcrossAPartition() throws Exception {
    History history = experiment("lww-register");
    LinearizabilityResult result = new LinearizabilityChecker(Models.perKey(
        Models.casRegister(null))).check(history);
    assertThat(result.verdict()).as(history.toEdn())
        .isEqualTo(LinearizabilityResult.Verdict.NOT_LINEARIZABLE);
    assertThat(result.explanation()).contains("read key \"x\" -> ok 1")
        .contains("impossible in state 2");
  }

  @Test
  void aSingleCopyStaysLinearizableByNotAnswering() throws Exception {
    History history = experiment("single-register");
    LinearizabilityResult result = new LinearizabilityChecker(Models.perKey(
        Models.casRegister(null))).check(history);
    assertThat(result.verdict()).as(result.explanation())
        .isEqualTo(LinearizabilityResult.Verdict.LINEARIZABLE);
    assertThat(history.ops()).anyMatch(op -> op.type() == dev.ddialab.cluster.history.OpType.INFO);
  }
}
