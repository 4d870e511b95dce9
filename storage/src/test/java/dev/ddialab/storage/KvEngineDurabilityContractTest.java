package dev.ddialab.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.ddialab.core.Bytes;
import dev.ddialab.core.ChildJvm;
import dev.ddialab.storage.crash.AckingWriter;
import dev.ddialab.storage.crash.CrashHarness;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract's concurrency, crash and corruption half: real threads, real killed processes and
 * real damaged files. Each engine's test extends this class.
 */
public abstract class KvEngineDurabilityContractTest {
  /** Kills per crash-test run; {@code -Dddia.crash.kills=N} runs more (a soak). */
  private static final int KILLS = Integer.getInteger("ddia.crash.kills", 50);

  /** The engine name under test, as {@link Engines#create} takes it. */
  protected abstract String engineName();

  /** The file that receives new writes, where a torn (unacknowledged) tail would be. */
  protected abstract Path activeLogFile(Path db) throws IOException;

  @TempDir
  Path tmp;

  private Path db() {
    return tmp.resolve("db");
  }

  private KvEngine create() throws IOException {
    return Engines.create(db(), engineName());
  }

  @Test
  void concurrentReadersSeeOnlyWrittenValuesInPerKeyOrder() throws Exception {
    int writers = 3;
    int readers = 3;
    int keys = 8;
    int writesPerWriter = 3_000;
    List<Throwable> failures = new ConcurrentLinkedQueue<Throwable>().stream().toList();
    ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
    try (KvEngine engine = create()) {
      CyclicBarrier start = new CyclicBarrier(writers + readers);
      List<Thread> threads = new ArrayList<>();
      long[][] lastWritten = new long[writers][keys];
      for (int w = 0; w < writers; w++) {
        int writer = w;
        threads.add(Thread.ofPlatform().start(() -> {
          try {
            start.await();
            Random random = new Random(writer);
            for (int seq = 1; seq <= writesPerWriter; seq++) {
              int key = random.nextInt(keys);
              Durability durability = seq % 50 == 0 ? Durability.SYNC : Durability.BUFFERED;
              engine.put(Bytes.utf8("k" + key), Bytes.utf8(writer + ":" + seq), durability);
              lastWritten[writer][key] = seq;
            }
          } catch (Throwable t) {
            errors.add(t);
          }
        }));
      }
      for (int r = 0; r < readers; r++) {
        threads.add(Thread.ofPlatform().start(() -> {
          try {
            start.await();
            // Per key and writer, the newest sequence number this reader has seen.
            long[][] seen = new long[keys][writers];
            for (int i = 0; i < writesPerWriter * 2; i++) {
              int key = i % keys;
              Optional<byte[]> value = engine.get(Bytes.utf8("k" + key));
              if (value.isEmpty()) {
                continue;
              }
              String[] parts = Bytes.utf8(value.get()).split(":");
              int writer = Integer.parseInt(parts[0]);
              long seq = Long.parseLong(parts[1]);
              if (writer < 0 || writer >= writers || seq < 1 || seq > writesPerWriter) {
                throw new AssertionError("read a value no writer wrote: " + Bytes.utf8(value.get()));
              }
              if (seq < seen[key][writer]) {
                throw new AssertionError("k" + key + " went back in time: saw " + writer + ":"
                    + seen[key][writer] + " then " + writer + ":" + seq);
              }
              seen[key][writer] = seq;
            }
          } catch (Throwable t) {
            errors.add(t);
          }
        }));
      }
      for (Thread thread : threads) {
        thread.join(TimeUnit.MINUTES.toMillis(2));
      }
      assertThat(errors).isEmpty();
      assertThat(failures).isEmpty();
      // The final value of each key is the last write of one of the writers.
      for (int key = 0; key < keys; key++) {
        Optional<byte[]> value = engine.get(Bytes.utf8("k" + key));
        assertThat(value).isPresent();
        String[] parts = Bytes.utf8(value.get()).split(":");
        assertThat(Long.parseLong(parts[1]))
            .as("k%d holds a writer's last write", key)
            .isEqualTo(lastWritten[Integer.parseInt(parts[0])][key]);
      }
    }
  }

  @Test
  void acknowledgedWritesSurviveKill9() throws Exception {
    create().close();
    long seed = Long.getLong("ddia.crash.seed", System.nanoTime());
    System.out.printf("crash test: %d kills, seed %d (-Dddia.crash.seed=%d reuses the kill"
        + " timings; process scheduling still varies from run to run)%n", KILLS, seed, seed);
    CrashHarness.Result result =
        CrashHarness.run(db(), CrashHarness.Plan.strict(KILLS, 300), new Random(seed));
    System.out.printf("crash test: %,d acknowledged writes over %d kills, in-flight write found"
        + " applied after %d kills%n", result.acknowledged(), result.kills(), result.inFlightApplied());
    assertThat(result.kills()).isEqualTo(KILLS);
    assertThat(result.acknowledged()).as("writers made progress between kills").isGreaterThan(KILLS);
  }

