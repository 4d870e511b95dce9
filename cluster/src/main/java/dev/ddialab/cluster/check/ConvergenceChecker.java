package dev.ddialab.cluster.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Eventual consistency's promise (DDIA ch. 5 and 9): once writes stop and the network is quiet,
 * all replicas hold the same state. Call it after healing every fault and letting the system
 * settle; it groups replicas by state and reports the groups when there is more than one.
 */
public final class ConvergenceChecker {
  private ConvergenceChecker() {}

  public record Result(boolean converged, Map<Object, List<String>> replicasByState) {
    public String explanation() {
      if (converged) {
        return "all " + replicasByState.values().stream().mapToInt(List::size).sum()
            + " replicas hold the same state";
      }
      StringBuilder out = new StringBuilder("replicas diverge:");
      replicasByState.forEach((state, replicas) ->
          out.append("\n  ").append(replicas).append(" hold ").append(state));
      return out.toString();
    }
  }

  /** {@code states}: replica name to its state (with a content-based {@code equals}). */
  public static Result check(Map<String, ?> states) {
    Map<Object, List<String>> groups = new LinkedHashMap<>();
    for (Map.Entry<String, ?> e : states.entrySet()) {
      Object key = null;
      for (Object existing : groups.keySet()) {
        if (Objects.equals(existing, e.getValue())) {
          key = existing;
          break;
        }
      }
      groups.computeIfAbsent(key == null ? e.getValue() : key, k -> new ArrayList<>())
          .add(e.getKey());
    }
    return new Result(groups.size() <= 1, groups);
  }
}
