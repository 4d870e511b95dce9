package dev.ddialab.storage.lsm.sstable;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An SSTable holds bytes its writer did not write: a block whose checksum fails, a footer with a
 * bad magic number, a length that runs past its block. Raised instead of returning data; the
 * message names the file and the byte offset of the damaged block or field, so a person can look
 * ({@code xxd -s OFFSET FILE}).
 */
public final class CorruptTableException extends IOException {
  private final Path file;
  private final long offset;

  public CorruptTableException(Path file, long offset, String reason) {
    super("corrupt sstable " + file + " at offset " + offset + ": " + reason);
    this.file = file;
    this.offset = offset;
  }

  public CorruptTableException(Path file, long offset, String reason, Throwable cause) {
    this(file, offset, reason);
    initCause(cause);
  }

  public Path file() {
    return file;
  }

  public long offset() {
    return offset;
  }
}
