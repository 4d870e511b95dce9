package dev.ddialab.encoding.evolution;

import dev.ddialab.encoding.ArraySchema;
import dev.ddialab.encoding.EnumSchema;
import dev.ddialab.encoding.Field;
import dev.ddialab.encoding.FixedSchema;
import dev.ddialab.encoding.MapSchema;
import dev.ddialab.encoding.NamedSchema;
import dev.ddialab.encoding.RecordSchema;
import dev.ddialab.encoding.Schema;
import dev.ddialab.encoding.UnionSchema;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The structural differences between two versions of a schema, each with what it means for old
 * and new code. Whether a change breaks a direction is not guessed from its kind: it is read off
 * the resolver's incompatibilities for that direction, so the diff and the checker agree.
 */
public final class SchemaDiff {
  /**
   * One difference. {@code oldPath} and {@code newPath} name the place in each version (they
   * differ under renamed fields).
   */
  public record Change(String oldPath, String newPath, String what, String meaning,
      boolean breaksBackward, boolean breaksForward) {
    public String path() {
      return oldPath.equals(newPath) ? newPath : oldPath + " -> " + newPath;
    }
  }

  /** All changes and the verdict of each direction. */
  public record Result(List<Change> changes, List<Incompatibility> backward,
      List<Incompatibility> forward) {
    /** The strongest mode under which the new version may follow the old one. */
    public String mode() {
      if (backward.isEmpty() && forward.isEmpty()) {
        return "FULL";
      }
      return backward.isEmpty() ? "BACKWARD" : forward.isEmpty() ? "FORWARD" : "NONE";
    }
  }

  private record Pending(String oldPath, String newPath, String what, String meaning,
      String symbol) {}

  private final List<Pending> pending = new ArrayList<>();
  private final Map<Schema, Set<Schema>> visited = new IdentityHashMap<>();

  private SchemaDiff() {}

  public static Result diff(Schema oldSchema, Schema newSchema) {
    SchemaDiff walk = new SchemaDiff();
    walk.compare(oldSchema, newSchema, "", "");
    List<Incompatibility> backward = Compatibility.canRead(newSchema, oldSchema);
    List<Incompatibility> forward = Compatibility.canRead(oldSchema, newSchema);
    List<Change> changes = new ArrayList<>();
    for (Pending p : walk.pending) {
      changes.add(new Change(p.oldPath, p.newPath, p.what, p.meaning,
          affects(backward, p.newPath, p.symbol), affects(forward, p.oldPath, p.symbol)));
    }
    return new Result(List.copyOf(changes), backward, forward);
  }

  private static boolean affects(List<Incompatibility> problems, String path, String symbol) {
    for (Incompatibility problem : problems) {
      boolean here = problem.path().equals(path) || problem.path().startsWith(path + "/");
      if (here && (symbol == null || problem.message().contains(symbol))) {
        return true;
      }
    }
    return false;
  }

  private void add(String oldPath, String newPath, String what, String meaning) {
    pending.add(new Pending(oldPath, newPath, what, meaning, null));
  }

  private void compare(Schema older, Schema newer, String oldPath, String newPath) {
    // Records may be recursive; a pair already compared is not walked again.
    if (older instanceof RecordSchema && !visited.computeIfAbsent(older,
        o -> Collections.newSetFromMap(new IdentityHashMap<>())).add(newer)) {
      return;
    }
    if (older instanceof UnionSchema oldUnion && newer instanceof UnionSchema newUnion) {
      unions(oldUnion, newUnion, oldPath, newPath);
      return;
    }
    if (older.type() != newer.type()) {
      boolean widens = Resolver.promotable(older.type(), newer.type());
      boolean narrows = Resolver.promotable(newer.type(), older.type());
      String promotion = widens && narrows ? "Avro converts between the two in both directions"
          : widens ? "an Avro promotion: new code converts old values; old code cannot convert"
              + " new values back"
          : narrows ? "old code converts new values by promotion; new code cannot read old ones"
          : "not an Avro promotion (int -> long -> float -> double, string <-> bytes)";
      add(oldPath, newPath, "type changed " + Resolver.describe(older) + " -> "
          + Resolver.describe(newer), promotion);
      return;
    }
    if (!Objects.equals(older.logicalType(), newer.logicalType())) {
      add(oldPath, newPath, "logical type changed " + older.logicalType() + " -> "
          + newer.logicalType(), "same bytes, different meaning: readers interpret values"
          + " differently");
    }
    if (older instanceof NamedSchema oldNamed && newer instanceof NamedSchema newNamed
        && !oldNamed.fullName().equals(newNamed.fullName())) {
      add(oldPath, newPath, "renamed " + oldNamed.fullName() + " -> " + newNamed.fullName(),
          newNamed.acceptsName(oldNamed.name())
              ? "the new name lists the old one as an alias, so new code reads old data"
              : "without an alias for the old name, the versions do not match");
    }
    switch (older) {
      case RecordSchema oldRecord -> records(oldRecord, (RecordSchema) newer, oldPath, newPath);
      case EnumSchema oldEnum -> enums(oldEnum, (EnumSchema) newer, oldPath, newPath);
      case FixedSchema oldFixed when oldFixed.size() != ((FixedSchema) newer).size() ->
          add(oldPath, newPath, "fixed size changed " + oldFixed.size() + " -> "
              + ((FixedSchema) newer).size(), "values of one size cannot be read as the other");
      case ArraySchema oldArray -> compare(oldArray.items(), ((ArraySchema) newer).items(),
          oldPath + "/items", newPath + "/items");
      case MapSchema oldMap -> compare(oldMap.values(), ((MapSchema) newer).values(),
          oldPath + "/values", newPath + "/values");
      default -> { }
    }
  }

