package dev.ddialab.encoding.cli;

import dev.ddialab.encoding.evolution.CompatibilityMode;
import dev.ddialab.encoding.registry.RegistryServer;
import dev.ddialab.encoding.registry.SchemaRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "registry", mixinStandardHelpOptions = true,
    description = "Run a schema registry speaking the Confluent Schema Registry REST API; schemas"
        + " are stored durably in --data. Runs until interrupted (Ctrl-C).")
final class RegistryCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--port", defaultValue = "8081", paramLabel = "PORT",
      description = "TCP port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
      description = "Address to bind (default: ${DEFAULT-VALUE}, this machine only).")
  String host;

  @Option(names = "--data", defaultValue = "schema-registry-data", paramLabel = "DIR",
      description = "Directory holding the registry's log (default: ${DEFAULT-VALUE}).")
  Path data;

  @Option(names = "--compatibility", defaultValue = "BACKWARD", paramLabel = "MODE",
      description = "Global compatibility mode until one is set with PUT /config"
          + " (default: ${DEFAULT-VALUE}).")
  String modeName;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (port < 0 || port > 65535) {
      throw new ParameterException(spec.commandLine(), "--port " + port + " outside 0..65535");
    }
    CompatibilityMode mode;
    try {
      mode = CompatibilityMode.parse(modeName);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    SchemaRegistry registry = SchemaRegistry.open(data, mode);
    RegistryServer server;
    try {
      server = RegistryServer.start(registry, new InetSocketAddress(host, port));
    } catch (IOException | RuntimeException e) {
      registry.close();
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      try {
        registry.close();
      } catch (IOException e) {
        // Exiting anyway; every acknowledged write was already synced.
      }
      stopped.countDown();
    }));
    PrintWriter out = spec.commandLine().getOut();
    out.printf("schema registry listening on http://%s:%d (data: %s, compatibility: %s)%n",
        host, server.port(), data.toAbsolutePath(), registry.mode(null));
    out.println("try: curl -s http://" + host + ":" + server.port() + "/subjects");
    out.flush();
    stopped.await();
    return 0;
  }
}
