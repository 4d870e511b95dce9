package dev.ddialab.storage;

import java.util.Map;

/**
 * Figures an engine reports about itself. The common ones feed the storage benchmark's
 * amplification columns; {@code details} holds engine-specific figures in display order
 * (segments and dead bytes for hashlog, levels for the LSM, height and fill for the B+tree).
 *
 * @param liveKeys keys currently present
 * @param userBytesWritten bytes of keys and values the user asked to write (denominator of write
 *     amplification)
 * @param diskBytesWritten bytes the engine wrote to files, including logs, merges and compaction
 * @param diskBytes bytes the database occupies on disk now (space amplification's numerator)
 */
public record EngineStats(
    String engine,
    long liveKeys,
    long userBytesWritten,
    long diskBytesWritten,
    long diskBytes,
    Map<String, String> details) {

  public double writeAmplification() {
    return userBytesWritten == 0 ? 0 : (double) diskBytesWritten / userBytesWritten;
  }
}
