package dev.ddialab.storage.lsm.sstable;

/**
 * How a block's contents are stored. The codes are frozen: each block's first payload byte names
 * its compression, so one table may mix compressed and raw blocks (a block that LZ4 cannot shrink
 * by at least an eighth is stored raw, as LevelDB does).
 */
public enum Compression {
  NONE(0),
  LZ4(1);

  public final int code;

  Compression(int code) {
    this.code = code;
  }

  /** The compression with this on-disk code, or null for an unknown code. */
  public static Compression ofCode(int code) {
    for (Compression c : values()) {
      if (c.code == code) {
        return c;
      }
    }
    return null;
  }

  /** The name used in the OPTIONS file and on the command line: {@code none}, {@code lz4}. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static Compression parse(String label) {
    for (Compression c : values()) {
      if (c.label().equals(label)) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown compression '" + label + "' (none, lz4)");
  }
}
