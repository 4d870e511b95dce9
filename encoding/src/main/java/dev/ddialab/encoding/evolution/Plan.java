package dev.ddialab.encoding.evolution;

import dev.ddialab.encoding.EnumSchema;
import dev.ddialab.encoding.FixedSchema;
import dev.ddialab.encoding.RecordSchema;
import dev.ddialab.encoding.Schema;
import dev.ddialab.encoding.Type;
import java.util.List;

/**
 * How to read data written with one schema as another: the result of resolving a writer's schema
 * against a reader's (Avro specification, "Schema Resolution"). A tree that mirrors the writer's
 * schema, so that the reader walks the bytes in the order they were written. Where the schemas
 * cannot be reconciled the tree holds an {@link Error}: as in Avro, reading fails only if data
 * actually reaches it (a union branch never written does no harm), while the compatibility checker
 * reports every one.
 */
sealed interface Plan {
  /** Same primitive type on both sides. */
  record Same(Schema schema) implements Plan {}

  /** A promotion: int to long, float or double; long to float or double; float to double;
   * string to bytes and back. */
  record Promote(Type from, Type to) implements Plan {}

  record Enum(EnumSchema writer, EnumSchema reader, String[] readerSymbolByWriterIndex,
      Incompatibility[] errorByWriterIndex) implements Plan {}

  record Fixed(FixedSchema reader) implements Plan {}

  record Array(Plan items, Schema writerItems) implements Plan {}

  record Map(Plan values, Schema writerValues) implements Plan {}

  /** The writer wrote a union: one plan per writer branch. */
  record WriterUnion(List<Plan> branches) implements Plan {}

  /** The writer wrote a non-union, which the reader reads as one branch of its union. */
  record ReaderUnion(Plan branch) implements Plan {}

  record Error(Incompatibility problem) implements Plan {}

  /**
   * Records: for each writer field in writer order, the reader position it lands in (or -1 to
   * skip it); then the reader fields the writer lacks, filled with their defaults. Mutable only
   * while the resolver builds it, so that a recursive record can refer to its own plan.
   */
  final class Record implements Plan {
    final RecordSchema writer;
    final RecordSchema reader;
    int[] readerPositionByWriterField;
    Plan[] fieldPlans;
    int[] defaultedPositions;
    Object[] defaultValues;
    /** Why this writer record cannot be read as the reader's, or null. */
    Incompatibility error;

    Record(RecordSchema writer, RecordSchema reader) {
      this.writer = writer;
      this.reader = reader;
    }
  }
}
