package dev.ddialab.storage.lsm.iterator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddialab.core.Bytes;
import dev.ddialab.core.tour.TourContext;
import dev.ddialab.storage.KvEntry;
import dev.ddialab.storage.lsm.InternalKey;
import dev.ddialab.storage.lsm.MemTable;
import dev.ddialab.storage.lsm.sstable.SsTableReader;
import dev.ddialab.storage.lsm.sstable.SsTableWriter;
import dev.ddialab.storage.lsm.sstable.TableOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.lifecycle.BeforeTry;

/**
 * The read side of the LSM-tree in miniature: writes spread over several sources (memtables,
 * SSTables, and concatenated runs of SSTables, as the engine's levels are), merged by
 * {@link MergingIterator} and read through a {@link SnapshotIterator} at a random snapshot and
 * range, must equal a {@link TreeMap} that applied the same writes up to that snapshot: the newest
 * visible version of each key wins, tombstones hide older versions, later writes are invisible.
 */
class MergingIteratorTest {
  record Write(String key, boolean tombstone, byte[] value) {}

  private Path dir;
  private final List<SsTableReader> readers = new ArrayList<>();

  @BeforeTry
  void createDirectory() throws IOException {
    dir = Files.createTempDirectory("merge-");
  }

  @AfterTry
  void cleanUp() throws IOException {
    for (SsTableReader reader : readers) {
      reader.close();
    }
    readers.clear();
    TourContext.deleteTree(dir);
  }

  @Provide
  Arbitrary<List<Write>> writes() {
    Arbitrary<String> keys = Arbitraries.of("a", "ab", "b", "ba", "c", "d", "e", "\u00e9", "z");
    Arbitrary<Write> write = Combinators.combine(keys, Arbitraries.integers().between(0, 3),
        Arbitraries.bytes().array(byte[].class).ofMaxSize(20))
        .as((k, kind, v) -> new Write(k, kind == 0, kind == 0 ? null : v));
    return write.list().ofMinSize(0).ofMaxSize(120);
  }

  @Property(tries = 300)
  void mergedSnapshotEqualsTheModel(@ForAll("writes") List<Write> writes,
      @ForAll @IntRange(min = 1, max = 6) int sourceCount,
      @ForAll @IntRange(min = 0, max = 1_000_000) int seed,
      @ForAll @IntRange(min = 0, max = 130) int snapshot,
      @ForAll("bounds") String from, @ForAll("bounds") String to) throws IOException {
    // Consecutive writes go to the same source, as memtables and flushes do; the split points
    // are random, and every source kind appears.
    java.util.Random random = new java.util.Random(seed);
    List<List<Integer>> parts = new ArrayList<>();
    for (int s = 0; s < sourceCount; s++) {
      parts.add(new ArrayList<>());
    }
    for (int i = 0; i < writes.size(); i++) {
      parts.get(random.nextInt(sourceCount)).add(i);
    }
    List<InternalIterator> sources = new ArrayList<>();
    for (int s = 0; s < sourceCount; s++) {
      sources.add(source(s % 3, parts.get(s), writes));
    }
    TreeMap<String, byte[]> model = new TreeMap<>(Comparator.comparing(Bytes::utf8, Bytes.UNSIGNED));
    for (int i = 0; i < writes.size() && i + 1 <= snapshot; i++) {
      Write w = writes.get(i);
      if (w.tombstone) {
        model.remove(w.key);
      } else {
        model.put(w.key, w.value);
      }
    }
    List<String> expected = new ArrayList<>();
    for (Map.Entry<String, byte[]> e : model.entrySet()) {
      byte[] k = Bytes.utf8(e.getKey());
      if ((from.isEmpty() || Bytes.compare(k, Bytes.utf8(from)) >= 0)
          && (to.isEmpty() || Bytes.compare(k, Bytes.utf8(to)) < 0)) {
        expected.add(e.getKey() + "=" + Bytes.toHex(e.getValue()));
      }
    }
    AtomicInteger closes = new AtomicInteger();
    List<String> actual = new ArrayList<>();
    try (SnapshotIterator it = SnapshotIterator.open(new MergingIterator(sources), snapshot,
        from.isEmpty() ? null : Bytes.utf8(from), to.isEmpty() ? null : Bytes.utf8(to),
        closes::incrementAndGet)) {
      while (it.hasNext()) {
        KvEntry entry = it.next();
        actual.add(Bytes.utf8(entry.key()) + "=" + Bytes.toHex(entry.value()));
      }
    }
    assertThat(actual).containsExactlyElementsOf(expected);
    assertThat(closes).hasValue(1);
  }

  @Provide
  Arbitrary<String> bounds() {
    return Arbitraries.of("", "", "a", "b", "bb", "d", "z", "\u00ff");
  }

  /** Source kind 0: a memtable; 1: one SSTable; 2: a run of SSTables split by key. */
  private InternalIterator source(int kind, List<Integer> indexes, List<Write> writes)
      throws IOException {
    List<Object[]> entries = new ArrayList<>();
    for (int i : indexes) {
      Write w = writes.get(i);
      entries.add(new Object[] {Bytes.utf8(w.key), (long) i + 1, w.tombstone, w.value});
    }
    entries.sort((a, b) -> InternalKey.compare((byte[]) a[0], trailer(a), (byte[]) b[0], trailer(b)));
    if (kind == 0 || entries.isEmpty()) {
      MemTable memtable = new MemTable();
      for (int i : indexes) {
        Write w = writes.get(i);
        memtable.add(Bytes.utf8(w.key), i + 1, w.tombstone, w.value);
      }
      return memtable.iterator();
    }
    if (kind == 1) {
      return table(entries).iterator(true);
    }
    // Split into tables at user-key boundaries, as compaction outputs are.
    List<ConcatenatingIterator.Part> run = new ArrayList<>();
    int start = 0;
    for (int i = 1; i <= entries.size(); i++) {
      boolean boundary = i == entries.size()
          || !java.util.Arrays.equals((byte[]) entries.get(i)[0], (byte[]) entries.get(i - 1)[0]);
      if (boundary && (i == entries.size() || i - start >= 2)) {
        SsTableReader reader = table(entries.subList(start, i));
        byte[] largest = reader.properties().largestUserKey();
        run.add(new ConcatenatingIterator.Part() {
          @Override
          public byte[] largestUserKey() {
            return largest;
          }

          @Override
          public InternalIterator open() {
            return reader.iterator(false);
          }
        });
        start = i;
      }
    }
    return new ConcatenatingIterator(run);
  }

  private static long trailer(Object[] e) {
    return InternalKey.trailer((long) e[1], (boolean) e[2] ? InternalKey.TYPE_DELETE : InternalKey.TYPE_PUT);
  }

  private SsTableReader table(List<Object[]> entries) throws IOException {
    Path file = dir.resolve(readers.size() + ".sst");
    try (SsTableWriter writer = SsTableWriter.create(file, new TableOptions(64, 2, 10,
        dev.ddialab.storage.lsm.sstable.Compression.LZ4))) {
      for (Object[] e : entries) {
        writer.add((byte[]) e[0], (long) e[1], (boolean) e[2],
            e[3] == null ? new byte[0] : (byte[]) e[3]);
      }
      writer.finish();
    }
    SsTableReader reader = SsTableReader.open(file, null);
    readers.add(reader);
    return reader;
  }
}
