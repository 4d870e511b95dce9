package dev.ddialab.encoding.registry;

import dev.ddialab.core.MalformedDataException;
import dev.ddialab.encoding.binary.ByteSink;
import dev.ddialab.encoding.binary.ByteSource;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * One change to the registry, as stored in one frame of the log (docs/format.md). The registry's
 * state is exactly the replay of these, in order.
 */
sealed interface RegistryEvent {
  byte SCHEMA_REGISTERED = 1;
  byte CONFIG_SET = 2;

  /** Schema {@code id} became version {@code version} of {@code subject}. */
  record SchemaRegistered(int id, String subject, int version, String schema)
      implements RegistryEvent {}

  /** The compatibility mode of {@code subject} (the empty string: the global default). */
  record ConfigSet(String subject, String mode) implements RegistryEvent {}

  default byte[] encode() {
    ByteSink out = new ByteSink();
    switch (this) {
      case SchemaRegistered registered -> {
        out.writeByte(SCHEMA_REGISTERED);
        out.writeVarint(registered.id());
        string(out, registered.subject());
        out.writeVarint(registered.version());
        string(out, registered.schema());
      }
      case ConfigSet config -> {
        out.writeByte(CONFIG_SET);
        string(out, config.subject());
        string(out, config.mode());
      }
    }
    return out.toByteArray();
  }

  static RegistryEvent decode(byte[] payload) {
    ByteSource in = new ByteSource(payload);
    int type = in.readByte();
    RegistryEvent event = switch (type) {
      case SCHEMA_REGISTERED -> new SchemaRegistered(positiveInt(in), string(in), positiveInt(in),
          string(in));
      case CONFIG_SET -> new ConfigSet(string(in), string(in));
      default -> throw new MalformedDataException("unknown registry event type " + type, 0);
    };
    if (in.hasRemaining()) {
      throw new MalformedDataException(in.remaining() + " bytes after the event", in.position());
    }
    return event;
  }

  private static void string(ByteSink out, String text) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    out.writeVarint(utf8.length);
    out.write(utf8);
  }

  private static String string(ByteSource in) {
    int start = in.position();
    byte[] utf8 = in.readBytes(in.readVarint());
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(utf8)).toString();
    } catch (CharacterCodingException e) {
      throw new MalformedDataException("string is not valid UTF-8", start);
    }
  }

  private static int positiveInt(ByteSource in) {
    int start = in.position();
    long value = in.readVarint();
    if (value < 1 || value > Integer.MAX_VALUE) {
      throw new MalformedDataException("number " + value + " outside 1.." + Integer.MAX_VALUE,
          start);
    }
    return (int) value;
  }
}
