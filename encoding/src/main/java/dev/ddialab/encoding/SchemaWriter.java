package dev.ddialab.encoding;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Schema to JSON. The full form keeps everything the parser read, so that parsing it gives an
 * equal schema; a named type is written in full at its first use and by name afterwards, which
 * is what makes recursive schemas finite. The canonical form is Avro's Parsing Canonical Form.
 */
final class SchemaWriter {
  private final JsonGenerator out;
  private final boolean canonical;
  private final Set<String> written = new HashSet<>();

  private SchemaWriter(JsonGenerator out, boolean canonical) {
    this.out = out;
    this.canonical = canonical;
  }

  static String fullForm(Schema schema) {
    return write(schema, false);
  }

  static String canonicalForm(Schema schema) {
    return write(schema, true);
  }

  private static String write(Schema schema, boolean canonical) {
    StringWriter text = new StringWriter();
    try (JsonGenerator out = SchemaParser.JSON.getFactory().createGenerator(text)) {
      new SchemaWriter(out, canonical).schema(schema, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  private void schema(Schema schema, String namespace) throws IOException {
    switch (schema) {
      case PrimitiveSchema primitive -> {
        if (canonical || primitive.logicalType() == null) {
          out.writeString(primitive.type().avroName());
        } else {
          out.writeStartObject();
          out.writeStringField("type", primitive.type().avroName());
          logical(primitive.logicalType());
          out.writeEndObject();
        }
      }
      case ArraySchema array -> {
        out.writeStartObject();
        out.writeStringField("type", "array");
        out.writeFieldName("items");
        schema(array.items(), namespace);
        out.writeEndObject();
      }
      case MapSchema map -> {
        out.writeStartObject();
        out.writeStringField("type", "map");
        out.writeFieldName("values");
        schema(map.values(), namespace);
        out.writeEndObject();
      }
      case UnionSchema union -> {
        out.writeStartArray();
        for (Schema branch : union.branches()) {
          schema(branch, namespace);
        }
        out.writeEndArray();
      }
      case NamedSchema named -> named(named, namespace);
    }
  }

  private void named(NamedSchema named, String namespace) throws IOException {
    if (!written.add(named.fullName())) {
      out.writeString(canonical || !Objects.equals(named.name().namespace(), namespace)
          ? named.fullName() : named.name().simpleName());
      return;
    }
    out.writeStartObject();
    String inner = named.name().namespace();
    if (canonical) {
      out.writeStringField("name", named.fullName());
      out.writeStringField("type", named.type().avroName());
    } else {
      out.writeStringField("type", named.type().avroName());
      out.writeStringField("name", named.name().simpleName());
      if (!Objects.equals(inner, namespace)) {
        out.writeStringField("namespace", inner == null ? "" : inner);
      }
      if (named.doc() != null) {
        out.writeStringField("doc", named.doc());
      }
      if (!named.aliases().isEmpty()) {
        out.writeArrayFieldStart("aliases");
        for (Name alias : named.aliases()) {
          out.writeString(alias.fullName());
        }
        out.writeEndArray();
      }
    }
    switch (named) {
      case RecordSchema record -> {
        out.writeArrayFieldStart("fields");
        for (Field field : record.fields()) {
          field(field, inner);
        }
        out.writeEndArray();
      }
      case EnumSchema enumeration -> {
        out.writeArrayFieldStart("symbols");
        for (String symbol : enumeration.symbols()) {
          out.writeString(symbol);
        }
        out.writeEndArray();
        if (!canonical && enumeration.defaultSymbol() != null) {
          out.writeStringField("default", enumeration.defaultSymbol());
        }
      }
      case FixedSchema fixed -> {
        out.writeNumberField("size", fixed.size());
        if (!canonical && fixed.logicalType() != null) {
          logical(fixed.logicalType());
        }
      }
    }
    out.writeEndObject();
  }

  private void field(Field field, String namespace) throws IOException {
    out.writeStartObject();
    out.writeStringField("name", field.name());
    out.writeFieldName("type");
    schema(field.schema(), namespace);
    if (!canonical) {
      if (field.doc() != null) {
        out.writeStringField("doc", field.doc());
      }
      if (field.hasDefault()) {
        out.writeFieldName("default");
        out.writeTree(field.defaultValue().json());
      }
      if (field.order() != Field.Order.ASCENDING) {
        out.writeStringField("order", field.order().name().toLowerCase(Locale.ROOT));
      }
      if (!field.aliases().isEmpty()) {
        out.writeArrayFieldStart("aliases");
        for (String alias : field.aliases()) {
          out.writeString(alias);
        }
        out.writeEndArray();
      }
      if (field.tag() != null) {
        out.writeNumberField("tag", field.tag());
      }
      if (field.protobufType() != null) {
        out.writeStringField("protobuf", field.protobufType());
      }
    }
    out.writeEndObject();
  }

  private void logical(LogicalType logical) throws IOException {
    out.writeStringField("logicalType", logical.name());
    if (logical.isDecimal()) {
      out.writeNumberField("precision", logical.precision());
      out.writeNumberField("scale", logical.scale());
    }
  }
}
