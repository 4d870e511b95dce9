package dev.ddialab.storage.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ddialab.core.Bytes;
import dev.ddialab.core.Progress;
import dev.ddialab.core.Units;
import dev.ddialab.storage.Durability;
import dev.ddialab.storage.Engines;
import dev.ddialab.storage.KvEngine;
import dev.ddialab.storage.WriteBatch;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ddia kv import DB FILE}: bulk load from TSV ({@code key<TAB>value}) or JSON lines
 * ({@code {"key": "...", "value": ...}}; a non-string value is stored as its JSON text).
 * Writes go in atomic batches without a sync each, and one flush at the end makes the import
 * durable before {@code imported ...} is printed. A malformed line stops the import with its line
 * number; what came before it is kept (and made durable).
 */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = "Load keys from a TSV (key<TAB>value) or JSON-lines ({\"key\":..,\"value\":..})"
        + " file, with a progress bar.")
public final class KvImport implements Callable<Integer> {
  private static final int BATCH_OPS = 1_000;

  enum Format { TSV, JSONL }

  @Spec
  CommandSpec spec;

  private ObjectMapper json;

  @Parameters(index = "0", paramLabel = "DB")
  Path db;

  @Parameters(index = "1", paramLabel = "FILE")
  Path file;

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "tsv or jsonl (default: from the file name; .jsonl/.ndjson/.json mean jsonl).")
  String format;

  @Override
  public Integer call() throws IOException {
    Format chosen = chooseFormat();
    long totalBytes = Files.size(file);
    long imported = 0;
    long lineNumber = 0;
    try (KvEngine engine = Engines.open(db);
        BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        Progress progress = new Progress("importing " + file.getFileName() + " (bytes)", totalBytes)) {
      WriteBatch batch = new WriteBatch();
      try {
        String line;
        while ((line = in.readLine()) != null) {
          lineNumber++;
          progress.advance(line.getBytes(StandardCharsets.UTF_8).length + 1L);
          if (line.isBlank()) {
            continue;
          }
          byte[][] entry;
          try {
            entry = parse(chosen, line, lineNumber);
          } catch (IllegalArgumentException e) {
            engine.write(batch, Durability.BUFFERED); // keep the lines before the bad one
            throw e;
          }
          batch.put(entry[0], entry[1]);
          if (batch.size() >= BATCH_OPS) {
            engine.write(batch, Durability.BUFFERED);
            imported += batch.size();
            batch = new WriteBatch();
          }
        }
        engine.write(batch, Durability.BUFFERED);
        imported += batch.size();
      } finally {
        engine.flush();
      }
      progress.close();
      spec.commandLine().getOut().printf("imported %,d keys from %s in %s%n", imported, file,
          Units.formatNanos(progress.elapsedNanos()));
    }
    return 0;
  }

  private Format chooseFormat() {
    if (format != null) {
      try {
        return Format.valueOf(format.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(),
            "unknown format '" + format + "'; use tsv or jsonl");
      }
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")
        ? Format.JSONL : Format.TSV;
  }

  private byte[][] parse(Format chosen, String line, long lineNumber) {
    String where = file + ":" + lineNumber + ": ";
    if (chosen == Format.TSV) {
      int tab = line.indexOf('\t');
      if (tab <= 0) {
        throw new IllegalArgumentException(where + "expected key<TAB>value");
      }
      return new byte[][] {Bytes.utf8(line.substring(0, tab)), Bytes.utf8(line.substring(tab + 1))};
    }
    if (json == null) {
      json = new ObjectMapper(); // created on first use: it costs start-up time otherwise
    }
    JsonNode node;
    try {
      node = json.readTree(line);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(where + "not JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject() || !node.hasNonNull("key") || !node.get("key").isTextual()
        || !node.has("value")) {
      throw new IllegalArgumentException(where + "expected {\"key\": \"...\", \"value\": ...}");
    }
    JsonNode value = node.get("value");
    String text = value.isTextual() ? value.asText() : value.toString();
    return new byte[][] {Bytes.utf8(node.get("key").asText()), Bytes.utf8(text)};
  }
}
