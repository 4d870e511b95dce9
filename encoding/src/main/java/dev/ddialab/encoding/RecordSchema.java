package dev.ddialab.encoding;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A record: named fields, in order. Fields are set once, by the parser, after the record's name is
 * known, so that a field may refer to the record itself (a linked list, a tree).
 */
public final class RecordSchema extends NamedSchema {
  private List<Field> fields;
  private Map<String, Field> byName;

  RecordSchema(Name name, List<Name> aliases, String doc) {
    super(Type.RECORD, null, name, aliases, doc);
  }

  void setFields(List<Field> fields) {
    if (this.fields != null) {
      throw new IllegalStateException("fields of " + fullName() + " already set");
    }
    Map<String, Field> index = new HashMap<>();
    for (int i = 0; i < fields.size(); i++) {
      Field field = fields.get(i);
      if (field.position() != i) {
        throw new IllegalArgumentException("field " + field.name() + " at " + i
            + " has position " + field.position());
      }
      index.put(field.name(), field);
    }
    this.byName = index;
    this.fields = List.copyOf(fields);
  }

  /** False only while the parser is still reading this record's fields. */
  boolean isComplete() {
    return fields != null;
  }

  public List<Field> fields() {
    if (fields == null) {
      throw new IllegalStateException("record " + fullName() + " is still being parsed");
    }
    return fields;
  }

  /** The field called {@code name}, or null. */
  public Field field(String name) {
    fields();
    return byName.get(name);
  }
}
