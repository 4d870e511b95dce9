package dev.ddialab.encoding;

/** An enum value: the symbol and the enum it belongs to (which tells union branches apart). */
public record GenericEnum(EnumSchema schema, String symbol) {
  public GenericEnum {
    if (schema.indexOf(symbol) < 0) {
      throw new IllegalArgumentException("'" + symbol + "' is not a symbol of " + schema.fullName()
          + " " + schema.symbols());
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof GenericEnum that
        && schema.fullName().equals(that.schema.fullName())
        && symbol.equals(that.symbol);
  }

  @Override
  public int hashCode() {
    return schema.fullName().hashCode() * 31 + symbol.hashCode();
  }

  @Override
  public String toString() {
    return symbol;
  }
}
