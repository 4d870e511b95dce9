package dev.ddialab.cluster.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddialab.cluster.history.History;
import dev.ddialab.cluster.history.HistoryRecorder;
import dev.ddialab.cluster.history.OpType;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;

/**
 * The search against a trivially correct model of linearizability: try every order of the
 * operations that respects real time (an operation that returned before another was invoked comes
 * first) and see whether the sequential model accepts one. Small random histories of a
 * compare-and-set register, with failures and unknown outcomes.
 */
class BruteForceAgreementTest {

  @Property(tries = 2_000)
  void agreesWithExhaustiveSearch(@ForAll long seed) {
    History history = randomHistory(new SplittableRandom(seed));
    Model model = Models.casRegister(null);
    boolean expected = bruteForce(model, Operations.from(history, model).getOrDefault("",
        List.of()));
    LinearizabilityResult result = new LinearizabilityChecker(model).check(history);
    Statistics.collect(expected ? "linearizable" : "not linearizable");
    assertThat(result.linearizable()).as(history.toEdn()).isEqualTo(expected);
  }

  static History randomHistory(SplittableRandom random) {
    HistoryRecorder recorder = new HistoryRecorder();
    int processes = 2 + random.nextInt(2);
    int opsMax = 3 + random.nextInt(5);
    String[] open = new String[processes];
    Object[] openValue = new Object[processes];
    int[] processId = new int[processes];
    for (int p = 0; p < processes; p++) {
      processId[p] = p;
    }
    int invoked = 0;
    long time = 0;
    while (invoked < opsMax || anyOpen(open)) {
      int p = random.nextInt(processes);
      if (open[p] == null) {
        if (invoked == opsMax) {
          continue;
        }
        invoked++;
        int dice = random.nextInt(3);
        open[p] = dice == 0 ? "read" : dice == 1 ? "write" : "cas";
        openValue[p] = switch (open[p]) {
          case "read" -> null;
          case "write" -> (long) random.nextInt(3);
          default -> List.of((long) random.nextInt(3), (long) random.nextInt(3));
        };
        recorder.invoke(processId[p], open[p], null, openValue[p], time++);
      } else {
        int outcome = random.nextInt(10);
        if (outcome == 0) {
          recorder.complete(processId[p], OpType.INFO, open[p], null, null, time++);
          processId[p] += processes;
        } else if (outcome == 1 && open[p].equals("cas")) {
          recorder.complete(processId[p], OpType.FAIL, open[p], null, openValue[p], time++);
        } else {
          Object value = open[p].equals("read")
              ? (random.nextInt(4) == 0 ? null : (Object) (long) random.nextInt(3)) : openValue[p];
          recorder.complete(processId[p], OpType.OK, open[p], null, value, time++);
        }
        open[p] = null;
      }
      if (random.nextInt(8) == 0) {
        break; // leave some operations open at the end of the history
      }
    }
    return recorder.history();
  }

  private static boolean anyOpen(String[] open) {
    for (String s : open) {
      if (s != null) {
        return true;
      }
    }
    return false;
  }

  static boolean bruteForce(Model model, List<Operation> ops) {
    return extend(model, model.init(), new ArrayList<>(ops), new ArrayList<>());
  }

  private static boolean extend(Model model, Object state, List<Operation> remaining,
      List<Operation> done) {
    if (remaining.isEmpty()) {
      return true;
    }
    for (Operation candidate : List.copyOf(remaining)) {
      // Real time: nothing still remaining may have returned before this one was invoked.
      boolean mayGoNext = remaining.stream().noneMatch(o -> o != candidate
          && o.ret() < candidate.call());
      if (!mayGoNext) {
        continue;
      }
      Object after = model.step(state, candidate);
      if (after == Model.IMPOSSIBLE) {
        continue;
      }
      remaining.remove(candidate);
      done.add(candidate);
      boolean ok = extend(model, after, remaining, done);
      done.remove(done.size() - 1);
      remaining.add(candidate);
      if (ok) {
        return true;
      }
    }
    return false;
  }

}
