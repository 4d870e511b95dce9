package dev.ddialab.cluster.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ddialab.cluster.Systems;
import dev.ddialab.cluster.net.LocalCluster;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ddia cluster}: distributed systems as real local processes (start, status, partition,
 * heal, kill, restart, stop), one node in this process ({@code node}), and the deterministic
 * simulator ({@code simulate}, {@code bench-sim}). DDIA ch. 8 and 9.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true,
    description = "Run a distributed system (ch. 8-9) as local processes and break it, or"
        + " simulate it deterministically from a seed.",
    subcommands = {ClusterCommand.Start.class, ClusterCommand.Status.class,
        ClusterCommand.PartitionCmd.class, ClusterCommand.Heal.class, ClusterCommand.Kill.class,
        ClusterCommand.Restart.class, ClusterCommand.Stop.class, NodeCommand.class,
        SimulateCommand.class, BenchSimCommand.class})
public final class ClusterCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "no cluster command given");
  }

  @Command(name = "start", mixinStandardHelpOptions = true,
      description = "Launch N node processes of a system on this machine and wait until each"
          + " answers.")
  static final class Start implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ClusterDirOption dir;

    @Option(names = "--system", required = true, paramLabel = "NAME",
        description = "echo, broadcast, lww-register, single-register.")
    String system;

    @Option(names = "--nodes", defaultValue = "3", paramLabel = "N",
        description = "How many nodes (default: ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "HOST",
        description = "Address to bind (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--foreground", description = "Stay, report nodes that exit, and stop the"
        + " cluster on Ctrl-C.")
    boolean foreground;

    @Override
    public Integer call() throws Exception {
      if (!Systems.names().contains(system)) {
        throw new ParameterException(spec.commandLine(), "unknown system '" + system
            + "'; known: " + String.join(", ", Systems.names()));
      }
      if (nodes < 1 || nodes > 32) {
        throw new ParameterException(spec.commandLine(), "--nodes must be 1..32");
      }
      LocalCluster cluster = LocalCluster.start(system, nodes, dir.dir, host);
      PrintWriter out = spec.commandLine().getOut();
      out.printf("started %d %s nodes in %s%n", nodes, system, dir.dir);
      Status.print(out, cluster);
      out.flush();
      if (foreground) {
        Supervisor.watch(cluster, out);
      }
      return 0;
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "Each node: pid, whether it is up, ports, links, faults, messages.")
  static final class Status implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ClusterDirOption dir;

    @Override
    public Integer call() throws Exception {
      LocalCluster cluster = LocalCluster.load(dir.dir);
      PrintWriter out = spec.commandLine().getOut();
      out.printf("%s cluster in %s%n", cluster.state().system(), dir.dir);
      print(out, cluster);
      out.flush();
      return 0;
    }

    static void print(PrintWriter out, LocalCluster cluster) {
      out.printf("%-5s %-8s %-5s %-6s %-6s %-9s %-24s %s%n", "NODE", "PID", "STATE", "PORT",
          "ADMIN", "RECEIVED", "LINKS", "FAULTS");
      for (LocalCluster.Member m : cluster.state().nodes()) {
        JsonNode status = LocalCluster.alive(m) ? cluster.status(m.id()) : null;
        String state = !LocalCluster.alive(m) ? "down" : status == null ? "hung" : "up";
        String links = "";
        String faults = "";
        String received = "";
        if (status != null) {
          List<String> up = new ArrayList<>();
          status.path("links").fields().forEachRemaining(e ->
              up.add(e.getKey() + (e.getValue().asText().equals("connected") ? "" : "(down)")));
          links = String.join(",", up);
          JsonNode f = status.path("faults");
          faults = (f.path("blocked").isEmpty() ? "" : "blocked " + f.path("blocked") + " ")
              + (f.path("drop").asDouble() > 0 ? "drop " + f.path("drop").asDouble() + " " : "")
              + (f.path("delay_ms").asLong() > 0 ? "delay " + f.path("delay_ms").asLong() + "ms"
              : "");
          received = status.path("received").asText();
        }
        out.printf("%-5s %-8d %-5s %-6d %-6d %-9s %-24s %s%n", m.id(), m.pid(), state, m.port(),
            m.adminPort(), received, links, faults.isBlank() ? "-" : faults.strip());
      }
    }
  }

  @Command(name = "partition", mixinStandardHelpOptions = true,
      description = {"Cut the cluster into groups that cannot talk to each other, e.g."
          + " 'partition n1 n2,n3' (n1 alone, n2 and n3 together).",
          "Nodes named in no group are unaffected. --drop and --delay-ms add loss and delay"
              + " on every named node."})
  static final class PartitionCmd implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ClusterDirOption dir;

    @Parameters(paramLabel = "GROUP", arity = "1..*",
        description = "Comma-separated node ids, one argument per side.")
    List<String> groups;

    @Option(names = "--drop", defaultValue = "0", paramLabel = "P",
        description = "Also drop this fraction of each named node's outgoing messages.")
    double drop;

    @Option(names = "--delay-ms", defaultValue = "0", paramLabel = "MS",
        description = "Also delay each named node's outgoing messages.")
    long delayMillis;

    @Override
    public Integer call() throws Exception {
      LocalCluster cluster = LocalCluster.load(dir.dir);
      List<Set<String>> sides = new ArrayList<>();
      for (String group : groups) {
        Set<String> side = new LinkedHashSet<>(List.of(group.split(",")));
        side.removeIf(String::isBlank);
        sides.add(side);
      }
      cluster.partition(sides, drop, delayMillis);
      spec.commandLine().getOut().println("partitioned: " + String.join(" | ", groups));
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  @Command(name = "heal", mixinStandardHelpOptions = true,
      description = "Remove every partition, drop and delay.")
  static final class Heal implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ClusterDirOption dir;

    @Override
    public Integer call() throws Exception {
      List<String> unreachable = LocalCluster.load(dir.dir).heal();
      spec.commandLine().getOut().println("healed" + (unreachable.isEmpty() ? ""
          : " (not reachable: " + String.join(", ", unreachable) + ")"));
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  @Command(name = "kill", mixinStandardHelpOptions = true,
      description = "SIGKILL a node: volatile state and unsynced writes are lost.")
  static final class Kill implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ClusterDirOption dir;

    @Parameters(index = "0", paramLabel = "NODE")
    String node;

    @Override
    public Integer call() throws Exception {
      LocalCluster.load(dir.dir).kill(node);
      spec.commandLine().getOut().println("killed " + node);
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  @Command(name = "restart", mixinStandardHelpOptions = true,
      description = "Start a killed node again, on its old ports and data directory.")
  static final class Restart implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ClusterDirOption dir;

    @Parameters(index = "0", paramLabel = "NODE")
    String node;

    @Override
    public Integer call() throws Exception {
      LocalCluster cluster = LocalCluster.load(dir.dir);
      cluster.restart(node);
      spec.commandLine().getOut().println("restarted " + node + " (pid "
          + cluster.member(node).pid() + ")");
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  @Command(name = "stop", mixinStandardHelpOptions = true,
      description = "Kill every node and forget the cluster (data and logs stay).")
  static final class Stop implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ClusterDirOption dir;

    @Override
    public Integer call() throws Exception {
      LocalCluster.load(dir.dir).stop();
      spec.commandLine().getOut().println("stopped");
      spec.commandLine().getOut().flush();
      return 0;
    }
  }
}