  private void records(RecordSchema older, RecordSchema newer, String oldBase, String newBase) {
    Set<Field> matchedOld = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Field field : newer.fields()) {
      String newPath = newBase + "/fields/" + field.name();
      Field previous = older.field(field.name());
      if (previous == null) {
        previous = field.aliases().stream().map(older::field).filter(Objects::nonNull)
            .findFirst().orElse(null);
        if (previous != null) {
          add(oldBase + "/fields/" + previous.name(), newPath, "field renamed "
              + previous.name() + " -> " + field.name() + " (alias)", "new code finds the old"
              + " name through the alias; old code does not know the new name, so to it the"
              + " field is missing" + (previous.hasDefault() ? " and takes its default"
              : " and has no default"));
        }
      }
      if (previous == null) {
        add(newPath, newPath, "field added" + (field.hasDefault()
            ? " with default " + field.defaultValue().json() : " without a default"),
            (field.hasDefault() ? "new code reading old data fills in the default"
                : "new code reading old data has no value to fill in")
                + "; old code skips it in new data");
        continue;
      }
      matchedOld.add(previous);
      String oldPath = oldBase + "/fields/" + previous.name();
      if (previous.hasDefault() != field.hasDefault() || (field.hasDefault()
          && !previous.defaultValue().json().equals(field.defaultValue().json()))) {
        add(oldPath, newPath, "default changed " + defaultText(previous) + " -> "
            + defaultText(field), "matters only to readers that fill the field in (when the"
            + " writer lacked it)");
      }
      compare(previous.schema(), field.schema(), oldPath, newPath);
    }
    for (Field field : older.fields()) {
      if (!matchedOld.contains(field)) {
        String oldPath = oldBase + "/fields/" + field.name();
        add(oldPath, oldPath, "field removed" + (field.hasDefault()
            ? " (it had default " + field.defaultValue().json() + ")" : " (it had no default)"),
            "new code skips it in old data; old code reading new data "
                + (field.hasDefault() ? "fills in its default" : "has no value for it"));
      }
    }
  }

  private static String defaultText(Field field) {
    return field.hasDefault() ? field.defaultValue().json().toString() : "none";
  }

  private void enums(EnumSchema older, EnumSchema newer, String oldPath, String newPath) {
    for (String symbol : newer.symbols()) {
      if (older.indexOf(symbol) < 0) {
        pending.add(new Pending(oldPath, newPath, "enum symbol added: " + symbol,
            "old code reading new data meets a symbol it does not know"
                + (older.defaultSymbol() != null ? " and maps it to its default "
                + older.defaultSymbol() : " and has no default to map it to"),
            "'" + symbol + "'"));
      }
    }
    for (String symbol : older.symbols()) {
      if (newer.indexOf(symbol) < 0) {
        pending.add(new Pending(oldPath, newPath, "enum symbol removed: " + symbol,
            "new code reading old data meets it"
                + (newer.defaultSymbol() != null ? " and maps it to its default "
                + newer.defaultSymbol() : " and has no default to map it to"),
            "'" + symbol + "'"));
      }
    }
    if (!Objects.equals(older.defaultSymbol(), newer.defaultSymbol())) {
      add(oldPath, newPath, "enum default changed " + older.defaultSymbol() + " -> "
          + newer.defaultSymbol(), "decides what unknown symbols become when reading");
    }
  }

  private void unions(UnionSchema older, UnionSchema newer, String oldPath, String newPath) {
    for (Schema branch : newer.branches()) {
      Schema match = branch(older, branch);
      if (match == null) {
        add(oldPath, newPath, "union branch added: " + Resolver.describe(branch),
            "old code reading new data cannot place values of this branch");
      } else {
        compare(match, branch, oldPath, newPath);
      }
    }
    for (Schema branch : older.branches()) {
      if (branch(newer, branch) == null) {
        add(oldPath, newPath, "union branch removed: " + Resolver.describe(branch),
            "new code reading old data cannot place values of this branch");
      }
    }
  }

  private static Schema branch(UnionSchema union, Schema like) {
    return union.branches().stream().filter(b -> b.unionBranchName()
        .equals(like.unionBranchName())).findFirst().orElse(null);
  }
}
