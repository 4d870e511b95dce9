package dev.ddialab.cluster.cli;

import dev.ddialab.cluster.ClusterSystem;
import dev.ddialab.cluster.NodeId;
import dev.ddialab.cluster.Systems;
import dev.ddialab.cluster.net.LocalCluster;
import dev.ddialab.cluster.net.MaelstromRuntime;
import dev.ddialab.cluster.net.NodeProcess;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ddia cluster node}: runs one node of a system as this process, over TCP with peers, or
 * under Maelstrom on stdin/stdout ({@code --maelstrom}). Runs until killed (or stdin closes).
 */
@Command(name = "node", mixinStandardHelpOptions = true,
    description = {"Run one node of a system in this process.",
        "TCP: --id n1 --peers n1=127.0.0.1:9001,n2=127.0.0.1:9002 [--admin 127.0.0.1:9101]",
        "Maelstrom: --maelstrom (JSON lines on stdin/stdout; maelstrom test -w broadcast --bin"
            + " ./ddia-node.sh ...)"})
public final class NodeCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--system", required = true, paramLabel = "NAME",
      description = "echo, broadcast, lww-register, single-register.")
  String system;

  @Option(names = "--id", paramLabel = "ID", description = "This node's id (TCP mode).")
  String id;

  @Option(names = "--peers", paramLabel = "ID=HOST:PORT,...",
      description = "Every member's address, this node's included (TCP mode).")
  String peers;

  @Option(names = "--admin", paramLabel = "HOST:PORT",
      description = "Serve the admin endpoint (status, faults) here.")
  String admin;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "The node's durable store; without it nothing survives a restart.")
  Path dataDir;

  @Option(names = "--maelstrom", description = "Speak Maelstrom's protocol on stdin/stdout.")
  boolean maelstrom;

  @Option(names = "--seed", paramLabel = "N", description = "Seed of the node's random source.")
  Long seed;

  @Override
  public Integer call() throws Exception {
    if (!Systems.names().contains(system)) {
      throw new ParameterException(spec.commandLine(), "unknown system '" + system
          + "'; known: " + String.join(", ", Systems.names()));
    }
    ClusterSystem<?> chosen = Systems.byName(system);
    long randomSeed = seed != null ? seed : System.nanoTime();
    if (maelstrom) {
      MaelstromRuntime.run(chosen, System.in, System.out, System.err, randomSeed);
      return 0;
    }
    if (id == null || peers == null) {
      throw new ParameterException(spec.commandLine(), "TCP mode needs --id and --peers"
          + " (or use --maelstrom)");
    }
    Map<String, InetSocketAddress> addresses = LocalCluster.parsePeers(peers);
    NodeProcess<?> process = NodeProcess.start(chosen, NodeId.of(id), addresses,
        admin == null ? null : LocalCluster.parseAddress(admin), dataDir, randomSeed);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        process.close();
      } catch (Exception e) {
        // Exiting anyway.
      }
      stopped.countDown();
    }));
    System.out.printf("ready %s %s port %d admin %d%n", system, id, process.port(),
        process.adminPort());
    System.out.flush();
    stopped.await();
    return 0;
  }
}
