package dev.ddialab.cluster.sim;

import dev.ddialab.cluster.NodeId;
import dev.ddialab.core.Invariants;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.random.RandomGenerator;

/**
 * A network partition: the set of directed links that carry nothing (DDIA ch. 8, "Network
 * Faults"). Directed, so one-way partitions (A hears B, B does not hear A) are expressible; a
 * node absent from every group is unaffected. Immutable.
 */
public final class Partition {
  /** A directed link that drops everything. */
  public record Link(NodeId from, NodeId to) {
    @Override
    public String toString() {
      return from + "->" + to;
    }
  }

  private final String description;
  private final Set<Link> blocked;

  private Partition(String description, Set<Link> blocked) {
    this.description = description;
    this.blocked = Set.copyOf(blocked);
  }

  public static Partition none() {
    return new Partition("no partition", Set.of());
  }

  /** Nodes in different groups cannot talk, in either direction. */
  public static Partition split(Collection<NodeId> one, Collection<NodeId> other) {
    return split(List.of(one, other));
  }

  public static Partition split(List<? extends Collection<NodeId>> groups) {
    Set<Link> blocked = new TreeSet<>(Partition::compare);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < groups.size(); i++) {
      text.append(i == 0 ? "" : " | ").append(sorted(groups.get(i)));
      for (int j = 0; j < groups.size(); j++) {
        if (i != j) {
          for (NodeId a : groups.get(i)) {
            for (NodeId b : groups.get(j)) {
              Invariants.require(!a.equals(b), "%s is in two groups", a);
              blocked.add(new Link(a, b));
            }
          }
        }
      }
    }
    return new Partition(text.toString(), blocked);
  }

  /** {@code node} alone on one side, everyone else on the other. */
  public static Partition isolate(NodeId node, Collection<NodeId> members) {
    List<NodeId> rest = members.stream().filter(m -> !m.equals(node)).toList();
    return split(List.of(node), rest);
  }

  /** A random minority (less than half) cut off from the majority. */
  public static Partition majorityMinority(List<NodeId> members, RandomGenerator random) {
    Invariants.require(members.size() >= 2, "need two nodes to partition");
    List<NodeId> shuffled = shuffled(members, random);
    int minority = 1 + random.nextInt(Math.max(1, (members.size() - 1) / 2));
    return split(shuffled.subList(0, minority), shuffled.subList(minority, shuffled.size()));
  }

  /**
   * Jepsen's bridge: two halves that cannot talk, and one node in the middle that talks to both,
   * so each half sees a majority through the bridge. Needs at least three nodes.
   */
  public static Partition bridge(List<NodeId> members, RandomGenerator random) {
    Invariants.require(members.size() >= 3, "a bridge needs three nodes");
    List<NodeId> shuffled = shuffled(members, random);
    NodeId bridge = shuffled.get(0);
    List<NodeId> rest = shuffled.subList(1, shuffled.size());
    int half = rest.size() / 2;
    Partition cut = split(rest.subList(0, half), rest.subList(half, rest.size()));
    return new Partition(sorted(rest.subList(0, half)) + " <" + bridge + "> "
        + sorted(rest.subList(half, rest.size())), cut.blocked);
  }

  /** Messages from {@code senders} to {@code receivers} are lost; the reverse direction works. */
  public static Partition oneWay(Collection<NodeId> senders, Collection<NodeId> receivers) {
    Set<Link> blocked = new TreeSet<>(Partition::compare);
    for (NodeId a : senders) {
      for (NodeId b : receivers) {
        if (!a.equals(b)) {
          blocked.add(new Link(a, b));
        }
      }
    }
    return new Partition(sorted(senders) + " -/-> " + sorted(receivers), blocked);
  }

  public boolean blocks(NodeId from, NodeId to) {
    return blocked.contains(new Link(from, to));
  }

  public Set<Link> blockedLinks() {
    return blocked;
  }

  public boolean isNone() {
    return blocked.isEmpty();
  }

  @Override
  public String toString() {
    return description;
  }

  private static List<NodeId> shuffled(List<NodeId> members, RandomGenerator random) {
    List<NodeId> list = new ArrayList<>(new TreeSet<>(members));
    for (int i = list.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      NodeId t = list.get(i);
      list.set(i, list.get(j));
      list.set(j, t);
    }
    return list;
  }

  private static String sorted(Collection<NodeId> nodes) {
    return new TreeSet<>(nodes).toString().replace(" ", "");
  }

  private static int compare(Link a, Link b) {
    int c = a.from.compareTo(b.from);
    return c != 0 ? c : a.to.compareTo(b.to);
  }
}
