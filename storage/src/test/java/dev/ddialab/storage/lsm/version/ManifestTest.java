package dev.ddialab.storage.lsm.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddialab.core.Bytes;
import dev.ddialab.core.MalformedDataException;
import dev.ddialab.core.tour.TourContext;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.lifecycle.BeforeTry;

/**
 * The manifest (version edits in a record log) rebuilds exactly the state that was logged, across
 * reopens and snapshot rotations; edits that break the version's invariants are refused before
 * they are written; damage is an error naming the file.
 */
class ManifestTest {
  private Path dir;

  @BeforeTry
  void createDirectory() throws IOException {
    dir = Files.createTempDirectory("manifest-");
  }

  @AfterTry
  void deleteDirectory() {
    TourContext.deleteTree(dir);
  }

  private static FileMeta table(long number, String from, String to, long seq) {
    return new FileMeta(number, 100 + number, Bytes.utf8(from), Bytes.utf8(to), 3, 1, seq, seq + 2);
  }

  @Provide
  Arbitrary<VersionEdit> edits() {
    Arbitrary<FileMeta> files = Combinators.combine(Arbitraries.longs().between(1, 1L << 40),
        Arbitraries.strings().ofMinLength(1).ofMaxLength(5), Arbitraries.longs().between(0, 1L << 50))
        .as((n, k, s) -> new FileMeta(n, n + 1, Bytes.utf8(k), Bytes.utf8(k + "~"), 5, 2, s, s + 3));
    return Combinators.combine(Arbitraries.of(true, false), files.list().ofMaxSize(3),
        Arbitraries.longs().between(-1, 1L << 40), Arbitraries.longs().between(-1, 1L << 55))
        .as((snapshot, added, number, seq) -> {
          VersionEdit.Builder b = VersionEdit.builder();
          if (snapshot) {
            b.snapshot();
          }
          for (int i = 0; i < added.size(); i++) {
            b.add(1 + i, added.get(i));
          }
          b.delete(2, 7).logNumber(number).nextFileNumber(number).lastSequence(seq);
          if (seq % 2 == 0) {
            b.counters(new VersionEdit.Counters(seq, 2 * seq, 3, number < 0 ? 0 : number));
          }
          return b.build();
        });
  }

  @Property(tries = 300)
  void editsRoundTripThroughTheCodec(@ForAll("edits") VersionEdit edit) {
    assertThat(VersionEditCodec.decode(VersionEditCodec.encode(edit))).isEqualTo(edit);
  }

  @Property(tries = 1)
  void unknownFieldsAndTruncationAreErrors() {
    byte[] ok = VersionEditCodec.encode(VersionEdit.builder().add(1, table(3, "a", "b", 1)).build());
    byte[] unknownTag = {1, 42};
    assertThatThrownBy(() -> VersionEditCodec.decode(unknownTag))
        .isInstanceOf(MalformedDataException.class).hasMessageContaining("unknown manifest field");
    byte[] truncated = java.util.Arrays.copyOf(ok, ok.length - 2);
    assertThatThrownBy(() -> VersionEditCodec.decode(truncated)).isInstanceOf(MalformedDataException.class);
  }

  @Property(tries = 1)
  void replaysEditsAcrossReopensAndRotations() throws IOException {
    List<Manifest.State> states = new ArrayList<>();
    try (Manifest manifest = Manifest.open(dir, 7, 1_000)) {
      assertThat(manifest.wasEmptyAtOpen()).isTrue();
      for (int i = 1; i <= 60; i++) {
        VersionEdit.Builder edit = VersionEdit.builder()
            .add(0, table(i, "k" + i, "k" + i + "z", 10L * i))
            .logNumber(i).nextFileNumber(i + 1).lastSequence(10L * i + 2)
            .counters(new VersionEdit.Counters(i, 2L * i, 3L * i, 4L * i));
        if (i > 3) {
          edit.delete(0, i - 3); // a sliding window of three live tables
        }
        states.add(manifest.log(edit.build()));
      }
      assertThat(manifest.sizeBytes()).as("rotation keeps the log small").isLessThan(3_000);
    }
    try (Manifest manifest = Manifest.open(dir, 7, 1_000)) {
      assertThat(manifest.wasEmptyAtOpen()).isFalse();
      Manifest.State state = manifest.state();
      Manifest.State last = states.getLast();
      assertThat(state.version().level(0)).containsExactlyElementsOf(last.version().level(0));
      assertThat(state.version().level(0)).extracting(FileMeta::number).containsExactly(60L, 59L, 58L);
      assertThat(state.logNumber()).isEqualTo(60);
      assertThat(state.nextFileNumber()).isEqualTo(61);
      assertThat(state.lastSequence()).isEqualTo(602);
      assertThat(state.counters()).isEqualTo(new VersionEdit.Counters(60, 120, 180, 240));
    }
  }

  @Property(tries = 1)
  void anEditThatBreaksAnInvariantIsRefusedBeforeItIsWritten() throws IOException {
    try (Manifest manifest = Manifest.open(dir, 7, 1 << 20)) {
      manifest.log(VersionEdit.builder().add(1, table(1, "a", "m", 1)).build());
      assertThatThrownBy(() -> manifest.log(VersionEdit.builder().add(1, table(2, "k", "z", 5)).build()))
          .hasMessageContaining("overlap");
      assertThatThrownBy(() -> manifest.log(VersionEdit.builder().delete(2, 1).build()))
          .hasMessageContaining("does not hold it");
    }
    try (Manifest manifest = Manifest.open(dir, 7, 1 << 20)) {
      assertThat(manifest.state().version().fileCount()).isEqualTo(1);
    }
  }

  @Property(tries = 1)
  void aDamagedRecordInASealedSegmentNamesTheFile() throws IOException {
    try (Manifest manifest = Manifest.open(dir, 7, 200)) {
      for (int i = 1; i <= 5; i++) {
        manifest.log(VersionEdit.builder().add(0, table(i, "a", "b", 10L * i)).build());
      }
    }
    Path first;
    try (var files = Files.list(dir)) {
      first = files.filter(f -> f.toString().endsWith(".log")).sorted().findFirst().orElseThrow();
    }
    try (RandomAccessFile file = new RandomAccessFile(first.toFile(), "rw")) {
      file.seek(16 + 8 + 2);
      int b = file.read();
      file.seek(16 + 8 + 2);
      file.write(b ^ 0x10);
    }
    assertThatThrownBy(() -> Manifest.open(dir, 7, 200)).isInstanceOf(IOException.class)
        .hasMessageContaining(first.getFileName().toString());
  }
}
