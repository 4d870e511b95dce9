package dev.ddialab.encoding;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldOptions;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.OneofDescriptorProto;
import com.google.protobuf.Descriptors;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Protobuf view of a tagged schema, written independently of our codec from the mapping in
 * docs/format.md: a {@code .proto}-equivalent descriptor (proto2, so that set fields are always
 * written; repeated numbers packed), and conversions between our values and
 * {@link DynamicMessage}s. Tests use it to let Protobuf itself parse our bytes and write bytes
 * for us to read.
 */
final class ProtoBridge {
  private final FileDescriptorProto.Builder file = FileDescriptorProto.newBuilder()
      .setName("generated.proto").setPackage("gen").setSyntax("proto2");
  private final Map<String, String> messageNames = new HashMap<>();
  private final Map<String, String> enumNames = new HashMap<>();
  private int unions;
  private Descriptors.FileDescriptor built;

  /** The descriptor of the message for {@code record}. */
  static Descriptor descriptor(ProtoBridge bridge, RecordSchema record) {
    String name = bridge.message(record);
    try {
      bridge.built = Descriptors.FileDescriptor.buildFrom(bridge.file.build(),
          new Descriptors.FileDescriptor[0]);
    } catch (Descriptors.DescriptorValidationException e) {
      throw new IllegalStateException(e);
    }
    return bridge.built.findMessageTypeByName(name);
  }

