package dev.ddialab.cluster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddialab.cluster.NodeId;
import dev.ddialab.cluster.net.LocalCluster;
import dev.ddialab.cluster.net.TcpClient;
import dev.ddialab.cluster.systems.broadcast.BroadcastMessage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ddia cluster start|status|partition|heal|kill|restart|stop} against real node processes
 * (one JVM each, SIGKILLed for real): a broadcast cluster keeps every acknowledged message across
 * a partition and a kill -9 of a node, because messages are synced before they are acknowledged.
 */
class ClusterCommandTest {
  @TempDir
  Path dir;

  private String lastOut;

  private int ddia(String... args) {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new ClusterCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(out));
    int code = cli.execute(args);
    lastOut = out.toString();
    return code;
  }

  @AfterEach
  void stopCluster() {
    ddia("stop", "--dir", dir.toString());
  }

  private Set<Long> read(LocalCluster cluster, String node) throws Exception {
    try (TcpClient<BroadcastMessage> client = new TcpClient<>(NodeId.client(9), NodeId.of(node),
        cluster.address(node), BroadcastMessage.CODEC)) {
      BroadcastMessage reply = client.call(BroadcastMessage.Read::new, Duration.ofSeconds(5));
      return reply == null ? null : new TreeSet<>(((BroadcastMessage.ReadOk) reply).messages());
    }
  }

  private void broadcast(LocalCluster cluster, String node, long value) throws Exception {
    try (TcpClient<BroadcastMessage> client = new TcpClient<>(NodeId.client(8), NodeId.of(node),
        cluster.address(node), BroadcastMessage.CODEC)) {
      assertThat(client.call(id -> new BroadcastMessage.Broadcast(id, value),
          Duration.ofSeconds(5))).isInstanceOf(BroadcastMessage.BroadcastOk.class);
    }
  }

  private boolean eventually(java.util.concurrent.Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.call()) {
        return true;
      }
      Thread.sleep(100);
    }
    return false;
  }

  @Test
  void aRealBroadcastClusterSurvivesPartitionsAndKillMinus9() throws Exception {
    String d = dir.toString();
    assertThat(ddia("start", "--system", "broadcast", "--nodes", "3", "--dir", d))
        .as(lastOut).isZero();
    assertThat(lastOut).contains("started 3 broadcast nodes").contains("n3");
    LocalCluster cluster = LocalCluster.load(dir);

    assertThat(ddia("partition", "n1,n2", "n3", "--dir", d)).as(lastOut).isZero();
    assertThat(ddia("status", "--dir", d)).isZero();
    assertThat(lastOut).contains("blocked [\"n3\"]");
    broadcast(cluster, "n1", 1);
    assertThat(eventually(() -> read(cluster, "n2").contains(1L))).isTrue();
    Thread.sleep(300);
    assertThat(read(cluster, "n3")).doesNotContain(1L);

    assertThat(ddia("heal", "--dir", d)).isZero();
    assertThat(eventually(() -> read(cluster, "n3").contains(1L))).isTrue();

    broadcast(cluster, "n2", 2);
    assertThat(ddia("kill", "n2", "--dir", d)).as(lastOut).isZero();
    assertThat(ddia("status", "--dir", d)).isZero();
    assertThat(lastOut).containsPattern("n2\\s+\\d+\\s+down");
    assertThat(ddia("restart", "n2", "--dir", d)).as(lastOut).isZero();
    LocalCluster after = LocalCluster.load(dir);
    assertThat(read(after, "n2")).as("synced before acknowledged, so it survived kill -9")
        .contains(1L, 2L);
    assertThat(eventually(() -> read(after, "n1").contains(2L) && read(after, "n3").contains(2L)))
        .isTrue();

    assertThat(ddia("stop", "--dir", d)).isZero();
    assertThat(LocalCluster.alive(after.member("n1"))).isFalse();
    assertThat(ddia("status", "--dir", d)).isEqualTo(1);
  }

  @Test
  void usageErrorsAreReportedNotThrown() {
    assertThat(ddia("start", "--system", "nope", "--dir", dir.toString())).isEqualTo(2);
    assertThat(lastOut).contains("unknown system 'nope'");
    assertThat(ddia("kill", "n1", "--dir", dir.resolve("none").toString())).isEqualTo(1);
  }
}
