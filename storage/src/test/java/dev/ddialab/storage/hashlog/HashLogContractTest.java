package dev.ddialab.storage.hashlog;

import dev.ddialab.storage.KvEngine;
import dev.ddialab.storage.KvEngineContractTest;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The KvEngine contract for hashlog, with segments of 2 KiB and eager background merging, so that
 * random operation sequences cross segment rollovers, merges and hint-file start-ups.
 */
class HashLogContractTest extends KvEngineContractTest {
  @Override
  protected KvEngine open(Path dir) throws IOException {
    return HashLogEngine.open(dir, new HashLogEngine.Options(2 * 1024, 0.2, 1024, true));
  }
}
