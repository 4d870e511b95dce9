package dev.ddialab.cluster.net;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddialab.cluster.ClusterSystem;
import dev.ddialab.cluster.DurableStore;
import dev.ddialab.cluster.NodeId;
import dev.ddialab.core.Clock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One node as a real process: the node's runtime, its TCP transport, its admin endpoint and its
 * disk, wired together. {@code ddia cluster node} (and so every process {@code ddia cluster start}
 * launches) builds one of these and waits.
 */
public final class NodeProcess<M> implements AutoCloseable {
  private final NodeRuntime<M> runtime;
  private final TcpTransport transport;
  private final AdminServer admin;
  private final AutoCloseable disk;

  private NodeProcess(NodeRuntime<M> runtime, TcpTransport transport, AdminServer admin,
      AutoCloseable disk) {
    this.runtime = runtime;
    this.transport = transport;
    this.admin = admin;
    this.disk = disk;
  }

  /**
   * @param peers every member's address, this node's included (members are the map's keys, in
   *     order)
   * @param admin where to serve the admin endpoint; null for none
   * @param dataDir the node's disk; null for a memory store (nothing survives a restart)
   */
  public static <M> NodeProcess<M> start(ClusterSystem<M> system, NodeId id,
      Map<String, InetSocketAddress> peers, InetSocketAddress admin, Path dataDir, long seed)
      throws IOException {
    InetSocketAddress listen = peers.get(id.name());
    if (listen == null) {
      throw new IllegalArgumentException("--peers does not give an address for " + id);
    }
    List<NodeId> members = new ArrayList<>();
    peers.keySet().forEach(name -> members.add(NodeId.of(name)));
    DurableStore store = dataDir == null ? new MemoryDurableStore() : new FileDurableStore(dataDir);
    TcpTransport transport = new TcpTransport(id.name(), listen, peers);
    NodeRuntime<M> runtime = new NodeRuntime<>(id, members, system.newNode(id), system.codec(),
        store, Clock.system(), seed);
    transport.onReceive(runtime::deliver);
    long started = System.currentTimeMillis();
    AdminServer adminServer = admin == null ? null : new AdminServer(admin, transport, () -> {
      ObjectNode status = Envelope.MAPPER.createObjectNode();
      status.put("id", id.name());
      status.put("system", system.name());
      status.put("pid", ProcessHandle.current().pid());
      status.put("uptime_ms", System.currentTimeMillis() - started);
      status.put("received", runtime.received());
      status.put("rejected", runtime.rejected());
      return status;
    });
    runtime.start(transport);
    return new NodeProcess<>(runtime, transport, adminServer,
        store instanceof AutoCloseable c ? c : () -> { });
  }

  public int port() {
    return transport.port();
  }

  public int adminPort() {
    return admin == null ? -1 : admin.port();
  }

  @Override
  public void close() {
    if (admin != null) {
      admin.close();
    }
    transport.close();
    runtime.close();
    try {
      disk.close();
    } catch (Exception e) {
      System.err.println("closing the durable store failed: " + e);
    }
  }
}
