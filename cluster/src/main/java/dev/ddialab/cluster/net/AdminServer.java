package dev.ddialab.cluster.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A node process's admin endpoint, HTTP+JSON on its own port (loopback by default):
 * <ul>
 *   <li>{@code GET /status}: id, system, pid, uptime, faults, link and message counters;
 *   <li>{@code POST /faults} with {@code {"blocked":["n2"],"drop":0.1,"delay_ms":50}}: replaces
 *       the transport's faults ({@code ddia cluster partition} sends one to each node);
 *   <li>{@code POST /heal}: clears them.
 * </ul>
 * Bad requests get a 400 with {@code {"error": "..."}}; the process keeps serving.
 */
public final class AdminServer implements AutoCloseable {
  private static final int BODY_BYTES_MAX = 64 * 1024;

  private final HttpServer server;

  public AdminServer(InetSocketAddress address, TcpTransport transport,
      Supplier<ObjectNode> status) throws IOException {
    this.server = HttpServer.create(address, 16);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/status", exchange -> respond(exchange, () -> {
      requireMethod(exchange, "GET");
      ObjectNode body = status.get();
      body.set("faults", transport.faults().toJson());
      ObjectNode links = body.putObject("links");
      transport.links().forEach((peer, up) -> links.put(peer, up ? "connected" : "down"));
      body.put("fault_drops", transport.faultDrops());
      return body;
    }));
    server.createContext("/faults", exchange -> respond(exchange, () -> {
      requireMethod(exchange, "POST");
      TransportFaults faults = TransportFaults.fromJson(readJson(exchange));
      transport.faults(faults);
      return faults.toJson();
    }));
    server.createContext("/heal", exchange -> respond(exchange, () -> {
      requireMethod(exchange, "POST");
      transport.faults(TransportFaults.NONE);
      return TransportFaults.NONE.toJson();
    }));
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private interface Handler {
    ObjectNode handle() throws IOException;
  }

  private static void respond(HttpExchange exchange, Handler handler) throws IOException {
    int code;
    ObjectNode body;
    try {
      body = handler.handle();
      code = 200;
    } catch (IllegalArgumentException e) {
      body = Envelope.MAPPER.createObjectNode().put("error", e.getMessage());
      code = 400;
    }
    byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static void requireMethod(HttpExchange exchange, String method) {
    if (!exchange.getRequestMethod().equals(method)) {
      throw new IllegalArgumentException(exchange.getRequestURI().getPath() + " takes " + method);
    }
  }

  private static JsonNode readJson(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] bytes = in.readNBytes(BODY_BYTES_MAX + 1);
      if (bytes.length > BODY_BYTES_MAX) {
        throw new IllegalArgumentException("request body over " + BODY_BYTES_MAX + " bytes");
      }
      try {
        return Envelope.MAPPER.readTree(bytes.length == 0 ? "{}".getBytes() : bytes);
      } catch (IOException e) {
        throw new IllegalArgumentException("body is not JSON");
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }

}
