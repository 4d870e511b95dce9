package dev.ddialab.cluster.systems.register;

import dev.ddialab.cluster.ClusterSystem;
import dev.ddialab.cluster.MessageCodec;
import dev.ddialab.cluster.Node;
import dev.ddialab.cluster.NodeContext;
import dev.ddialab.cluster.NodeId;
import dev.ddialab.cluster.TimerTag;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * A deliberately unsafe replicated register (DDIA ch. 5 "Last write wins", ch. 9 "Linearizability
 * and quorums"): every node answers from its own copy at once and replicates in the background;
 * concurrent writes are resolved by the time-of-day clock. It converges (anti-entropy repairs
 * what partitions lost) but is not linearizable: a read on one replica misses a write already
 * acknowledged by another, and a write stamped by a lagging clock is silently discarded. The
 * tests and the tour show the checker catching exactly that.
 */
public final class LwwRegisterNode implements Node<KvMessage> {
  public static final ClusterSystem<KvMessage> SYSTEM = new ClusterSystem<>() {
    @Override
    public String name() {
      return "lww-register";
    }

    @Override
    public String description() {
      return "unsafe: last-writer-wins replicas answering locally (lin-kv API)";
    }

    @Override
    public Node<KvMessage> newNode(NodeId id) {
      return new LwwRegisterNode();
    }

    @Override
    public MessageCodec<KvMessage> codec() {
      return KvMessage.CODEC;
    }
  };

  private static final Duration ANTI_ENTROPY_INTERVAL = Duration.ofMillis(300);

  private record Versioned(Long value, long timestamp, String origin) {
    boolean newerThan(Versioned other) {
      return other == null || timestamp > other.timestamp
          || (timestamp == other.timestamp && origin.compareTo(other.origin) > 0);
    }
  }

  private final Map<String, Versioned> data = new TreeMap<>();
  private NodeContext<KvMessage> ctx;

  @Override
  public void start(NodeContext<KvMessage> context) {
    this.ctx = context;
    ctx.schedule(ANTI_ENTROPY_INTERVAL, "anti-entropy");
  }

  @Override
  public void onMessage(NodeId from, KvMessage message) {
    if (message instanceof KvMessage.Request request && KvMessage.validate(request) != null) {
      ctx.send(from, KvMessage.validate(request));
      return;
    }
    switch (message) {
      case KvMessage.Read r -> {
        Versioned v = data.get(r.key());
        ctx.send(from, v == null ? missing(r.msgId()) : new KvMessage.ReadOk(r.msgId(), v.value()));
      }
      case KvMessage.Write w -> {
        writeLocally(w.key(), w.value());
        ctx.send(from, new KvMessage.WriteOk(w.msgId()));
      }
      case KvMessage.Cas c -> {
        Versioned v = data.get(c.key());
        if (v == null) {
          ctx.send(from, missing(c.msgId()));
        } else if (!v.value().equals(c.from())) {
          ctx.send(from, new KvMessage.Error(c.msgId(), KvMessage.PRECONDITION_FAILED,
              "expected " + c.from() + ", have " + v.value()));
        } else {
          writeLocally(c.key(), c.to());
          ctx.send(from, new KvMessage.CasOk(c.msgId()));
        }
      }
      case KvMessage.Replicate r -> merge(r.key(), new Versioned(r.value(), r.timestamp(),
          r.origin()));
      case KvMessage.Reply reply -> { }
    }
  }

  @Override
  public void onTimer(TimerTag timer) {
    if (ctx.members().size() > 1) {
      NodeId peer;
      do {
        peer = ctx.members().get(ctx.random().nextInt(ctx.members().size()));
      } while (peer.equals(ctx.self()));
      for (Map.Entry<String, Versioned> e : data.entrySet()) {
        ctx.send(peer, replicate(e.getKey(), e.getValue()));
      }
    }
    ctx.schedule(ANTI_ENTROPY_INTERVAL, "anti-entropy");
  }

  /** This replica's current value per key, for convergence checks. */
  public Map<String, Long> snapshot() {
    Map<String, Long> out = new TreeMap<>();
    data.forEach((k, v) -> out.put(k, v.value()));
    return out;
  }

  private void writeLocally(String key, Long value) {
    Versioned v = new Versioned(value, ctx.wallMillis(), ctx.self().name());
    if (!v.newerThan(data.get(key))) {
      return; // our clock is behind the stamp we hold: LWW silently drops an acknowledged write
    }
    data.put(key, v);
    for (NodeId peer : ctx.members()) {
      if (!peer.equals(ctx.self())) {
        ctx.send(peer, replicate(key, v));
      }
    }
  }

  private void merge(String key, Versioned incoming) {
    if (incoming.newerThan(data.get(key))) {
      data.put(key, incoming);
    }
  }

  private static KvMessage.Replicate replicate(String key, Versioned v) {
    return new KvMessage.Replicate(key, v.value(), v.timestamp(), v.origin());
  }

  private static KvMessage.Error missing(long msgId) {
    return new KvMessage.Error(msgId, KvMessage.KEY_DOES_NOT_EXIST, "key does not exist");
  }
}
