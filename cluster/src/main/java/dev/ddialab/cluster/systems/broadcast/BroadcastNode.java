package dev.ddialab.cluster.systems.broadcast;

import dev.ddialab.cluster.ClusterSystem;
import dev.ddialab.cluster.MessageCodec;
import dev.ddialab.cluster.Node;
import dev.ddialab.cluster.NodeContext;
import dev.ddialab.cluster.NodeId;
import dev.ddialab.cluster.TimerTag;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Maelstrom's broadcast over anti-entropy gossip: every message reaches every node despite loss,
 * duplication and partitions. Each node remembers, per peer, which messages the peer has
 * acknowledged, and every gossip interval sends each peer a bounded batch of the rest, until
 * acknowledged. A message is acknowledged to a client only after it is synced to disk, so an
 * acknowledged broadcast survives the node's crash and is gossiped after restart.
 *
 * <p>Invariants: a node's set only grows; it only ever holds broadcast values; once the network
 * heals and all nodes are up, every node eventually holds every acknowledged message
 * (BroadcastSimulationTest checks all three over hundreds of seeds).
 */
public final class BroadcastNode implements Node<BroadcastMessage> {
  public static final ClusterSystem<BroadcastMessage> SYSTEM = new ClusterSystem<>() {
    @Override
    public String name() {
      return "broadcast";
    }

    @Override
    public String description() {
      return "gossip broadcast: every message reaches every node (Maelstrom broadcast)";
    }

    @Override
    public Node<BroadcastMessage> newNode(NodeId id) {
      return new BroadcastNode();
    }

    @Override
    public MessageCodec<BroadcastMessage> codec() {
      return BroadcastMessage.CODEC;
    }
  };

  static final Duration GOSSIP_INTERVAL = Duration.ofMillis(100);
  static final int GOSSIP_BATCH_MAX = 256;
  private static final String DISK_PREFIX = "msg/";

  private final NavigableSet<Long> seen = new TreeSet<>();
  private final Map<NodeId, Set<Long>> ackedBy = new HashMap<>();
  private NodeContext<BroadcastMessage> ctx;

  @Override
  public void start(NodeContext<BroadcastMessage> context) {
    this.ctx = context;
    for (String key : ctx.disk().keys()) {
      if (key.startsWith(DISK_PREFIX)) {
        seen.add(Long.parseLong(key.substring(DISK_PREFIX.length())));
      }
    }
    ctx.schedule(jittered(), "gossip");
  }

  @Override
  public void onMessage(NodeId from, BroadcastMessage message) {
    switch (message) {
      case BroadcastMessage.Broadcast b when b.message() == null ->
          ctx.send(from, new BroadcastMessage.Error(b.msgId(), 12, "broadcast needs a message"));
      case BroadcastMessage.Broadcast b -> {
        if (remember(List.of(b.message()))) {
          ctx.disk().sync();
        }
        ctx.send(from, new BroadcastMessage.BroadcastOk(b.msgId()));
      }
      case BroadcastMessage.Read r ->
          ctx.send(from, new BroadcastMessage.ReadOk(r.msgId(), List.copyOf(seen)));
      case BroadcastMessage.Topology t ->
          ctx.send(from, new BroadcastMessage.TopologyOk(t.msgId()));
      case BroadcastMessage.Gossip g when g.messages() != null -> {
        if (remember(g.messages())) {
          ctx.disk().sync();
        }
        acked(from).addAll(g.messages());
        ctx.send(from, new BroadcastMessage.GossipOk(g.messages()));
      }
      case BroadcastMessage.GossipOk ok when ok.messages() != null ->
          acked(from).addAll(ok.messages());
      default -> { }
    }
  }

  @Override
  public void onTimer(TimerTag timer) {
    for (NodeId peer : ctx.members()) {
      if (peer.equals(ctx.self())) {
        continue;
      }
      Set<Long> acked = acked(peer);
      List<Long> batch = new ArrayList<>();
      for (Long m : seen) {
        if (!acked.contains(m)) {
          batch.add(m);
          if (batch.size() == GOSSIP_BATCH_MAX) {
            break;
          }
        }
      }
      if (!batch.isEmpty()) {
        ctx.send(peer, new BroadcastMessage.Gossip(batch));
      }
    }
    ctx.schedule(jittered(), "gossip");
  }

  /** Every message this node holds, for tests and convergence checks. */
  public NavigableSet<Long> messages() {
    return java.util.Collections.unmodifiableNavigableSet(seen);
  }

  /** Adds new messages and writes them to disk (unsynced); returns whether any was new. */
  private boolean remember(List<Long> messages) {
    boolean added = false;
    for (Long m : messages) {
      if (m != null && seen.add(m)) {
        ctx.disk().put(DISK_PREFIX + m, new byte[0]);
        added = true;
      }
    }
    return added;
  }

  private Set<Long> acked(NodeId peer) {
    return ackedBy.computeIfAbsent(peer, p -> new TreeSet<>());
  }

  /** Gossip rounds drift apart across nodes, so they do not all fire at once. */
  private Duration jittered() {
    long base = GOSSIP_INTERVAL.toNanos();
    return Duration.ofNanos(base / 2 + ctx.random().nextLong(base));
  }
}
