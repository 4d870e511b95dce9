package dev.ddialab.encoding.cli;

import dev.ddialab.core.MalformedDataException;
import dev.ddialab.encoding.Schema;
import dev.ddialab.encoding.SchemaException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reading schemas and inputs for the {@code schema} commands, with errors that name the file. */
final class CliIo {
  /** Largest input a command reads into memory. */
  static final int MAX_INPUT_BYTES = 256 << 20;

  private CliIo() {}

  static Schema schema(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    try {
      return Schema.parse(text);
    } catch (SchemaException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /** All of {@code file}, or of standard input when {@code file} is null or "-". */
  static byte[] input(Path file) throws IOException {
    if (file == null || file.toString().equals("-")) {
      return bounded(System.in, "standard input");
    }
    try (InputStream in = Files.newInputStream(file)) {
      return bounded(in, file.toString());
    }
  }

  private static byte[] bounded(InputStream in, String name) throws IOException {
    byte[] bytes = in.readNBytes(MAX_INPUT_BYTES + 1);
    if (bytes.length > MAX_INPUT_BYTES) {
      throw new IllegalArgumentException(name + " is larger than " + MAX_INPUT_BYTES + " bytes");
    }
    return bytes;
  }

  /** Writes {@code bytes} to {@code file}, or to standard output when null or "-". */
  static void output(Path file, byte[] bytes) throws IOException {
    if (file == null || file.toString().equals("-")) {
      OutputStream out = System.out;
      out.write(bytes);
      out.flush();
    } else {
      Files.write(file, bytes);
    }
  }

  /** A decoding failure, as a one-line user error naming the input. */
  static IllegalArgumentException malformed(String input, MalformedDataException e) {
    return new IllegalArgumentException(input + ": malformed data: " + e.getMessage(), e);
  }
}
