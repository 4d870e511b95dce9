package dev.ddialab.encoding;

/** An array of items of one schema. */
public final class ArraySchema extends Schema {
  private final Schema items;

  ArraySchema(Schema items) {
    super(Type.ARRAY, null);
    this.items = items;
  }

  public Schema items() {
    return items;
  }
}
