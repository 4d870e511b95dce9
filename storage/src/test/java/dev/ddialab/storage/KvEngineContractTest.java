package dev.ddialab.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddialab.core.Bytes;
import dev.ddialab.core.tour.TourContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.lifecycle.BeforeTry;

/**
 * What every {@link KvEngine} must do, checked against a trivially correct model: a
 * {@link TreeMap} ordered as the engine orders keys. Each engine's test extends this class and
 * says how to open it; the concurrency, crash and corruption tests live beside it in
 * {@link KvEngineDurabilityContractTest}.
 *
 * <p>The model test runs random sequences of put, get, delete, scan, atomic batch, compaction and
 * close-and-reopen, with keys drawn from a small space so that overwrites, deletes of present keys
 * and range edges all happen often.
 */
public abstract class KvEngineContractTest {

  /** Opens (creating if needed) an engine of the kind under test in {@code dir}. */
  protected abstract KvEngine open(Path dir) throws IOException;

  private Path dir;

  @BeforeTry
  void createDirectory() throws IOException {
    dir = Files.createTempDirectory("kv-contract-");
  }

  @AfterTry
  void deleteDirectory() {
    TourContext.deleteTree(dir);
  }

  sealed interface Action {}

  record Put(String key, byte[] value) implements Action {
    @Override
    public String toString() {
      return "put(" + key + ", " + value.length + " bytes)";
    }
  }

  record Get(String key) implements Action {}

  record Delete(String key) implements Action {}

  record Scan(String from, String to) implements Action {}

  record Batch(List<Action> ops) implements Action {}

  record Reopen() implements Action {}

  record Compact() implements Action {}

  @Property(tries = 150)
  void behavesLikeASortedMap(@ForAll("actions") List<Action> actions) throws IOException {
    TreeMap<byte[], byte[]> model = new TreeMap<>(Bytes.UNSIGNED);
    KvEngine engine = open(dir);
    try {
      int step = 0;
      for (Action action : actions) {
        step++;
        String where = "step " + step + " " + action;
        switch (action) {
          case Put p -> {
            engine.put(key(p.key()), p.value(), step % 2 == 0 ? Durability.SYNC : Durability.BUFFERED);
            model.put(key(p.key()), p.value());
          }
          case Get g -> {
            Optional<byte[]> got = engine.get(key(g.key()));
            byte[] expected = model.get(key(g.key()));
            assertThat(got.orElse(null)).as(where).isEqualTo(expected);
          }
          case Delete d -> {
            engine.delete(key(d.key()), Durability.BUFFERED);
            model.remove(key(d.key()));
          }
          case Scan s -> assertThat(scan(engine, s.from(), s.to())).as(where)
              .containsExactlyElementsOf(modelRange(model, s.from(), s.to()));
          case Batch b -> {
            WriteBatch batch = new WriteBatch();
            for (Action op : b.ops()) {
              if (op instanceof Put p) {
                batch.put(key(p.key()), p.value());
                model.put(key(p.key()), p.value());
              } else if (op instanceof Delete d) {
                batch.delete(key(d.key()));
                model.remove(key(d.key()));
              }
            }
            engine.write(batch, Durability.SYNC);
          }
          case Reopen r -> {
            engine.close();
            engine = open(dir);
          }
          case Compact c -> engine.compact();
        }
      }
      assertThat(scan(engine, null, null)).as("full scan at the end")
          .containsExactlyElementsOf(modelRange(model, null, null));
      assertThat(engine.stats().liveKeys()).isEqualTo(model.size());
      engine.close();
      engine = open(dir);
      assertThat(scan(engine, null, null)).as("full scan after a final reopen")
          .containsExactlyElementsOf(modelRange(model, null, null));
    } finally {
      engine.close();
    }
  }

  @Provide
  Arbitrary<List<Action>> actions() {
    Arbitrary<String> keys = Arbitraries.of("a", "b", "c", "d", "e", "aa", "ab", "b\u00e9", "z", "\u00ff")
        .injectDuplicates(0.2);
    Arbitrary<byte[]> values = Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(300);
    Arbitrary<Action> put = Combinators.combine(keys, values).as(Put::new);
    Arbitrary<Action> get = keys.map(Get::new);
    Arbitrary<Action> delete = keys.map(Delete::new);
    Arbitrary<Action> scan = Combinators.combine(keys.injectNull(0.2), keys.injectNull(0.2)).as(Scan::new);
    Arbitrary<Action> batch = Arbitraries.frequencyOf(Tuple.of(3, put), Tuple.of(1, delete))
        .list().ofMinSize(1).ofMaxSize(8).map(Batch::new);
    Arbitrary<Action> reopen = Arbitraries.just(new Reopen());
    Arbitrary<Action> compact = Arbitraries.just(new Compact());
    Arbitrary<Action> action = Arbitraries.frequencyOf(
        Tuple.of(30, put), Tuple.of(20, get), Tuple.of(10, delete), Tuple.of(8, scan),
        Tuple.of(5, batch), Tuple.of(3, reopen), Tuple.of(2, compact));
    return action.list().ofMinSize(1).ofMaxSize(80);
  }

