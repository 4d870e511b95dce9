package dev.ddialab.cluster.net;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddialab.cluster.NodeId;
import dev.ddialab.core.Invariants;

/**
 * Maelstrom's wire format, one JSON object per line: {@code {"src","dest","body":{"type",
 * "msg_id","in_reply_to",...}}}. The same envelope travels over TCP between our processes and over
 * stdin/stdout under Maelstrom. Lines are bounded ({@value #LINE_BYTES_MAX} bytes).
 */
public record Envelope(String src, String dest, ObjectNode body) {
  public static final int LINE_BYTES_MAX = 1 << 20;
  static final ObjectMapper MAPPER = new ObjectMapper();

  public Envelope {
    Invariants.requireNonNull(src, "src");
    Invariants.requireNonNull(dest, "dest");
    Invariants.requireNonNull(body, "body");
  }

  /** Parses one line; malformed input fails with {@link IllegalArgumentException}. */
  public static Envelope parse(String line) {
    Invariants.require(line.length() <= LINE_BYTES_MAX, "message longer than %d bytes",
        LINE_BYTES_MAX);
    JsonNode node;
    try {
      node = MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
    }
    Invariants.require(node != null && node.isObject(), "a message must be a JSON object");
    JsonNode src = node.get("src");
    JsonNode dest = node.get("dest");
    JsonNode body = node.get("body");
    Invariants.require(src != null && src.isTextual() && dest != null && dest.isTextual(),
        "a message needs string \"src\" and \"dest\"");
    Invariants.require(body != null && body.isObject(), "a message needs an object \"body\"");
    NodeId.of(src.asText());
    NodeId.of(dest.asText());
    return new Envelope(src.asText(), dest.asText(), (ObjectNode) body);
  }

  public String toJson() {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("src", src);
    node.put("dest", dest);
    node.set("body", body);
    return node.toString();
  }

  /** The request's {@code msg_id}, or -1. */
  public long msgId() {
    JsonNode id = body.get("msg_id");
    return id != null && id.canConvertToLong() ? id.asLong() : -1;
  }

  /** An error reply to this message, in Maelstrom's form. */
  public Envelope errorReply(int code, String text) {
    ObjectNode error = MAPPER.createObjectNode();
    error.put("type", "error");
    if (msgId() >= 0) {
      error.put("in_reply_to", msgId());
    }
    error.put("code", code);
    error.put("text", text);
    return new Envelope(dest, src, error);
  }
}
