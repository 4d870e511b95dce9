package dev.ddialab.storage.wal;

import dev.ddialab.core.Bytes;
import dev.ddialab.core.Frame;
import dev.ddialab.core.Invariants;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.LongSupplier;

/**
 * Reads one segment file: a record at an offset ({@link #read}), records in order
 * ({@link #cursor}), and the crash recovery scan ({@link #recover}). Every frame is checked
 * (length against the maximum and the end, then CRC32C) before its payload is returned.
 *
 * <p>Thread-safety: {@link #read} and {@link #cursor} may be called from many threads at once and
 * while a {@link SegmentWriter} appends to the same file; they use positional reads only. A
 * thread interrupted during a read closes the channel (a {@link FileChannel} rule); the next read
 * reopens it, so one interrupt does not break the reader for everybody.
 */
public final class SegmentReader implements Closeable {
  /** Bytes fetched by the first read of {@link #read}: most records fit, saving a second read. */
  private static final int FIRST_READ_BYTES = 512;

  private final Path file;
  private final long segmentId;
  private final int maxPayloadBytes;
  private final Object reopenLock = new Object();
  private volatile FileChannel channel;
  private volatile boolean closed;

  private SegmentReader(Path file, long segmentId, int maxPayloadBytes, FileChannel channel) {
    this.file = file;
    this.segmentId = segmentId;
    this.maxPayloadBytes = maxPayloadBytes;
    this.channel = channel;
  }

  /** Opens and validates the header; frames up to {@link Frame#MAX_PAYLOAD_BYTES} are accepted. */
  public static SegmentReader open(Path file) throws IOException {
    return open(file, Frame.MAX_PAYLOAD_BYTES);
  }

  /**
   * Opens and validates the header (magic, version, reserved, id range). A file shorter than the
   * header, or with a bad one, is {@link CorruptLogException} at offset 0 with the reason.
   *
   * @param maxPayloadBytes a frame declaring more is corrupt (bounds what a damaged length can make
   *     us allocate)
   */
  public static SegmentReader open(Path file, int maxPayloadBytes) throws IOException {
    Invariants.require(
        maxPayloadBytes >= 0 && maxPayloadBytes <= Frame.MAX_PAYLOAD_BYTES,
        "maxPayloadBytes %d outside 0..%d",
        maxPayloadBytes,
        Frame.MAX_PAYLOAD_BYTES);
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    try {
      long segmentId = readHeader(channel, file);
      return new SegmentReader(file, segmentId, maxPayloadBytes, channel);
    } catch (IOException | RuntimeException e) {
      FileIo.closeAfterFailure(channel, e);
      throw e;
    }
  }

  public long segmentId() {
    return segmentId;
  }

  public Path file() {
    return file;
  }

  /** The file's current size in bytes. */
  public long sizeBytes() throws IOException {
    return channel().size();
  }

  /**
   * The payload of the frame at {@code offset}. REQUIRES: {@code offset} is a frame start below
   * the file's size (an offset that {@link SegmentWriter#append} returned). A frame that is
   * damaged, or that runs past the end of the file, is {@link CorruptLogException}.
   */
  public byte[] read(long offset) throws IOException {
    return read(offset, sizeBytes());
  }

  /** As {@link #read(long)}, with the frame required to end at or before {@code endOffset}. */
  byte[] read(long offset, long endOffset) throws IOException {
    Invariants.require(
        offset >= SegmentHeader.BYTES && offset < endOffset,
        "no record at offset %d of %s: records lie in %d..%d",
        offset,
        file,
        SegmentHeader.BYTES,
        endOffset);
    long available = endOffset - offset;
    if (available < Frame.HEADER_BYTES) {
      throw new CorruptLogException(
          file,
          offset,
          "a frame header needs " + Frame.HEADER_BYTES + " bytes, only " + available + " remain");
    }
    byte[] first = new byte[(int) Math.min(FIRST_READ_BYTES, available)];
    readFully(offset, first, 0, first.length);
    long declaredLength = Integer.toUnsignedLong(Bytes.getInt(first, 0));
    if (declaredLength > maxPayloadBytes) {
      throw new CorruptLogException(
          file,
          offset,
          "declared payload length " + declaredLength + " exceeds maximum " + maxPayloadBytes);
    }
    long frameEnd = offset + Frame.HEADER_BYTES + declaredLength;
    if (frameEnd > endOffset) {
      throw new CorruptLogException(
          file,
          offset,
          "the frame declares "
              + declaredLength
              + " payload bytes and would end at offset "
              + frameEnd
              + ", past the end at "
              + endOffset);
    }
    int frameBytes = Frame.HEADER_BYTES + (int) declaredLength;
    byte[] frame = first;
    if (frameBytes > first.length) {
      frame = new byte[frameBytes];
      System.arraycopy(first, 0, frame, 0, first.length);
      readFully(offset + first.length, frame, first.length, frameBytes - first.length);
    }
    return switch (Frame.decode(frame, 0, frameBytes, maxPayloadBytes)) {
      case Frame.Decoded.Ok ok -> ok.payload();
      case Frame.Decoded.Corrupt corrupt ->
          throw new CorruptLogException(file, offset, corrupt.reason());
      case Frame.Decoded.Truncated truncated ->
          throw new IllegalStateException(
              "frame at " + offset + " of " + file + " decoded as truncated after a full read");
    };
  }

