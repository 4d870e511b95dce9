package dev.ddialab.encoding;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An enum: symbols in order (the binary encoding writes the index), and an optional default
 * symbol a reader uses for a writer's symbol it does not know.
 */
public final class EnumSchema extends NamedSchema {
  private final List<String> symbols;
  private final Map<String, Integer> indexes = new HashMap<>();
  private final String defaultSymbol;

  EnumSchema(Name name, List<Name> aliases, String doc, List<String> symbols, String defaultSymbol) {
    super(Type.ENUM, null, name, aliases, doc);
    this.symbols = List.copyOf(symbols);
    for (int i = 0; i < symbols.size(); i++) {
      if (indexes.put(symbols.get(i), i) != null) {
        throw new IllegalArgumentException("duplicate symbol " + symbols.get(i));
      }
    }
    if (defaultSymbol != null && !indexes.containsKey(defaultSymbol)) {
      throw new IllegalArgumentException("default " + defaultSymbol + " is not a symbol");
    }
    this.defaultSymbol = defaultSymbol;
  }

  public List<String> symbols() {
    return symbols;
  }

  /** The symbol's index, or -1. */
  public int indexOf(String symbol) {
    Integer index = indexes.get(symbol);
    return index == null ? -1 : index;
  }

  /** The default symbol, or null. */
  public String defaultSymbol() {
    return defaultSymbol;
  }
}
