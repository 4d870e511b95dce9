package dev.ddialab.cluster.cli;

import dev.ddialab.cluster.net.LocalCluster;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code ddia cluster start --foreground}: watches the nodes, says when one exits or comes back
 * (a kill or restart from another terminal), and stops the whole cluster on Ctrl-C. It never
 * restarts a node by itself: a crashed node staying down is part of the experiment.
 */
final class Supervisor {
  private Supervisor() {}

  static void watch(LocalCluster started, PrintWriter out) throws Exception {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        LocalCluster.load(started.dir()).stop();
        out.println("stopped the cluster");
        out.flush();
      } catch (Exception e) {
        // Already stopped.
      }
    }));
    out.println("supervising; Ctrl-C stops the cluster");
    out.flush();
    Map<String, Long> lastPid = new HashMap<>();
    Map<String, Boolean> lastAlive = new HashMap<>();
    while (true) {
      LocalCluster cluster;
      try {
        cluster = LocalCluster.load(started.dir());
      } catch (IllegalStateException e) {
        out.println("cluster stopped from elsewhere");
        out.flush();
        return;
      }
      for (LocalCluster.Member m : cluster.state().nodes()) {
        boolean alive = LocalCluster.alive(m);
        Boolean was = lastAlive.put(m.id(), alive);
        Long pid = lastPid.put(m.id(), m.pid());
        if (was != null && (was != alive || !pid.equals(m.pid()))) {
          out.printf("%s %s (pid %d)%n", m.id(), alive ? "is up" : "went down", m.pid());
          out.flush();
        }
      }
      Thread.sleep(500);
    }
  }
}
