package dev.ddialab.encoding.registry;

import dev.ddialab.core.Bytes;
import dev.ddialab.core.Frame;
import dev.ddialab.core.MalformedDataException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The registry's durable storage: one append-only file, {@code DIR/schemas.log}, of
 * {@link RegistryEvent}s, each in a CRC32C {@link Frame}, after an 8-byte header (magic and format
 * version; docs/format.md). {@link #append} returns only after the event is on disk (fsync), so
 * an acknowledged registration survives a crash. On open, a torn frame at the end (a crash
 * mid-append) is cut off; damage anywhere else is an error naming the file and offset. An OS lock
 * keeps a second registry process out. Thread-safe (appends are serialised).
 */
final class RegistryLog implements AutoCloseable {
  static final String FILE_NAME = "schemas.log";
  /** "DDSR": DDIA Lab schema registry. Frozen: it is on disk. */
  static final byte[] MAGIC = {'D', 'D', 'S', 'R'};
  static final int VERSION = 1;
  static final int HEADER_BYTES = 8;
  /** Largest event accepted: a schema of up to 1 MiB, with room for the subject. */
  static final int MAX_EVENT_BYTES = 2 << 20;
  private static final long MAX_FILE_BYTES = 1L << 30;

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;

  private RegistryLog(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /** Opens (creating if needed) the log in {@code dir}; {@code replay} receives every event. */
  static RegistryLog open(Path dir, java.util.function.Consumer<RegistryEvent> replay)
      throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve(FILE_NAME);
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
        StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        throw new IOException("schema registry data " + file + " is in use by another process");
      }
      RegistryLog log = new RegistryLog(file, channel, lock);
      for (RegistryEvent event : log.recover()) {
        replay.accept(event);
      }
      return log;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  private List<RegistryEvent> recover() throws IOException {
    long size = channel.size();
    if (size > MAX_FILE_BYTES) {
      throw new IOException(file + " is " + size + " bytes, more than the " + MAX_FILE_BYTES
          + " a registry log may hold");
    }
    if (size == 0) {
      byte[] header = new byte[HEADER_BYTES];
      System.arraycopy(MAGIC, 0, header, 0, 4);
      Bytes.putShort(header, 4, VERSION);
      write(header);
      sync();
      syncDirectory(file.getParent());
      return List.of();
    }
    byte[] content = new byte[(int) size];
    ByteBuffer buffer = ByteBuffer.wrap(content);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, buffer.position()) < 0) {
        break;
      }
    }
    if (size < HEADER_BYTES || !Arrays.equals(Arrays.copyOf(content, 4), MAGIC)) {
      throw new MalformedDataException(file + ": not a schema registry log (bad magic)", 0);
    }
    int version = Bytes.getShort(content, 4);
    if (version != VERSION) {
      throw new MalformedDataException(file + ": unsupported format version " + version, 4);
    }
    List<RegistryEvent> events = new ArrayList<>();
    int offset = HEADER_BYTES;
    while (offset < content.length) {
      Frame.Decoded decoded = Frame.decode(content, offset, content.length, MAX_EVENT_BYTES);
      switch (decoded) {
        case Frame.Decoded.Ok ok -> {
          try {
            events.add(RegistryEvent.decode(ok.payload()));
          } catch (MalformedDataException e) {
            throw new MalformedDataException(file + ": event at offset " + offset
                + " does not decode: " + e.getMessage(), offset);
          }
          offset = ok.nextOffset();
        }
        case Frame.Decoded.Truncated torn -> {
          channel.truncate(torn.offset());
          channel.force(true);
          return events;
        }
        case Frame.Decoded.Corrupt corrupt -> throw new MalformedDataException(file + ": "
            + corrupt.reason(), corrupt.offset());
      }
    }
    return events;
  }

  /** Makes a new file's directory entry durable, so that the file itself survives a crash. */
  private static void syncDirectory(Path dir) throws IOException {
    try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
      directory.force(true);
    } catch (IOException e) {
      // Windows cannot open a directory as a channel (NTFS journals the new entry itself).
      if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win")) {
        throw e;
      }
    }
  }

  /** Appends {@code event} and forces it to disk before returning. */
  synchronized void append(RegistryEvent event) throws IOException {
    byte[] payload = event.encode();
    if (payload.length > MAX_EVENT_BYTES) {
      throw new IllegalArgumentException("registry event of " + payload.length
          + " bytes exceeds " + MAX_EVENT_BYTES);
    }
    long end = channel.size();
    try {
      write(Frame.encode(payload));
      sync();
    } catch (IOException e) {
      // Cut a partial frame off now, so that later appends never follow garbage.
      channel.truncate(end);
      throw e;
    }
  }

  private void write(byte[] bytes) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    long position = channel.size();
    while (buffer.hasRemaining()) {
      position += channel.write(buffer, position);
    }
  }

  private void sync() throws IOException {
    channel.force(false);
  }

  Path file() {
    return file;
  }

  @Override
  public synchronized void close() throws IOException {
    try {
      if (lock.isValid()) {
        lock.release();
      }
    } finally {
      channel.close();
    }
  }
}
