package dev.ddialab.cluster.check;

/**
 * A sequential specification: what a single copy of the object does, one operation at a time.
 * The linearizability checker searches for an order of a history's operations that this model
 * accepts and that respects real time (DDIA ch. 9, "Linearizability").
 *
 * <p>States must be immutable and implement {@code equals}/{@code hashCode} (the search memoises
 * on them); {@code null} is a valid state (a register that holds nil).
 */
public interface Model {
  /** Returned by {@link #step} when the operation's observed result is impossible from the state. */
  Object IMPOSSIBLE = new Object() {
    @Override
    public String toString() {
      return "IMPOSSIBLE";
    }
  };

  String name();

  Object init();

  /**
   * The state after {@code op} takes effect in {@code state}, or {@link #IMPOSSIBLE} if {@code op}'s
   * outcome and output cannot happen there. An {@code UNKNOWN} op takes its natural effect (a cas
   * applies if the comparison holds), since "never happened" is covered by ordering it last.
   */
  Object step(Object state, Operation op);

  /**
   * Whether a {@code FAIL}ed op can be dropped as "never happened" (Jepsen's meaning). Models
   * whose failures carry information, like a compare-and-set whose comparison failed, say no.
   */
  default boolean failedMeansAbsent(Operation op) {
    return true;
  }

  /** Whether {@code op} never changes the state (an unknown read can then be dropped). */
  default boolean readOnly(Operation op) {
    return false;
  }

  /**
   * P-compositionality (Horn and Kroening): operations on different keys of a map are independent
   * objects, checked separately. Null when the model is one object.
   */
  default String partitionKey(Operation op) {
    return null;
  }

  /** The state for people. */
  default String describe(Object state) {
    return dev.ddialab.cluster.history.Values.format(state);
  }
}
