package dev.ddialab.cluster.check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One Wing-Gong-Lowe search over one partition (see {@link LinearizabilityChecker}). Events live in
 * a doubly linked list over arrays (entry 0 is the head, {@code 2n+1} the tail); linearizing an
 * operation unlinks its call and return, backtracking relinks them in reverse order, as in
 * dancing links.
 */
final class Search {
  enum Outcome { LINEARIZABLE, NOT_LINEARIZABLE, PAUSED }

  private final Model model;
  private final Operation[] ops;
  private final int head;
  private final int tail;
  private final int[] next;
  private final int[] prev;
  private final int[] opOf;        // entry -> op index
  private final boolean[] isCall;  // entry -> call or return
  private final int[] returnOf;    // call entry -> its return entry
  private final long[] linearized;
  private final int[] stackEntry;
  private final Object[] stackState;
  private Set<CacheKey> cache = new HashSet<>();
  private int depth;
  private Object state;
  private int entry;
  private Outcome outcome;
  private long steps;

  // The deepest point the search reached, for the explanation.
  private int bestDepth = -1;
  private int[] bestOrder = new int[0];
  private Object bestState;
  private int bestStuck = -1;
  private int[] bestCandidates = new int[0];
  private int[] finalOrder = new int[0];

  Search(Model model, List<Operation> operations) {
    this.model = model;
    this.ops = operations.toArray(Operation[]::new);
    int n = ops.length;
    linearized = new long[(n + 63) / 64];
    stackEntry = new int[n];
    stackState = new Object[n];
    state = model.init();
    head = 0;
    tail = 2 * n + 1;
    next = new int[2 * n + 2];
    prev = new int[2 * n + 2];
    opOf = new int[2 * n + 2];
    isCall = new boolean[2 * n + 2];
    returnOf = new int[2 * n + 2];
    long[][] events = new long[2 * n][];
    for (int i = 0; i < n; i++) {
      // Sort key: position, then (for equal OPEN returns) op index; calls and returns never tie.
      events[2 * i] = new long[] {ops[i].call(), 0, i, 1};
      events[2 * i + 1] = new long[] {ops[i].ret(), 1, i, 0};
    }
    Arrays.sort(events, (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0])
        : a[1] != b[1] ? Long.compare(a[1], b[1]) : Long.compare(a[2], b[2]));
    int[] callEntry = new int[n];
    for (int e = 1; e <= 2 * n; e++) {
      long[] event = events[e - 1];
      int op = (int) event[2];
      opOf[e] = op;
      isCall[e] = event[3] == 1;
      if (isCall[e]) {
        callEntry[op] = e;
      } else {
        returnOf[callEntry[op]] = e;
      }
    }
    for (int e = 0; e <= tail; e++) {
      next[e] = e + 1;
      prev[e] = e - 1;
    }
    entry = next[head];
  }

  /**
   * Searches for at most {@code slice} more steps. Returns {@code PAUSED} when the slice ran out;
   * calling again resumes exactly where it stopped, so partitions can be interleaved and a
   * non-linearizable key found early is not hidden behind a hard linearizable one.
   */
  Outcome run(long slice) {
    if (outcome != null) {
      return outcome;
    }
    long stop = steps + slice;
    while (next[head] != tail) {
      if (steps++ == stop) {
        return Outcome.PAUSED;
      }
      int op = opOf[entry];
      if (isCall[entry]) {
        Object after = model.step(state, ops[op]);
        if (after != Model.IMPOSSIBLE) {
          linearized[op >>> 6] |= 1L << op;
          if (cache.add(new CacheKey(linearized.clone(), after))) {
            stackEntry[depth] = entry;
            stackState[depth++] = state;
            state = after;
            lift(entry);
            entry = next[head];
            continue;
          }
          linearized[op >>> 6] &= ~(1L << op);
        }
        entry = next[entry];
      } else {
        if (depth > bestDepth) {
          remember(depth, stackEntry, state, entry);
        }
        if (depth == 0) {
          cache = null;
          return outcome = Outcome.NOT_LINEARIZABLE;
        }
        int call = stackEntry[--depth];
        state = stackState[depth];
        int undone = opOf[call];
        linearized[undone >>> 6] &= ~(1L << undone);
        unlift(call);
        entry = next[call];
      }
    }
    finalOrder = new int[depth];
    for (int i = 0; i < depth; i++) {
      finalOrder[i] = opOf[stackEntry[i]];
    }
    cache = null;
    return outcome = Outcome.LINEARIZABLE;
  }

  long steps() {
    return steps;
  }

  /** A linearization if one was found, else the longest accepted prefix. */
  List<Operation> order() {
    int[] order = finalOrder.length > 0 || bestDepth < 0 ? finalOrder : bestOrder;
    List<Operation> out = new ArrayList<>(order.length);
    for (int op : order) {
      out.add(ops[op]);
    }
    return out;
  }

  /** Says which operations cannot be ordered, from the deepest point the search reached. */
  String explain() {
    return new Explanation(model, ops, bestOrder, bestState, bestStuck, bestCandidates).render();
  }

  private void remember(int depth, int[] stackEntry, Object state, int stuckReturn) {
    bestDepth = depth;
    bestOrder = new int[depth];
    for (int i = 0; i < depth; i++) {
      bestOrder[i] = opOf[stackEntry[i]];
    }
    bestState = state;
    bestStuck = opOf[stuckReturn];
    List<Integer> candidates = new ArrayList<>();
    for (int e = next[head]; e != stuckReturn; e = next[e]) {
      if (isCall[e] && opOf[e] != bestStuck) {
        candidates.add(opOf[e]);
      }
    }
    bestCandidates = candidates.stream().mapToInt(Integer::intValue).toArray();
  }

  private void lift(int call) {
    int ret = returnOf[call];
    next[prev[call]] = next[call];
    prev[next[call]] = prev[call];
    next[prev[ret]] = next[ret];
    prev[next[ret]] = prev[ret];
  }

  private void unlift(int call) {
    int ret = returnOf[call];
    next[prev[ret]] = ret;
    prev[next[ret]] = ret;
    next[prev[call]] = call;
    prev[next[call]] = call;
  }

  /** Memo key: which operations are linearized, and the state they lead to. */
  private static final class CacheKey {
    private final long[] linearized;
    private final Object state;
    private final int hash;

    CacheKey(long[] linearized, Object state) {
      this.linearized = linearized;
      this.state = state;
      this.hash = 31 * Arrays.hashCode(linearized) + (state == null ? 0 : state.hashCode());
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof CacheKey k && k.hash == hash && Arrays.equals(k.linearized, linearized)
          && java.util.Objects.equals(k.state, state);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
