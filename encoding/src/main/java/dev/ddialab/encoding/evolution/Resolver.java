package dev.ddialab.encoding.evolution;

import dev.ddialab.encoding.ArraySchema;
import dev.ddialab.encoding.EnumSchema;
import dev.ddialab.encoding.Field;
import dev.ddialab.encoding.FixedSchema;
import dev.ddialab.encoding.MapSchema;
import dev.ddialab.encoding.NamedSchema;
import dev.ddialab.encoding.RecordSchema;
import dev.ddialab.encoding.Schema;
import dev.ddialab.encoding.Type;
import dev.ddialab.encoding.UnionSchema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves a writer's schema against a reader's, following the Avro specification's rules
 * (DDIA ch. 4, "The writer's schema and the reader's schema"): fields are matched by name (or a
 * reader field's alias), writer fields the reader lacks are skipped, reader fields the writer
 * lacks take their defaults, numbers promote int -> long -> float -> double, string and bytes
 * convert both ways, an unknown enum symbol becomes the reader's default symbol, and unions
 * resolve branch by branch. Named types must have the same unqualified name, or the reader must
 * list the writer's name as an alias.
 *
 * <p>The same walk yields both the {@link Plan} a reader executes and the list of every
 * incompatibility, so the compatibility checker and the decoder can never disagree.
 */
final class Resolver {
  /** A plan and the incompatibilities found while building it (empty: fully compatible). */
  record Resolved(Plan plan, List<Incompatibility> incompatibilities) {}

  private final Map<RecordSchema, Map<RecordSchema, Plan.Record>> records = new IdentityHashMap<>();
  private final Set<Incompatibility> problems = new LinkedHashSet<>();

  private Resolver() {}

  static Resolved resolve(Schema writer, Schema reader) {
    Resolver resolver = new Resolver();
    Plan plan = resolver.resolve(writer, reader, "");
    return new Resolved(plan, List.copyOf(resolver.problems));
  }

  private Plan resolve(Schema writer, Schema reader, String path) {
    if (writer instanceof UnionSchema writerUnion) {
      List<Plan> branches = new ArrayList<>();
      for (Schema branch : writerUnion.branches()) {
        if (reader instanceof UnionSchema readerUnion) {
          branches.add(intoUnion(branch, readerUnion, path));
        } else {
          branches.add(resolve(branch, reader, path));
        }
      }
      return new Plan.WriterUnion(branches);
    }
    if (reader instanceof UnionSchema readerUnion) {
      return intoUnion(writer, readerUnion, path);
    }
    Type w = writer.type();
    Type r = reader.type();
    if (w == r) {
      return switch (w) {
        case RECORD -> record((RecordSchema) writer, (RecordSchema) reader, path);
        case ENUM -> enumeration((EnumSchema) writer, (EnumSchema) reader, path);
        case FIXED -> fixed((FixedSchema) writer, (FixedSchema) reader, path);
        case ARRAY -> new Plan.Array(resolve(((ArraySchema) writer).items(),
            ((ArraySchema) reader).items(), path + "/items"), ((ArraySchema) writer).items());
        case MAP -> new Plan.Map(resolve(((MapSchema) writer).values(),
            ((MapSchema) reader).values(), path + "/values"), ((MapSchema) writer).values());
        default -> new Plan.Same(reader);
      };
    }
    if (promotable(w, r)) {
      return new Plan.Promote(w, r);
    }
    return error(path, "type changed " + describe(writer) + " -> " + describe(reader)
        + ", not promotable");
  }

  /** A writer's non-union value read into the first reader branch that matches it. */
  private Plan intoUnion(Schema writer, UnionSchema reader, String path) {
    List<Schema> branches = reader.branches();
    for (Schema branch : branches) {
      if (branch.type() == writer.type()) {
        boolean named = writer instanceof NamedSchema;
        if (!named || ((NamedSchema) branch).acceptsName(((NamedSchema) writer).name())) {
          return new Plan.ReaderUnion(resolve(writer, branch, path));
        }
      }
    }
    for (Schema branch : branches) {
      if (promotable(writer.type(), branch.type())) {
        return new Plan.ReaderUnion(new Plan.Promote(writer.type(), branch.type()));
      }
    }
    return error(path, "writer's " + describe(writer) + " matches no branch of the reader's union "
        + reader.toJson());
  }

  private Plan record(RecordSchema writer, RecordSchema reader, String path) {
    Map<RecordSchema, Plan.Record> byReader =
        records.computeIfAbsent(writer, w -> new IdentityHashMap<>());
    Plan.Record seen = byReader.get(reader);
    if (seen != null) {
      return seen;
    }
    Plan.Record plan = new Plan.Record(writer, reader);
    byReader.put(reader, plan);
    if (!reader.acceptsName(writer.name())) {
      plan.error = new Incompatibility(path,
          "name changed " + writer.fullName() + " -> " + reader.fullName());
      problems.add(plan.error);
    }
    List<Field> writerFields = writer.fields();
    plan.readerPositionByWriterField = new int[writerFields.size()];
    plan.fieldPlans = new Plan[writerFields.size()];
    Arrays.fill(plan.readerPositionByWriterField, -1);
    List<Integer> defaulted = new ArrayList<>();
    for (Field readerField : reader.fields()) {
      Field writerField = writerFieldFor(readerField, writer);
      String fieldPath = path + "/fields/" + readerField.name();
      if (writerField == null) {
        if (readerField.hasDefault()) {
          defaulted.add(readerField.position());
        } else {
          Incompatibility problem = new Incompatibility(fieldPath,
              "reader's field is missing from the writer's schema and has no default");
          problems.add(problem);
          if (plan.error == null) {
            plan.error = problem;
          }
        }
        continue;
      }
      plan.readerPositionByWriterField[writerField.position()] = readerField.position();
      plan.fieldPlans[writerField.position()] =
          resolve(writerField.schema(), readerField.schema(), fieldPath);
    }
    plan.defaultedPositions = defaulted.stream().mapToInt(Integer::intValue).toArray();
    plan.defaultValues = new Object[plan.defaultedPositions.length];
    for (int i = 0; i < plan.defaultedPositions.length; i++) {
      plan.defaultValues[i] =
          reader.fields().get(plan.defaultedPositions[i]).defaultValue().value();
    }
    return plan;
  }

  private static Field writerFieldFor(Field readerField, RecordSchema writer) {
    Field same = writer.field(readerField.name());
    if (same != null) {
      return same;
    }
    for (String alias : readerField.aliases()) {
      Field renamed = writer.field(alias);
      if (renamed != null) {
        return renamed;
      }
    }
    return null;
  }

  private Plan enumeration(EnumSchema writer, EnumSchema reader, String path) {
    if (!reader.acceptsName(writer.name())) {
      return error(path, "name changed " + writer.fullName() + " -> " + reader.fullName());
    }
    List<String> symbols = writer.symbols();
    String[] mapped = new String[symbols.size()];
    Incompatibility[] errors = new Incompatibility[symbols.size()];
    for (int i = 0; i < symbols.size(); i++) {
      String symbol = symbols.get(i);
      if (reader.indexOf(symbol) >= 0) {
        mapped[i] = symbol;
      } else if (reader.defaultSymbol() != null) {
        mapped[i] = reader.defaultSymbol();
      } else {
        errors[i] = new Incompatibility(path, "symbol '" + symbol
            + "' is missing from the reader's enum " + reader.fullName()
            + ", which has no default");
        problems.add(errors[i]);
      }
    }
    return new Plan.Enum(writer, reader, mapped, errors);
  }

  private Plan fixed(FixedSchema writer, FixedSchema reader, String path) {
    if (!reader.acceptsName(writer.name())) {
      return error(path, "name changed " + writer.fullName() + " -> " + reader.fullName());
    }
    if (writer.size() != reader.size()) {
      return error(path, "fixed size changed " + writer.size() + " -> " + reader.size());
    }
    return new Plan.Fixed(reader);
  }

  private Plan error(String path, String message) {
    Incompatibility problem = new Incompatibility(path, message);
    problems.add(problem);
    return new Plan.Error(problem);
  }

  static boolean promotable(Type from, Type to) {
    return switch (from) {
      case INT -> to == Type.LONG || to == Type.FLOAT || to == Type.DOUBLE;
      case LONG -> to == Type.FLOAT || to == Type.DOUBLE;
      case FLOAT -> to == Type.DOUBLE;
      case STRING -> to == Type.BYTES;
      case BYTES -> to == Type.STRING;
      default -> false;
    };
  }

  static String describe(Schema schema) {
    return schema instanceof NamedSchema named
        ? schema.type().avroName() + " " + named.fullName() : schema.type().avroName();
  }
}
