package dev.ddialab.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Turns a protocol's messages into the {@code body} of a Maelstrom envelope and back. A body
 * always has a string {@code type}; request/reply pairing uses {@code msg_id} and
 * {@code in_reply_to}, which belong to the message (Maelstrom workloads define them).
 *
 * <p>{@link #decode} must reject malformed input with {@link IllegalArgumentException} naming the
 * problem; the runtime answers the sender with an error and keeps running.
 */
public interface MessageCodec<M> {

  ObjectNode encode(M message);

  M decode(JsonNode body);
}
