package dev.ddialab.encoding.evolution;

import dev.ddialab.encoding.Schema;
import java.util.ArrayList;
import java.util.List;

/**
 * The compatibility checker: whether a new schema version may follow the existing ones under a
 * {@link CompatibilityMode}. A pair is compatible in a direction exactly when resolving the
 * writer's schema against the reader's finds nothing irreconcilable, so the checker and the
 * decoder ({@link ResolvingDatumReader}) apply one set of rules. Stateless, thread-safe.
 */
public final class Compatibility {
  private Compatibility() {}

  /** Which way data flows in a failed check. */
  public enum Direction {
    /** The new schema reads data written with an old one. */
    NEW_READS_OLD,
    /** An old schema reads data written with the new one. */
    OLD_READS_NEW
  }

  /**
   * One reason the new schema may not follow an existing version.
   *
   * @param against the index (0-based) of the existing version in the list checked against
   */
  public record Violation(int against, Direction direction, Incompatibility incompatibility) {
    @Override
    public String toString() {
      return incompatibility.toString();
    }
  }

  /** Everything that stops a reader with {@code reader} from reading data written with {@code writer}. */
  public static List<Incompatibility> canRead(Schema reader, Schema writer) {
    return Resolver.resolve(writer, reader).incompatibilities();
  }

  /**
   * Checks {@code candidate} against {@code existing} (oldest first): against the latest only, or
   * against all of them for a transitive mode. Empty when compatible.
   */
  public static List<Violation> check(CompatibilityMode mode, List<Schema> existing,
      Schema candidate) {
    List<Violation> violations = new ArrayList<>();
    if (mode == CompatibilityMode.NONE || existing.isEmpty()) {
      return violations;
    }
    int first = mode.transitive() ? 0 : existing.size() - 1;
    for (int i = existing.size() - 1; i >= first; i--) {
      Schema old = existing.get(i);
      if (mode.backward()) {
        for (Incompatibility problem : canRead(candidate, old)) {
          violations.add(new Violation(i, Direction.NEW_READS_OLD, problem));
        }
      }
      if (mode.forward()) {
        for (Incompatibility problem : canRead(old, candidate)) {
          violations.add(new Violation(i, Direction.OLD_READS_NEW, problem));
        }
      }
    }
    return violations;
  }
}
