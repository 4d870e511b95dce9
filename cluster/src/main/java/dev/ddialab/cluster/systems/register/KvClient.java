package dev.ddialab.cluster.systems.register;

import dev.ddialab.cluster.client.ClientAdapter;
import dev.ddialab.cluster.client.Completion;
import dev.ddialab.cluster.client.Invocation;
import dev.ddialab.cluster.client.Workload;
import java.util.List;

/**
 * The lin-kv client: read, write and cas on a few keys with small values, so that operations
 * collide and a checker has something to decide. Errors map to Jepsen's meanings: a missing key
 * reads as nil, a failed compare is {@code FAIL}, anything else is {@code INFO}.
 */
public final class KvClient implements ClientAdapter<KvMessage> {
  public static final KvClient ADAPTER = new KvClient();

  private KvClient() {}

  /** Reads 50%, writes 30%, cas 20%, over {@code keys} keys and values 0..4. */
  public static Workload workload(int keys) {
    return random -> {
      String key = Integer.toString(random.nextInt(keys));
      int dice = random.nextInt(10);
      if (dice < 5) {
        return new Invocation("read", key, null);
      }
      if (dice < 8) {
        return new Invocation("write", key, (long) random.nextInt(5));
      }
      return new Invocation("cas", key, List.of((long) random.nextInt(5),
          (long) random.nextInt(5)));
    };
  }

  @Override
  public KvMessage request(Invocation invocation, long msgId) {
    return switch (invocation.f()) {
      case "read" -> new KvMessage.Read(msgId, invocation.key());
      case "write" -> new KvMessage.Write(msgId, invocation.key(), (Long) invocation.value());
      case "cas" -> {
        List<?> fromTo = (List<?>) invocation.value();
        yield new KvMessage.Cas(msgId, invocation.key(), (Long) fromTo.get(0),
            (Long) fromTo.get(1));
      }
      default -> throw new IllegalArgumentException("lin-kv has no operation " + invocation.f());
    };
  }

  @Override
  public long inReplyTo(KvMessage message) {
    return message instanceof KvMessage.Reply reply ? reply.inReplyTo() : -1;
  }

  @Override
  public Completion complete(Invocation invocation, KvMessage reply) {
    return switch (reply) {
      case KvMessage.ReadOk ok -> Completion.ok(ok.value());
      case KvMessage.WriteOk ok -> Completion.ok(invocation.value());
      case KvMessage.CasOk ok -> Completion.ok(invocation.value());
      case KvMessage.Error e when e.code() == KvMessage.KEY_DOES_NOT_EXIST
          && invocation.f().equals("read") -> Completion.ok(null);
      case KvMessage.Error e when e.code() == KvMessage.KEY_DOES_NOT_EXIST
          || e.code() == KvMessage.PRECONDITION_FAILED -> Completion.fail(invocation.value());
      default -> Completion.info();
    };
  }
}
