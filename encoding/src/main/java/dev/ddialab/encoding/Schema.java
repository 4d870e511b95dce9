package dev.ddialab.encoding;

/**
 * Our own model of an Avro schema (DDIA ch. 4, "Avro"): what every codec, the resolver, the
 * compatibility checker and the registry work from. Parse one with {@link #parse}; print it with
 * {@link #toJson} (full form, parses back to an equal schema) or {@link #canonicalForm} (Avro's
 * Parsing Canonical Form: only what affects the bytes).
 *
 * <p>Schemas are immutable once parsed (a record's fields are set exactly once, during parsing,
 * so that a record may refer to itself), and thread-safe. Two schemas are equal when their full
 * forms are equal.
 */
public abstract sealed class Schema
    permits PrimitiveSchema, NamedSchema, ArraySchema, MapSchema, UnionSchema {
  private final Type type;
  private final LogicalType logicalType;
  private volatile String json;

  Schema(Type type, LogicalType logicalType) {
    this.type = type;
    this.logicalType = logicalType;
  }

  /**
   * Parses Avro schema JSON.
   *
   * @throws SchemaException naming the path of the first problem, e.g.
   *     {@code /fields/2/type: unknown type 'strng'}
   */
  public static Schema parse(String json) {
    return SchemaParser.parse(json);
  }

  /** The plain primitive schema of {@code type}. */
  public static Schema of(Type type) {
    return PrimitiveSchema.plain(type);
  }

  public Type type() {
    return type;
  }

  /** The validated logical type annotation, or null. */
  public LogicalType logicalType() {
    return logicalType;
  }

  /** The name a union uses for this branch: the full name of a named type, else the type name. */
  public String unionBranchName() {
    return type.avroName();
  }

  /** Full-form JSON: everything parsed, including defaults, aliases, docs and tags. */
  public String toJson() {
    String cached = json;
    if (cached == null) {
      cached = SchemaWriter.fullForm(this);
      json = cached;
    }
    return cached;
  }

  /** Avro's Parsing Canonical Form: full names, no docs, defaults, aliases or logical types. */
  public String canonicalForm() {
    return SchemaWriter.canonicalForm(this);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Schema that && type == that.type && toJson().equals(that.toJson());
  }

  @Override
  public int hashCode() {
    return toJson().hashCode();
  }

  @Override
  public String toString() {
    return toJson();
  }
}