  /**
   * Iterates from the frame at {@code fromOffset} (or the first frame, for an offset inside the
   * header) to the end of the file as it is now. Damage, including a frame cut short by the end of
   * the file, is {@link CorruptLogException}: run {@link #recover} on a possibly torn file first.
   */
  public Cursor cursor(long fromOffset) throws IOException {
    long endOffset = sizeBytes();
    return cursor(fromOffset, () -> endOffset);
  }

  /**
   * As {@link #cursor(long)}, ending at {@code endOffset}, which is read anew at each step (the
   * published end of an active segment). REQUIRES: every byte below it is written.
   */
  Cursor cursor(long fromOffset, LongSupplier endOffset) {
    Invariants.require(fromOffset >= 0, "negative offset %d", fromOffset);
    long start = Math.max(fromOffset, SegmentHeader.BYTES);
    FrameScanner scanner = new FrameScanner(this::readFully, start, endOffset, maxPayloadBytes);
    return new SegmentCursor(scanner);
  }

  /**
   * Scans the whole file and returns where its valid records end.
   *
   * <p>For the last segment of a log ({@code lastSegment}) a torn tail, the partial write of a
   * crash, is cut off ({@link FileChannel#truncate} and force) and reported in
   * {@link RecoveredSegment#droppedBytes()}. The first damaged frame at offset {@code p} starts a
   * torn tail when it runs past the end of the file, or when its checksum fails and every byte
   * after its declared end is zero (a zero-filled or preallocated tail). Anything else is
   * corruption: a bad frame followed by non-zero bytes, any damage in a non-last segment, a bad
   * header on a file with content; {@link CorruptLogException} names the frame's offset.
   *
   * <p>A last segment shorter than the header, or all zero bytes, is the trace of a crash inside
   * {@link SegmentWriter#create} and is emptied ({@link RecoveredSegment#headerMissing()}).
   *
   * <p>For the last segment the valid prefix is forced before returning, so records that
   * survived a process crash only in the page cache are durable before anybody reads them.
   * Frames may be up to {@link Frame#MAX_PAYLOAD_BYTES} long here, so that lowering a configured
   * maximum never makes recovery cut valid records.
   */
  public static RecoveredSegment recover(Path file, boolean lastSegment) throws IOException {
    StandardOpenOption[] options =
        lastSegment
            ? new StandardOpenOption[] {StandardOpenOption.READ, StandardOpenOption.WRITE}
            : new StandardOpenOption[] {StandardOpenOption.READ};
    try (FileChannel channel = FileChannel.open(file, options)) {
      long sizeBytes = channel.size();
      if (lastSegment && holdsNoHeader(channel, file, sizeBytes)) {
        cut(channel, 0);
        return new RecoveredSegment(file, 0, 0, 0, sizeBytes);
      }
      long segmentId = readHeader(channel, file);
      FrameScanner scanner =
          new FrameScanner(
              (position, dst, off, len) -> FileIo.readFully(channel, file, position, dst, off, len),
              SegmentHeader.BYTES,
              () -> sizeBytes,
              Frame.MAX_PAYLOAD_BYTES);
      long records = 0;
      // Bounded: each RECORD step advances by at least one frame header within sizeBytes.
      while (true) {
        FrameScanner.Step step = scanner.next();
        switch (step) {
          case RECORD -> records++;
          case END -> {
            if (lastSegment) {
              channel.force(true);
            }
            return new RecoveredSegment(file, segmentId, sizeBytes, records, 0);
          }
          case TRUNCATED, CORRUPT -> {
            long damagedAt = scanner.frameOffset();
            if (!lastSegment) {
              throw new CorruptLogException(
                  file,
                  damagedAt,
                  scanner.reason() + " (not the last segment, so not a torn tail)");
            }
            if (step == FrameScanner.Step.CORRUPT
                && !tornAfterChecksumFailure(channel, file, scanner, sizeBytes)) {
              throw new CorruptLogException(
                  file,
                  damagedAt,
                  scanner.reason()
                      + "; non-zero bytes follow the frame, so this is not a torn tail");
            }
            if (validFrameFollows(channel, damagedAt, sizeBytes)) {
              throw new CorruptLogException(
                  file,
                  damagedAt,
                  scanner.reason()
                      + "; intact records follow it, so this is damage, not a torn tail");
            }
            cut(channel, damagedAt);
            return new RecoveredSegment(file, segmentId, damagedAt, records, sizeBytes - damagedAt);
          }
        }
      }
    }
  }

