package dev.ddialab.cluster.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddialab.cluster.NodeId;
import dev.ddialab.cluster.systems.broadcast.BroadcastMessage;
import dev.ddialab.cluster.systems.broadcast.BroadcastNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same broadcast node as in simulation, as three TCP nodes in this JVM: faults injected at
 * the transport at run time (a partition, then healing), reconnecting links, the admin endpoint.
 */
class TcpRuntimeTest {
  @TempDir
  Path dir;

  private final List<NodeProcess<BroadcastMessage>> nodes = new ArrayList<>();
  private final Map<String, InetSocketAddress> peers = new LinkedHashMap<>();
  private final List<TcpClient<BroadcastMessage>> clients = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (TcpClient<BroadcastMessage> c : clients) {
      c.close();
    }
    for (NodeProcess<BroadcastMessage> node : nodes) {
      node.close();
    }
  }

  private void startThree() throws IOException {
    for (int i = 1; i <= 3; i++) {
      peers.put("n" + i, new InetSocketAddress(InetAddress.getLoopbackAddress(), freePort()));
    }
    for (int i = 1; i <= 3; i++) {
      nodes.add(NodeProcess.start(BroadcastNode.SYSTEM, NodeId.server(i), peers,
          new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), dir.resolve("n" + i), i));
    }
    for (int i = 1; i <= 3; i++) {
      clients.add(new TcpClient<>(NodeId.client(i), NodeId.server(i), peers.get("n" + i),
          BroadcastMessage.CODEC));
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private Set<Long> read(int node) throws Exception {
    BroadcastMessage reply = clients.get(node - 1).call(BroadcastMessage.Read::new,
        Duration.ofSeconds(5));
    return new TreeSet<>(((BroadcastMessage.ReadOk) reply).messages());
  }

  private void broadcast(int node, long value) throws Exception {
    BroadcastMessage reply = clients.get(node - 1).call(
        id -> new BroadcastMessage.Broadcast(id, value), Duration.ofSeconds(5));
    assertThat(reply).isInstanceOf(BroadcastMessage.BroadcastOk.class);
  }

  private boolean eventually(java.util.concurrent.Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.call()) {
        return true;
      }
      Thread.sleep(50);
    }
    return false;
  }

  @Test
  void broadcastReachesEveryNodeOnceAPartitionHeals() throws Exception {
    startThree();
    broadcast(1, 1);
    assertThat(eventually(() -> read(3).contains(1L))).isTrue();

    post(nodes.get(2), "/faults", "{\"blocked\":[\"n1\",\"n2\"]}");
    post(nodes.get(0), "/faults", "{\"blocked\":[\"n3\"]}");
    post(nodes.get(1), "/faults", "{\"blocked\":[\"n3\"]}");
    broadcast(1, 2);
    broadcast(3, 3);
    assertThat(eventually(() -> read(2).contains(2L))).isTrue();
    Thread.sleep(500);
    assertThat(read(3)).doesNotContain(2L);
    assertThat(read(1)).doesNotContain(3L);

    for (NodeProcess<BroadcastMessage> node : nodes) {
      post(node, "/heal", "{}");
    }
    assertThat(eventually(() -> read(1).equals(Set.of(1L, 2L, 3L))
        && read(2).equals(Set.of(1L, 2L, 3L)) && read(3).equals(Set.of(1L, 2L, 3L)))).isTrue();
  }

  @Test
  void theAdminEndpointAnswersBadInputWithAnErrorAndKeepsServing() throws Exception {
    startThree();
    HttpResponse<String> bad = http(nodes.get(0), "POST", "/faults", "{\"drop\":7}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("probability");
    assertThat(http(nodes.get(0), "POST", "/faults", "not json").statusCode()).isEqualTo(400);
    assertThat(http(nodes.get(0), "GET", "/faults", null).statusCode()).isEqualTo(400);
    HttpResponse<String> status = http(nodes.get(0), "GET", "/status", null);
    assertThat(status.statusCode()).isEqualTo(200);
    assertThat(status.body()).contains("\"id\":\"n1\"").contains("\"system\":\"broadcast\"");
    broadcast(1, 9);
    assertThat(read(1)).contains(9L);
  }

  @Test
  void aMalformedMessageGetsAnErrorReplyAndTheNodeKeepsServing() throws Exception {
    startThree();
    try (java.net.Socket socket = new java.net.Socket(InetAddress.getLoopbackAddress(),
        peers.get("n1").getPort())) {
      var out = new java.io.PrintWriter(socket.getOutputStream(), true);
      var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream()));
      out.println("{oops");
      assertThat(in.readLine()).contains("\"type\":\"error\"").contains("\"code\":12");
      out.println("{\"src\":\"c9\",\"dest\":\"n1\",\"body\":{\"type\":\"broadcast\","
          + "\"msg_id\":1,\"message\":\"not a number\"}}");
      assertThat(in.readLine()).contains("\"type\":\"error\"").contains("\"in_reply_to\":1");
    }
    broadcast(1, 5);
    assertThat(read(1)).contains(5L);
  }

  private static void post(NodeProcess<?> node, String path, String body) throws Exception {
    assertThat(http(node, "POST", path, body).statusCode()).isEqualTo(200);
  }

  private static HttpResponse<String> http(NodeProcess<?> node, String method, String path,
      String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + node.adminPort() + path));
    request = body == null ? request.GET()
        : request.method(method, HttpRequest.BodyPublishers.ofString(body));
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
