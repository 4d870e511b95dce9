package dev.ddialab.cluster.net;

import dev.ddialab.cluster.cli.NodeCommand;
import picocli.CommandLine;

/** The main class of a node process (what {@link LocalCluster} launches): {@link NodeCommand}. */
public final class NodeMain {
  private NodeMain() {}

  public static void main(String[] args) {
    int code = new CommandLine(new NodeCommand()).execute(args);
    if (code != 0) {
      System.exit(code);
    }
  }
}
