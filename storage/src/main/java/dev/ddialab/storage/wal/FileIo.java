package dev.ddialab.storage.wal;

import dev.ddialab.storage.Directories;
import dev.ddialab.core.Invariants;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Positional I/O loops and durable directory creation shared by the segment reader and writer. Stateless. */
final class FileIo {
  private static final int ZERO_SCAN_CHUNK_BYTES = 64 * 1024;

  private FileIo() {}

  /**
   * Creates {@code dir} and any missing ancestors, fsyncing each parent that gained an entry, so
   * that a directory holding forced segments cannot vanish in a crash.
   */
  static void createDirectoriesDurably(Path dir) throws IOException {
    Path absolute = dir.toAbsolutePath();
    if (Files.isDirectory(absolute)) {
      return;
    }
    Path existing = absolute;
    // Bounded by the path's depth.
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    Files.createDirectories(absolute);
    for (Path created = absolute;
        created != null && !created.equals(existing);
        created = created.getParent()) {
      Directories.force(created.getParent());
    }
  }

  /** Closes {@code channel} after {@code primary} was thrown, attaching any close failure to it. */
  static void closeAfterFailure(FileChannel channel, Exception primary) {
    try {
      channel.close();
    } catch (IOException suppressed) {
      primary.addSuppressed(suppressed);
    }
  }

  /** Reads exactly {@code len} bytes at {@code position}; EOF before that is an error. */
  static void readFully(FileChannel channel, Path file, long position, byte[] dst, int off, int len)
      throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(dst, off, len);
    long at = position;
    // Bounded: every pass reads at least one byte or throws.
    while (buffer.hasRemaining()) {
      int read = channel.read(buffer, at);
      if (read < 0) {
        throw new EOFException(
            "unexpected end of "
                + file
                + " at offset "
                + at
                + " while reading "
                + len
                + " bytes from offset "
                + position);
      }
      at += read;
    }
  }

  /** Writes all of {@code src} at {@code position}. */
  static void writeFully(FileChannel channel, Path file, long position, byte[] src)
      throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(src);
    long at = position;
    // Bounded: every pass writes at least one byte or throws.
    while (buffer.hasRemaining()) {
      int written = channel.write(buffer, at);
      if (written <= 0) {
        throw new IOException("write to " + file + " at offset " + at + " made no progress");
      }
      at += written;
    }
    Invariants.check(
        at == position + src.length, "wrote to %d, expected %d", at, position + src.length);
  }

  /** True when every byte of {@code [from, to)} is zero; reads in bounded chunks. */
  static boolean allZero(FileChannel channel, Path file, long from, long to) throws IOException {
    Invariants.require(from <= to, "range %d..%d is reversed", from, to);
    byte[] chunk = new byte[(int) Math.min(ZERO_SCAN_CHUNK_BYTES, to - from)];
    for (long at = from; at < to; ) {
      int len = (int) Math.min(chunk.length, to - at);
      readFully(channel, file, at, chunk, 0, len);
      for (int i = 0; i < len; i++) {
        if (chunk[i] != 0) {
          return false;
        }
      }
      at += len;
    }
    return true;
  }
}
