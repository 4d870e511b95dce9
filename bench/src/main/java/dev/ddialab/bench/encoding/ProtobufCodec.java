package dev.ddialab.bench.encoding;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MessageOptions;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.ddialab.encoding.GenericRecord;
import java.util.List;
import java.util.Map;

/**
 * protobuf-java's {@link DynamicMessage} on a descriptor built in code (there is no protoc
 * here), equivalent to this proto2 file, which is also the shape our tagged codec writes:
 *
 * <pre>
 * message Bidder { optional int64 id = 1; optional string name = 2; optional int32 reputation = 3; }
 * message BidPlaced {
 *   optional string auction_id = 1; optional Bidder bidder = 2; optional double amount = 3;
 *   optional int64 timestamp = 4; optional string note = 5; repeated string tags = 6;
 *   map&lt;string, string&gt; attributes = 7;
 * }
 * </pre>
 *
 * Generated classes would be faster than DynamicMessage; this is what a schema-driven system
 * (one that learns schemas at run time, as a registry client does) can use.
 */
final class ProtobufCodec implements Codec {
  private final Descriptor bid;
  private final Descriptor bidder;
  private final Descriptor entry;

  ProtobufCodec() {
    DescriptorProto bidderProto = DescriptorProto.newBuilder().setName("Bidder")
        .addField(field("id", 1, FieldDescriptorProto.Type.TYPE_INT64))
        .addField(field("name", 2, FieldDescriptorProto.Type.TYPE_STRING))
        .addField(field("reputation", 3, FieldDescriptorProto.Type.TYPE_INT32))
        .build();
    DescriptorProto entryProto = DescriptorProto.newBuilder().setName("AttributesEntry")
        .addField(field("key", 1, FieldDescriptorProto.Type.TYPE_STRING))
        .addField(field("value", 2, FieldDescriptorProto.Type.TYPE_STRING))
        .setOptions(MessageOptions.newBuilder().setMapEntry(true))
        .build();
    DescriptorProto bidProto = DescriptorProto.newBuilder().setName("BidPlaced")
        .addField(field("auction_id", 1, FieldDescriptorProto.Type.TYPE_STRING))
        .addField(field("bidder", 2, FieldDescriptorProto.Type.TYPE_MESSAGE)
            .setTypeName(".bench.Bidder"))
        .addField(field("amount", 3, FieldDescriptorProto.Type.TYPE_DOUBLE))
        .addField(field("timestamp", 4, FieldDescriptorProto.Type.TYPE_INT64))
        .addField(field("note", 5, FieldDescriptorProto.Type.TYPE_STRING))
        .addField(field("tags", 6, FieldDescriptorProto.Type.TYPE_STRING)
            .setLabel(FieldDescriptorProto.Label.LABEL_REPEATED))
        .addField(field("attributes", 7, FieldDescriptorProto.Type.TYPE_MESSAGE)
            .setLabel(FieldDescriptorProto.Label.LABEL_REPEATED)
            .setTypeName(".bench.BidPlaced.AttributesEntry"))
        .addNestedType(entryProto)
        .build();
    FileDescriptorProto file = FileDescriptorProto.newBuilder().setName("bid.proto")
        .setPackage("bench").addMessageType(bidderProto).addMessageType(bidProto).build();
    try {
      FileDescriptor descriptor = FileDescriptor.buildFrom(file, new FileDescriptor[0]);
      bid = descriptor.findMessageTypeByName("BidPlaced");
      bidder = descriptor.findMessageTypeByName("Bidder");
      entry = bid.findNestedTypeByName("AttributesEntry");
    } catch (DescriptorValidationException e) {
      throw new IllegalStateException("the benchmark's protobuf descriptor is invalid", e);
    }
  }

  private static FieldDescriptorProto.Builder field(String name, int number,
      FieldDescriptorProto.Type type) {
    return FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type)
        .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL);
  }

  @Override
  public String name() {
    return "protobuf";
  }

  @Override
  public Object[] prepare(List<GenericRecord> events) {
    Object[] messages = new Object[events.size()];
    for (int i = 0; i < messages.length; i++) {
      messages[i] = message(events.get(i));
    }
    return messages;
  }

  private DynamicMessage message(GenericRecord event) {
    GenericRecord who = (GenericRecord) event.get("bidder");
    DynamicMessage bidderMessage = DynamicMessage.newBuilder(bidder)
        .setField(bidder.findFieldByNumber(1), who.get("id"))
        .setField(bidder.findFieldByNumber(2), who.get("name"))
        .setField(bidder.findFieldByNumber(3), who.get("reputation"))
        .build();
    DynamicMessage.Builder message = DynamicMessage.newBuilder(bid)
        .setField(bid.findFieldByNumber(1), event.get("auctionId"))
        .setField(bid.findFieldByNumber(2), bidderMessage)
        .setField(bid.findFieldByNumber(3), event.get("amount"))
        .setField(bid.findFieldByNumber(4), event.get("timestamp"));
    if (event.get("note") != null) {
      message.setField(bid.findFieldByNumber(5), event.get("note"));
    }
    FieldDescriptor tags = bid.findFieldByNumber(6);
    for (Object tag : (List<?>) event.get("tags")) {
      message.addRepeatedField(tags, tag);
    }
    FieldDescriptor attributes = bid.findFieldByNumber(7);
    for (Map.Entry<?, ?> attribute : ((Map<?, ?>) event.get("attributes")).entrySet()) {
      message.addRepeatedField(attributes, DynamicMessage.newBuilder(entry)
          .setField(entry.findFieldByNumber(1), attribute.getKey())
          .setField(entry.findFieldByNumber(2), attribute.getValue())
          .build());
    }
    return message.build();
  }

  @Override
  public byte[] encode(Object value) {
    return ((DynamicMessage) value).toByteArray();
  }

  @Override
  public Object decode(byte[] bytes) throws InvalidProtocolBufferException {
    return DynamicMessage.parseFrom(bid, bytes);
  }
}
