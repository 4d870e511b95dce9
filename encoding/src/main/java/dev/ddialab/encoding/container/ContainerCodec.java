package dev.ddialab.encoding.container;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Block compression codecs of object container files, named as in the {@code avro.codec} header
 * entry. Deflate is raw DEFLATE (RFC 1951, no zlib header or checksum), as the specification and
 * Apache Avro use.
 */
public enum ContainerCodec {
  NULL("null"), DEFLATE("deflate");

  private final String headerName;

  ContainerCodec(String headerName) {
    this.headerName = headerName;
  }

  public String headerName() {
    return headerName;
  }

  /** The codec called {@code name} in a header, or an error naming the codecs supported. */
  public static ContainerCodec fromHeader(String name) {
    for (ContainerCodec codec : values()) {
      if (codec.headerName.equals(name)) {
        return codec;
      }
    }
    throw new IllegalArgumentException("unsupported codec '" + name + "' (supported: null,"
        + " deflate)");
  }

  byte[] compress(byte[] data, int length) {
    if (this == NULL) {
      return Arrays.copyOf(data, length);
    }
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    try {
      deflater.setInput(data, 0, length);
      deflater.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, length / 2));
      byte[] chunk = new byte[8192];
      while (!deflater.finished()) {
        out.write(chunk, 0, deflater.deflate(chunk));
      }
      return out.toByteArray();
    } finally {
      deflater.end();
    }
  }

  /**
   * Decompresses a block, producing at most {@code maxBytes} bytes: a block that inflates to more
   * (a compression bomb, or corruption) is rejected rather than allocated.
   *
   * @throws IllegalArgumentException when the data does not inflate or exceeds the bound
   */
  byte[] decompress(byte[] data, int maxBytes) {
    if (this == NULL) {
      return data;
    }
    Inflater inflater = new Inflater(true);
    try {
      inflater.setInput(data);
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes, data.length * 4 + 64));
      byte[] chunk = new byte[8192];
      while (!inflater.finished()) {
        int n = inflater.inflate(chunk);
        if (n == 0 && !inflater.finished()
            && (inflater.needsInput() || inflater.needsDictionary())) {
          throw new IllegalArgumentException("deflate data ends early");
        }
        if (out.size() + n > maxBytes) {
          throw new IllegalArgumentException("block inflates to more than " + maxBytes + " bytes");
        }
        out.write(chunk, 0, n);
      }
      return out.toByteArray();
    } catch (DataFormatException e) {
      throw new IllegalArgumentException("corrupt deflate data: " + e.getMessage());
    } finally {
      inflater.end();
    }
  }
}
