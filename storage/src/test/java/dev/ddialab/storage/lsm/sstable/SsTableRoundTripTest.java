package dev.ddialab.storage.lsm.sstable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.ddialab.core.Bytes;
import dev.ddialab.core.tour.TourContext;
import dev.ddialab.storage.lsm.Lookup;
import dev.ddialab.storage.lsm.iterator.InternalIterator;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.lifecycle.BeforeTry;

/**
 * {@link SsTableWriter} and {@link SsTableReader} agree on every byte: random entries (shared
 * prefixes, several versions per key, tombstones, empty and incompressible and compressible
 * values) under random block sizes, restart intervals, filters and compression read back exactly
 * through full iteration, seeks and point reads at every snapshot; and a flipped byte anywhere in
 * the file is reported as corruption naming the file and an offset at or before the flip, never
 * returned as data.
 */
class SsTableRoundTripTest {
  private Path dir;

  @BeforeTry
  void createDirectory() throws IOException {
    dir = Files.createTempDirectory("sstable-");
  }

  @AfterTry
  void deleteDirectory() {
    TourContext.deleteTree(dir);
  }

  @Provide
  Arbitrary<List<TableEntry>> entries() {
    Arbitrary<byte[]> keys = Arbitraries.oneOf(
        Arbitraries.strings().withChars("abc").ofMinLength(1).ofMaxLength(6).map(Bytes::utf8),
        Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(24));
    Arbitrary<byte[]> values = Arbitraries.oneOf(
        Arbitraries.bytes().array(byte[].class).ofMaxSize(300),
        Arbitraries.strings().withChars("xy").ofMaxLength(2000).map(Bytes::utf8),
        Arbitraries.just(new byte[0]));
    Arbitrary<TableEntry> entry = Combinators.combine(keys, Arbitraries.longs().between(1, 1_000),
        Arbitraries.integers().between(0, 4), values)
        .as((k, seq, kind, v) -> new TableEntry(k, seq, kind == 0, kind == 0 ? new byte[0] : v));
    return entry.list().ofMinSize(1).ofMaxSize(300).map(SsTableRoundTripTest::uniqueSequences);
  }

