package dev.ddialab.cluster.check;

import dev.ddialab.cluster.history.History;
import dev.ddialab.cluster.history.OpType;
import dev.ddialab.cluster.history.Values;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Jepsen's set-full check, simplified: {@code add x} operations and {@code read} operations that
 * return the whole set. An element is <em>known</em> from the moment its add was acknowledged or a
 * read first returned it. Against the reads invoked after that moment it is:
 * <ul>
 *   <li><b>lost</b> if the last of them misses it: an acknowledged write disappeared;
 *   <li><b>stale</b> if some miss it but the last has it: allowed for eventually consistent
 *       systems, a violation for linearizable ones;
 *   <li><b>never read</b> if no read came after it (the test should end with final reads).
 * </ul>
 * A read that returns an element nobody added is <b>unexpected</b>.
 */
public final class SetFullChecker {
  private SetFullChecker() {}

  public record Result(int attempted, int acknowledged, Set<Object> lost, Set<Object> stale,
      Set<Object> neverRead, Set<Object> unexpected) {
    /** No acknowledged element lost and nothing invented. */
    public boolean valid() {
      return lost.isEmpty() && unexpected.isEmpty();
    }

    public String summary() {
      return String.format("%d adds attempted, %d acknowledged; lost %s, stale %s, never read %s,"
          + " unexpected %s", attempted, acknowledged, brief(lost), brief(stale), brief(neverRead),
          brief(unexpected));
    }

    private static String brief(Set<Object> s) {
      return s.size() <= 10 ? s.toString() : s.size() + " elements";
    }
  }

  private record Read(int invokedAt, int completedAt, Set<String> elements) {}

  public static Result check(History history) {
    Map<String, Integer> knownAt = new LinkedHashMap<>();
    Set<String> attempted = new TreeSet<>();
    Set<String> acknowledged = new TreeSet<>();
    List<Read> reads = new ArrayList<>();
    for (History.Pair pair : history.pairs()) {
      boolean ok = pair.completion() != null && pair.completion().type() == OpType.OK;
      switch (pair.invoke().f()) {
        case "add" -> {
          String element = Values.format(pair.invoke().value());
          attempted.add(element);
          if (ok) {
            acknowledged.add(element);
            knownAt.merge(element, pair.completionAt(), Math::min);
          }
        }
        case "read" -> {
          if (ok && pair.completion().value() instanceof Collection<?> seen) {
            Set<String> elements = new TreeSet<>();
            seen.forEach(e -> elements.add(Values.format(e)));
            reads.add(new Read(pair.invokeAt(), pair.completionAt(), elements));
            for (String e : elements) {
              knownAt.merge(e, pair.completionAt(), Math::min);
            }
          }
        }
        default -> throw new IllegalArgumentException("set-full knows add and read, not :"
            + pair.invoke().f());
      }
    }
    Set<Object> lost = new TreeSet<>();
    Set<Object> stale = new TreeSet<>();
    Set<Object> neverRead = new TreeSet<>();
    Set<Object> unexpected = new TreeSet<>();
    for (Read read : reads) {
      for (String e : read.elements()) {
        if (!attempted.contains(e)) {
          unexpected.add(e);
        }
      }
    }
    knownAt.forEach((element, known) -> {
      if (!attempted.contains(element)) {
        return;
      }
      List<Read> after = reads.stream().filter(r -> r.invokedAt() > known).toList();
      if (after.isEmpty()) {
        neverRead.add(element);
      } else if (!after.get(after.size() - 1).elements().contains(element)) {
        lost.add(element);
      } else if (after.stream().anyMatch(r -> !r.elements().contains(element))) {
        stale.add(element);
      }
    });
    return new Result(attempted.size(), acknowledged.size(), lost, stale, neverRead, unexpected);
  }
}
