package dev.ddialab.encoding.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ddialab.encoding.evolution.CompatibilityMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * HTTP+JSON front end of a {@link SchemaRegistry}, speaking the core of the Confluent Schema
 * Registry REST API, so that its clients and serializers work against it (see README for the
 * endpoints). Bad input is answered with Confluent's error body,
 * {@code {"error_code": ..., "message": ...}}, and a 4xx status; the server keeps serving.
 * Request bodies are bounded ({@value #MAX_BODY_BYTES} bytes).
 *
 * <p>Built on the JDK's {@code com.sun.net.httpserver} with one virtual thread per request: no
 * dependency, and blocking on the registry's fsync costs no platform thread.
 */
public final class RegistryServer implements AutoCloseable {
  public static final int MAX_BODY_BYTES = 1 << 20;
  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SchemaRegistry registry;
  private final HttpServer server;
  private final ExecutorService executor;

  private RegistryServer(SchemaRegistry registry, HttpServer server, ExecutorService executor) {
    this.registry = registry;
    this.server = server;
    this.executor = executor;
  }

  /** Binds {@code address} (port 0: any free port) and starts serving. */
  public static RegistryServer start(SchemaRegistry registry, InetSocketAddress address)
      throws IOException {
    HttpServer server;
    try {
      server = HttpServer.create(address, 64);
    } catch (java.net.BindException e) {
      throw new IOException("cannot listen on " + address.getHostString() + ":"
          + address.getPort() + ": " + e.getMessage(), e);
    }
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    RegistryServer registryServer = new RegistryServer(registry, server, executor);
    server.createContext("/", registryServer::handle);
    server.setExecutor(executor);
    server.start();
    return registryServer;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public InetSocketAddress address() {
    return server.getAddress();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    int status;
    JsonNode body;
    try {
      Response response = route(exchange.getRequestMethod(), segments(exchange),
          exchange.getRequestURI().getRawQuery(), exchange);
      status = response.status();
      body = response.body();
    } catch (RegistryException e) {
      status = e.httpStatus();
      body = error(e.errorCode(), e.getMessage());
    } catch (RuntimeException | IOException e) {
      status = 500;
      body = error(50001, "Error in the backend data store: " + e.getMessage());
    }
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private record Response(int status, JsonNode body) {
    static Response ok(JsonNode body) {
      return new Response(200, body);
    }
  }

  private Response route(String method, List<String> path, String query, HttpExchange exchange)
      throws IOException {
    int n = path.size();
    String first = n > 0 ? path.get(0) : "";
    if (n == 0) {
      return Response.ok(JSON.createObjectNode());
    }
    switch (first) {
      case "subjects" -> {
        if (n == 1) {
          requireMethod(method, "GET");
          ArrayNode subjects = JSON.createArrayNode();
          registry.subjects().forEach(subjects::add);
          return Response.ok(subjects);
        }
        String subject = path.get(1);
        if (n == 2) {
          requireMethod(method, "POST");
          return Response.ok(versionJson(registry.lookup(subject, schemaOf(exchange))));
        }
        if (path.get(2).equals("versions") && n == 3) {
          if (method.equals("POST")) {
            int id = registry.register(subject, schemaOf(exchange));
            return Response.ok(JSON.createObjectNode().put("id", id));
          }
          requireMethod(method, "GET");
          ArrayNode versions = JSON.createArrayNode();
          registry.versions(subject).forEach(v -> versions.add(v.version()));
          return Response.ok(versions);
        }
        if (path.get(2).equals("versions") && (n == 4 || (n == 5 && path.get(4).equals("schema")))) {
          requireMethod(method, "GET");
          SchemaRegistry.Version version = registry.version(subject, path.get(3));
          if (n == 5) {
            return Response.ok(JSON.readTree(version.schema().toJson()));
          }
          return Response.ok(versionJson(version));
        }
      }
      case "schemas" -> {
        if (n == 3 && path.get(1).equals("ids")) {
          requireMethod(method, "GET");
          int id;
          try {
            id = Integer.parseInt(path.get(2));
          } catch (NumberFormatException e) {
            throw new RegistryException(404, RegistryException.SCHEMA_NOT_FOUND,
                "Schema " + path.get(2) + " not found");
          }
          return Response.ok(JSON.createObjectNode()
              .put("schema", registry.schemaById(id).toJson()));
        }
      }
      case "compatibility" -> {
        if ((n == 4 || n == 5) && path.get(1).equals("subjects") && path.get(3).equals("versions")) {
          requireMethod(method, "POST");
          List<String> messages = registry.checkCompatibility(path.get(2),
              n == 5 ? path.get(4) : null, schemaOf(exchange));
          ObjectNode result = JSON.createObjectNode().put("is_compatible", messages.isEmpty());
          if (!messages.isEmpty()) {
            ArrayNode list = result.putArray("messages");
            messages.forEach(list::add);
          }
          return Response.ok(result);
        }
      }
      case "config" -> {
        if (n <= 2) {
          String subject = n == 2 ? path.get(1) : null;
          if (method.equals("PUT")) {
            CompatibilityMode mode = modeOf(exchange);
            registry.setMode(subject, mode);
            return Response.ok(JSON.createObjectNode().put("compatibility", mode.name()));
          }
          requireMethod(method, "GET");
          CompatibilityMode mode = subject == null ? registry.mode(null)
              : registry.subjectMode(subject);
          if (mode == null) {
            if (query == null || !query.contains("defaultToGlobal=true")) {
              throw new RegistryException(404, RegistryException.SUBJECT_CONFIG_NOT_FOUND,
                  "Subject '" + subject + "' does not have subject-level compatibility"
                      + " configured");
            }
            mode = registry.mode(null);
          }
          return Response.ok(JSON.createObjectNode().put("compatibilityLevel", mode.name()));
        }
      }
      default -> { }
    }
    throw new RegistryException(404, 404, "HTTP 404 Not Found: no route for " + method + " /"
        + String.join("/", path));
  }

  private static ObjectNode versionJson(SchemaRegistry.Version version) {
    return JSON.createObjectNode()
        .put("subject", version.subject())
        .put("version", version.version())
        .put("id", version.id())
        .put("schema", version.schema().toJson());
  }

  private static void requireMethod(String method, String allowed) {
    if (!method.equals(allowed)) {
      throw new RegistryException(405, 405, "HTTP 405 Method Not Allowed: use " + allowed);
    }
  }

  private static String schemaOf(HttpExchange exchange) throws IOException {
    JsonNode request = body(exchange);
    JsonNode type = request.get("schemaType");
    if (type != null && !type.isNull() && !"AVRO".equals(type.asText())) {
      throw new RegistryException(422, RegistryException.INVALID_SCHEMA,
          "Unsupported schema type " + type + "; this registry holds AVRO schemas");
    }
    JsonNode references = request.get("references");
    if (references != null && references.isArray() && !references.isEmpty()) {
      throw new RegistryException(422, RegistryException.INVALID_SCHEMA,
          "Schema references are not supported");
    }
    JsonNode schema = request.get("schema");
    if (schema == null || !schema.isTextual()) {
      throw new RegistryException(422, RegistryException.INVALID_SCHEMA,
          "Request body needs \"schema\": the schema as a JSON string");
    }
    return schema.textValue();
  }

  private static CompatibilityMode modeOf(HttpExchange exchange) throws IOException {
    JsonNode level = body(exchange).get("compatibility");
    if (level == null || !level.isTextual()) {
      throw new RegistryException(422, RegistryException.INVALID_COMPATIBILITY_LEVEL,
          "Request body needs \"compatibility\": one of BACKWARD, BACKWARD_TRANSITIVE, FORWARD,"
              + " FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE, NONE");
    }
    try {
      return CompatibilityMode.parse(level.textValue());
    } catch (IllegalArgumentException e) {
      throw new RegistryException(422, RegistryException.INVALID_COMPATIBILITY_LEVEL,
          "Invalid compatibility level: " + e.getMessage());
    }
  }

  private static JsonNode body(HttpExchange exchange) throws IOException {
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    if (declared != null) {
      try {
        if (Long.parseLong(declared.trim()) > MAX_BODY_BYTES) {
          throw tooLarge();
        }
      } catch (NumberFormatException e) {
        throw new RegistryException(400, 400, "Invalid Content-Length " + declared);
      }
    }
    byte[] bytes;
    try (InputStream in = exchange.getRequestBody()) {
      bytes = in.readNBytes(MAX_BODY_BYTES + 1);
    }
    if (bytes.length > MAX_BODY_BYTES) {
      throw tooLarge();
    }
    try {
      JsonNode node = JSON.readTree(bytes);
      if (node == null || !node.isObject()) {
        throw new RegistryException(400, 400, "Request body must be a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new RegistryException(400, 400, "Malformed JSON: " + e.getOriginalMessage());
    }
  }

  private static RegistryException tooLarge() {
    return new RegistryException(413, 413, "Request body exceeds " + MAX_BODY_BYTES + " bytes");
  }

  private static List<String> segments(HttpExchange exchange) {
    List<String> segments = new ArrayList<>();
    for (String raw : exchange.getRequestURI().getRawPath().split("/")) {
      if (!raw.isEmpty()) {
        try {
          segments.add(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
          throw new RegistryException(400, 400, "Malformed URL path segment '" + raw + "'");
        }
      }
    }
    return segments;
  }

  private static ObjectNode error(int code, String message) {
    return JSON.createObjectNode().put("error_code", code).put("message", message);
  }
}