  /** Sequence numbers are unique in a real tree; renumber so they are here too. */
  private static List<TableEntry> uniqueSequences(List<TableEntry> raw) {
    List<TableEntry> out = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      TableEntry e = raw.get(i);
      out.add(new TableEntry(e.key(), e.sequence() * 1_000 + i, e.tombstone(), e.value()));
    }
    return TableEntry.sorted(out);
  }

  @Provide
  Arbitrary<TableOptions> options() {
    return Combinators.combine(Arbitraries.of(64, 200, 1024, 4096), Arbitraries.of(1, 2, 16),
        Arbitraries.of(0, 4, 10), Arbitraries.of(Compression.values()))
        .as(TableOptions::new);
  }

  @Property(tries = 150)
  void readsBackWhatWasWritten(@ForAll("entries") List<TableEntry> entries,
      @ForAll("options") TableOptions options, @ForAll @LongRange(min = 0, max = 1_000) long seed)
      throws IOException {
    Path file = write(entries, options);
    BlockCache cache = new BlockCache(1 << 20);
    try (SsTableReader reader = SsTableReader.open(file, seed % 2 == 0 ? cache : null)) {
      TableProperties p = reader.properties();
      assertThat(p.entries()).isEqualTo(entries.size());
      assertThat(p.smallestUserKey()).isEqualTo(entries.getFirst().key());
      assertThat(p.largestUserKey()).isEqualTo(entries.getLast().key());
      assertThat(scanAll(reader)).containsExactlyElementsOf(entries.stream().map(TableEntry::toString).toList());

      Random random = new Random(seed);
      TreeSet<byte[]> userKeys = new TreeSet<>(Bytes.UNSIGNED);
      entries.forEach(e -> userKeys.add(e.key()));
      List<byte[]> probes = new ArrayList<>(userKeys);
      for (int i = 0; i < 20; i++) {
        byte[] absent = new byte[1 + random.nextInt(8)];
        random.nextBytes(absent);
        probes.add(absent);
      }
      for (byte[] key : probes) {
        long snapshot = random.nextInt(4) == 0 ? Long.MAX_VALUE >>> 8 : random.nextLong(1_000_300);
        assertThat(describe(reader.get(key, snapshot))).as("get %s at %d", Bytes.printable(key), snapshot)
            .isEqualTo(describe(expectedAt(entries, key, snapshot)));
        if (options.bloomBitsPerKey() > 0 && userKeys.contains(key)) {
          assertThat(reader.mayContain(BloomFilter.hash(key))).isTrue();
        }
        try (InternalIterator it = reader.iterator(true)) {
          it.seek(key);
          TableEntry first = entries.stream().filter(e -> Bytes.compare(e.key(), key) >= 0)
              .findFirst().orElse(null);
          if (first == null) {
            assertThat(it.isValid()).isFalse();
          } else {
            assertThat(it.isValid()).isTrue();
            assertThat(first.sameAs(it.userKey(), it.sequence(), it.isTombstone(), it.value()))
                .as("seek %s found %s", Bytes.printable(key), Bytes.printable(it.userKey())).isTrue();
          }
        }
      }
    }
  }

  @Property(tries = 100)
  void aFlippedByteIsReportedWithTheFileAndOffsetNeverReturned(
      @ForAll("entries") List<TableEntry> entries, @ForAll("options") TableOptions options,
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long position,
      @ForAll @LongRange(min = 0, max = 7) long bit) throws IOException {
    Path file = write(entries, options);
    long size = Files.size(file);
    long offset = position % size;
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(offset);
      int b = raf.read();
      raf.seek(offset);
      raf.write(b ^ (1 << bit));
    }
    List<String> expected = entries.stream().map(TableEntry::toString).toList();
    try (SsTableReader reader = SsTableReader.open(file, null)) {
      List<String> read = scanAll(reader);
      fail("flipped bit %d of byte %d of %d went unnoticed; read %s, expected %s", bit, offset,
          size, read.equals(expected) ? "the same entries" : read, expected);
    } catch (CorruptTableException e) {
      assertThat(e.getMessage()).contains(file.getFileName().toString()).contains("at offset");
      assertThat(e.offset()).as(e.getMessage()).isLessThanOrEqualTo(offset);
    }
  }

  @Property(tries = 1)
  void aTruncatedOrForeignFileIsRefused() throws IOException {
    Path file = write(List.of(new TableEntry(Bytes.utf8("k"), 1, false, Bytes.utf8("v"))),
        TableOptions.defaults());
    byte[] whole = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(whole, whole.length - 10));
    assertThatThrownBy(() -> SsTableReader.open(file, null)).isInstanceOf(CorruptTableException.class)
        .hasMessageContaining(file.toString()).hasMessageContaining("magic");
    Files.write(file, new byte[10]);
    assertThatThrownBy(() -> SsTableReader.open(file, null)).isInstanceOf(CorruptTableException.class)
        .hasMessageContaining("too short");
  }

  @Property(tries = 1)
  void writerRejectsKeysOutOfOrder() throws IOException {
    try (SsTableWriter writer = SsTableWriter.create(dir.resolve("t.sst"), TableOptions.defaults())) {
      writer.add(Bytes.utf8("b"), 5, false, new byte[0]);
      assertThatThrownBy(() -> writer.add(Bytes.utf8("a"), 6, false, new byte[0]))
          .hasMessageContaining("added after");
      assertThatThrownBy(() -> writer.add(Bytes.utf8("b"), 9, false, new byte[0]))
          .as("a newer version must come before an older one").hasMessageContaining("added after");
    }
  }

  @Property(tries = 1)
  void compressibleBlocksShrinkWithLz4() throws IOException {
    List<TableEntry> entries = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      entries.add(new TableEntry(Bytes.utf8(String.format("user:%06d", i)), i + 1, false,
          Bytes.utf8("{\"name\":\"Ada Lovelace\",\"city\":\"London\",\"n\":" + i + "}")));
    }
    long raw = Files.size(write(entries, new TableOptions(4096, 16, 10, Compression.NONE)));
    long lz4 = Files.size(write(entries, new TableOptions(4096, 16, 10, Compression.LZ4)));
    assertThat(lz4).isLessThan(raw * 2 / 3);
  }

  private int tables;

  private Path write(List<TableEntry> entries, TableOptions options) throws IOException {
    Path file = dir.resolve("t" + (tables++) + ".sst");
    try (SsTableWriter writer = SsTableWriter.create(file, options)) {
      for (TableEntry e : entries) {
        writer.add(e.key(), e.sequence(), e.tombstone(), e.value());
      }
      writer.finish();
      assertThat(writer.fileBytes()).isEqualTo(Files.size(file));
    }
    return file;
  }

  private static List<String> scanAll(SsTableReader reader) throws IOException {
    List<String> out = new ArrayList<>();
    try (InternalIterator it = reader.iterator(false)) {
      it.seekToFirst();
      while (it.isValid()) {
        out.add(new TableEntry(it.userKey(), it.sequence(), it.isTombstone(), it.value()).toString());
        it.next();
      }
    }
    return out;
  }

  private static Lookup expectedAt(List<TableEntry> entries, byte[] key, long snapshot) {
    for (TableEntry e : entries) {
      if (Arrays.equals(e.key(), key) && e.sequence() <= snapshot) {
        return e.tombstone() ? Lookup.DELETED : Lookup.found(e.value());
      }
    }
    return Lookup.ABSENT;
  }

  private static String describe(Lookup lookup) {
    return lookup.state() + (lookup.value() == null ? "" : "=" + Bytes.toHex(lookup.value()));
  }
}
