package dev.ddialab.cluster;

import dev.ddialab.cluster.systems.broadcast.BroadcastNode;
import dev.ddialab.cluster.systems.echo.EchoNode;
import dev.ddialab.cluster.systems.register.LwwRegisterNode;
import dev.ddialab.cluster.systems.register.SingleCopyRegisterNode;
import dev.ddialab.core.Invariants;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The systems this module can run by name. Other modules (replication, consensus) run their own
 * nodes through the same runtimes by passing their {@link ClusterSystem} directly.
 */
public final class Systems {
  private static final Map<String, ClusterSystem<?>> BY_NAME = new LinkedHashMap<>();

  static {
    for (ClusterSystem<?> system : List.of(EchoNode.SYSTEM, BroadcastNode.SYSTEM,
        LwwRegisterNode.SYSTEM, SingleCopyRegisterNode.SYSTEM)) {
      BY_NAME.put(system.name(), system);
    }
  }

  private Systems() {}

  public static List<String> names() {
    return List.copyOf(BY_NAME.keySet());
  }

  public static ClusterSystem<?> byName(String name) {
    ClusterSystem<?> system = BY_NAME.get(name);
    Invariants.require(system != null, "unknown system '%s'; known: %s", name,
        String.join(", ", BY_NAME.keySet()));
    return system;
  }
}
