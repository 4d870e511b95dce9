package dev.ddialab.cli;

import dev.ddialab.core.tour.TourContext;
import dev.ddialab.storage.Engines;
import dev.ddialab.storage.KvEngine;
import dev.ddialab.storage.KvIterator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Hidden: the launcher runs this once after each build with {@code -XX:ArchiveClassesAtExit}, so
 * that the class-data-sharing archive holds the classes that everyday commands load (the whole
 * command tree, and an engine's open, write, read and scan path), not only those of whichever
 * command happened to run first.
 */
@Command(name = "warm-up", hidden = true, description = "Load everyday classes (for start-up).")
final class WarmUpCommand implements Callable<Integer> {
  @Override
  public Integer call() throws Exception {
    CommandLine everything = Main.commandLine(null);
    everything.usage(new PrintWriter(new StringWriter()));
    for (CommandLine system : everything.getSubcommands().values()) {
      system.usage(new PrintWriter(new StringWriter()));
    }
    Path dir = Files.createTempDirectory("ddia-warm-up-");
    try {
      for (String engineName : Engines.NAMES) {
        Path db = dir.resolve(engineName);
        try (KvEngine engine = Engines.create(db, engineName)) {
          byte[] key = "key".getBytes(StandardCharsets.UTF_8);
          engine.put(key, key);
          engine.get(key);
          try (KvIterator it = engine.scan(null, null)) {
            it.forEachRemaining(entry -> { });
          }
          engine.stats();
        }
        Engines.open(db).close();
      }
    } finally {
      TourContext.deleteTree(dir);
    }
    return 0;
  }
}
