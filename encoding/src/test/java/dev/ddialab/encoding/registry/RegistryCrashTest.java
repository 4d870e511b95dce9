package dev.ddialab.encoding.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ddialab.core.ChildJvm;
import dev.ddialab.encoding.evolution.CompatibilityMode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN.md's durability rule for the registry: a registration acknowledged over HTTP survives
 * {@code kill -9}. A registry runs in a child process while clients register schemas; the child
 * is killed with SIGKILL at a random moment, several times over the same data directory, and after
 * each kill every acknowledged registration must be there with the id the client was given.
 */
class RegistryCrashTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int KILLS = 3;

  @TempDir
  Path data;

  @Test
  void acknowledgedRegistrationsSurviveKill9() throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    Map<String, Integer> acknowledged = new ConcurrentHashMap<>();
    AtomicInteger next = new AtomicInteger();
    HttpClient http = HttpClient.newHttpClient();
    for (int kill = 0; kill < KILLS; kill++) {
      Process child = ChildJvm.start(RegistryProcess.class, List.of(data.toString()));
      try {
        int port = readPort(child);
        Thread[] clients = new Thread[3];
        for (int c = 0; c < clients.length; c++) {
          clients[c] = Thread.ofVirtual().start(() -> register(http, port, next, acknowledged));
        }
        // Kill only once this round has an acknowledgment (however slow a loaded machine makes
        // the first one), then at a random moment after it: the check must have something to check.
        int before = acknowledged.size();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (acknowledged.size() == before && System.nanoTime() < deadline) {
          Thread.sleep(5);
        }
        Thread.sleep(random.nextInt(400));
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        for (Thread client : clients) {
          client.join();
        }
      } finally {
        child.destroyForcibly();
      }
      try (SchemaRegistry reopened = SchemaRegistry.open(data, CompatibilityMode.BACKWARD)) {
        for (Map.Entry<String, Integer> ack : acknowledged.entrySet()) {
          assertThat(ack.getValue()).as(ack.getKey()).isPositive();
          assertThat(reopened.version(ack.getKey(), "latest").id())
              .as("acknowledged %s (seed %d, kill %d)", ack.getKey(), seed, kill)
              .isEqualTo(ack.getValue());
        }
      }
    }
    assertThat(acknowledged).as("the clients got acknowledgments at all").isNotEmpty();
    assertThat(acknowledged).allSatisfy((subject, id) -> assertThat(id).as(subject).isPositive());
  }

  private static int readPort(Process child) throws IOException {
    BufferedReader out = new BufferedReader(
        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    assertThat(line).as("the child registry's first line").startsWith("port ");
    return Integer.parseInt(line.substring(5).trim());
  }

  /** Registers distinct schemas until the server goes away, recording each acknowledgment. */
  private static void register(HttpClient http, int port, AtomicInteger next,
      Map<String, Integer> acknowledged) {
    while (true) {
      int n = next.getAndIncrement();
      String subject = "subject-" + n;
      String schema = "{\"type\": \"record\", \"name\": \"R" + n + "\", \"fields\": []}";
      try {
        String body = JSON.writeValueAsString(JSON.createObjectNode().put("schema", schema));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/subjects/" + subject + "/versions"))
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
          acknowledged.put("unexpected response " + response.body(), -1);
          return;
        }
        acknowledged.put(subject, JSON.readTree(response.body()).get("id").asInt());
      } catch (IOException e) {
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
