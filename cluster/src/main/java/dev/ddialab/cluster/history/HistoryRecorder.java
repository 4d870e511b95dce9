package dev.ddialab.cluster.history;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects a history as clients act. Thread-safe, so real-process tests can share one recorder
 * among client threads; the order of calls is the history's order, so a client must record an
 * invocation before sending it and a completion after receiving it.
 */
public final class HistoryRecorder {
  private final List<Op> ops = new ArrayList<>();

  public synchronized void invoke(int process, String f, String key, Object value, long nanos) {
    ops.add(new Op(process, OpType.INVOKE, f, key, Values.normalise(value), nanos));
  }

  public synchronized void complete(int process, OpType type, String f, String key, Object value,
      long nanos) {
    ops.add(new Op(process, type, f, key, Values.normalise(value), nanos));
  }

  public synchronized History history() {
    return new History(ops);
  }

  public synchronized int size() {
    return ops.size();
  }
}
