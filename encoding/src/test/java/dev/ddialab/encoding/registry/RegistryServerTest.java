package dev.ddialab.encoding.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ddialab.core.MalformedDataException;
import dev.ddialab.encoding.evolution.CompatibilityMode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schema registry over real HTTP, as a Confluent client would use it: registration and ids,
 * versions, compatibility enforcement (409), config, errors in Confluent's shape for bad input
 * while the server keeps serving, and durability across a restart from the data directory.
 */
class RegistryServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String V1 = """
      {"type": "record", "name": "User", "fields": [{"name": "id", "type": "int"}]}""";
  private static final String V2 = """
      {"type": "record", "name": "User", "fields": [{"name": "id", "type": "int"},
        {"name": "email", "type": "string", "default": ""}]}""";
  private static final String BREAKING = """
      {"type": "record", "name": "User", "fields": [{"name": "id", "type": "string"}]}""";

  @TempDir
  Path data;

  private final HttpClient http = HttpClient.newHttpClient();
  private SchemaRegistry registry;
  private RegistryServer server;

  @BeforeEach
  void start() throws IOException {
    open();
  }

  @AfterEach
  void stop() throws IOException {
    close();
  }

  private void open() throws IOException {
    registry = SchemaRegistry.open(data, CompatibilityMode.BACKWARD);
    server = RegistryServer.start(registry, new InetSocketAddress("127.0.0.1", 0));
  }

  private void close() throws IOException {
    server.close();
    registry.close();
  }

  private record Reply(int status, JsonNode body) {}

  private Reply send(String method, String path, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + server.port() + path))
        .header("Content-Type", "application/vnd.schemaregistry.v1+json");
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> response = http.send(request.build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.headers().firstValue("Content-Type"))
        .contains("application/vnd.schemaregistry.v1+json");
    return new Reply(response.statusCode(), JSON.readTree(response.body()));
  }

  private static String schemaBody(String schema) throws IOException {
    return JSON.writeValueAsString(JSON.createObjectNode().put("schema", schema));
  }

  @Test
  void registersFetchesAndListsVersions() throws Exception {
    Reply first = send("POST", "/subjects/users-value/versions", schemaBody(V1));
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.body().get("id").asInt()).isEqualTo(1);
    assertThat(send("POST", "/subjects/users-value/versions", schemaBody(V1)).body().get("id")
        .asInt()).as("same schema again: same id, no new version").isEqualTo(1);
    assertThat(send("POST", "/subjects/users-value/versions", schemaBody(V2)).body().get("id")
        .asInt()).isEqualTo(2);
    assertThat(send("POST", "/subjects/other/versions", schemaBody(V1)).body().get("id").asInt())
        .as("ids are global: another subject's identical schema shares it").isEqualTo(1);

    assertThat(send("GET", "/subjects", null).body().toString())
        .isEqualTo("[\"other\",\"users-value\"]");
    assertThat(send("GET", "/subjects/users-value/versions", null).body().toString())
        .isEqualTo("[1,2]");
    JsonNode latest = send("GET", "/subjects/users-value/versions/latest", null).body();
    assertThat(latest.get("subject").asText()).isEqualTo("users-value");
    assertThat(latest.get("version").asInt()).isEqualTo(2);
    assertThat(latest.get("id").asInt()).isEqualTo(2);
    assertThat(JSON.readTree(latest.get("schema").asText())).isEqualTo(JSON.readTree(V2));
    assertThat(send("GET", "/subjects/users-value/versions/1", null).body().get("id").asInt())
        .isEqualTo(1);
    JsonNode byId = send("GET", "/schemas/ids/2", null).body();
    assertThat(JSON.readTree(byId.get("schema").asText())).isEqualTo(JSON.readTree(V2));
    assertThat(send("POST", "/subjects/users-value", schemaBody(V1)).body().get("version")
        .asInt()).isEqualTo(1);
  }

  @Test
  void incompatibleSchemasAreRejectedWith409AndTheCheckSaysWhy() throws Exception {
    send("POST", "/subjects/u/versions", schemaBody(V1));
    Reply rejected = send("POST", "/subjects/u/versions", schemaBody(BREAKING));
    assertThat(rejected.status()).isEqualTo(409);
    assertThat(rejected.body().get("error_code").asInt()).isEqualTo(409);
    assertThat(rejected.body().get("message").asText()).contains(
        "/fields/id: type changed int -> string, not promotable");
    assertThat(send("GET", "/subjects/u/versions", null).body().toString()).isEqualTo("[1]");

    Reply check = send("POST", "/compatibility/subjects/u/versions/latest",
        schemaBody(BREAKING));
    assertThat(check.status()).isEqualTo(200);
    assertThat(check.body().get("is_compatible").asBoolean()).isFalse();
    assertThat(check.body().get("messages").get(0).asText()).isEqualTo(
        "reading data written with version 1: /fields/id: type changed int -> string, not"
            + " promotable");
    assertThat(send("POST", "/compatibility/subjects/u/versions/1", schemaBody(V2)).body()
        .get("is_compatible").asBoolean()).isTrue();

    assertThat(send("PUT", "/config/u", "{\"compatibility\": \"NONE\"}").body().toString())
        .isEqualTo("{\"compatibility\":\"NONE\"}");
    assertThat(send("GET", "/config/u", null).body().toString())
        .isEqualTo("{\"compatibilityLevel\":\"NONE\"}");
    assertThat(send("GET", "/config", null).body().toString())
        .isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
    assertThat(send("POST", "/subjects/u/versions", schemaBody(BREAKING)).status())
        .as("NONE allows anything").isEqualTo(200);
  }

  @Test
  void badInputGetsAConfluentErrorAndTheServerKeepsServing() throws Exception {
    Reply malformed = send("POST", "/subjects/u/versions", "{\"schema\": ");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.body().get("error_code").asInt()).isEqualTo(400);
    assertThat(malformed.body().get("message").asText()).startsWith("Malformed JSON");

    Reply invalid = send("POST", "/subjects/u/versions", schemaBody("{\"type\": \"strng\"}"));
    assertThat(invalid.status()).isEqualTo(422);
    assertThat(invalid.body().get("error_code").asInt()).isEqualTo(42201);
    assertThat(invalid.body().get("message").asText())
        .isEqualTo("Invalid schema: /type: unknown type 'strng'");

    assertThat(send("POST", "/subjects/u/versions", "{\"schema\": 5}").status()).isEqualTo(422);
    assertThat(send("GET", "/subjects/nope/versions", null).body().get("error_code").asInt())
        .isEqualTo(40401);
    send("POST", "/subjects/u/versions", schemaBody(V1));
    assertThat(send("GET", "/subjects/u/versions/7", null).body().get("error_code").asInt())
        .isEqualTo(40402);
    assertThat(send("GET", "/subjects/u/versions/zero", null).body().get("error_code").asInt())
        .isEqualTo(42202);
    assertThat(send("GET", "/schemas/ids/99", null).body().get("error_code").asInt())
        .isEqualTo(40403);
    assertThat(send("PUT", "/config", "{\"compatibility\": \"SIDEWAYS\"}").body()
        .get("error_code").asInt()).isEqualTo(42203);
    assertThat(send("GET", "/config/u", null).body().get("error_code").asInt())
        .isEqualTo(40408);
    assertThat(send("DELETE", "/subjects", null).status()).isEqualTo(405);
    assertThat(send("GET", "/no/such/route", null).status()).isEqualTo(404);
    String huge = "{\"schema\": \"" + "x".repeat(RegistryServer.MAX_BODY_BYTES) + "\"}";
    assertThat(send("POST", "/subjects/u/versions", huge).status()).isEqualTo(413);

    assertThat(send("GET", "/subjects", null).body().toString()).isEqualTo("[\"u\"]");
  }

  @Test
  void schemasAndConfigSurviveARestart() throws Exception {
    send("POST", "/subjects/a/versions", schemaBody(V1));
    send("POST", "/subjects/a/versions", schemaBody(V2));
    send("PUT", "/config/a", "{\"compatibility\": \"FULL\"}");
    send("PUT", "/config", "{\"compatibility\": \"FORWARD\"}");
    close();
    open();
    assertThat(send("GET", "/subjects/a/versions", null).body().toString()).isEqualTo("[1,2]");
    assertThat(JSON.readTree(send("GET", "/schemas/ids/2", null).body().get("schema").asText()))
        .isEqualTo(JSON.readTree(V2));
    assertThat(send("GET", "/config/a", null).body().get("compatibilityLevel").asText())
        .isEqualTo("FULL");
    assertThat(send("GET", "/config", null).body().get("compatibilityLevel").asText())
        .isEqualTo("FORWARD");
    assertThat(send("POST", "/subjects/b/versions", schemaBody(BREAKING)).body().get("id")
        .asInt()).as("ids continue after a restart").isEqualTo(3);
  }

  @Test
  void aTornTailIsCutOffAndCorruptionInTheMiddleIsAnError() throws Exception {
    send("POST", "/subjects/a/versions", schemaBody(V1));
    send("POST", "/subjects/a/versions", schemaBody(V2));
    close();
    Path log = data.resolve(RegistryLog.FILE_NAME);
    long size = Files.size(log);
    try (FileChannel channel = FileChannel.open(log, StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.wrap(new byte[] {0, 0, 0, 50, 1, 2}), size);
    }
    open();
    assertThat(send("GET", "/subjects/a/versions", null).body().toString()).isEqualTo("[1,2]");
    assertThat(Files.size(log)).as("the torn frame was cut off").isEqualTo(size);
    close();

    byte[] bytes = Files.readAllBytes(log);
    bytes[RegistryLog.HEADER_BYTES + 12] ^= 0x40;
    Files.write(log, bytes);
    assertThatThrownBy(() -> SchemaRegistry.open(data, CompatibilityMode.BACKWARD))
        .isInstanceOf(MalformedDataException.class)
        .hasMessageContaining(log.toString())
        .hasMessageContaining("checksum mismatch")
        .hasMessageEndingWith("at offset " + RegistryLog.HEADER_BYTES);
    bytes[RegistryLog.HEADER_BYTES + 12] ^= 0x40;
    Files.write(log, bytes);
    open();
  }

  @Test
  void aSecondRegistryOnTheSameDirectoryIsRefused() {
    assertThatThrownBy(() -> SchemaRegistry.open(data, CompatibilityMode.BACKWARD))
        .isInstanceOf(IOException.class).hasMessageContaining("in use");
  }
}
