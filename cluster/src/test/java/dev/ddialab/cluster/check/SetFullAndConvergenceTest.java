package dev.ddialab.cluster.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddialab.cluster.history.History;
import dev.ddialab.cluster.history.HistoryParser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SetFullAndConvergenceTest {

  private static String add(int process, String type, int value) {
    return "{:process " + process + ", :type :" + type + ", :f :add, :value " + value + "}";
  }

  private static String read(int process, String type, String set) {
    return "{:process " + process + ", :type :" + type + ", :f :read, :value " + set + "}";
  }

  @Test
  void classifiesElementsAsLostStaleNeverReadOrUnexpected() {
    History history = HistoryParser.parse(List.of(
        add(0, "invoke", 1), add(0, "ok", 1),          // 1: missed once, then present: stale
        add(0, "invoke", 2), add(0, "ok", 2),          // 2: present, then gone: lost
        read(1, "invoke", "nil"), read(1, "ok", "#{2 9}"),  // 9 was never added: unexpected
        read(1, "invoke", "nil"), read(1, "ok", "#{1}"),
        add(0, "invoke", 3), add(0, "info", 3)));      // 3: unknown, never read after
    SetFullChecker.Result result = SetFullChecker.check(history);
    assertThat(result.stale()).containsExactly("1");
    assertThat(result.lost()).containsExactly("2");
    assertThat(result.unexpected()).containsExactly("9");
    assertThat(result.neverRead()).isEmpty();
    assertThat(result.attempted()).isEqualTo(3);
    assertThat(result.acknowledged()).isEqualTo(2);
    assertThat(result.valid()).isFalse();
  }

  @Test
  void convergenceGroupsReplicasByState() {
    Map<String, Object> states = new LinkedHashMap<>();
    states.put("n1", Set.of(1, 2));
    states.put("n2", Set.of(1, 2));
    assertThat(ConvergenceChecker.check(states).converged()).isTrue();
    states.put("n3", Set.of(1));
    ConvergenceChecker.Result result = ConvergenceChecker.check(states);
    assertThat(result.converged()).isFalse();
    assertThat(result.explanation()).contains("[n1, n2] hold").contains("[n3] hold [1]");
  }
}
