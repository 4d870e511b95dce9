package dev.ddialab.storage.lsm;

import dev.ddialab.storage.KvEngineDurabilityContractTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The durability contract for the LSM engine: concurrent readers and writers, 50 {@code kill -9}s
 * of a writer running with tiny memtables and tables (so kills land in flushes, compactions and
 * manifest rotations; see {@code AckingWriter}), torn WAL tails and flipped bytes in the largest
 * file (a WAL segment or an SSTable).
 */
class LsmDurabilityTest extends KvEngineDurabilityContractTest {
  @Override
  protected String engineName() {
    return LsmEngine.NAME;
  }

  @Override
  protected Path activeLogFile(Path db) throws IOException {
    try (var files = Files.list(db.resolve(LsmEngine.WAL_DIR))) {
      return files.filter(f -> f.getFileName().toString().endsWith(".log")).sorted()
          .reduce((first, second) -> second).orElseThrow();
    }
  }
}
