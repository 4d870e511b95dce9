package dev.ddialab.cluster.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddialab.cluster.systems.register.KvMessage;
import org.junit.jupiter.api.Test;

/** Maelstrom's envelope, and a record codec's round trip through it. */
class EnvelopeTest {

  @Test
  void aMessageRoundTripsThroughTheWireFormat() {
    KvMessage cas = new KvMessage.Cas(7, "k", 1L, 2L);
    Envelope envelope = new Envelope("c1", "n1", KvMessage.CODEC.encode(cas));
    String line = envelope.toJson();
    assertThat(line).isEqualTo("{\"src\":\"c1\",\"dest\":\"n1\",\"body\":{\"type\":\"cas\","
        + "\"msg_id\":7,\"key\":\"k\",\"from\":1,\"to\":2}}");
    Envelope parsed = Envelope.parse(line);
    assertThat(KvMessage.CODEC.decode(parsed.body())).isEqualTo(cas);
    assertThat(parsed.msgId()).isEqualTo(7);
  }

  @Test
  void maelstromsIntegerKeysAndExtraFieldsAreAccepted() {
    Envelope parsed = Envelope.parse("{\"src\":\"c2\",\"dest\":\"n1\",\"body\":{\"type\":\"read\","
        + "\"msg_id\":3,\"key\":5,\"extra\":true}}");
    assertThat(KvMessage.CODEC.decode(parsed.body())).isEqualTo(new KvMessage.Read(3, "5"));
  }

  @Test
  void malformedInputIsRejectedWithAReasonNeverACrash() {
    assertThatThrownBy(() -> Envelope.parse("not json")).isInstanceOf(
        IllegalArgumentException.class).hasMessageContaining("not JSON");
    assertThatThrownBy(() -> Envelope.parse("{\"src\":\"c1\",\"body\":{}}"))
        .hasMessageContaining("dest");
    assertThatThrownBy(() -> Envelope.parse("[1,2]")).hasMessageContaining("object");
    Envelope unknown = Envelope.parse("{\"src\":\"c1\",\"dest\":\"n1\",\"body\":{\"type\":"
        + "\"frobnicate\",\"msg_id\":9}}");
    assertThatThrownBy(() -> KvMessage.CODEC.decode(unknown.body()))
        .hasMessageContaining("unknown message type 'frobnicate'");
    Envelope error = unknown.errorReply(12, "bad");
    assertThat(error.dest()).isEqualTo("c1");
    assertThat(error.body().get("in_reply_to").asLong()).isEqualTo(9);
  }
}
