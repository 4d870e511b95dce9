package dev.ddialab.core;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a {@code main} class in a new JVM with this JVM's binary and class path: how crash tests
 * get a real process to {@code kill -9}, and how the tour and the cluster launcher run nodes.
 * The child's stderr is inherited so that its failures are visible; stdout is a pipe for the
 * caller to read.
 */
public final class ChildJvm {
  private ChildJvm() {}

  /** The java binary running this JVM. */
  public static Path javaBinary() {
    return ProcessHandle.current().info().command().map(Path::of)
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java"));
  }

  /**
   * Starts {@code mainClass} with {@code args}. The child starts fast rather than runs fast
   * (C1 only, shared class data), since children in tests and tours live for seconds.
   */
  public static Process start(Class<?> mainClass, List<String> args) throws IOException {
    return builder(mainClass, args).redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }

  /** The command for {@code mainClass}, for callers that want to set up streams themselves. */
  public static ProcessBuilder builder(Class<?> mainClass, List<String> args) {
    List<String> options = new ArrayList<>(
        List.of("-XX:TieredStopAtLevel=1", "-Xshare:auto", "-XX:+UseSerialGC"));
    if (Runtime.version().feature() >= 24) {
      // Some peers' bindings (LMDB's jffi) use sun.misc.Unsafe; JDK 24+ warns on every start.
      options.add("--sun-misc-unsafe-memory-access=allow");
    }
    return builder(options, mainClass, args);
  }

  /**
   * As {@link #builder(Class, List)} with the caller's JVM options instead of the fast-start
   * ones: benchmarks want the full JIT and the default collector.
   */
  public static ProcessBuilder builder(List<String> jvmOptions, Class<?> mainClass,
      List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(javaBinary().toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass.getName());
    command.addAll(args);
    return new ProcessBuilder(command);
  }
}
