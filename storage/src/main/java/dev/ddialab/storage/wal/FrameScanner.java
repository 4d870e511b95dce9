package dev.ddialab.storage.wal;

import dev.ddialab.core.Bytes;
import dev.ddialab.core.Frame;
import dev.ddialab.core.Invariants;
import java.io.IOException;
import java.util.function.LongSupplier;

/**
 * Walks the frames of one segment from a start offset to an end offset, reading through a
 * buffer: {@value #BUFFER_BYTES} bytes normally, grown to hold one larger frame when needed
 * (never past the frame's declared size, which is checked against the maximum and the end first)
 * and shrunk back afterwards. Shared by cursors and recovery so that both classify damage the
 * same way. Not thread-safe.
 */
final class FrameScanner {
  static final int BUFFER_BYTES = 64 * 1024;

  /** Reads exactly {@code len} bytes of the file at {@code position}. */
  @FunctionalInterface
  interface Source {
    void readFully(long position, byte[] dst, int off, int len) throws IOException;
  }

  enum Step {
    /** A verified frame: see {@link #frameOffset()}, {@link #payload()}. */
    RECORD,
    /** The scan reached the end offset exactly, between frames. */
    END,
    /** The frame at {@link #frameOffset()} does not fit before the end offset. */
    TRUNCATED,
    /** The frame at {@link #frameOffset()} is damaged: see {@link #reason()}. */
    CORRUPT
  }

  private final Source source;
  private final LongSupplier endOffset;
  private final int maxPayloadBytes;
  private byte[] buffer = new byte[0];

  /** File offset of {@code buffer[0]}; {@code buffer[0, bufferedBytes)} mirrors the file. */
  private long bufferStart;

  private int bufferedBytes;
  private long nextOffset;
  private long frameOffset = -1;
  private long declaredFrameEnd = -1;
  private byte[] payload;
  private String reason;

  /**
   * @param endOffset read anew at every step, so a scan of the active segment sees frames
   *     published after it started; it must only grow, and every byte below it must be written
   */
  FrameScanner(Source source, long startOffset, LongSupplier endOffset, int maxPayloadBytes) {
    Invariants.require(
        startOffset >= SegmentHeader.BYTES, "start offset %d is inside the header", startOffset);
    Invariants.require(
        maxPayloadBytes >= 0 && maxPayloadBytes <= Frame.MAX_PAYLOAD_BYTES,
        "maxPayloadBytes %d outside 0..%d",
        maxPayloadBytes,
        Frame.MAX_PAYLOAD_BYTES);
    this.source = source;
    this.endOffset = endOffset;
    this.maxPayloadBytes = maxPayloadBytes;
    this.nextOffset = startOffset;
  }

  /** Examines the frame at {@link #nextOffset()}; advances past it only when it is a RECORD. */
  Step next() throws IOException {
    long end = endOffset.getAsLong();
    long at = nextOffset;
    Invariants.check(at <= end, "scan offset %d is past the end offset %d", at, end);
    frameOffset = at;
    payload = null;
    reason = null;
    declaredFrameEnd = -1;
    if (at == end) {
      return Step.END;
    }
    if (end - at < Frame.HEADER_BYTES) {
      reason =
          "a frame header needs " + Frame.HEADER_BYTES + " bytes, only " + (end - at) + " remain";
      return Step.TRUNCATED;
    }
    fill(at, Frame.HEADER_BYTES, end);
    int rel = (int) (at - bufferStart);
    long declaredLength = Integer.toUnsignedLong(Bytes.getInt(buffer, rel));
    declaredFrameEnd = at + Frame.HEADER_BYTES + declaredLength;
    if (declaredLength <= maxPayloadBytes && declaredFrameEnd > end) {
      reason =
          "the frame declares "
              + declaredLength
              + " payload bytes and would end at offset "
              + declaredFrameEnd
              + ", past the end at "
              + end;
      return Step.TRUNCATED;
    }
    int frameBytes =
        declaredLength <= maxPayloadBytes
            ? Frame.HEADER_BYTES + (int) declaredLength
            : Frame.HEADER_BYTES;
    fill(at, frameBytes, end);
    rel = (int) (at - bufferStart);
    return switch (Frame.decode(buffer, rel, rel + frameBytes, maxPayloadBytes)) {
      case Frame.Decoded.Ok ok -> {
        payload = ok.payload();
        nextOffset = declaredFrameEnd;
        yield Step.RECORD;
      }
      case Frame.Decoded.Corrupt corrupt -> {
        reason = corrupt.reason();
        yield Step.CORRUPT;
      }
      case Frame.Decoded.Truncated truncated ->
          throw new IllegalStateException(
              "frame at offset "
                  + at
                  + " decoded as truncated although all "
                  + frameBytes
                  + " bytes were read");
    };
  }

  /** Where the next scan step starts; after END, the valid end of the scanned range. */
  long nextOffset() {
    return nextOffset;
  }

  /** Start of the frame the last step examined. */
  long frameOffset() {
    return frameOffset;
  }

  /**
   * Where the last examined frame's header says it ends (possibly past the end offset, or
   * absurdly far for a damaged length); -1 when not even its header was there.
   */
  long declaredFrameEnd() {
    return declaredFrameEnd;
  }

  byte[] payload() {
    Invariants.check(payload != null, "no record: the last step was not RECORD");
    return payload;
  }

  String reason() {
    return reason;
  }

  /** Ensures {@code buffer} holds file bytes {@code [at, at+len)}; reads ahead to {@code end}. */
  private void fill(long at, int len, long end) throws IOException {
    if (at >= bufferStart && at + len <= bufferStart + bufferedBytes) {
      return;
    }
    if (buffer.length < len) {
      buffer = new byte[Math.max(len, BUFFER_BYTES)];
    } else if (buffer.length > BUFFER_BYTES && len <= BUFFER_BYTES) {
      buffer = new byte[BUFFER_BYTES];
    }
    int readBytes = (int) Math.min(buffer.length, end - at);
    Invariants.check(readBytes >= len, "range %d+%d runs past the end offset %d", at, len, end);
    bufferStart = at;
    bufferedBytes = 0;
    source.readFully(at, buffer, 0, readBytes);
    bufferedBytes = readBytes;
  }
}
