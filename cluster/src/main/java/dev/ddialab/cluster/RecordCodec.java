package dev.ddialab.cluster;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddialab.core.Invariants;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link MessageCodec} for messages that are records, one record class per Maelstrom
 * {@code type}: fields map to body fields by name (use {@code @JsonProperty("msg_id")} where the
 * wire name differs). Unknown body fields are ignored, as Maelstrom bodies carry extras.
 * Thread-safe once built.
 */
public final class RecordCodec<M> implements MessageCodec<M> {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
      .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);

  private final Map<String, Class<? extends M>> byType;
  private final Map<Class<?>, String> byClass = new HashMap<>();

  private RecordCodec(Map<String, Class<? extends M>> byType) {
    this.byType = Map.copyOf(byType);
    byType.forEach((type, cls) -> {
      Invariants.require(cls.isRecord(), "%s is not a record", cls.getName());
      Invariants.require(byClass.put(cls, type) == null, "%s registered twice", cls.getName());
    });
  }

  /** Starts a codec for the message interface {@code base}. */
  public static <M> Builder<M> builder(Class<M> base) {
    return new Builder<>();
  }

  /** The shared mapper, configured as this codec reads bodies. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  @Override
  public ObjectNode encode(M message) {
    String type = byClass.get(message.getClass());
    Invariants.require(type != null, "no type registered for %s", message.getClass().getName());
    ObjectNode body = MAPPER.createObjectNode();
    body.put("type", type);
    body.setAll((ObjectNode) MAPPER.valueToTree(message));
    return body;
  }

  @Override
  public M decode(JsonNode body) {
    Invariants.require(body != null && body.isObject(), "a message body must be a JSON object");
    JsonNode type = body.get("type");
    Invariants.require(type != null && type.isTextual(), "a message body needs a string \"type\"");
    Class<? extends M> cls = byType.get(type.asText());
    Invariants.require(cls != null, "unknown message type '%s'", type.asText());
    try {
      return MAPPER.treeToValue(body, cls);
    } catch (Exception e) {
      throw new IllegalArgumentException("malformed '" + type.asText() + "' message: "
          + e.getMessage().lines().findFirst().orElse(""), e);
    }
  }

  public static final class Builder<M> {
    private final Map<String, Class<? extends M>> byType = new LinkedHashMap<>();

    public Builder<M> type(String type, Class<? extends M> cls) {
      Invariants.require(byType.put(type, cls) == null, "type '%s' registered twice", type);
      return this;
    }

    public RecordCodec<M> build() {
      return new RecordCodec<>(byType);
    }
  }
}
