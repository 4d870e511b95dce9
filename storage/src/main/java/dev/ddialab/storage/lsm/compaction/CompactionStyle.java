package dev.ddialab.storage.lsm.compaction;

import java.util.Locale;

/**
 * The two compaction strategies of DDIA ch. 3 ("size-tiered and leveled compaction"), chosen when
 * a database is created and recorded in its OPTIONS file.
 */
public enum CompactionStyle {
  /** LevelDB and RocksDB: levels of disjoint tables, each ten times the one above. */
  LEVELED,
  /** Size-tiered (Cassandra, RocksDB's universal): sorted runs merged when enough are alike. */
  TIERED;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static CompactionStyle parse(String label) {
    for (CompactionStyle style : values()) {
      if (style.label().equals(label)) {
        return style;
      }
    }
    throw new IllegalArgumentException("unknown compaction style '" + label
        + "' (leveled, tiered)");
  }
}
