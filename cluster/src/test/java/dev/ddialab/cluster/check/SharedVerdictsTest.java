package dev.ddialab.cluster.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddialab.cluster.SharedData;
import dev.ddialab.cluster.history.History;
import dev.ddialab.cluster.history.HistoryParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The checker is trusted only when it agrees with every known verdict (shared/data README): the
 * 102 Jepsen etcd histories (a compare-and-set register) and the six kv histories (per-key string
 * registers, checked key by key).
 */
class SharedVerdictsTest {

  @TestFactory
  Stream<DynamicTest> jepsenEtcdHistoriesMatchTheirVerdicts() throws IOException {
    return verdictTests(SharedData.linearizability().resolve("jepsen-etcd"), "cas-register");
  }

  @TestFactory
  Stream<DynamicTest> kvHistoriesMatchTheirVerdicts() throws IOException {
    return verdictTests(SharedData.linearizability().resolve("kv"), "kv");
  }

  private static Stream<DynamicTest> verdictTests(Path dir, String model) throws IOException {
    Map<String, String> verdicts = SharedData.verdicts(dir);
    assertThat(verdicts).isNotEmpty();
    return verdicts.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
      History history = HistoryParser.parse(dir.resolve(e.getKey()));
      LinearizabilityResult result = new LinearizabilityChecker(Models.byName(model))
          .check(history);
      boolean expected = e.getValue().equals("linearizable");
      assertThat(result.verdict())
          .as("%s (%s)", e.getKey(), result.explanation())
          .isEqualTo(expected ? LinearizabilityResult.Verdict.LINEARIZABLE
              : LinearizabilityResult.Verdict.NOT_LINEARIZABLE);
      if (!expected) {
        assertThat(result.explanation()).contains("cannot be ordered");
      }
    }));
  }
}
