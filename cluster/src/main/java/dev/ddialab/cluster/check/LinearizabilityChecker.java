package dev.ddialab.cluster.check;

import dev.ddialab.cluster.history.History;
import dev.ddialab.core.Invariants;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decides whether a history is linearizable with respect to a {@link Model} (DDIA ch. 9; Herlihy
 * and Wing's definition). The search is Wing and Gong's, with Lowe's memoisation as in Knossos and
 * Porcupine: walk the history's call and return events in order; at a call, try to linearize the
 * operation now (if the model accepts it and the pair (set of linearized operations, state) is
 * new, remove it and start again from the first event); at a return whose operation is not yet
 * linearized, backtrack. Memoisation makes the search visit each (set, state) once, so it is
 * exponential only in the number of concurrent operations, not in the history's length. With
 * P-compositionality a map is checked key by key.
 *
 * <p>Not thread-safe; create one per check, or share one and call {@link #check} from one thread.
 */
public final class LinearizabilityChecker {
  private static final long SLICE_FIRST = 10_000;
  private static final long SLICE_MAX = 1_000_000;

  private final Model model;
  private final long searchStepsMax;
  private final long timeoutNanos;

  public LinearizabilityChecker(Model model) {
    this(model, 500_000_000L, Duration.ofMinutes(5));
  }

  /** With a budget: past either bound the verdict is {@code UNKNOWN}, never a guess. */
  public LinearizabilityChecker(Model model, long searchStepsMax, Duration timeout) {
    this.model = Invariants.requireNonNull(model, "model");
    Invariants.require(searchStepsMax > 0, "searchStepsMax must be positive");
    this.searchStepsMax = searchStepsMax;
    this.timeoutNanos = timeout.toNanos();
  }

  public LinearizabilityResult check(History history) {
    Map<String, List<Operation>> partitions = Operations.from(history, model);
    int operations = partitions.values().stream().mapToInt(List::size).sum();
    long deadline = System.nanoTime() + timeoutNanos;
    List<String> keys = new ArrayList<>(partitions.keySet());
    Search[] searches = new Search[keys.size()];
    for (int i = 0; i < searches.length; i++) {
      searches[i] = new Search(model, partitions.get(keys.get(i)));
    }
    boolean[] decided = new boolean[searches.length];
    int undecided = searches.length;
    long steps = 0;
    // Round robin with growing slices: a key that is quickly shown non-linearizable ends the
    // check even if another key would take long to decide (as Porcupine's parallel search does).
    for (long slice = SLICE_FIRST; undecided > 0; slice = Math.min(slice * 2, SLICE_MAX)) {
      for (int i = 0; i < searches.length; i++) {
        Search search = searches[i];
        if (decided[i]) {
          continue;
        }
        long before = search.steps();
        Search.Outcome outcome = search.run(Math.min(slice, searchStepsMax - steps));
        steps += search.steps() - before;
        if (outcome == Search.Outcome.NOT_LINEARIZABLE) {
          String where = partitions.size() > 1 ? "key " + keys.get(i) + ": " : "";
          return new LinearizabilityResult(LinearizabilityResult.Verdict.NOT_LINEARIZABLE,
              model.name(), operations, partitions.size(), steps, where + search.explain(),
              search.order());
        }
        if (outcome == Search.Outcome.LINEARIZABLE) {
          decided[i] = true;
          undecided--;
        }
        if (steps >= searchStepsMax || System.nanoTime() > deadline) {
          return new LinearizabilityResult(LinearizabilityResult.Verdict.UNKNOWN, model.name(),
              operations, partitions.size(), steps, "", List.of());
        }
      }
    }
    List<Operation> witness = new ArrayList<>();
    for (Search search : searches) {
      witness.addAll(search.order());
    }
    return new LinearizabilityResult(LinearizabilityResult.Verdict.LINEARIZABLE, model.name(),
        operations, partitions.size(), steps, "", witness);
  }
}