  /** Releases the file. Reads in flight fail with {@link ClosedChannelException}. Idempotent. */
  @Override
  public void close() throws IOException {
    synchronized (reopenLock) {
      closed = true;
      channel.close();
    }
  }

  /** Positional read that survives another thread's interrupt having closed the channel. */
  void readFully(long position, byte[] dst, int off, int len) throws IOException {
    try {
      FileIo.readFully(channel(), file, position, dst, off, len);
    } catch (ClosedByInterruptException e) {
      throw e;
    } catch (ClosedChannelException e) {
      // Another thread was interrupted mid-read and took the channel down (or did so earlier):
      // retry once on a fresh channel; channel() refuses if this reader was closed.
      FileIo.readFully(channel(), file, position, dst, off, len);
    }
  }

  private FileChannel channel() throws IOException {
    FileChannel current = channel;
    if (current.isOpen()) {
      return current;
    }
    synchronized (reopenLock) {
      if (closed) {
        throw new ClosedChannelException();
      }
      if (!channel.isOpen()) {
        channel = FileChannel.open(file, StandardOpenOption.READ);
      }
      return channel;
    }
  }

  private static long readHeader(FileChannel channel, Path file) throws IOException {
    long sizeBytes = channel.size();
    if (sizeBytes < SegmentHeader.BYTES) {
      throw CorruptLogException.badHeader(
          file,
          0,
          "the file is "
              + sizeBytes
              + " bytes, shorter than the "
              + SegmentHeader.BYTES
              + "-byte segment header");
    }
    byte[] header = new byte[SegmentHeader.BYTES];
    FileIo.readFully(channel, file, 0, header, 0, header.length);
    return SegmentHeader.decode(header, file);
  }

  /** A crash inside create leaves fewer bytes than a header, or (on some file systems) zeros. */
  private static boolean holdsNoHeader(FileChannel channel, Path file, long sizeBytes)
      throws IOException {
    return sizeBytes < SegmentHeader.BYTES || FileIo.allZero(channel, file, 0, sizeBytes);
  }

  private static boolean tornAfterChecksumFailure(
      FileChannel channel, Path file, FrameScanner scanner, long sizeBytes) throws IOException {
    long frameEnd = scanner.declaredFrameEnd();
    return frameEnd >= sizeBytes || FileIo.allZero(channel, file, frameEnd, sizeBytes);
  }

  /**
   * Whether a complete frame with a valid checksum starts anywhere after {@code damagedAt}. A
   * crash tears only the end of what was being written, so nothing intact can follow a torn tail;
   * an intact frame after the damage means the damage is in the middle (a flipped length field
   * can make a frame seem to run past the end), and cutting there would drop acknowledged
   * records. The scan maps the rest of the file and stops at the first frame it finds, which for
   * real mid-file damage is at most one record away.
   */
  private static boolean validFrameFollows(FileChannel channel, long damagedAt, long sizeBytes)
      throws IOException {
    long regionBytes = Math.min(sizeBytes - damagedAt, Integer.MAX_VALUE);
    if (regionBytes <= Frame.HEADER_BYTES) {
      return false;
    }
    java.nio.MappedByteBuffer rest =
        channel.map(FileChannel.MapMode.READ_ONLY, damagedAt, regionBytes);
    int limit = rest.limit();
    for (int at = 1; at + Frame.HEADER_BYTES <= limit; at++) {
      long length = Integer.toUnsignedLong(rest.getInt(at));
      if (length > limit - at - Frame.HEADER_BYTES) {
        continue;
      }
      int stored = rest.getInt(at + 4);
      int computed = dev.ddialab.core.Crc32c.mask(
          dev.ddialab.core.Crc32c.of(rest.slice(at + Frame.HEADER_BYTES, (int) length)));
      if (computed == stored) {
        return true;
      }
    }
    return false;
  }

  /** Truncates and forces with metadata: the new size must be durable before appends reuse it. */
  private static void cut(FileChannel channel, long validEndOffset) throws IOException {
    channel.truncate(validEndOffset);
    channel.force(true);
  }

  private final class SegmentCursor implements Cursor {
    private final FrameScanner scanner;
    private long position = -1;
    private byte[] payload;
    private boolean closed;

    SegmentCursor(FrameScanner scanner) {
      this.scanner = scanner;
    }

    @Override
    public boolean next() throws IOException {
      Invariants.require(!closed, "cursor over %s is closed", file);
      position = -1;
      payload = null;
      return switch (scanner.next()) {
        case RECORD -> {
          position = LogPosition.pack(segmentId, scanner.frameOffset());
          payload = scanner.payload();
          yield true;
        }
        case END -> false;
        case TRUNCATED, CORRUPT ->
            throw new CorruptLogException(file, scanner.frameOffset(), scanner.reason());
      };
    }

    @Override
    public long position() {
      Invariants.require(position >= 0, "no current record: next() did not return true");
      return position;
    }

    @Override
    public byte[] payload() {
      Invariants.require(payload != null, "no current record: next() did not return true");
      return payload;
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
