package dev.ddialab.storage.lsm;

import dev.ddialab.storage.KvEngine;
import dev.ddialab.storage.KvEngineContractTest;
import dev.ddialab.storage.lsm.compaction.CompactionStyle;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The KvEngine contract for the LSM engine with leveled compaction and tiny sizes (4 KiB
 * memtables, 2 KiB tables, 256-byte blocks, a 4 KiB manifest rotation), so that random operation
 * sequences cross memtable switches, flushes, L0 and L1+ compactions, trivial moves, manifest
 * rotations and WAL replays all the time.
 */
class LsmContractTest extends KvEngineContractTest {
  @Override
  protected KvEngine open(Path dir) throws IOException {
    return LsmEngine.open(dir, LsmOptions.tiny(CompactionStyle.LEVELED));
  }
}
