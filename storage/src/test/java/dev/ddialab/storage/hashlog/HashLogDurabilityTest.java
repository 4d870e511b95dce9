package dev.ddialab.storage.hashlog;

import dev.ddialab.storage.KvEngineDurabilityContractTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

class HashLogDurabilityTest extends KvEngineDurabilityContractTest {
  @Override
  protected String engineName() {
    return HashLogEngine.NAME;
  }

  @Override
  protected Path activeLogFile(Path db) throws IOException {
    try (var files = Files.list(db.resolve(HashLogEngine.LOG_DIR))) {
      return files.filter(f -> f.getFileName().toString().endsWith(".log")).sorted()
          .reduce((first, second) -> second).orElseThrow();
    }
  }
}
