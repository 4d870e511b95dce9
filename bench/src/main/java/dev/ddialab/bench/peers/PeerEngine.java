package dev.ddialab.bench.peers;

import dev.ddialab.storage.Directories;
import dev.ddialab.storage.EngineStats;
import dev.ddialab.storage.KvEngine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the adapters share: each peer system sits behind our {@link KvEngine} contract so that the
 * benchmark drives ours and theirs with the same code. Adapters live only in {@code bench}.
 */
abstract class PeerEngine implements KvEngine {
  protected final Path dir;
  protected long userBytesWritten;

  PeerEngine(Path dir) {
    this.dir = dir;
  }

  @Override
  public void compact() throws IOException {
    // Peers compact on their own schedule; the benchmark measures them as configured.
  }

  /** Counts live keys with a full scan: fine for an adapter's occasional stats call. */
  @Override
  public EngineStats stats() throws IOException {
    long liveKeys = 0;
    try (var it = scan(null, null)) {
      while (it.hasNext()) {
        it.next();
        liveKeys++;
      }
    }
    return new EngineStats(name(), liveKeys, userBytesWritten, -1, Directories.sizeBytes(dir), Map.of());
  }
}
