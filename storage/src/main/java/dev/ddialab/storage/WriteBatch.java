package dev.ddialab.storage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Puts and deletes applied atomically by {@link KvEngine#write}: after a crash either all of a
 * batch is present or none of it. Operations apply in the order they were added, so a later
 * operation on the same key wins. Not thread-safe; build it on one thread.
 */
public final class WriteBatch {
  /** One operation; {@code value == null} means delete. */
  public record Op(byte[] key, byte[] value) {
    public boolean isDelete() {
      return value == null;
    }
  }

  private final List<Op> ops = new ArrayList<>();
  private long payloadBytes;

  public WriteBatch put(byte[] key, byte[] value) {
    KvEngine.checkBounds(key, value);
    ops.add(new Op(key.clone(), value.clone()));
    payloadBytes += key.length + value.length;
    return this;
  }

  public WriteBatch delete(byte[] key) {
    KvEngine.checkKey(key);
    ops.add(new Op(key.clone(), null));
    payloadBytes += key.length;
    return this;
  }

  public List<Op> ops() {
    return Collections.unmodifiableList(ops);
  }

  public int size() {
    return ops.size();
  }

  public boolean isEmpty() {
    return ops.isEmpty();
  }

  /** Bytes of user keys and values in the batch: the denominator of write amplification. */
  public long payloadBytes() {
    return payloadBytes;
  }
}
