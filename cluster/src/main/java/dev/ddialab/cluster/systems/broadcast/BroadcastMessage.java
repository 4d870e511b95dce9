package dev.ddialab.cluster.systems.broadcast;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ddialab.cluster.RecordCodec;
import java.util.List;
import java.util.Map;

/**
 * Maelstrom's broadcast workload ({@code broadcast}, {@code read}, {@code topology}) plus the
 * gossip between nodes: {@code gossip} carries messages, {@code gossip_ok} acknowledges them.
 */
public sealed interface BroadcastMessage {

  record Broadcast(@JsonProperty("msg_id") long msgId, Long message)
      implements BroadcastMessage {}

  record BroadcastOk(@JsonProperty("in_reply_to") long inReplyTo) implements BroadcastMessage {}

  record Read(@JsonProperty("msg_id") long msgId) implements BroadcastMessage {}

  record ReadOk(@JsonProperty("in_reply_to") long inReplyTo, List<Long> messages)
      implements BroadcastMessage {}

  record Topology(@JsonProperty("msg_id") long msgId, Map<String, List<String>> topology)
      implements BroadcastMessage {}

  record TopologyOk(@JsonProperty("in_reply_to") long inReplyTo) implements BroadcastMessage {}

  record Gossip(List<Long> messages) implements BroadcastMessage {}

  record GossipOk(List<Long> messages) implements BroadcastMessage {}

  record Error(@JsonProperty("in_reply_to") long inReplyTo, int code, String text)
      implements BroadcastMessage {}

  RecordCodec<BroadcastMessage> CODEC = RecordCodec.builder(BroadcastMessage.class)
      .type("broadcast", Broadcast.class)
      .type("broadcast_ok", BroadcastOk.class)
      .type("read", Read.class)
      .type("read_ok", ReadOk.class)
      .type("topology", Topology.class)
      .type("topology_ok", TopologyOk.class)
      .type("gossip", Gossip.class)
      .type("gossip_ok", GossipOk.class)
      .type("error", Error.class)
      .build();
}
