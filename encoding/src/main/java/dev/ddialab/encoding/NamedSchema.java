package dev.ddialab.encoding;

import java.util.List;

/** A record, enum or fixed: a type with a full name, aliases (for renames) and a doc string. */
public abstract sealed class NamedSchema extends Schema
    permits RecordSchema, EnumSchema, FixedSchema {
  private final Name name;
  private final List<Name> aliases;
  private final String doc;

  NamedSchema(Type type, LogicalType logicalType, Name name, List<Name> aliases, String doc) {
    super(type, logicalType);
    this.name = name;
    this.aliases = List.copyOf(aliases);
    this.doc = doc;
  }

  public Name name() {
    return name;
  }

  public String fullName() {
    return name.fullName();
  }

  /** Former names, each fully qualified. */
  public List<Name> aliases() {
    return aliases;
  }

  public String doc() {
    return doc;
  }

  @Override
  public String unionBranchName() {
    return name.fullName();
  }

  /**
   * Whether a reader with this schema's name accepts a writer type called {@code writerName}: the
   * same unqualified name (Avro spec, "Schema Resolution"), or the writer's full name is one of
   * the reader's aliases.
   */
  public boolean acceptsName(Name writerName) {
    if (name.simpleName().equals(writerName.simpleName())) {
      return true;
    }
    return aliases.contains(writerName);
  }
}
