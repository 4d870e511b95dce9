package dev.ddialab.cluster.net;

import dev.ddialab.cluster.DurableStore;
import dev.ddialab.core.Frame;
import dev.ddialab.core.Invariants;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A node's {@link DurableStore} on a real disk: an append-only log ({@code store.log}) of framed
 * records ({@link Frame}: length, masked CRC32C), replayed into memory on open. {@link #sync}
 * forces the file, so what it covers survives {@code kill -9}. A torn record at the tail (a crash
 * mid-append) is truncated on open; a damaged record before the tail is an error naming the file
 * and offset. The first record is a header (magic and version); the rest are
 * {@code [op: 1 byte, 1 put / 2 remove][key length: 2 bytes][key UTF-8][value]}. Byte layout in
 * {@code cluster/docs/format.md}. The log is not compacted: it is meant for protocol metadata of
 * modest size. Not thread-safe (one node, one event loop).
 */
public final class FileDurableStore implements DurableStore, AutoCloseable {
  /** Frozen: the header payload is these four bytes ("DDNS") and the version byte. */
  private static final byte[] MAGIC = {'D', 'D', 'N', 'S'};
  private static final byte VERSION = 1;
  private static final byte PUT = 1;
  private static final byte REMOVE = 2;
  private static final int RECORD_BYTES_MAX = 16 << 20;

  private final Path file;
  private final FileChannel channel;
  private final TreeMap<String, byte[]> data = new TreeMap<>();

  public FileDurableStore(Path dir) throws IOException {
    Files.createDirectories(dir);
    this.file = dir.resolve("store.log");
    this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    recover();
  }

  private void recover() throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    int offset = 0;
    boolean header = true;
    while (offset < bytes.length) {
      Frame.Decoded decoded = Frame.decode(bytes, offset, bytes.length, RECORD_BYTES_MAX);
      switch (decoded) {
        case Frame.Decoded.Ok ok -> {
          if (header) {
            checkHeader(ok.payload());
            header = false;
          } else {
            apply(ok.payload(), offset);
          }
          offset = ok.nextOffset();
        }
        case Frame.Decoded.Truncated t -> {
          channel.truncate(offset);
          channel.force(true);
          bytes = java.util.Arrays.copyOf(bytes, offset);
        }
        case Frame.Decoded.Corrupt c -> throw new IOException(file + ": corrupt record at offset "
            + c.offset() + ": " + c.reason());
      }
    }
    channel.position(offset);
    if (header) {
      byte[] payload = java.util.Arrays.copyOf(MAGIC, MAGIC.length + 1);
      payload[MAGIC.length] = VERSION;
      channel.write(ByteBuffer.wrap(Frame.encode(payload)));
      channel.force(true);
    }
  }

  private void checkHeader(byte[] payload) throws IOException {
    if (payload.length != MAGIC.length + 1
        || !java.util.Arrays.equals(payload, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new IOException(file + ": not a node store (bad magic at offset 0)");
    }
    if (payload[MAGIC.length] != VERSION) {
      throw new IOException(file + ": unsupported node store version " + payload[MAGIC.length]
          + " (this build reads version " + VERSION + ")");
    }
  }

  private void apply(byte[] payload, int offset) throws IOException {
    if (payload.length < 3 || (payload[0] != PUT && payload[0] != REMOVE)) {
      throw new IOException(file + ": malformed record at offset " + offset);
    }
    int keyLength = ((payload[1] & 0xff) << 8) | (payload[2] & 0xff);
    if (3 + keyLength > payload.length) {
      throw new IOException(file + ": key overruns record at offset " + offset);
    }
    String key = new String(payload, 3, keyLength, StandardCharsets.UTF_8);
    if (payload[0] == PUT) {
      data.put(key, java.util.Arrays.copyOfRange(payload, 3 + keyLength, payload.length));
    } else {
      data.remove(key);
    }
  }

  @Override
  public Optional<byte[]> get(String key) {
    byte[] value = data.get(key);
    return value == null ? Optional.empty() : Optional.of(value.clone());
  }

  @Override
  public void put(String key, byte[] value) {
    append(PUT, key, value);
    data.put(key, value.clone());
  }

  @Override
  public void remove(String key) {
    append(REMOVE, key, new byte[0]);
    data.remove(key);
  }

  @Override
  public SortedSet<String> keys() {
    return Collections.unmodifiableSortedSet(new TreeSet<>(data.keySet()));
  }

  @Override
  public void sync() {
    try {
      channel.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("sync of " + file + " failed", e);
    }
  }

  private void append(byte op, String key, byte[] value) {
    byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
    Invariants.require(keyBytes.length <= 0xffff, "key longer than 65535 bytes");
    byte[] payload = new byte[3 + keyBytes.length + value.length];
    payload[0] = op;
    payload[1] = (byte) (keyBytes.length >>> 8);
    payload[2] = (byte) keyBytes.length;
    System.arraycopy(keyBytes, 0, payload, 3, keyBytes.length);
    System.arraycopy(value, 0, payload, 3 + keyBytes.length, value.length);
    Invariants.require(payload.length <= RECORD_BYTES_MAX, "record of %d bytes too large",
        payload.length);
    try {
      ByteBuffer frame = ByteBuffer.wrap(Frame.encode(payload));
      while (frame.hasRemaining()) {
        channel.write(frame);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("write to " + file + " failed", e);
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
