package dev.ddialab.cluster.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The process runtime's disk: replay, torn tails, corruption (DESIGN.md durability rules). */
class FileDurableStoreTest {
  @TempDir
  Path dir;

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void syncedWritesAndRemovesAreThereAfterReopening() throws IOException {
    try (FileDurableStore store = new FileDurableStore(dir)) {
      store.put("a", utf8("1"));
      store.put("b", utf8("2"));
      store.remove("a");
      store.put("b", utf8("3"));
      store.sync();
    }
    try (FileDurableStore store = new FileDurableStore(dir)) {
      assertThat(store.keys()).containsExactly("b");
      assertThat(store.get("b")).hasValueSatisfying(v -> assertThat(v).isEqualTo(utf8("3")));
    }
  }

  @Test
  void aTornTailIsTruncatedAndEarlierRecordsSurvive() throws IOException {
    try (FileDurableStore store = new FileDurableStore(dir)) {
      store.put("kept", utf8("yes"));
      store.sync();
    }
    Path log = dir.resolve("store.log");
    long intact = Files.size(log);
    Files.write(log, new byte[] {0, 0, 0, 40, 1, 2}, StandardOpenOption.APPEND);
    try (FileDurableStore store = new FileDurableStore(dir)) {
      assertThat(store.keys()).containsExactly("kept");
      store.put("after", utf8("ok"));
      store.sync();
    }
    assertThat(Files.size(log)).isGreaterThan(intact);
    try (FileDurableStore store = new FileDurableStore(dir)) {
      assertThat(store.keys()).containsExactly("after", "kept");
    }
  }

  @Test
  void corruptionBeforeTheTailIsAnErrorNamingFileAndOffset() throws IOException {
    try (FileDurableStore store = new FileDurableStore(dir)) {
      store.put("first", utf8("1"));
      store.put("second", utf8("2"));
      store.sync();
    }
    Path log = dir.resolve("store.log");
    byte[] bytes = Files.readAllBytes(log);
    bytes[13 + 10] ^= 0x40; // inside the first record's payload, after the 13-byte header
    Files.write(log, bytes);
    assertThatThrownBy(() -> new FileDurableStore(dir))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("store.log").hasMessageContaining("offset 13");
  }

  @Test
  void aFileThatIsNotANodeStoreIsRejected() throws IOException {
    Files.write(dir.resolve("store.log"), dev.ddialab.core.Frame.encode(utf8("something else")));
    assertThatThrownBy(() -> new FileDurableStore(dir)).hasMessageContaining("not a node store");
  }
}
