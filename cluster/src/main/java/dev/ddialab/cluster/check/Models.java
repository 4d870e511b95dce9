package dev.ddialab.cluster.check;

import dev.ddialab.cluster.history.Values;
import dev.ddialab.core.Invariants;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The sequential specifications the checker knows: registers, compare-and-set registers, a
 * key-value map of string registers (get/put/append), an append-only list, a counter and a set.
 */
public final class Models {
  private Models() {}

  private static final Map<String, Supplier<Model>> BY_NAME = new TreeMap<>(Map.of(
      "register", () -> register(null),
      "cas-register", () -> casRegister(null),
      "kv", Models::kv,
      "lin-kv", () -> perKey(casRegister(null)),
      "list-append", Models::listAppend,
      "counter", Models::counter,
      "set", Models::set));

  /** Names for {@code ddia check linearizability --model}. */
  public static Set<String> names() {
    return BY_NAME.keySet();
  }

  public static Model byName(String name) {
    Supplier<Model> model = BY_NAME.get(name);
    Invariants.require(model != null, "unknown model '%s'; known: %s", name,
        String.join(", ", BY_NAME.keySet()));
    return model.get();
  }

  /** A read/write register: {@code read} returns the last value written. */
  public static Model register(Object initial) {
    return new CasRegister("register", Values.normalise(initial), false);
  }

  /** A register with {@code cas [from to]}: a failed cas saw a value other than {@code from}. */
  public static Model casRegister(Object initial) {
    return new CasRegister("cas-register", Values.normalise(initial), true);
  }

  /** Per-key string registers, initially "": {@code get}, {@code put}, {@code append}. */
  public static Model kv() {
    return perKey(new StringRegister());
  }

  /** Independent copies of {@code inner}, one per key (P-compositionality). */
  public static Model perKey(Model inner) {
    return new Model() {
      @Override
      public String name() {
        return "per-key " + inner.name();
      }

      @Override
      public Object init() {
        return inner.init();
      }

      @Override
      public Object step(Object state, Operation op) {
        return inner.step(state, op);
      }

      @Override
      public boolean failedMeansAbsent(Operation op) {
        return inner.failedMeansAbsent(op);
      }

      @Override
      public boolean readOnly(Operation op) {
        return inner.readOnly(op);
      }

      @Override
      public String partitionKey(Operation op) {
        return op.key() == null ? "" : op.key();
      }
    };
  }

  private static boolean isRead(String f) {
    return f.equals("read") || f.equals("get");
  }

  private record CasRegister(String name, Object init, boolean cas) implements Model {
    @Override
    public Object step(Object state, Operation op) {
      switch (op.f()) {
        case "read", "get" -> {
          return op.outcome() != Operation.Outcome.OK || Values.same(state, op.output())
              ? state : IMPOSSIBLE;
        }
        case "write", "put" -> {
          return op.input();
        }
        case "cas" -> {
          Invariants.require(cas, "the register model has no cas; use cas-register");
          if (!(op.input() instanceof List<?> args) || args.size() != 2) {
            throw new IllegalArgumentException("cas needs [from to], got " + op);
          }
          boolean matches = Values.same(state, args.get(0));
          return switch (op.outcome()) {
            case OK -> matches ? args.get(1) : IMPOSSIBLE;
            case FAIL -> matches ? IMPOSSIBLE : state;
            case UNKNOWN -> matches ? args.get(1) : state;
          };
        }
        default -> throw new IllegalArgumentException("a register has no :" + op.f());
      }
    }

    @Override
    public boolean failedMeansAbsent(Operation op) {
      return !op.f().equals("cas");
    }

    @Override
    public boolean readOnly(Operation op) {
      return isRead(op.f());
    }
  }

  private record StringRegister() implements Model {
    @Override
    public String name() {
      return "string register";
    }

    @Override
    public Object init() {
      return "";
    }

    @Override
    public Object step(Object state, Operation op) {
      return switch (op.f()) {
        case "get", "read" -> op.outcome() != Operation.Outcome.OK
            || Values.same(state, op.output()) ? state : IMPOSSIBLE;
        case "put", "write" -> String.valueOf(op.input());
        case "append" -> state + String.valueOf(op.input());
        default -> throw new IllegalArgumentException("a kv map has no :" + op.f());
      };
    }

    @Override
    public boolean readOnly(Operation op) {
      return isRead(op.f());
    }
  }

  /** An append-only list: {@code append x}, {@code read} returns the whole list. */
  public static Model listAppend() {
    return new GrowingCollection("list-append", List.of(), "append");
  }

  /** A counter from 0: {@code add n}, {@code read} returns the sum. */
  public static Model counter() {
    return new Model() {
      @Override
      public String name() {
        return "counter";
      }

      @Override
      public Object init() {
        return 0L;
      }

      @Override
      public Object step(Object state, Operation op) {
        long value = (Long) state;
        return switch (op.f()) {
          case "add" -> value + ((Number) op.input()).longValue();
          case "read" -> op.outcome() != Operation.Outcome.OK || Values.same(value, op.output())
              ? state : IMPOSSIBLE;
          default -> throw new IllegalArgumentException("a counter has no :" + op.f());
        };
      }

      @Override
      public boolean readOnly(Operation op) {
        return op.f().equals("read");
      }
    };
  }

  /** A grow-only set: {@code add x}, {@code read} returns every element added. */
  public static Model set() {
    return new GrowingCollection("set", Set.of(), "add");
  }

  private record GrowingCollection(String name, Object init, String addF) implements Model {
    @Override
    public Object step(Object state, Operation op) {
      Collection<?> current = (Collection<?>) state;
      if (op.f().equals(addF)) {
        if (current instanceof List<?> list) {
          List<Object> next = new ArrayList<>(list);
          next.add(op.input());
          return Collections.unmodifiableList(next);
        }
        Set<Object> next = new TreeSet<>(Models::compareValues);
        next.addAll(current);
        next.add(op.input());
        return Collections.unmodifiableSet(next);
      }
      Invariants.require(op.f().equals("read"), "a %s has no :%s", name, op.f());
      if (op.outcome() != Operation.Outcome.OK) {
        return state;
      }
      Object seen = op.output();
      boolean same = current instanceof List ? seen instanceof List<?> l && Values.same(l, current)
          : seen instanceof Collection<?> c && Set.copyOf(c).equals(Set.copyOf(current));
      return same ? state : IMPOSSIBLE;
    }

    @Override
    public boolean readOnly(Operation op) {
      return op.f().equals("read");
    }
  }

  private static int compareValues(Object a, Object b) {
    return Values.format(a).compareTo(Values.format(b));
  }
}
