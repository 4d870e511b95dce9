package dev.ddialab.cluster.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HistoryParserTest {

  @Test
  void readsJepsenLogLinesWithTabsOrSpaces() {
    History h = HistoryParser.parse(List.of(
        "INFO  jepsen.util - 2\t:invoke\t:cas\t[3 4]",
        "INFO  jepsen.util - 2   :fail   :cas    [3 4]",
        "INFO  jepsen.util - 0\t:invoke\t:read\tnil",
        "INFO  jepsen.util - 0\t:fail\t:read\t:timed-out",
        "INFO  jepsen.util - 1\t:invoke\t:write\t4",
        "INFO  jepsen.util - 1\t:info\t:write\t:timed-out"));
    assertThat(h.ops()).containsExactly(
        new Op(2, OpType.INVOKE, "cas", null, List.of(3L, 4L), 0),
        new Op(2, OpType.FAIL, "cas", null, List.of(3L, 4L), 1),
        new Op(0, OpType.INVOKE, "read", null, null, 2),
        new Op(0, OpType.INFO, "read", null, null, 3),
        new Op(1, OpType.INVOKE, "write", null, 4L, 4),
        new Op(1, OpType.INFO, "write", null, null, 5));
  }

  @Test
  void readsEdnMapsAndRoundTripsThem() {
    History h = HistoryParser.parse(List.of(
        "{:process 2, :type :invoke, :f :get, :key \"0\", :value nil}",
        "{:process 2, :type :ok, :f :get, :key \"0\", :value \"x 1 0 y\"}",
        "{:process 3, :type :invoke, :f :read, :value nil}",
        "{:process 3, :type :ok, :f :read, :value #{1 2}}"));
    assertThat(h.ops().get(1)).isEqualTo(new Op(2, OpType.OK, "get", "0", "x 1 0 y", 1));
    assertThat(h.ops().get(3).value()).isEqualTo(Set.of(1L, 2L));
    History again = HistoryParser.parse(h.toEdn().lines().toList());
    assertThat(again).isEqualTo(h);
  }

  @Test
  void malformedLinesAreErrorsNamingTheLine() {
    assertThatThrownBy(() -> HistoryParser.parse(List.of(
        "{:process 1, :type :invoke, :f :read, :value nil}",
        "{:process 1, :type :okay, :f :read}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 2").hasMessageContaining(":okay");
    assertThatThrownBy(() -> HistoryParser.parse(List.of("{:process 1, :type")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 1");
    assertThatThrownBy(() -> HistoryParser.parse(List.of("garbage")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void pairsInvocationsWithCompletionsByProcess() {
    History h = HistoryParser.parse(List.of(
        "{:process 1, :type :invoke, :f :read, :value nil}",
        "{:process 2, :type :invoke, :f :write, :value 1}",
        "{:process 1, :type :ok, :f :read, :value 1}"));
    List<History.Pair> pairs = h.pairs();
    assertThat(pairs).hasSize(2);
    assertThat(pairs.get(0).completionAt()).isEqualTo(2);
    assertThat(pairs.get(1).indeterminate()).isTrue();
    assertThatThrownBy(() -> HistoryParser.parse(List.of(
        "{:process 1, :type :invoke, :f :read, :value nil}",
        "{:process 1, :type :invoke, :f :read, :value nil}")).pairs())
        .hasMessageContaining("still open");
  }
}
