package dev.ddialab.encoding;

/** A map from strings to values of one schema. */
public final class MapSchema extends Schema {
  private final Schema values;

  MapSchema(Schema values) {
    super(Type.MAP, null);
    this.values = values;
  }

  public Schema values() {
    return values;
  }
}
