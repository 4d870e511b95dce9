package dev.ddialab.storage.wal;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A segment file holds bytes that are not what this package wrote: a checksum mismatch, a frame
 * running past the valid end, a bad header. Raised instead of returning data, because wrong data
 * is worse than none (DESIGN.md, durability rules). Never raised for a torn tail of the last
 * segment, which recovery cuts off. The message names the file and the byte offset so that a
 * person can inspect it ({@code xxd -s OFFSET FILE}).
 */
public class CorruptLogException extends IOException {
  private final Path file;
  private final long offset;

  /** A damaged record frame; {@code offset} is where the frame starts. */
  public CorruptLogException(Path file, long offset, String reason) {
    this("record", file, offset, reason);
  }

  private CorruptLogException(String what, Path file, long offset, String reason) {
    super("corrupt " + what + " in " + file + " at offset " + offset + ": " + reason);
    this.file = file;
    this.offset = offset;
  }

  /** A damaged or foreign segment header; {@code offset} is the header's, 0. */
  public static CorruptLogException badHeader(Path file, long offset, String reason) {
    return new CorruptLogException("segment header", file, offset, reason);
  }

  public Path file() {
    return file;
  }

  public long offset() {
    return offset;
  }
}
