package dev.ddialab.encoding;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;

/**
 * Validates {@code logicalType} annotations while parsing. Following the specification, an
 * annotation that is invalid for its schema is ignored (the schema reads as its underlying type),
 * so that schemas written by other tools still parse; an unknown name is kept but has no meaning.
 */
final class LogicalTypes {
  private LogicalTypes() {}

  static PrimitiveSchema annotate(PrimitiveSchema plain, JsonNode node) {
    LogicalType logical = validated(plain.type(), -1, node);
    return logical == null ? plain : new PrimitiveSchema(plain.type(), logical);
  }

  static FixedSchema annotate(FixedSchema plain, JsonNode node) {
    LogicalType logical = validated(Type.FIXED, plain.size(), node);
    return logical == null ? plain : new FixedSchema(plain.name(), plain.aliases(), plain.doc(),
        plain.size(), logical);
  }

  private static LogicalType validated(Type type, int fixedSize, JsonNode node) {
    JsonNode nameNode = node.get("logicalType");
    if (nameNode == null || !nameNode.isTextual()) {
      return null;
    }
    String name = nameNode.asText();
    return switch (name) {
      case LogicalType.DATE -> type == Type.INT ? LogicalType.named(name) : null;
      case LogicalType.TIMESTAMP_MILLIS -> type == Type.LONG ? LogicalType.named(name) : null;
      case LogicalType.UUID ->
          type == Type.STRING || (type == Type.FIXED && fixedSize == 16)
              ? LogicalType.named(name) : null;
      case LogicalType.DECIMAL -> decimal(type, fixedSize, node);
      default -> LogicalType.named(name);
    };
  }

  private static LogicalType decimal(Type type, int fixedSize, JsonNode node) {
    if (type != Type.BYTES && type != Type.FIXED) {
      return null;
    }
    JsonNode precisionNode = node.get("precision");
    JsonNode scaleNode = node.get("scale");
    if (precisionNode == null || !precisionNode.canConvertToInt()
        || !precisionNode.isIntegralNumber()) {
      return null;
    }
    int precision = precisionNode.intValue();
    int scale = 0;
    if (scaleNode != null) {
      if (!scaleNode.canConvertToInt() || !scaleNode.isIntegralNumber()) {
        return null;
      }
      scale = scaleNode.intValue();
    }
    if (precision <= 0 || scale < 0 || scale > precision) {
      return null;
    }
    if (type == Type.FIXED && precision > maxPrecision(fixedSize)) {
      return null;
    }
    return new LogicalType(LogicalType.DECIMAL, precision, scale);
  }

  /** The most decimal digits a two's-complement number of {@code bytes} bytes always holds. */
  static int maxPrecision(int bytes) {
    if (bytes == 0) {
      return 0;
    }
    BigInteger max = BigInteger.TWO.pow(8 * bytes - 1).subtract(BigInteger.ONE);
    return max.toString().length() - 1;
  }
}
