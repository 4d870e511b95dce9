package dev.ddialab.encoding;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Avro schema JSON to our {@link Schema} model. One parser per document: it holds the named types
 * defined so far, because a name may be used only after its definition (a record may refer to
 * itself from its own fields). Every error names its JSON-pointer path.
 */
final class SchemaParser {
  static final ObjectMapper JSON = JsonMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .build();
  private static final Set<String> PROTOBUF_INT = Set.of("int32", "sint32", "fixed32", "sfixed32");
  private static final Set<String> PROTOBUF_LONG = Set.of("int64", "sint64", "fixed64", "sfixed64");
  /** Field numbers Protobuf allows: 1 .. 2^29 - 1, without its reserved 19000..19999. */
  static final int MAX_TAG = (1 << 29) - 1;

  private final Map<String, NamedSchema> names = new HashMap<>();

  private SchemaParser() {}

  static Schema parse(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new SchemaException("", "not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null || root.isMissingNode()) {
      throw new SchemaException("", "empty schema");
    }
    return new SchemaParser().parse(root, null, "");
  }

  private Schema parse(JsonNode node, String namespace, String path) {
    if (node.isTextual()) {
      return reference(node.asText(), namespace, path);
    }
    if (node.isArray()) {
      return union(node, namespace, path);
    }
    if (!node.isObject()) {
      throw new SchemaException(path, "expected a type name, an object or an array, got " + node);
    }
    JsonNode typeNode = node.get("type");
    if (typeNode == null) {
      throw new SchemaException(path, "missing 'type'");
    }
    if (!typeNode.isTextual()) {
      return parse(typeNode, namespace, path + "/type");
    }
    String type = typeNode.asText();
    Type primitive = Type.primitive(type);
    if (primitive != null) {
      return LogicalTypes.annotate(PrimitiveSchema.plain(primitive), node);
    }
    return switch (type) {
      case "record" -> record(node, namespace, path);
      case "enum" -> enumeration(node, namespace, path);
      case "fixed" -> fixed(node, namespace, path);
      case "array" -> new ArraySchema(parse(required(node, "items", path), namespace, path + "/items"));
      case "map" -> new MapSchema(parse(required(node, "values", path), namespace, path + "/values"));
      default -> reference(type, namespace, path + "/type");
    };
  }

  private Schema reference(String name, String namespace, String path) {
    Type primitive = Type.primitive(name);
    if (primitive != null) {
      return PrimitiveSchema.plain(primitive);
    }
    NamedSchema named = null;
    try {
      named = names.get(Name.resolve(name, namespace).fullName());
    } catch (IllegalArgumentException invalid) {
      // An invalid name cannot have been defined; reported below as unknown.
    }
    if (named == null && namespace != null && name.indexOf('.') < 0) {
      named = names.get(name);
    }
    if (named == null) {
      throw new SchemaException(path, "unknown type '" + name + "'");
    }
    return named;
  }

