package dev.ddialab.encoding.registry;

import dev.ddialab.encoding.evolution.CompatibilityMode;
import java.net.InetSocketAddress;
import java.nio.file.Path;

/** A registry in a process of its own, for the crash test: prints {@code port N}, then serves. */
public final class RegistryProcess {
  private RegistryProcess() {}

  public static void main(String[] args) throws Exception {
    SchemaRegistry registry = SchemaRegistry.open(Path.of(args[0]), CompatibilityMode.BACKWARD);
    RegistryServer server = RegistryServer.start(registry, new InetSocketAddress("127.0.0.1", 0));
    System.out.println("port " + server.port());
    System.out.flush();
    Thread.currentThread().join();
  }
}