  // ---- examples of the documented bounds and errors -------------------------------------

  @Property(tries = 1)
  void rejectsKeysAndValuesOutsideTheBounds() throws IOException {
    try (KvEngine engine = open(dir)) {
      assertThatThrownBy(() -> engine.put(new byte[0], new byte[1]))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key");
      assertThatThrownBy(() -> engine.put(new byte[KvEngine.KEY_BYTES_MAX + 1], new byte[1]))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("64 KiB");
      assertThatThrownBy(() -> engine.put(new byte[] {1}, new byte[KvEngine.VALUE_BYTES_MAX + 1]))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("64 MiB");
      engine.put(new byte[KvEngine.KEY_BYTES_MAX], new byte[] {7});
      assertThat(engine.get(new byte[KvEngine.KEY_BYTES_MAX])).contains(new byte[] {7});
      assertThat(engine.stats().liveKeys()).isEqualTo(1);
    }
  }

  @Property(tries = 1)
  void largeValuesRoundTrip() throws IOException {
    byte[] big = new byte[5 << 20];
    new java.util.Random(7).nextBytes(big);
    try (KvEngine engine = open(dir)) {
      engine.put(key("big"), big);
    }
    try (KvEngine engine = open(dir)) {
      assertThat(engine.get(key("big"))).hasValueSatisfying(v -> assertThat(Arrays.equals(v, big)).isTrue());
    }
  }

  @Property(tries = 1)
  void aSecondOpenOfTheSameDirectoryIsRefused() throws IOException {
    try (KvEngine engine = open(dir)) {
      engine.put(key("k"), key("v"));
      assertThatThrownBy(() -> open(dir)).isInstanceOf(IOException.class)
          .hasMessageContaining("in use");
      assertThat(engine.get(key("k"))).contains(key("v"));
    }
    try (KvEngine engine = open(dir)) {
      assertThat(engine.get(key("k"))).contains(key("v"));
    }
  }

  @Property(tries = 1)
  void operationsAfterCloseFailClearly() throws IOException {
    KvEngine engine = open(dir);
    engine.close();
    engine.close();
    assertThatThrownBy(() -> engine.get(key("k"))).hasMessageContaining("closed");
    assertThatThrownBy(() -> engine.put(key("k"), key("v"))).hasMessageContaining("closed");
  }

  @Property(tries = 1)
  void aScanIsASnapshotWhileWritesContinue() throws IOException {
    try (KvEngine engine = open(dir)) {
      for (int i = 0; i < 100; i++) {
        engine.put(key(String.format("k%03d", i)), key("old"), Durability.BUFFERED);
      }
      List<String> seen = new ArrayList<>();
      try (KvIterator it = engine.scan(null, null)) {
        int n = 0;
        while (it.hasNext()) {
          KvEntry entry = it.next();
          seen.add(Bytes.utf8(entry.key()) + "=" + Bytes.utf8(entry.value()));
          if (n++ == 10) {
            for (int i = 0; i < 100; i++) {
              engine.put(key(String.format("k%03d", i)), key("new"), Durability.BUFFERED);
              engine.put(key(String.format("k%03d-x", i)), key("new"), Durability.BUFFERED);
            }
            engine.compact();
          }
        }
      }
      assertThat(seen).hasSize(100).allMatch(s -> s.endsWith("=old"));
    }
  }

  // ---- helpers ---------------------------------------------------------------------------

  static byte[] key(String text) {
    return Bytes.utf8(text);
  }

  private static List<String> scan(KvEngine engine, String from, String to) throws IOException {
    List<String> out = new ArrayList<>();
    try (KvIterator it = engine.scan(from == null ? null : key(from), to == null ? null : key(to))) {
      while (it.hasNext()) {
        KvEntry entry = it.next();
        out.add(Bytes.printable(entry.key()) + "=" + Bytes.toHex(entry.value()));
      }
    }
    return out;
  }

  private static List<String> modelRange(TreeMap<byte[], byte[]> model, String from, String to) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<byte[], byte[]> e : model.entrySet()) {
      if ((from == null || Bytes.compare(e.getKey(), key(from)) >= 0)
          && (to == null || Bytes.compare(e.getKey(), key(to)) < 0)) {
        out.add(Bytes.printable(e.getKey()) + "=" + Bytes.toHex(e.getValue()));
      }
    }
    return out;
  }
}
