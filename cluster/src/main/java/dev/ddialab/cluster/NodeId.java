package dev.ddialab.cluster;

import dev.ddialab.core.Invariants;

/**
 * The name of a process in a cluster, as Maelstrom spells it: servers are {@code n1, n2, ...},
 * clients {@code c1, c2, ...}. Names are compared as strings; the order of
 * {@link #compareTo} is only used to make iteration deterministic.
 */
public record NodeId(String name) implements Comparable<NodeId> {
  private static final int NAME_LENGTH_MAX = 64;

  public NodeId {
    Invariants.requireNonNull(name, "name");
    Invariants.require(!name.isEmpty() && name.length() <= NAME_LENGTH_MAX
        && name.chars().allMatch(c -> c > ' ' && c < 127 && c != ',' && c != '='),
        "a node id is 1..%d printable ASCII characters without ',' or '=': '%s'",
        NAME_LENGTH_MAX, name);
  }

  public static NodeId of(String name) {
    return new NodeId(name);
  }

  /** Server {@code n<index>}, numbered from 1 as Maelstrom does. */
  public static NodeId server(int index) {
    return new NodeId("n" + index);
  }

  /** Client {@code c<index>}, numbered from 1. */
  public static NodeId client(int index) {
    return new NodeId("c" + index);
  }

  public boolean isClient() {
    return name.startsWith("c");
  }

  @Override
  public int compareTo(NodeId other) {
    int byLength = Integer.compare(name.length(), other.name.length());
    return byLength != 0 ? byLength : name.compareTo(other.name);
  }

  @Override
  public String toString() {
    return name;
  }
}
