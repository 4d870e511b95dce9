package dev.ddialab.cluster.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --dir}: where a local cluster keeps its state file, data directories and logs. */
final class ClusterDirOption {
  static final String DEFAULT = "${java.io.tmpdir}/ddia-cluster";

  @Option(names = "--dir", paramLabel = "DIR", defaultValue = DEFAULT,
      description = "Cluster directory: state, node data and logs (default: ${DEFAULT-VALUE}).")
  Path dir;
}
