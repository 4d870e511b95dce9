package dev.ddialab.encoding.container;

import dev.ddialab.core.Bytes;
import dev.ddialab.core.MalformedDataException;
import dev.ddialab.core.Varint;
import dev.ddialab.encoding.Schema;
import dev.ddialab.encoding.SchemaException;
import dev.ddialab.encoding.binary.BinaryDatumReader;
import dev.ddialab.encoding.binary.ByteSource;
import dev.ddialab.encoding.evolution.ResolvingDatumReader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Reads an Avro object container file (see {@link ContainerWriter} for the layout), written by us
 * or by any Avro implementation, block by block. The writer's schema comes from the header; give
 * a reader's schema to resolve every record into it. Every length is bounded before use (header
 * entries, block sizes, inflated sizes, item counts), and the sync marker after each block must
 * match the header's, so a damaged file fails with a {@link MalformedDataException} naming the
 * offset instead of yielding wrong records. Not thread-safe.
 */
public final class ContainerReader implements AutoCloseable {
  /** Largest header metadata value (the schema, mostly) accepted. */
  public static final int MAX_METADATA_BYTES = 16 << 20;
  /** Largest block, compressed or not, accepted. */
  public static final int MAX_BLOCK_BYTES = 64 << 20;
  private static final int MAX_METADATA_ENTRIES = 10_000;

  private final CountingInput in;
  private final Map<String, byte[]> metadata;
  private final Schema writerSchema;
  private final ContainerCodec codec;
  private final byte[] sync;
  private final ResolvingDatumReader resolver;
  private final Deque<Object> pending = new ArrayDeque<>();
  private long blocks;
  private boolean ended;

  /**
   * Reads the header from {@code stream}.
   *
   * @param readerSchema the schema to read records as, or null for the writer's
   */
  public ContainerReader(InputStream stream, Schema readerSchema) throws IOException {
    this.in = new CountingInput(stream);
    byte[] magic = in.readFully(4, "magic");
    if (!Arrays.equals(magic, ContainerWriter.MAGIC)) {
      throw new MalformedDataException("not an Avro object container file (magic "
          + Bytes.toHex(magic) + ", expected 4f626a01)", 0);
    }
    this.metadata = readMetadata();
    byte[] schemaJson = metadata.get("avro.schema");
    if (schemaJson == null) {
      throw new MalformedDataException("header has no avro.schema", 4);
    }
    try {
      this.writerSchema = Schema.parse(new String(schemaJson, StandardCharsets.UTF_8));
    } catch (SchemaException e) {
      throw new IllegalArgumentException("the file's avro.schema is invalid: " + e.getMessage(), e);
    }
    byte[] codecName = metadata.get("avro.codec");
    this.codec = codecName == null ? ContainerCodec.NULL
        : ContainerCodec.fromHeader(new String(codecName, StandardCharsets.UTF_8));
    this.sync = in.readFully(ContainerWriter.SYNC_BYTES, "sync marker");
    this.resolver = readerSchema == null ? null
        : new ResolvingDatumReader(writerSchema, readerSchema);
  }

  public static ContainerReader open(Path file, Schema readerSchema) throws IOException {
    InputStream stream = new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
    try {
      return new ContainerReader(stream, readerSchema);
    } catch (IOException | RuntimeException e) {
      stream.close();
      throw e;
    }
  }

  public Schema writerSchema() {
    return writerSchema;
  }

  /** The schema records are read as: the reader's when given, else the writer's. */
  public Schema schema() {
    return resolver == null ? writerSchema : resolver.reader();
  }

  public ContainerCodec codec() {
    return codec;
  }

  public byte[] sync() {
    return sync.clone();
  }

  /** Header entries, in file order (values are raw bytes). */
  public Map<String, byte[]> metadata() {
    return Collections.unmodifiableMap(metadata);
  }

  /** Blocks read so far. */
  public long blocks() {
    return blocks;
  }

  public boolean hasNext() throws IOException {
    while (pending.isEmpty() && !ended) {
      readBlock();
    }
    return !pending.isEmpty();
  }

  public Object next() throws IOException {
    if (!hasNext()) {
      throw new NoSuchElementException("no more records");
    }
    return pending.poll();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private Map<String, byte[]> readMetadata() throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    while (true) {
      long start = in.offset();
      long count = in.readZigZagLong();
      if (count == 0) {
        return entries;
      }
      if (count < 0) {
        count = -count;
        in.readZigZagLong();
      }
      if (count > MAX_METADATA_ENTRIES - entries.size()) {
        throw new MalformedDataException("header declares " + count + " metadata entries", start);
      }
      for (long i = 0; i < count; i++) {
        byte[] key = in.readFully(in.readLength("metadata key", 4096), "metadata key");
        byte[] value = in.readFully(in.readLength("metadata value", MAX_METADATA_BYTES),
            "metadata value");
        entries.put(new String(key, StandardCharsets.UTF_8), value);
      }
    }
  }

  private void readBlock() throws IOException {
    long start = in.offset();
    int first = in.read();
    if (first < 0) {
      ended = true;
      return;
    }
    long count = continueZigZag(first, start);
    if (count < 0) {
      throw new MalformedDataException("negative block count " + count, start);
    }
    int size = in.readLength("block", MAX_BLOCK_BYTES);
    byte[] data = in.readFully(size, "block");
    byte[] marker = in.readFully(ContainerWriter.SYNC_BYTES, "block sync marker");
    if (!Arrays.equals(marker, sync)) {
      throw new MalformedDataException("sync marker after block " + blocks
          + " does not match the header's (file damaged)", in.offset() - ContainerWriter.SYNC_BYTES);
    }
    byte[] plain;
    try {
      plain = codec.decompress(data, MAX_BLOCK_BYTES);
    } catch (IllegalArgumentException e) {
      throw new MalformedDataException("block " + blocks + ": " + e.getMessage(), start);
    }
    ByteSource source = new ByteSource(plain);
    if (count > plain.length && count > BinaryDatumReader.MAX_ZERO_BYTE_ITEMS) {
      throw new MalformedDataException("block count " + count + " cannot fit in "
          + plain.length + " bytes", start);
    }
    try {
      for (long i = 0; i < count; i++) {
        pending.add(resolver == null ? BinaryDatumReader.read(writerSchema, source)
            : resolver.read(source));
      }
    } catch (MalformedDataException e) {
      throw new MalformedDataException("in block " + blocks + " (starting at file offset " + start
          + "): " + e.getMessage(), start);
    }
    if (source.hasRemaining()) {
      throw new MalformedDataException("block " + blocks + " has " + source.remaining()
          + " bytes after its " + count + " records", start);
    }
    blocks++;
  }

  private long continueZigZag(int first, long start) throws IOException {
    long value = first & 0x7F;
    int b = first;
    for (int i = 1; (b & 0x80) != 0; i++) {
      if (i >= Varint.MAX_BYTES) {
        throw new MalformedDataException("varint longer than 10 bytes", start);
      }
      b = in.read();
      if (b < 0) {
        throw new MalformedDataException("truncated block count (file ends)", start);
      }
      value |= (long) (b & 0x7F) << (7 * i);
    }
    return Varint.zigZagDecode(value);
  }
}
