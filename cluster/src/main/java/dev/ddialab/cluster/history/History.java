package dev.ddialab.cluster.history;

import dev.ddialab.core.Invariants;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An ordered list of {@link Op}s: the observable behaviour of a system under test, as its clients
 * saw it. Order is real-time order: an op that completes before another is invoked precedes it.
 * Each process has at most one operation outstanding (Jepsen's rule; a process whose operation
 * ended {@code INFO} never invokes again).
 */
public record History(List<Op> ops) {
  public History {
    ops = List.copyOf(ops);
  }

  /**
   * An invocation and how it ended; {@code completion} is null if the history ends first.
   * {@code invokeAt} and {@code completionAt} are positions in {@link #ops} (-1: none).
   */
  public record Pair(int index, Op invoke, Op completion, int invokeAt, int completionAt) {
    /** Unknown outcome: ended with {@code INFO}, or never ended. */
    public boolean indeterminate() {
      return completion == null || completion.type() == OpType.INFO;
    }
  }

  /**
   * Pairs each invocation with its completion by process, in invocation order.
   *
   * @throws IllegalArgumentException if a process invokes twice without completing, or completes
   *     what it never invoked
   */
  public List<Pair> pairs() {
    List<Op> invokes = new ArrayList<>();
    List<Op> completions = new ArrayList<>();
    List<Integer> invokeAt = new ArrayList<>();
    List<Integer> completionAt = new ArrayList<>();
    Map<Integer, Integer> open = new HashMap<>();
    for (int position = 0; position < ops.size(); position++) {
      Op op = ops.get(position);
      if (op.type() == OpType.INVOKE) {
        Invariants.require(!open.containsKey(op.process()),
            "process %d invoked %s while its previous operation was still open", op.process(), op);
        open.put(op.process(), invokes.size());
        invokes.add(op);
        completions.add(null);
        invokeAt.add(position);
        completionAt.add(-1);
      } else {
        Integer at = open.remove(op.process());
        Invariants.require(at != null, "process %d completed %s without invoking it",
            op.process(), op);
        completions.set(at, op);
        completionAt.set(at, position);
      }
    }
    List<Pair> pairs = new ArrayList<>(invokes.size());
    for (int i = 0; i < invokes.size(); i++) {
      pairs.add(new Pair(i, invokes.get(i), completions.get(i), invokeAt.get(i),
          completionAt.get(i)));
    }
    return pairs;
  }

  public int size() {
    return ops.size();
  }

  /** The history as Jepsen EDN, one op per line (what {@link EdnHistoryParser} reads back). */
  public String toEdn() {
    StringBuilder out = new StringBuilder();
    for (Op op : ops) {
      out.append("{:process ").append(op.process()).append(", :type :").append(op.type().keyword())
          .append(", :f :").append(op.f());
      if (op.key() != null) {
        out.append(", :key ").append(Values.format(op.key()));
      }
      out.append(", :value ").append(Values.format(op.value())).append(", :time ")
          .append(op.timeNanos()).append("}\n");
    }
    return out.toString();
  }
}
