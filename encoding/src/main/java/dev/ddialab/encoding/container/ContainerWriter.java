package dev.ddialab.encoding.container;

import dev.ddialab.core.Invariants;
import dev.ddialab.encoding.Schema;
import dev.ddialab.encoding.binary.BinaryDatumWriter;
import dev.ddialab.encoding.binary.ByteSink;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Writes an Avro object container file (specification, "Object Container Files"; DDIA ch. 4,
 * "But what is the writer's schema?": a large file of records carries its writer's schema once,
 * in the header). Layout: the magic {@code Obj\x01}; a metadata map ({@code avro.schema},
 * {@code avro.codec}, any extra entries) encoded as an Avro {@code map<bytes>}; a 16-byte random
 * sync marker; then blocks, each an item count, the byte size of the (compressed) data, the data,
 * and the sync marker again, so a reader can detect damage and re-synchronise.
 *
 * <p>Records are buffered and written as a block once the buffer reaches the sync interval, and
 * on {@link #flush()} and {@link #close()}. Not thread-safe.
 */
public final class ContainerWriter implements AutoCloseable {
  static final byte[] MAGIC = {'O', 'b', 'j', 1};
  public static final int SYNC_BYTES = 16;
  public static final int DEFAULT_SYNC_INTERVAL_BYTES = 64 * 1024;

  private final OutputStream out;
  private final Schema schema;
  private final ContainerCodec codec;
  private final byte[] sync = new byte[SYNC_BYTES];
  private final int syncIntervalBytes;
  private final ByteSink block = new ByteSink(8192);
  private long blockCount;
  private boolean closed;

  /**
   * Starts a container on {@code out} and writes its header.
   *
   * @param random source of the sync marker (inject a seeded one for reproducible files)
   * @param extraMetadata further header entries; keys starting {@code avro.} are reserved
   */
  public ContainerWriter(OutputStream out, Schema schema, ContainerCodec codec,
      RandomGenerator random, Map<String, byte[]> extraMetadata, int syncIntervalBytes)
      throws IOException {
    Invariants.require(syncIntervalBytes > 0, "sync interval %d must be positive",
        syncIntervalBytes);
    this.out = out;
    this.schema = schema;
    this.codec = codec;
    this.syncIntervalBytes = syncIntervalBytes;
    random.nextBytes(sync);
    Map<String, byte[]> metadata = new LinkedHashMap<>();
    metadata.put("avro.schema", schema.toJson().getBytes(StandardCharsets.UTF_8));
    metadata.put("avro.codec", codec.headerName().getBytes(StandardCharsets.UTF_8));
    for (Map.Entry<String, byte[]> entry : extraMetadata.entrySet()) {
      Invariants.require(!entry.getKey().startsWith("avro."), "metadata key %s is reserved",
          entry.getKey());
      metadata.put(entry.getKey(), entry.getValue());
    }
    ByteSink header = new ByteSink();
    header.write(MAGIC);
    header.writeZigZag(metadata.size());
    for (Map.Entry<String, byte[]> entry : metadata.entrySet()) {
      byte[] key = entry.getKey().getBytes(StandardCharsets.UTF_8);
      header.writeZigZag(key.length);
      header.write(key);
      header.writeZigZag(entry.getValue().length);
      header.write(entry.getValue());
    }
    header.writeZigZag(0);
    header.write(sync);
    out.write(header.toByteArray());
  }

  /** Creates (or replaces) {@code file} with a random sync marker and no extra metadata. */
  public static ContainerWriter create(Path file, Schema schema, ContainerCodec codec)
      throws IOException {
    return new ContainerWriter(new BufferedOutputStream(Files.newOutputStream(file)), schema,
        codec, new SecureRandom(), Map.of(), DEFAULT_SYNC_INTERVAL_BYTES);
  }

  public Schema schema() {
    return schema;
  }

  /** Appends one value of the file's schema. */
  public void append(Object value) throws IOException {
    Invariants.require(!closed, "container writer is closed");
    int before = block.size();
    try {
      BinaryDatumWriter.write(schema, value, block);
    } catch (RuntimeException e) {
      block.truncate(before);
      throw e;
    }
    blockCount++;
    if (block.size() >= syncIntervalBytes) {
      writeBlock();
    }
  }

  /** Writes any buffered records as a block and flushes the stream. */
  public void flush() throws IOException {
    writeBlock();
    out.flush();
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    try {
      flush();
    } finally {
      closed = true;
      out.close();
    }
  }

  private void writeBlock() throws IOException {
    if (blockCount == 0) {
      return;
    }
    byte[] data = codec.compress(block.toByteArray(), block.size());
    ByteSink header = new ByteSink(20);
    header.writeZigZag(blockCount);
    header.writeZigZag(data.length);
    out.write(header.toByteArray());
    out.write(data);
    out.write(sync);
    block.reset();
    blockCount = 0;
  }
}
