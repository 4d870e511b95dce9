package dev.ddialab.cluster.check;

import dev.ddialab.cluster.history.History;
import dev.ddialab.cluster.history.OpType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link History} into the checker's {@link Operation}s: invocations paired with their
 * completions, failed operations that mean "never happened" dropped, unknown reads dropped (they
 * neither change nor constrain anything), and the rest grouped by partition key.
 */
final class Operations {
  private Operations() {}

  static Map<String, List<Operation>> from(History history, Model model) {
    Map<String, List<Operation>> partitions = new LinkedHashMap<>();
    int id = 0;
    for (History.Pair pair : history.pairs()) {
      Operation.Outcome outcome = pair.indeterminate() ? Operation.Outcome.UNKNOWN
          : pair.completion().type() == OpType.OK ? Operation.Outcome.OK : Operation.Outcome.FAIL;
      long ret = outcome == Operation.Outcome.UNKNOWN ? Operation.OPEN
          : pair.completionAt();
      Object output = pair.completion() == null ? null : pair.completion().value();
      Operation op = new Operation(id++, pair.invoke().process(), pair.invoke().f(),
          pair.invoke().key(), pair.invoke().value(), output, outcome, pair.invokeAt(), ret);
      if (outcome == Operation.Outcome.FAIL && model.failedMeansAbsent(op)) {
        continue;
      }
      if (outcome == Operation.Outcome.UNKNOWN && model.readOnly(op)) {
        continue;
      }
      String key = model.partitionKey(op);
      partitions.computeIfAbsent(key == null ? "" : key, k -> new ArrayList<>()).add(op);
    }
    return partitions;
  }
}