  @Test
  void aDatabaseHeldByAnotherProcessIsRefused() throws Exception {
    try (KvEngine engine = create()) {
      engine.put(Bytes.utf8("k"), Bytes.utf8("v"));
      Process other = ChildJvm.builder(AckingWriter.class, List.of(db().toString(), "0", "1"))
          .redirectErrorStream(true).start();
      String output = new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(other.waitFor()).isNotZero();
      assertThat(output).contains("in use by another process");
      assertThat(engine.get(Bytes.utf8("k"))).contains(Bytes.utf8("v"));
    }
  }

  @Test
  void aTornUnacknowledgedTailIsDropped() throws IOException {
    try (KvEngine engine = create()) {
      for (int i = 0; i < 50; i++) {
        engine.put(Bytes.utf8("k" + i), Bytes.utf8("v" + i));
      }
    }
    // A torn write: a record frame whose last bytes never reached the file.
    byte[] frame = dev.ddialab.core.Frame.encode(new byte[60]);
    byte[] torn = java.util.Arrays.copyOf(frame, frame.length - 7);
    Files.write(activeLogFile(db()), torn, java.nio.file.StandardOpenOption.APPEND);
    try (KvEngine engine = Engines.open(db())) {
      for (int i = 0; i < 50; i++) {
        assertThat(engine.get(Bytes.utf8("k" + i))).contains(Bytes.utf8("v" + i));
      }
      engine.put(Bytes.utf8("after"), Bytes.utf8("repair"));
    }
    try (KvEngine engine = Engines.open(db())) {
      assertThat(engine.get(Bytes.utf8("after"))).contains(Bytes.utf8("repair"));
      assertThat(engine.stats().liveKeys()).isEqualTo(51);
    }
  }

  @Test
  void flippedBytesInTheMiddleAreReportedNeverReturned() throws IOException {
    Random random = new Random(11);
    for (int round = 0; round < 20; round++) {
      Path db = tmp.resolve("flip-" + round);
      List<byte[]> values = new ArrayList<>();
      try (KvEngine engine = Engines.create(db, engineName())) {
        for (int i = 0; i < 200; i++) {
          byte[] value = new byte[20 + random.nextInt(200)];
          random.nextBytes(value);
          values.add(value);
          engine.put(Bytes.utf8("k" + i), value, Durability.BUFFERED);
        }
        if (round % 2 == 1) {
          engine.compact();
        }
        for (int i = 0; i < 20; i++) {
          engine.put(Bytes.utf8("tail" + i), Bytes.utf8("t"), Durability.SYNC);
        }
      }
      Path victim = largestDataFile(db);
      long size = Files.size(victim);
      // Damage a byte well inside the file: before the last few records, which are synced.
      long offset = 32 + random.nextLong(Math.max(1, size / 2));
      try (RandomAccessFile file = new RandomAccessFile(victim.toFile(), "rw")) {
        file.seek(offset);
        int b = file.read();
        file.seek(offset);
        file.write(b ^ (1 << random.nextInt(8)));
      }
      KvEngine engine;
      try {
        engine = Engines.open(db);
      } catch (IOException e) {
        assertThat(e.getMessage()).as("the error names the damaged file")
            .contains(victim.getFileName().toString());
        continue;
      }
      try (engine) {
        int detected = 0;
        for (int i = 0; i < values.size(); i++) {
          try {
            Optional<byte[]> got = engine.get(Bytes.utf8("k" + i));
            if (got.isPresent() && !java.util.Arrays.equals(got.get(), values.get(i))) {
              fail("round %d: k%d returned wrong data after a flip at %s offset %d",
                  round, i, victim, offset);
            }
            if (got.isEmpty()) {
              fail("round %d: k%d vanished silently after a flip at %s offset %d",
                  round, i, victim, offset);
            }
          } catch (IOException e) {
            detected++;
            assertThat(e.getMessage()).contains(victim.getFileName().toString());
          }
        }
        assertThat(detected).as("round %d: the flip at %s offset %d was detected", round,
            victim.getFileName(), offset).isPositive();
      }
    }
  }

  @Test
  void openingAMissingDatabaseSaysSo() {
    assertThatThrownBy(() -> Engines.open(tmp.resolve("nothing-here")))
        .isInstanceOf(IOException.class).hasMessageContaining("no database at");
  }

  private static Path largestDataFile(Path db) throws IOException {
    try (var files = Files.walk(db)) {
      return files.filter(Files::isRegularFile)
          .filter(f -> !f.getFileName().toString().equals(DirectoryLock.FILE_NAME))
          .filter(f -> !f.getFileName().toString().equals(Engines.ENGINE_FILE))
          .max((a, b) -> Long.compare(a.toFile().length(), b.toFile().length()))
          .orElseThrow();
    }
  }
}
