package dev.ddialab.bench.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What Linux says about this process and machine. Each figure is -1 where /proc is missing
 * (macOS), so reports show "n/a" rather than wrong numbers.
 */
public final class ProcessMetrics {
  private ProcessMetrics() {}

  /**
   * Bytes this process caused to be written to storage: {@code write_bytes} minus
   * {@code cancelled_write_bytes} from /proc/self/io. Linux counts a page when it is dirtied
   * (so memory-mapped writes count too, and writes of whole pages are counted, not the bytes
   * of each syscall), and cancels pages of files truncated or deleted before write-back.
   */
  public static long storageBytesWritten() {
    long written = procIo("write_bytes");
    long cancelled = procIo("cancelled_write_bytes");
    return written < 0 || cancelled < 0 ? -1 : written - cancelled;
  }

  /** Peak resident set size (VmHWM), in bytes. */
  public static long peakRssBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // fall through
    }
    return -1;
  }

  /** The 1-minute load average, or -1. */
  public static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static long procIo(String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
        if (line.startsWith(field + ":")) {
          return Long.parseLong(line.substring(field.length() + 1).trim());
        }
      }
    } catch (IOException | NumberFormatException e) {
      // fall through
    }
    return -1;
  }
}
