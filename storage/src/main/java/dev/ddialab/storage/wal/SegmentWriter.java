package dev.ddialab.storage.wal;

import dev.ddialab.storage.Directories;
import dev.ddialab.core.Frame;
import dev.ddialab.core.Invariants;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Appends {@link Frame frames} to one segment file (layout: {@link SegmentHeader}, then frames
 * back to back). An append is durable only after a {@link #sync()} that began after it returned.
 *
 * <p>Failure: after any I/O error (a failed write, a failed fsync) the writer refuses further
 * appends and syncs. A failed fsync may have dropped dirty pages and marked them clean, so a retry
 * could report success for data that is gone; the only safe continuation is to reopen and recover.
 *
 * <p>Thread-safety: {@link #append}, {@link #sizeBytes} and {@link #close} must be serialised by
 * the caller ({@link RecordLog} holds its append lock). {@link #sync} may run concurrently with
 * them from other threads; it makes durable every append that returned before it began. Do not
 * interrupt a thread inside this class: a {@link FileChannel} closes itself on interrupt.
 */
public final class SegmentWriter implements Closeable {
  private final Path file;
  private final long segmentId;
  private final FileChannel channel;

  /** Where the next frame goes; written only by the appending thread, read by syncing threads. */
  private volatile long endOffset;

  /** Every byte below this is durable. */
  private final AtomicLong syncedOffset;

  private volatile boolean failed;
  private volatile boolean closed;

  private SegmentWriter(
      Path file, long segmentId, FileChannel channel, long endOffset, long syncedOffset) {
    this.file = file;
    this.segmentId = segmentId;
    this.channel = channel;
    this.endOffset = endOffset;
    this.syncedOffset = new AtomicLong(syncedOffset);
  }

  /**
   * Creates the segment: writes its header, forces the file, then fsyncs the parent directory so
   * the file's name survives a crash too. An existing empty file (left by a crash during an
   * earlier create and emptied by recovery) is reused; a non-empty one is never overwritten.
   */
  public static SegmentWriter create(Path file, long segmentId) throws IOException {
    byte[] header = SegmentHeader.encode(segmentId);
    FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    try {
      long existingBytes = channel.size();
      if (existingBytes != 0) {
        throw new FileAlreadyExistsException(
            file.toString(), null, "segment file exists and holds " + existingBytes + " bytes");
      }
      FileIo.writeFully(channel, file, 0, header);
      channel.force(true);
      Directories.force(parentOf(file));
    } catch (IOException | RuntimeException e) {
      FileIo.closeAfterFailure(channel, e);
      throw e;
    }
    return new SegmentWriter(file, segmentId, channel, header.length, header.length);
  }

  /**
   * Continues appending to a segment that {@link SegmentReader#recover} checked and cut to
   * {@code validEndOffset}. REQUIRES: the file is exactly {@code validEndOffset} bytes long; a
   * longer file means recovery did not run, and appending there would bury unchecked bytes.
   */
  public static SegmentWriter reopen(Path file, long segmentId, long validEndOffset)
      throws IOException {
    Invariants.require(
        validEndOffset >= SegmentHeader.BYTES && validEndOffset <= LogPosition.MAX_OFFSET + 1,
        "valid end offset %d outside %d..%d",
        validEndOffset,
        SegmentHeader.BYTES,
        LogPosition.MAX_OFFSET + 1);
    LogPosition.requireSegmentId(segmentId);
    FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
    try {
      long sizeBytes = channel.size();
      if (sizeBytes != validEndOffset) {
        throw new IOException(
            "cannot reopen "
                + file
                + " for appending at offset "
                + validEndOffset
                + ": the file is "
                + sizeBytes
                + " bytes; recover it first");
      }
    } catch (IOException | RuntimeException e) {
      FileIo.closeAfterFailure(channel, e);
      throw e;
    }
    // Recovery forced the valid prefix, so all of it counts as synced.
    return new SegmentWriter(file, segmentId, channel, validEndOffset, validEndOffset);
  }

  public long segmentId() {
    return segmentId;
  }

  public Path file() {
    return file;
  }

  /** Frames {@code payload} and appends it; returns the frame's offset in the file. */
  public long append(byte[] payload) throws IOException {
    return append(payload, 0, payload.length);
  }

  /** Frames {@code payload[off, off+len)} and appends it; returns the frame's offset. */
  public long append(byte[] payload, int off, int len) throws IOException {
    byte[] frame = new byte[Frame.encodedSize(len)];
    Frame.encode(payload, off, len, frame, 0);
    return appendFrame(frame);
  }

  /**
   * Appends an already encoded frame (so that {@link RecordLog} can checksum outside its lock).
   * REQUIRES: {@code frame} is exactly one frame produced by {@link Frame#encode}.
   */
  long appendFrame(byte[] frame) throws IOException {
    ensureWritable();
    Invariants.require(
        frame.length >= Frame.HEADER_BYTES, "a frame of %d bytes is too short", frame.length);
    long offset = endOffset;
    Invariants.require(
        offset <= LogPosition.MAX_OFFSET,
        "segment %s is full: offset %d is not addressable by a log position",
        file,
        offset);
    try {
      FileIo.writeFully(channel, file, offset, frame);
    } catch (IOException | RuntimeException e) {
      failed = true;
      throw e;
    }
    endOffset = offset + frame.length;
    return offset;
  }

  /** Bytes in the file: header plus every frame appended, synced or not. */
  public long sizeBytes() {
    return endOffset;
  }

  /**
   * Forces every append that returned before this call to disk ({@code fdatasync}: data plus the
   * file size, which appending changes; not the modification time, which recovery does not need).
   */
  public void sync() throws IOException {
    ensureWritable();
    long target = endOffset;
    try {
      channel.force(false);
    } catch (IOException | RuntimeException e) {
      failed = true;
      throw e;
    }
    syncedOffset.accumulateAndGet(target, Math::max);
  }

  /** Syncs appends not yet synced (unless the writer failed), then closes. Idempotent. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (!failed && syncedOffset.get() < endOffset) {
        channel.force(false);
        syncedOffset.accumulateAndGet(endOffset, Math::max);
      }
    } finally {
      channel.close();
    }
  }

  private void ensureWritable() throws IOException {
    if (closed) {
      throw new IllegalStateException("segment writer is closed: " + file);
    }
    if (failed) {
      throw new IOException(
          "segment writer for " + file + " failed earlier; reopen the log to recover");
    }
  }

  private static Path parentOf(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    Invariants.require(parent != null, "segment file %s has no parent directory", file);
    return parent;
  }
}
