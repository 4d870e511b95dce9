package dev.ddialab.cluster.net;

import java.io.BufferedReader;
import java.io.IOException;

/** Reads a line of at most a given length, so a peer cannot make us buffer without bound. */
final class BoundedLines {
  private BoundedLines() {}

  /** The next line without its terminator; null at end of stream. */
  static String readLine(BufferedReader in, int charsMax) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        int last = line.length() - 1;
        return last >= 0 && line.charAt(last) == '\r' ? line.substring(0, last) : line.toString();
      }
      if (line.length() >= charsMax) {
        throw new IOException("line longer than " + charsMax + " characters");
      }
      line.append((char) c);
    }
    return line.isEmpty() ? null : line.toString();
  }
}
