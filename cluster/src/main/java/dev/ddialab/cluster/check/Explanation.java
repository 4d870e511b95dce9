package dev.ddialab.cluster.check;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders why a history is not linearizable, from the deepest point of the search: the operations
 * that could be put in an order (the last few, with the state they led to), the operation whose
 * return arrived before it could take effect, and the concurrent operations that could not help.
 */
final class Explanation {
  private static final int PREFIX_SHOWN = 5;
  private static final int CANDIDATES_SHOWN = 8;

  private final Model model;
  private final Operation[] ops;
  private final int[] order;
  private final Object state;
  private final int stuck;
  private final int[] candidates;

  Explanation(Model model, Operation[] ops, int[] order, Object state, int stuck,
      int[] candidates) {
    this.model = model;
    this.ops = ops;
    this.order = order;
    this.state = state;
    this.stuck = stuck;
    this.candidates = candidates;
  }

  String render() {
    if (stuck < 0) {
      return "no operation can take effect first";
    }
    List<String> lines = new ArrayList<>();
    lines.add("these operations cannot be ordered:");
    if (order.length == 0) {
      lines.add("  from the initial state " + model.describe(state) + ",");
    } else {
      lines.add("  after " + order.length + " operations took effect in a legal order, ending with");
      Object s = model.init();
      List<String> shown = new ArrayList<>();
      for (int i = 0; i < order.length; i++) {
        s = model.step(s, ops[order[i]]);
        if (i >= order.length - PREFIX_SHOWN) {
          shown.add("    " + ops[order[i]] + "   (state now " + model.describe(s) + ")");
        }
      }
      lines.addAll(shown);
    }
    lines.add("  this operation returned before it could take effect:");
    lines.add("    " + ops[stuck] + reason(ops[stuck]));
    if (candidates.length > 0) {
      lines.add("  and none of the operations concurrent with it can go first to make it legal:");
      for (int i = 0; i < Math.min(candidates.length, CANDIDATES_SHOWN); i++) {
        lines.add("    " + ops[candidates[i]] + reason(ops[candidates[i]]));
      }
      if (candidates.length > CANDIDATES_SHOWN) {
        lines.add("    ... and " + (candidates.length - CANDIDATES_SHOWN) + " more");
      }
    }
    return String.join("\n", lines);
  }

  private String reason(Operation op) {
    Object after = model.step(state, op);
    return after == Model.IMPOSSIBLE
        ? "   <- impossible in state " + model.describe(state)
        : "   <- would leave state " + model.describe(after) + ", from which no order works";
  }
}