  private Schema union(JsonNode node, String namespace, String path) {
    List<Schema> branches = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < node.size(); i++) {
      String branchPath = path + "/" + i;
      Schema branch = parse(node.get(i), namespace, branchPath);
      if (branch.type() == Type.UNION) {
        throw new SchemaException(branchPath, "a union may not directly contain a union");
      }
      if (!seen.add(branch.unionBranchName())) {
        throw new SchemaException(branchPath, "duplicate union branch '"
            + branch.unionBranchName() + "'");
      }
      branches.add(branch);
    }
    return new UnionSchema(branches);
  }

  private RecordSchema record(JsonNode node, String namespace, String path) {
    Name name = name(node, namespace, path);
    RecordSchema record = new RecordSchema(name, aliases(node, name.namespace(), path),
        optionalText(node, "doc", path));
    define(record, path);
    JsonNode fieldsNode = required(node, "fields", path);
    if (!fieldsNode.isArray()) {
      throw new SchemaException(path + "/fields", "expected an array of fields");
    }
    List<Field> fields = new ArrayList<>();
    Set<String> fieldNames = new HashSet<>();
    Set<Integer> tags = new HashSet<>();
    for (int i = 0; i < fieldsNode.size(); i++) {
      Field field = field(fieldsNode.get(i), i, name.namespace(), path + "/fields/" + i);
      if (!fieldNames.add(field.name())) {
        throw new SchemaException(path + "/fields/" + i + "/name", "duplicate field name '"
            + field.name() + "'");
      }
      if (field.tag() != null && !tags.add(field.tag())) {
        throw new SchemaException(path + "/fields/" + i + "/tag", "duplicate tag " + field.tag());
      }
      fields.add(field);
    }
    record.setFields(fields);
    return record;
  }

  private Field field(JsonNode node, int position, String namespace, String path) {
    if (!node.isObject()) {
      throw new SchemaException(path, "expected a field object");
    }
    String name = requiredText(node, "name", path);
    if (!Name.isValidSimpleName(name)) {
      throw new SchemaException(path + "/name", "invalid field name '" + name + "'");
    }
    Schema schema = parse(required(node, "type", path), namespace, path + "/type");
    Field.Default defaultValue = null;
    JsonNode defaultJson = node.get("default");
    if (defaultJson != null) {
      defaultValue = new Field.Default(
          JsonValueReader.fromDefault(schema, defaultJson, path + "/default"), defaultJson);
    }
    List<String> aliases = new ArrayList<>();
    for (String alias : textArray(node, "aliases", path)) {
      if (!Name.isValidSimpleName(alias)) {
        throw new SchemaException(path + "/aliases", "invalid field alias '" + alias + "'");
      }
      aliases.add(alias);
    }
    return new Field(name, schema, position, defaultValue, aliases,
        optionalText(node, "doc", path), order(node, path), tag(node, path),
        protobufType(node, schema, path));
  }

  private static Field.Order order(JsonNode node, String path) {
    String order = optionalText(node, "order", path);
    if (order == null) {
      return Field.Order.ASCENDING;
    }
    return switch (order) {
      case "ascending" -> Field.Order.ASCENDING;
      case "descending" -> Field.Order.DESCENDING;
      case "ignore" -> Field.Order.IGNORE;
      default -> throw new SchemaException(path + "/order", "unknown order '" + order
          + "' (ascending, descending or ignore)");
    };
  }

  private static Integer tag(JsonNode node, String path) {
    JsonNode tag = node.get("tag");
    if (tag == null) {
      return null;
    }
    if (!tag.canConvertToInt() || !tag.isIntegralNumber()) {
      throw new SchemaException(path + "/tag", "expected an integer field number, got " + tag);
    }
    int number = tag.intValue();
    if (number < 1 || number > MAX_TAG || (number >= 19000 && number <= 19999)) {
      throw new SchemaException(path + "/tag", "field number " + number
          + " outside 1.." + MAX_TAG + " or in Protobuf's reserved 19000..19999");
    }
    return number;
  }

  private static String protobufType(JsonNode node, Schema schema, String path) {
    String type = optionalText(node, "protobuf", path);
    if (type == null) {
      return null;
    }
    Schema target = schema;
    if (schema instanceof UnionSchema union && union.branches().size() == 2) {
      target = union.branches().get(union.branches().get(0).type() == Type.NULL ? 1 : 0);
    } else if (schema instanceof ArraySchema array) {
      target = array.items();
    }
    boolean fits = (target.type() == Type.INT && PROTOBUF_INT.contains(type))
        || (target.type() == Type.LONG && PROTOBUF_LONG.contains(type));
    if (!fits) {
      throw new SchemaException(path + "/protobuf", "protobuf type '" + type
          + "' does not apply to " + target.type().avroName()
          + " (int: int32, sint32, fixed32, sfixed32; long: int64, sint64, fixed64, sfixed64)");
    }
    return type;
  }

  private EnumSchema enumeration(JsonNode node, String namespace, String path) {
    Name name = name(node, namespace, path);
    List<String> symbols = textArray(node, "symbols", path);
    if (node.get("symbols") == null) {
      throw new SchemaException(path, "missing 'symbols'");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < symbols.size(); i++) {
      String symbol = symbols.get(i);
      if (!Name.isValidSimpleName(symbol)) {
        throw new SchemaException(path + "/symbols/" + i, "invalid symbol '" + symbol + "'");
      }
      if (!seen.add(symbol)) {
        throw new SchemaException(path + "/symbols/" + i, "duplicate symbol '" + symbol + "'");
      }
    }
    String defaultSymbol = optionalText(node, "default", path);
    if (defaultSymbol != null && !seen.contains(defaultSymbol)) {
      throw new SchemaException(path + "/default", "default '" + defaultSymbol
          + "' is not one of the symbols " + symbols);
    }
    EnumSchema schema = new EnumSchema(name, aliases(node, name.namespace(), path),
        optionalText(node, "doc", path), symbols, defaultSymbol);
    define(schema, path);
    return schema;
  }

  private FixedSchema fixed(JsonNode node, String namespace, String path) {
    Name name = name(node, namespace, path);
    JsonNode size = required(node, "size", path);
    if (!size.isIntegralNumber() || !size.canConvertToInt() || size.intValue() < 0) {
      throw new SchemaException(path + "/size", "expected a non-negative integer size, got "
          + size);
    }
    FixedSchema plain = new FixedSchema(name, aliases(node, name.namespace(), path),
        optionalText(node, "doc", path), size.intValue(), null);
    FixedSchema schema = LogicalTypes.annotate(plain, node);
    define(schema, path);
    return schema;
  }

  private void define(NamedSchema schema, String path) {
    if (Type.primitive(schema.name().simpleName()) != null && schema.name().namespace() == null) {
      throw new SchemaException(path + "/name", "'" + schema.fullName()
          + "' is a primitive type name");
    }
    if (names.putIfAbsent(schema.fullName(), schema) != null) {
      throw new SchemaException(path + "/name", "redefinition of '" + schema.fullName() + "'");
    }
  }

  private static Name name(JsonNode node, String enclosing, String path) {
    String name = requiredText(node, "name", path);
    String namespace = node.has("namespace") ? optionalText(node, "namespace", path) : enclosing;
    try {
      return Name.resolve(name, namespace);
    } catch (IllegalArgumentException e) {
      throw new SchemaException(path + "/name", e.getMessage());
    }
  }

  private static List<Name> aliases(JsonNode node, String namespace, String path) {
    List<Name> aliases = new ArrayList<>();
    for (String alias : textArray(node, "aliases", path)) {
      try {
        aliases.add(Name.resolve(alias, namespace));
      } catch (IllegalArgumentException e) {
        throw new SchemaException(path + "/aliases", e.getMessage());
      }
    }
    return aliases;
  }

  private static JsonNode required(JsonNode node, String key, String path) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      throw new SchemaException(path, "missing '" + key + "'");
    }
    return value;
  }

  private static String requiredText(JsonNode node, String key, String path) {
    JsonNode value = required(node, key, path);
    if (!value.isTextual()) {
      throw new SchemaException(path + "/" + key, "expected a string, got " + value);
    }
    return value.asText();
  }

  private static String optionalText(JsonNode node, String key, String path) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new SchemaException(path + "/" + key, "expected a string, got " + value);
    }
    return value.asText();
  }

  private static List<String> textArray(JsonNode node, String key, String path) {
    JsonNode value = node.get(key);
    List<String> texts = new ArrayList<>();
    if (value == null || value.isNull()) {
      return texts;
    }
    if (!value.isArray()) {
      throw new SchemaException(path + "/" + key, "expected an array of strings, got " + value);
    }
    Iterator<JsonNode> elements = value.elements();
    for (int i = 0; elements.hasNext(); i++) {
      JsonNode element = elements.next();
      if (!element.isTextual()) {
        throw new SchemaException(path + "/" + key + "/" + i, "expected a string, got " + element);
      }
      texts.add(element.asText());
    }
    return texts;
  }
}
