package dev.ddialab.cluster.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ddialab.core.ChildJvm;
import dev.ddialab.core.Invariants;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A cluster of node processes on one machine, as {@code ddia cluster start} launches it: one JVM
 * per node ({@link ChildJvm}), each with a data directory and a log file under {@code dir}, and a
 * state file ({@code cluster.json}) through which later commands find the nodes (pids, ports).
 * Faults go through each node's admin endpoint; kills are real {@code SIGKILL}s.
 */
public final class LocalCluster {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(1)).build();

  /** One node as the state file records it. */
  public record Member(String id, int port, int adminPort, long pid) {}

  /** The state file. */
  public record State(String system, String host, List<Member> nodes) {}

  private final Path dir;
  private State state;

  private LocalCluster(Path dir, State state) {
    this.dir = dir;
    this.state = state;
  }

  public static Path stateFile(Path dir) {
    return dir.resolve("cluster.json");
  }

  /** Launches {@code count} nodes of {@code system} and waits until each answers its admin port. */
  public static LocalCluster start(String system, int count, Path dir, String host)
      throws IOException, InterruptedException {
    Invariants.require(count >= 1 && count <= 32, "--nodes must be 1..32, not %d", count);
    if (Files.exists(stateFile(dir))) {
      LocalCluster existing = load(dir);
      if (existing.state.nodes().stream().anyMatch(LocalCluster::alive)) {
        throw new IllegalStateException("a cluster is already running in " + dir
            + "; run 'ddia cluster stop --dir " + dir + "' first");
      }
    }
    Files.createDirectories(dir);
    List<Member> members = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      members.add(new Member("n" + i, freePort(host), freePort(host), -1));
    }
    LocalCluster cluster = new LocalCluster(dir, new State(system, host, members));
    for (Member m : members) {
      cluster.launch(m.id());
    }
    for (Member m : cluster.state.nodes()) {
      cluster.awaitReady(m);
    }
    return cluster;
  }

  public static LocalCluster load(Path dir) throws IOException {
    Path file = stateFile(dir);
    if (!Files.exists(file)) {
      throw new IllegalStateException("no cluster in " + dir + " (no " + file.getFileName()
          + "); start one with 'ddia cluster start'");
    }
    return new LocalCluster(dir, JSON.readValue(file.toFile(), State.class));
  }

  public State state() {
    return state;
  }

  public Path dir() {
    return dir;
  }

  public Member member(String id) {
    return state.nodes().stream().filter(m -> m.id().equals(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no node " + id + " in this cluster ("
            + String.join(", ", ids()) + ")"));
  }

  public List<String> ids() {
    return state.nodes().stream().map(Member::id).toList();
  }

  public InetSocketAddress address(String id) {
    return new InetSocketAddress(state.host(), member(id).port());
  }

  public static boolean alive(Member m) {
    return process(m) != null;
  }

  /**
   * The node's live process, or null. A pid from the state file is trusted only if that process
   * still runs {@link NodeMain} for this node: after a reboot the pid may belong to anything, and
   * we must never signal a process we did not start.
   */
  private static ProcessHandle process(Member m) {
    if (m.pid() <= 0) {
      return null;
    }
    ProcessHandle handle = ProcessHandle.of(m.pid()).orElse(null);
    if (handle == null || !handle.isAlive()) {
      return null;
    }
    String command = handle.info().commandLine().orElse("");
    boolean ours = command.contains(NodeMain.class.getName()) && command.contains("--id " + m.id());
    return ours ? handle : null;
  }

  /** The node's admin status, or null if it does not answer. */
  public JsonNode status(String id) {
    try {
      return request(member(id), "GET", "/status", null);
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Cuts the cluster into {@code groups}: each node stops talking to the nodes of other groups.
   * Nodes in no group are unaffected. {@code drop} and {@code delayMillis} apply to every node in
   * a group.
   */
  public void partition(List<Set<String>> groups, double drop, long delayMillis)
      throws IOException {
    Set<String> seen = new TreeSet<>();
    for (Set<String> group : groups) {
      for (String id : group) {
        member(id);
        Invariants.require(seen.add(id), "%s is in two groups", id);
      }
    }
    for (Set<String> group : groups) {
      for (String id : group) {
        Set<String> blocked = new TreeSet<>(seen);
        blocked.removeAll(group);
        setFaults(id, new TransportFaults(blocked, drop, delayMillis));
      }
    }
  }

  public void setFaults(String id, TransportFaults faults) throws IOException {
    request(member(id), "POST", "/faults", faults.toJson().toString());
  }

  /** Clears every fault on every live node; returns the nodes that did not answer. */
  public List<String> heal() {
    List<String> unreachable = new ArrayList<>();
    for (Member m : state.nodes()) {
      try {
        request(m, "POST", "/heal", "{}");
      } catch (IOException e) {
        unreachable.add(m.id());
      }
    }
    return unreachable;
  }

  /** SIGKILL: no shutdown hooks, no flushing; what the node did not sync is gone. */
  public void kill(String id) throws InterruptedException {
    ProcessHandle handle = process(member(id));
    if (handle == null) {
      throw new IllegalStateException(id + " is not running");
    }
    handle.destroyForcibly();
    handle.onExit().join();
  }

  /** Starts a node again with its old ports and data directory. */
  public void restart(String id) throws IOException, InterruptedException {
    Member m = member(id);
    if (alive(m)) {
      throw new IllegalStateException(id + " is running (pid " + m.pid() + "); kill it first");
    }
    launch(id);
    awaitReady(member(id));
  }

  /** Kills every node and removes the state file; data and logs stay in the directory. */
  public void stop() throws IOException {
    for (Member m : state.nodes()) {
      ProcessHandle handle = process(m);
      if (handle != null) {
        handle.destroyForcibly();
        handle.onExit().join();
      }
    }
    Files.deleteIfExists(stateFile(dir));
  }

  private void launch(String id) throws IOException {
    Member m = member(id);
    String peers = String.join(",", state.nodes().stream()
        .map(n -> n.id() + "=" + state.host() + ":" + n.port()).toList());
    Path log = dir.resolve(id + ".log");
    Process process = ChildJvm.builder(NodeMain.class, List.of(
            "--system", state.system(), "--id", id, "--peers", peers,
            "--admin", state.host() + ":" + m.adminPort(),
            "--data-dir", dir.resolve(id + "-data").toString()))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
    replace(new Member(id, m.port(), m.adminPort(), process.pid()));
  }

  private void replace(Member updated) throws IOException {
    List<Member> nodes = new ArrayList<>();
    for (Member m : state.nodes()) {
      nodes.add(m.id().equals(updated.id()) ? updated : m);
    }
    state = new State(state.system(), state.host(), nodes);
    JSON.writeValue(stateFile(dir).toFile(), state);
  }

  private void awaitReady(Member m) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!alive(m)) {
        throw new IOException(m.id() + " exited during start-up; see "
            + dir.resolve(m.id() + ".log"));
      }
      if (status(m.id()) != null) {
        return;
      }
      Thread.sleep(50);
    }
    throw new IOException(m.id() + " did not answer on admin port " + m.adminPort() + " within "
        + READY_TIMEOUT.toSeconds() + " s");
  }

  private JsonNode request(Member m, String method, String path, String body) throws IOException {
    HttpRequest.Builder builder = HttpRequest.newBuilder(
        URI.create("http://" + hostForUri() + ":" + m.adminPort() + path))
        .timeout(Duration.ofSeconds(2));
    builder = body == null ? builder.GET()
        : builder.method(method, HttpRequest.BodyPublishers.ofString(body));
    try {
      HttpResponse<String> response = HTTP.send(builder.build(),
          HttpResponse.BodyHandlers.ofString());
      JsonNode json = JSON.readTree(response.body());
      if (response.statusCode() != 200) {
        throw new IllegalArgumentException(m.id() + ": " + json.path("error").asText());
      }
      return json;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private String hostForUri() {
    return state.host().contains(":") ? "[" + state.host() + "]" : state.host();
  }

  private static int freePort(String host) throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      return socket.getLocalPort();
    }
  }

  /** Parses {@code n1=127.0.0.1:9001,n2=...} into an ordered map. */
  public static Map<String, InetSocketAddress> parsePeers(String text) {
    Map<String, InetSocketAddress> peers = new LinkedHashMap<>();
    for (String part : text.split(",")) {
      String[] idAddress = part.strip().split("=", 2);
      Invariants.require(idAddress.length == 2, "peer '%s' is not ID=HOST:PORT", part);
      peers.put(idAddress[0], parseAddress(idAddress[1]));
    }
    return peers;
  }

  public static InetSocketAddress parseAddress(String text) {
    int colon = text.lastIndexOf(':');
    Invariants.require(colon > 0, "address '%s' is not HOST:PORT", text);
    try {
      int port = Integer.parseInt(text.substring(colon + 1));
      Invariants.require(port >= 0 && port <= 65535, "port %d out of range", port);
      return new InetSocketAddress(text.substring(0, colon).replace("[", "").replace("]", ""),
          port);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("address '" + text + "' has no numeric port");
    }
  }

}
