package dev.ddialab.cluster.systems.broadcast;

import dev.ddialab.cluster.client.ClientAdapter;
import dev.ddialab.cluster.client.Completion;
import dev.ddialab.cluster.client.Invocation;
import dev.ddialab.cluster.client.Workload;
import java.util.Set;
import java.util.TreeSet;

/**
 * The broadcast client: {@code add} broadcasts a unique value, {@code read} reads a node's set
 * (Jepsen's set-full workload over Maelstrom's broadcast API).
 */
public final class BroadcastClient implements ClientAdapter<BroadcastMessage> {
  public static final BroadcastClient ADAPTER = new BroadcastClient();

  private BroadcastClient() {}

  /** Two adds per read; values {@code client * 1e6 + n}, unique across clients. */
  public static Workload workload(int client) {
    long[] next = {client * 1_000_000L};
    return random -> random.nextInt(3) < 2 ? new Invocation("add", null, next[0]++)
        : new Invocation("read", null, null);
  }

  @Override
  public BroadcastMessage request(Invocation invocation, long msgId) {
    return switch (invocation.f()) {
      case "add" -> new BroadcastMessage.Broadcast(msgId, (Long) invocation.value());
      case "read" -> new BroadcastMessage.Read(msgId);
      default -> throw new IllegalArgumentException("broadcast has no operation "
          + invocation.f());
    };
  }

  @Override
  public long inReplyTo(BroadcastMessage message) {
    return switch (message) {
      case BroadcastMessage.BroadcastOk ok -> ok.inReplyTo();
      case BroadcastMessage.ReadOk ok -> ok.inReplyTo();
      case BroadcastMessage.Error e -> e.inReplyTo();
      default -> -1;
    };
  }

  @Override
  public Completion complete(Invocation invocation, BroadcastMessage reply) {
    return switch (reply) {
      case BroadcastMessage.BroadcastOk ok -> Completion.ok(invocation.value());
      case BroadcastMessage.ReadOk ok -> Completion.ok(sorted(ok.messages()));
      default -> Completion.info();
    };
  }

  private static Set<Long> sorted(java.util.List<Long> messages) {
    return java.util.Collections.unmodifiableSet(new TreeSet<>(messages));
  }
}