  private String message(RecordSchema record) {
    String existing = messageNames.get(record.fullName());
    if (existing != null) {
      return existing;
    }
    String name = "M_" + record.fullName().replace('.', '_');
    messageNames.put(record.fullName(), name);
    DescriptorProto.Builder message = DescriptorProto.newBuilder().setName(name);
    for (Field field : record.fields()) {
      Schema schema = field.schema();
      FieldDescriptorProto.Builder proto = FieldDescriptorProto.newBuilder()
          .setName(field.name()).setNumber(field.tag())
          .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL);
      if (schema instanceof ArraySchema array) {
        element(proto, array.items(), field.protobufType());
        proto.setLabel(FieldDescriptorProto.Label.LABEL_REPEATED);
        if (proto.getType() != FieldDescriptorProto.Type.TYPE_STRING
            && proto.getType() != FieldDescriptorProto.Type.TYPE_BYTES
            && proto.getType() != FieldDescriptorProto.Type.TYPE_MESSAGE) {
          proto.setOptions(FieldOptions.newBuilder().setPacked(true));
        }
      } else if (schema instanceof MapSchema map) {
        String entry = name + "_" + field.name() + "_Entry";
        DescriptorProto.Builder entryMessage = DescriptorProto.newBuilder().setName(entry);
        entryMessage.addField(FieldDescriptorProto.newBuilder().setName("key").setNumber(1)
            .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL)
            .setType(FieldDescriptorProto.Type.TYPE_STRING));
        FieldDescriptorProto.Builder value = FieldDescriptorProto.newBuilder().setName("value")
            .setNumber(2).setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL);
        element(value, map.values(), null);
        entryMessage.addField(value);
        file.addMessageType(entryMessage);
        proto.setLabel(FieldDescriptorProto.Label.LABEL_REPEATED)
            .setType(FieldDescriptorProto.Type.TYPE_MESSAGE).setTypeName(".gen." + entry);
      } else if (schema instanceof UnionSchema union && optional(union) != null) {
        element(proto, optional(union), field.protobufType());
      } else if (schema.type() == Type.NULL) {
        continue;
      } else {
        element(proto, schema, field.protobufType());
      }
      message.addField(proto);
    }
    file.addMessageType(message);
    return name;
  }

  private void element(FieldDescriptorProto.Builder proto, Schema schema, String protobufType) {
    switch (schema.type()) {
      case BOOLEAN -> proto.setType(FieldDescriptorProto.Type.TYPE_BOOL);
      case INT, LONG -> proto.setType(FieldDescriptorProto.Type.valueOf("TYPE_"
          + (protobufType != null ? protobufType : schema.type() == Type.INT ? "int32" : "int64")
              .toUpperCase(java.util.Locale.ROOT)));
      case FLOAT -> proto.setType(FieldDescriptorProto.Type.TYPE_FLOAT);
      case DOUBLE -> proto.setType(FieldDescriptorProto.Type.TYPE_DOUBLE);
      case STRING -> proto.setType(FieldDescriptorProto.Type.TYPE_STRING);
      case BYTES, FIXED -> proto.setType(FieldDescriptorProto.Type.TYPE_BYTES);
      case ENUM -> proto.setType(FieldDescriptorProto.Type.TYPE_ENUM)
          .setTypeName(".gen." + enumeration((EnumSchema) schema));
      case RECORD -> proto.setType(FieldDescriptorProto.Type.TYPE_MESSAGE)
          .setTypeName(".gen." + message((RecordSchema) schema));
      case UNION -> proto.setType(FieldDescriptorProto.Type.TYPE_MESSAGE)
          .setTypeName(".gen." + union((UnionSchema) schema));
      default -> throw new IllegalArgumentException("no proto type for " + schema);
    }
  }

  private String enumeration(EnumSchema schema) {
    return enumNames.computeIfAbsent(schema.fullName(), n -> {
      String name = "E_" + n.replace('.', '_');
      EnumDescriptorProto.Builder proto = EnumDescriptorProto.newBuilder().setName(name);
      for (int i = 0; i < schema.symbols().size(); i++) {
        proto.addValue(EnumValueDescriptorProto.newBuilder()
            .setName(name + "_" + schema.symbols().get(i)).setNumber(i));
      }
      file.addEnumType(proto);
      return name;
    });
  }

  private String union(UnionSchema union) {
    String name = "U" + unions++;
    DescriptorProto.Builder message = DescriptorProto.newBuilder().setName(name)
        .addOneofDecl(OneofDescriptorProto.newBuilder().setName("branch"));
    for (int i = 0; i < union.branches().size(); i++) {
      Schema branch = union.branches().get(i);
      if (branch.type() == Type.NULL) {
        continue;
      }
      FieldDescriptorProto.Builder proto = FieldDescriptorProto.newBuilder()
          .setName("b" + (i + 1)).setNumber(i + 1).setOneofIndex(0)
          .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL);
      element(proto, branch, null);
      message.addField(proto);
    }
    file.addMessageType(message);
    return name;
  }

  static Schema optional(UnionSchema union) {
    if (union.branches().size() != 2) {
      return null;
    }
    if (union.branches().get(0).type() == Type.NULL) {
      return union.branches().get(1);
    }
    return union.branches().get(1).type() == Type.NULL ? union.branches().get(0) : null;
  }

  /** Our record as a DynamicMessage of {@code descriptor}. */
  static DynamicMessage toProto(Descriptor descriptor, GenericRecord record) {
    DynamicMessage.Builder builder = DynamicMessage.newBuilder(descriptor);
    for (Field field : record.schema().fields()) {
      FieldDescriptor fd = descriptor.findFieldByNumber(field.tag());
      Object value = record.get(field.position());
      if (fd == null || value == null) {
        continue;
      }
      switch (field.schema()) {
        case ArraySchema array -> {
          for (Object item : (List<?>) value) {
            builder.addRepeatedField(fd, toProtoValue(fd, array.items(), item));
          }
        }
        case MapSchema map -> {
          for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
            Descriptor entryType = fd.getMessageType();
            DynamicMessage.Builder entryMessage = DynamicMessage.newBuilder(entryType);
            entryMessage.setField(entryType.findFieldByNumber(1), entry.getKey());
            entryMessage.setField(entryType.findFieldByNumber(2),
                toProtoValue(entryType.findFieldByNumber(2), map.values(), entry.getValue()));
            builder.addRepeatedField(fd, entryMessage.build());
          }
        }
        case UnionSchema union when optional(union) != null ->
            builder.setField(fd, toProtoValue(fd, optional(union), value));
        default -> builder.setField(fd, toProtoValue(fd, field.schema(), value));
      }
    }
    return builder.build();
  }

  private static Object toProtoValue(FieldDescriptor fd, Schema schema, Object value) {
    return switch (schema.type()) {
      case BYTES -> com.google.protobuf.ByteString.copyFrom(((ByteString) value).toByteArray());
      case FIXED -> com.google.protobuf.ByteString.copyFrom(((GenericFixed) value).bytes());
      case ENUM -> fd.getEnumType().findValueByNumber(
          ((EnumSchema) schema).indexOf(((GenericEnum) value).symbol()));
      case RECORD -> toProto(fd.getMessageType(), (GenericRecord) value);
      case UNION -> {
        UnionSchema union = (UnionSchema) schema;
        int branch = Values.branchOf(union, value, "");
        DynamicMessage.Builder wrapper = DynamicMessage.newBuilder(fd.getMessageType());
        if (union.branches().get(branch).type() != Type.NULL) {
          FieldDescriptor inner = fd.getMessageType().findFieldByNumber(branch + 1);
          wrapper.setField(inner, toProtoValue(inner, union.branches().get(branch), value));
        }
        yield wrapper.build();
      }
      default -> value;
    };
  }

  /** A DynamicMessage as our record, with absent fields filled as our reader would. */
  static GenericRecord fromProto(RecordSchema schema, DynamicMessage message) {
    GenericRecord record = new GenericRecord(schema);
    Descriptor descriptor = message.getDescriptorForType();
    for (Field field : schema.fields()) {
      FieldDescriptor fd = descriptor.findFieldByNumber(field.tag());
      Object value;
      switch (field.schema()) {
        case ArraySchema array -> {
          List<Object> list = new ArrayList<>();
          for (int i = 0; i < message.getRepeatedFieldCount(fd); i++) {
            list.add(fromProtoValue(array.items(), message.getRepeatedField(fd, i)));
          }
          value = list;
        }
        case MapSchema map -> {
          Map<String, Object> entries = new LinkedHashMap<>();
          for (int i = 0; i < message.getRepeatedFieldCount(fd); i++) {
            DynamicMessage entry = (DynamicMessage) message.getRepeatedField(fd, i);
            Descriptor entryType = entry.getDescriptorForType();
            entries.put((String) entry.getField(entryType.findFieldByNumber(1)),
                fromProtoValue(map.values(), entry.getField(entryType.findFieldByNumber(2))));
          }
          value = entries;
        }
        default -> {
          if (fd == null || !message.hasField(fd)) {
            boolean nullable = field.schema() instanceof UnionSchema union
                && union.indexOf("null") >= 0;
            value = !nullable && field.hasDefault() ? field.defaultValue().value() : null;
          } else {
            Schema schema1 = field.schema() instanceof UnionSchema union && optional(union) != null
                ? optional(union) : field.schema();
            value = fromProtoValue(schema1, message.getField(fd));
          }
        }
      }
      record.put(field.position(), value);
    }
    return record;
  }

  private static Object fromProtoValue(Schema schema, Object value) {
    return switch (schema.type()) {
      case BYTES -> ByteString.copyOf(((com.google.protobuf.ByteString) value).toByteArray());
      case FIXED -> new GenericFixed((FixedSchema) schema,
          ((com.google.protobuf.ByteString) value).toByteArray());
      case ENUM -> new GenericEnum((EnumSchema) schema, ((EnumSchema) schema).symbols()
          .get(((Descriptors.EnumValueDescriptor) value).getNumber()));
      case RECORD -> fromProto((RecordSchema) schema, (DynamicMessage) value);
      case UNION -> {
        DynamicMessage wrapper = (DynamicMessage) value;
        UnionSchema union = (UnionSchema) schema;
        for (Map.Entry<FieldDescriptor, Object> set : wrapper.getAllFields().entrySet()) {
          yield fromProtoValue(union.branches().get(set.getKey().getNumber() - 1), set.getValue());
        }
        yield null;
      }
      default -> value;
    };
  }
}
