package dev.ddialab.cluster.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddialab.cluster.NodeId;
import dev.ddialab.core.Invariants;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Faults injected at a real node's transport, changed at run time through the admin endpoint:
 * peers this node neither sends to nor accepts from (one side of a partition), a drop
 * probability and a delay for every outgoing message. Immutable; the transport swaps instances.
 */
public record TransportFaults(Set<String> blocked, double dropProbability, long delayMillis) {
  public static final TransportFaults NONE = new TransportFaults(Set.of(), 0, 0);
  private static final long DELAY_MILLIS_MAX = 60_000;

  public TransportFaults {
    blocked = Set.copyOf(blocked);
    Invariants.require(dropProbability >= 0 && dropProbability <= 1,
        "drop must be a probability in [0, 1], not %s", dropProbability);
    Invariants.require(delayMillis >= 0 && delayMillis <= DELAY_MILLIS_MAX,
        "delay must be 0..%d ms, not %d", DELAY_MILLIS_MAX, delayMillis);
  }

  /**
   * Whether an outgoing message to {@code peer} is lost. The randomness here is the transport's,
   * not the node's: real faults are not reproducible, only the simulator's are.
   */
  boolean dropsTo(String peer) {
    return blocked.contains(peer)
        || (dropProbability > 0 && ThreadLocalRandom.current().nextDouble() < dropProbability);
  }

  boolean blocksFrom(String peer) {
    return blocked.contains(peer);
  }

  /** Reads {@code {"blocked":["n2"],"drop":0.1,"delay_ms":50}}; absent fields are zero/empty. */
  public static TransportFaults fromJson(JsonNode json) {
    Invariants.require(json != null && json.isObject(), "faults must be a JSON object");
    Set<String> blocked = new TreeSet<>();
    JsonNode list = json.get("blocked");
    if (list != null) {
      Invariants.require(list.isArray(), "\"blocked\" must be an array of node ids");
      for (JsonNode id : list) {
        Invariants.require(id.isTextual(), "\"blocked\" must hold strings");
        blocked.add(NodeId.of(id.asText()).name());
      }
    }
    JsonNode drop = json.get("drop");
    JsonNode delay = json.get("delay_ms");
    Invariants.require(drop == null || drop.isNumber(), "\"drop\" must be a number");
    Invariants.require(delay == null || delay.canConvertToLong(), "\"delay_ms\" must be an integer");
    return new TransportFaults(blocked, drop == null ? 0 : drop.asDouble(),
        delay == null ? 0 : delay.asLong());
  }

  public ObjectNode toJson() {
    ObjectNode node = Envelope.MAPPER.createObjectNode();
    var array = node.putArray("blocked");
    new TreeSet<>(blocked).forEach(array::add);
    node.put("drop", dropProbability);
    node.put("delay_ms", delayMillis);
    return node;
  }
}
