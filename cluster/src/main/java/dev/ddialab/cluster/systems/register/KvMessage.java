package dev.ddialab.cluster.systems.register;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ddialab.cluster.RecordCodec;

/**
 * Maelstrom's lin-kv workload (read, write, cas on keys; errors 20 key-does-not-exist and 22
 * precondition-failed), plus {@code replicate}, the LWW register's internal gossip.
 */
public sealed interface KvMessage {
  int KEY_DOES_NOT_EXIST = 20;
  int PRECONDITION_FAILED = 22;
  int TEMPORARILY_UNAVAILABLE = 11;
  int MALFORMED_REQUEST = 12;

  /** Null unless the request lacks a field it needs; then the error to answer with. */
  static Error validate(Request request) {
    boolean ok = request.key() != null && switch (request) {
      case Read r -> true;
      case Write w -> w.value() != null;
      case Cas c -> c.from() != null && c.to() != null;
    };
    return ok ? null : new Error(request.msgId(), MALFORMED_REQUEST,
        "missing key, value, from or to");
  }

  /** Requests carry a msg_id; replies carry in_reply_to. */
  sealed interface Request extends KvMessage {
    long msgId();

    String key();
  }

  record Read(@JsonProperty("msg_id") long msgId, String key) implements Request {}

  record Write(@JsonProperty("msg_id") long msgId, String key, Long value) implements Request {}

  record Cas(@JsonProperty("msg_id") long msgId, String key, Long from, Long to)
      implements Request {}

  sealed interface Reply extends KvMessage {
    long inReplyTo();
  }

  record ReadOk(@JsonProperty("in_reply_to") long inReplyTo, Long value) implements Reply {}

  record WriteOk(@JsonProperty("in_reply_to") long inReplyTo) implements Reply {}

  record CasOk(@JsonProperty("in_reply_to") long inReplyTo) implements Reply {}

  record Error(@JsonProperty("in_reply_to") long inReplyTo, int code, String text)
      implements Reply {}

  /** LWW gossip: {@code key} holds {@code value} as of (timestamp, origin). */
  record Replicate(String key, Long value, long timestamp, String origin) implements KvMessage {}

  RecordCodec<KvMessage> CODEC = RecordCodec.builder(KvMessage.class)
      .type("read", Read.class)
      .type("write", Write.class)
      .type("cas", Cas.class)
      .type("read_ok", ReadOk.class)
      .type("write_ok", WriteOk.class)
      .type("cas_ok", CasOk.class)
      .type("error", Error.class)
      .type("replicate", Replicate.class)
      .build();
}
