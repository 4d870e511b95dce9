package dev.ddialab.cluster.systems.echo;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ddialab.cluster.RecordCodec;

/** Maelstrom's echo workload: {@code echo} is answered with {@code echo_ok} carrying the same text. */
public sealed interface EchoMessage {

  record Echo(@JsonProperty("msg_id") long msgId, String echo) implements EchoMessage {}

  record EchoOk(@JsonProperty("msg_id") long msgId, @JsonProperty("in_reply_to") long inReplyTo,
      String echo) implements EchoMessage {}

  RecordCodec<EchoMessage> CODEC = RecordCodec.builder(EchoMessage.class)
      .type("echo", Echo.class)
      .type("echo_ok", EchoOk.class)
      .build();
}
