package dev.ddialab.storage.wal;

import java.nio.file.Path;

/**
 * What {@link SegmentReader#recover} found in one segment file.
 *
 * @param segmentId the id in the header; 0 when the file held no header (see {@link
 *     #headerMissing()})
 * @param validEndOffset where appending may continue: the end of the last valid frame, or 0 when
 *     the file held no header and was emptied
 * @param records valid frames found
 * @param droppedBytes bytes of torn tail (or of a header-less file) cut off; 0 for a clean file
 */
public record RecoveredSegment(
    Path file, long segmentId, long validEndOffset, long records, long droppedBytes) {

  /**
   * True when the last segment was shorter than its header, or all zero bytes: a crash during
   * {@link SegmentWriter#create} (which forces the header before any record is appended). The
   * file is now empty; create the segment again.
   */
  public boolean headerMissing() {
    return validEndOffset == 0;
  }
}
