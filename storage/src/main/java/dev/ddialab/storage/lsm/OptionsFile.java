package dev.ddialab.storage.lsm;

import dev.ddialab.storage.Directories;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code DB/OPTIONS}: the {@link LsmOptions} a database was created with, as text.
 *
 * <pre>
 *   ddia-lsm-options 1
 *   compaction=leveled
 *   memtable_bytes=4194304
 *   ...
 * </pre>
 *
 * The first line (the format and its version) is frozen; then one {@code name=value} per line,
 * names as in {@link LsmOptions#toSettings()}. A name this build does not know is an error, so a
 * setting is never silently ignored; a missing name takes its default. Written once, at creation,
 * through a temporary file, fsync and rename, so it is whole or absent.
 */
public final class OptionsFile {
  public static final String NAME = "OPTIONS";
  private static final String HEADER = "ddia-lsm-options 1";

  private OptionsFile() {}

  public static boolean exists(Path dir) {
    return Files.exists(dir.resolve(NAME));
  }

  public static LsmOptions read(Path dir) throws IOException {
    Path file = dir.resolve(NAME);
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
      throw new IOException("unrecognised " + file + ": the first line must be '" + HEADER + "'");
    }
    Map<String, String> settings = new LinkedHashMap<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        throw new IOException(file + " line " + (i + 1) + ": expected name=value, got '" + line
            + "'");
      }
      settings.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
    }
    String style = settings.getOrDefault("compaction", "leveled");
    try {
      return LsmOptions.defaults(
          dev.ddialab.storage.lsm.compaction.CompactionStyle.parse(style)).with(settings);
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  public static void write(Path dir, LsmOptions options) throws IOException {
    StringBuilder text = new StringBuilder(HEADER).append('\n');
    options.toSettings().forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
    Path tmp = dir.resolve(NAME + ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
    Files.move(tmp, dir.resolve(NAME), StandardCopyOption.ATOMIC_MOVE);
    Directories.force(dir);
  }
}
