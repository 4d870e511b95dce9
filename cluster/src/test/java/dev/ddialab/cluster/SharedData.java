package dev.ddialab.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds {@code shared/data}: the {@code ddia.shared.dir} system property (set by the root pom's
 * surefire configuration), else the first {@code shared/data} found walking up from the working
 * directory. The data is never copied into the project.
 */
public final class SharedData {
  private SharedData() {}

  public static Path dir() {
    String property = System.getProperty("ddia.shared.dir");
    if (property != null && Files.isDirectory(Path.of(property, "data"))) {
      return Path.of(property, "data");
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("shared/data"))) {
        return p.resolve("shared/data");
      }
    }
    throw new IllegalStateException("shared/data not found: set -Dddia.shared.dir or run from"
        + " inside the work tree");
  }

  public static Path linearizability() {
    return dir().resolve("linearizability");
  }

  /** {@code file -> verdict} from a VERDICTS.txt, in file order. */
  public static Map<String, String> verdicts(Path directory) throws IOException {
    Map<String, String> verdicts = new LinkedHashMap<>();
    for (String line : Files.readAllLines(directory.resolve("VERDICTS.txt"))) {
      List<String> parts = List.of(line.strip().split("\\s+"));
      if (parts.size() == 2) {
        verdicts.put(parts.get(0), parts.get(1));
      }
    }
    return verdicts;
  }
}
