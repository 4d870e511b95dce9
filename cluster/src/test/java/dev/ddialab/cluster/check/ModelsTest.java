package dev.ddialab.cluster.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddialab.cluster.history.History;
import dev.ddialab.cluster.history.HistoryParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each model, on a linearizable history and on the smallest violation of it. */
class ModelsTest {

  private static boolean linearizable(String model, String... lines) {
    History history = HistoryParser.parse(List.of(lines));
    return new LinearizabilityChecker(Models.byName(model)).check(history).linearizable();
  }

  @Test
  void registerReadsTheLastWriteOrAConcurrentOne() {
    assertThat(linearizable("register",
        "{:process 0, :type :invoke, :f :write, :value 1}",
        "{:process 1, :type :invoke, :f :read, :value nil}",
        "{:process 1, :type :ok, :f :read, :value 1}",
        "{:process 0, :type :ok, :f :write, :value 1}")).isTrue();
    assertThat(linearizable("register",
        "{:process 0, :type :invoke, :f :write, :value 1}",
        "{:process 0, :type :ok, :f :write, :value 1}",
        "{:process 1, :type :invoke, :f :read, :value nil}",
        "{:process 1, :type :ok, :f :read, :value nil}")).as("stale read").isFalse();
  }

  @Test
  void anUnknownWriteMayTakeEffectLaterOrNever() {
    String[] prefix = {
        "{:process 0, :type :invoke, :f :write, :value 1}",
        "{:process 0, :type :info, :f :write, :value nil}",
        "{:process 1, :type :invoke, :f :read, :value nil}"};
    assertThat(linearizable("register", prefix[0], prefix[1], prefix[2],
        "{:process 1, :type :ok, :f :read, :value nil}")).isTrue();
    assertThat(linearizable("register", prefix[0], prefix[1], prefix[2],
        "{:process 1, :type :ok, :f :read, :value 1}")).isTrue();
    assertThat(linearizable("register", prefix[0], prefix[1], prefix[2],
        "{:process 1, :type :ok, :f :read, :value 2}")).isFalse();
  }

  @Test
  void aFailedCasSawADifferentValue() {
    assertThat(linearizable("cas-register",
        "{:process 0, :type :invoke, :f :write, :value 1}",
        "{:process 0, :type :ok, :f :write, :value 1}",
        "{:process 1, :type :invoke, :f :cas, :value [1 2]}",
        "{:process 1, :type :fail, :f :cas, :value [1 2]}")).isFalse();
    assertThat(linearizable("cas-register",
        "{:process 0, :type :invoke, :f :write, :value 1}",
        "{:process 0, :type :ok, :f :write, :value 1}",
        "{:process 1, :type :invoke, :f :cas, :value [1 2]}",
        "{:process 1, :type :ok, :f :cas, :value [1 2]}",
        "{:process 1, :type :invoke, :f :read, :value nil}",
        "{:process 1, :type :ok, :f :read, :value 2}")).isTrue();
  }

  @Test
  void kvKeysAreIndependentStringRegisters() {
    assertThat(linearizable("kv",
        "{:process 0, :type :invoke, :f :append, :key \"a\", :value \"x\"}",
        "{:process 0, :type :ok, :f :append, :key \"a\", :value \"x\"}",
        "{:process 1, :type :invoke, :f :get, :key \"b\", :value nil}",
        "{:process 1, :type :ok, :f :get, :key \"b\", :value \"\"}",
        "{:process 1, :type :invoke, :f :get, :key \"a\", :value nil}",
        "{:process 1, :type :ok, :f :get, :key \"a\", :value \"x\"}")).isTrue();
    assertThat(linearizable("kv",
        "{:process 0, :type :invoke, :f :put, :key \"a\", :value \"x\"}",
        "{:process 0, :type :ok, :f :put, :key \"a\", :value \"x\"}",
        "{:process 0, :type :invoke, :f :append, :key \"a\", :value \"y\"}",
        "{:process 0, :type :ok, :f :append, :key \"a\", :value \"y\"}",
        "{:process 1, :type :invoke, :f :get, :key \"a\", :value nil}",
        "{:process 1, :type :ok, :f :get, :key \"a\", :value \"yx\"}")).isFalse();
  }

  @Test
  void listAppendCounterAndSet() {
    assertThat(linearizable("list-append",
        "{:process 0, :type :invoke, :f :append, :value 1}",
        "{:process 1, :type :invoke, :f :append, :value 2}",
        "{:process 0, :type :ok, :f :append, :value 1}",
        "{:process 1, :type :ok, :f :append, :value 2}",
        "{:process 0, :type :invoke, :f :read, :value nil}",
        "{:process 0, :type :ok, :f :read, :value [2 1]}")).isTrue();
    assertThat(linearizable("list-append",
        "{:process 0, :type :invoke, :f :append, :value 1}",
        "{:process 0, :type :ok, :f :append, :value 1}",
        "{:process 1, :type :invoke, :f :append, :value 2}",
        "{:process 1, :type :ok, :f :append, :value 2}",
        "{:process 0, :type :invoke, :f :read, :value nil}",
        "{:process 0, :type :ok, :f :read, :value [2 1]}")).isFalse();
    assertThat(linearizable("counter",
        "{:process 0, :type :invoke, :f :add, :value 2}",
        "{:process 1, :type :invoke, :f :read, :value nil}",
        "{:process 1, :type :ok, :f :read, :value 2}",
        "{:process 0, :type :ok, :f :add, :value 2}")).isTrue();
    assertThat(linearizable("counter",
        "{:process 0, :type :invoke, :f :add, :value 2}",
        "{:process 0, :type :ok, :f :add, :value 2}",
        "{:process 1, :type :invoke, :f :read, :value nil}",
        "{:process 1, :type :ok, :f :read, :value 3}")).isFalse();
    assertThat(linearizable("set",
        "{:process 0, :type :invoke, :f :add, :value 1}",
        "{:process 0, :type :ok, :f :add, :value 1}",
        "{:process 1, :type :invoke, :f :read, :value nil}",
        "{:process 1, :type :ok, :f :read, :value #{1}}")).isTrue();
    assertThat(linearizable("set",
        "{:process 0, :type :invoke, :f :add, :value 1}",
        "{:process 0, :type :ok, :f :add, :value 1}",
        "{:process 1, :type :invoke, :f :read, :value nil}",
        "{:process 1, :type :ok, :f :read, :value #{}}")).isFalse();
  }

  @Test
  void aViolationIsExplainedByTheOperationsThatCannotBeOrdered() {
    History history = HistoryParser.parse(List.of(
        "INFO  jepsen.util - 0\t:invoke\t:write\t1",
        "INFO  jepsen.util - 0\t:ok\t:write\t1",
        "INFO  jepsen.util - 1\t:invoke\t:read\tnil",
        "INFO  jepsen.util - 2\t:invoke\t:write\t3",
        "INFO  jepsen.util - 1\t:ok\t:read\t2",
        "INFO  jepsen.util - 2\t:ok\t:write\t3"));
    LinearizabilityResult result = new LinearizabilityChecker(Models.casRegister(null))
        .check(history);
    assertThat(result.verdict()).isEqualTo(LinearizabilityResult.Verdict.NOT_LINEARIZABLE);
    assertThat(result.explanation())
        .contains("process 0 write 1 -> ok")
        .contains("process 2 write 3 -> ok")
        .contains("process 1 read -> ok 2   <- impossible in state 3");
  }
}
