package dev.ddialab.storage.lsm;

import dev.ddialab.storage.KvEngine;
import dev.ddialab.storage.KvEngineContractTest;
import dev.ddialab.storage.lsm.compaction.CompactionStyle;
import java.io.IOException;
import java.nio.file.Path;

/** The KvEngine contract for the LSM engine with size-tiered compaction and tiny sizes. */
class LsmTieredContractTest extends KvEngineContractTest {
  @Override
  protected KvEngine open(Path dir) throws IOException {
    return LsmEngine.open(dir, LsmOptions.tiny(CompactionStyle.TIERED));
  }
}
