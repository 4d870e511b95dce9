package dev.ddialab.cluster.systems.register;

import dev.ddialab.cluster.ClusterSystem;
import dev.ddialab.cluster.MessageCodec;
import dev.ddialab.cluster.Node;
import dev.ddialab.cluster.NodeContext;
import dev.ddialab.cluster.NodeId;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The correct counterpart of {@link LwwRegisterNode} (DDIA ch. 9, "Implementing Linearizable
 * Systems": a single copy is linearizable): the first member holds the only copy and executes
 * every operation, one at a time; other nodes relay requests to it and replies back. Writes are
 * synced to disk before they are acknowledged, so a crash of the primary loses nothing that was
 * acknowledged. The price is availability: a client cut off from the primary gets no answer (its
 * operation is recorded {@code INFO}), which is exactly what the CAP argument predicts.
 *
 * <p>The network may duplicate requests; the primary remembers the last {@value #DEDUP_MAX}
 * requests by (sender, msg_id) and answers a duplicate with the original reply instead of
 * executing it twice. That memory is volatile: a duplicate that arrives after a primary restart
 * would run again (documented in the README as a simplification).
 */
public final class SingleCopyRegisterNode implements Node<KvMessage> {
  public static final ClusterSystem<KvMessage> SYSTEM = new ClusterSystem<>() {
    @Override
    public String name() {
      return "single-register";
    }

    @Override
    public String description() {
      return "correct: one copy on the primary, others relay (lin-kv API)";
    }

    @Override
    public Node<KvMessage> newNode(NodeId id) {
      return new SingleCopyRegisterNode();
    }

    @Override
    public MessageCodec<KvMessage> codec() {
      return KvMessage.CODEC;
    }
  };

  static final int DEDUP_MAX = 10_000;
  private static final int RELAYS_MAX = 10_000;
  private static final String DISK_PREFIX = "kv/";

  private record Relay(NodeId client, long clientMsgId) {}

  private final Map<String, Long> data = new TreeMap<>();
  private final Map<String, KvMessage.Reply> executed = bounded(DEDUP_MAX);
  private final Map<Long, Relay> relays = bounded(RELAYS_MAX);
  private NodeContext<KvMessage> ctx;
  private long nextRelayId;

  @Override
  public void start(NodeContext<KvMessage> context) {
    this.ctx = context;
    // Relay ids must not repeat across incarnations, or the primary's duplicate filter would
    // answer a new request with an old reply.
    this.nextRelayId = 1 + ctx.random().nextLong(1L << 50);
    for (String key : ctx.disk().keys()) {
      if (key.startsWith(DISK_PREFIX)) {
        byte[] bytes = ctx.disk().get(key).orElseThrow();
        data.put(key.substring(DISK_PREFIX.length()),
            Long.parseLong(new String(bytes, StandardCharsets.UTF_8)));
      }
    }
  }

  @Override
  public void onMessage(NodeId from, KvMessage message) {
    if (message instanceof KvMessage.Request request && KvMessage.validate(request) != null) {
      ctx.send(from, KvMessage.validate(request));
      return;
    }
    switch (message) {
      case KvMessage.Request request when isPrimary() -> execute(from, request);
      case KvMessage.Request request -> {
        long relayId = nextRelayId++;
        relays.put(relayId, new Relay(from, request.msgId()));
        ctx.send(primary(), withMsgId(request, relayId));
      }
      case KvMessage.Reply reply -> {
        Relay relay = relays.remove(reply.inReplyTo());
        if (relay != null) {
          ctx.send(relay.client(), withInReplyTo(reply, relay.clientMsgId()));
        }
      }
      case KvMessage.Replicate ignored -> { }
    }
  }

  /** The primary's copy (empty on other nodes), for tests. */
  public Map<String, Long> snapshot() {
    return Map.copyOf(data);
  }

  private void execute(NodeId from, KvMessage.Request request) {
    String id = from.name() + "/" + request.msgId();
    KvMessage.Reply reply = executed.get(id);
    if (reply == null) {
      reply = apply(request);
      executed.put(id, reply);
    }
    ctx.send(from, reply);
  }

  private KvMessage.Reply apply(KvMessage.Request request) {
    Long current = data.get(request.key());
    return switch (request) {
      case KvMessage.Read r -> current == null ? missing(r.msgId())
          : new KvMessage.ReadOk(r.msgId(), current);
      case KvMessage.Write w -> {
        store(w.key(), w.value());
        yield new KvMessage.WriteOk(w.msgId());
      }
      case KvMessage.Cas c -> {
        if (current == null) {
          yield missing(c.msgId());
        }
        if (!current.equals(c.from())) {
          yield new KvMessage.Error(c.msgId(), KvMessage.PRECONDITION_FAILED,
              "expected " + c.from() + ", have " + current);
        }
        store(c.key(), c.to());
        yield new KvMessage.CasOk(c.msgId());
      }
    };
  }

  private void store(String key, Long value) {
    data.put(key, value);
    ctx.disk().put(DISK_PREFIX + key, Long.toString(value).getBytes(StandardCharsets.UTF_8));
    ctx.disk().sync();
  }

  private boolean isPrimary() {
    return ctx.self().equals(primary());
  }

  private NodeId primary() {
    return ctx.members().get(0);
  }

  private static KvMessage.Request withMsgId(KvMessage.Request request, long msgId) {
    return switch (request) {
      case KvMessage.Read r -> new KvMessage.Read(msgId, r.key());
      case KvMessage.Write w -> new KvMessage.Write(msgId, w.key(), w.value());
      case KvMessage.Cas c -> new KvMessage.Cas(msgId, c.key(), c.from(), c.to());
    };
  }

  private static KvMessage.Reply withInReplyTo(KvMessage.Reply reply, long inReplyTo) {
    return switch (reply) {
      case KvMessage.ReadOk r -> new KvMessage.ReadOk(inReplyTo, r.value());
      case KvMessage.WriteOk w -> new KvMessage.WriteOk(inReplyTo);
      case KvMessage.CasOk c -> new KvMessage.CasOk(inReplyTo);
      case KvMessage.Error e -> new KvMessage.Error(inReplyTo, e.code(), e.text());
    };
  }

  private static KvMessage.Error missing(long msgId) {
    return new KvMessage.Error(msgId, KvMessage.KEY_DOES_NOT_EXIST, "key does not exist");
  }

  private static <K, V> Map<K, V> bounded(int max) {
    return new LinkedHashMap<>() {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > max;
      }
    };
  }
}
