package dev.ddialab.bench.peers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddialab.core.Bytes;
import dev.ddialab.core.tour.TourContext;
import dev.ddialab.storage.Durability;
import dev.ddialab.storage.KvEngine;
import dev.ddialab.storage.KvEntry;
import dev.ddialab.storage.KvIterator;
import dev.ddialab.storage.WriteBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The benchmark is only fair if every adapter does what its name says. Random operations on
 * each engine (ours and the peers) are checked against a sorted map, with a reopen in the middle,
 * so that a peer adapter that dropped writes, mis-ordered scans or ignored deletes would be
 * caught before it produced a flattering number.
 */
class PeerAdapterTest {

  @Provide
  Arbitrary<String> engines() {
    return Arbitraries.of(BenchEngines.all());
  }

  @Property(tries = 30)
  void everyAdapterBehavesLikeASortedMap(@ForAll("engines") String engine,
      @ForAll("operations") List<int[]> operations) throws IOException {
    Path dir = Files.createTempDirectory("adapter-" + engine + "-");
    TreeMap<byte[], byte[]> model = new TreeMap<>(Bytes.UNSIGNED);
    try {
      KvEngine db = BenchEngines.open(engine, dir.resolve("db"));
      try {
        int step = 0;
        for (int[] op : operations) {
          step++;
          // Keys 15..19 start with a byte >= 0x80, so a signed comparison would misplace them.
          byte[] key = Bytes.utf8((op[1] >= 15 ? "\u00e9" : "k") + op[1]);
          byte[] value = Bytes.utf8("v" + step + "-" + "x".repeat(op[2]));
          switch (op[0]) {
            case 0 -> {
              db.put(key, value, step % 3 == 0 ? Durability.SYNC : Durability.BUFFERED);
              model.put(key, value);
            }
            case 1 -> {
              db.delete(key, Durability.BUFFERED);
              model.remove(key);
            }
            case 2 -> assertThat(db.get(key).orElse(null)).as("%s step %d", engine, step)
                .isEqualTo(model.get(key));
            case 3 -> {
              WriteBatch batch = new WriteBatch().put(key, value).delete(Bytes.utf8("k" + op[2] % 20));
              db.write(batch, Durability.SYNC);
              model.put(key, value);
              model.remove(Bytes.utf8("k" + op[2] % 20));
            }
            default -> {
              db.close();
              db = BenchEngines.open(engine, dir.resolve("db"));
            }
          }
        }
        assertThat(contents(db)).as(engine).isEqualTo(render(model));
        byte[] from = Bytes.utf8("k1");
        byte[] to = Bytes.utf8("k5");
        List<String> range = new ArrayList<>();
        try (KvIterator it = db.scan(from, to)) {
          it.forEachRemaining(e -> range.add(Bytes.utf8(e.key())));
        }
        assertThat(range).as(engine + " range").containsExactlyElementsOf(
            model.subMap(from, to).keySet().stream().map(Bytes::utf8).toList());
        assertThat(db.stats().liveKeys()).isEqualTo(model.size());
      } finally {
        db.close();
      }
    } finally {
      TourContext.deleteTree(dir);
    }
  }

  /** {kind 0..4 (put, delete, get, batch, reopen), key 0..19, value length 0..200}. */
  @Provide
  Arbitrary<List<int[]>> operations() {
    Arbitrary<int[]> op = Arbitraries.integers().between(0, 99).flatMap(kind ->
        Arbitraries.integers().between(0, 19).flatMap(key ->
            Arbitraries.integers().between(0, 200).map(length -> new int[] {
                kind < 45 ? 0 : kind < 60 ? 1 : kind < 85 ? 2 : kind < 97 ? 3 : 4, key, length})));
    return op.list().ofMinSize(1).ofMaxSize(60);
  }

  private static List<String> contents(KvEngine db) throws IOException {
    List<String> out = new ArrayList<>();
    try (KvIterator it = db.scan(null, null)) {
      while (it.hasNext()) {
        KvEntry e = it.next();
        out.add(Bytes.utf8(e.key()) + "=" + Bytes.utf8(e.value()));
      }
    }
    return out;
  }

  private static List<String> render(TreeMap<byte[], byte[]> model) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<byte[], byte[]> e : model.entrySet()) {
      out.add(Bytes.utf8(e.getKey()) + "=" + Bytes.utf8(e.getValue()));
    }
    return out;
  }
}
