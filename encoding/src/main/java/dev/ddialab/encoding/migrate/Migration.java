package dev.ddialab.encoding.migrate;

import dev.ddialab.core.MalformedDataException;
import dev.ddialab.core.Progress;
import dev.ddialab.encoding.AvroBinary;
import dev.ddialab.encoding.Schema;
import dev.ddialab.encoding.SchemaException;
import dev.ddialab.encoding.container.ContainerReader;
import dev.ddialab.encoding.container.ContainerWriter;
import dev.ddialab.encoding.evolution.Compatibility;
import dev.ddialab.encoding.evolution.Incompatibility;
import dev.ddialab.storage.Durability;
import dev.ddialab.storage.Engines;
import dev.ddialab.storage.KvEngine;
import dev.ddialab.storage.KvEntry;
import dev.ddialab.storage.KvIterator;
import dev.ddialab.storage.WriteBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Rewrites data written with one schema so that it is written with another (DDIA ch. 4,
 * "Different values written at different times": the book's "migrating data into a new schema"),
 * through the same writer/reader resolution a reader would use. Streams: at most one container
 * block or one batch of key-value pairs is in memory.
 */
public final class Migration {
  /** Pairs rewritten per atomic batch. */
  static final int BATCH = 1024;

  private final Schema from;
  private final Schema to;

  /**
   * @throws IllegalArgumentException when data written with {@code from} cannot be read as
   *     {@code to}; checked before anything is read or written
   */
  public Migration(Schema from, Schema to) {
    List<Incompatibility> problems = Compatibility.canRead(to, from);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("the new schema cannot read data written with the old"
          + " one: " + problems);
    }
    this.from = from;
    this.to = to;
  }

  /**
   * Rewrites a container file as a new one with the same codec, replacing {@code output}
   * atomically (through a temporary file beside it). Returns the number of records.
   *
   * @throws IllegalArgumentException when the file's writer schema is not {@code from}
   */
  public long container(Path input, Path output) throws IOException {
    Path temporary = output.resolveSibling(output.getFileName() + ".migrating");
    long records = 0;
    try (ContainerReader reader = ContainerReader.open(input, to);
        Progress progress = new Progress("migrate " + input.getFileName(), 0)) {
      if (!reader.writerSchema().canonicalForm().equals(from.canonicalForm())) {
        throw new IllegalArgumentException(input + " was written with a different schema than"
            + " --from: " + reader.writerSchema().canonicalForm());
      }
      try (ContainerWriter writer = ContainerWriter.create(temporary, to, reader.codec())) {
        while (reader.hasNext()) {
          writer.append(reader.next());
          records++;
          progress.advance(1);
        }
      }
      Files.move(temporary, output, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (MalformedDataException e) {
      throw new IOException(input + ": malformed data: " + e.getMessage(), e);
    } finally {
      Files.deleteIfExists(temporary);
    }
    return records;
  }

  /**
   * Rewrites every value of a key-value database in place, a batch at a time. Each batch is
   * atomic but the whole is not: a crash part-way leaves values of both schemas, so keep a copy.
   * Returns the number of values rewritten.
   */
  public long keyValue(Path dir) throws IOException {
    long rewritten = 0;
    try (KvEngine db = Engines.open(dir);
        Progress progress = new Progress("migrate " + dir.getFileName(),
            db.stats().liveKeys())) {
      byte[] next = null;
      while (true) {
        WriteBatch batch = new WriteBatch();
        byte[] last = null;
        // Each chunk is read by a scan closed before it is written, so no engine sees writes
        // under an open iterator.
        try (KvIterator entries = db.scan(next, null)) {
          while (batch.size() < BATCH && entries.hasNext()) {
            KvEntry entry = entries.next();
            batch.put(entry.key(), convert(entry));
            last = entry.key();
          }
        }
        if (batch.isEmpty()) {
          break;
        }
        db.write(batch, Durability.BUFFERED);
        rewritten += batch.size();
        progress.advance(batch.size());
        next = Arrays.copyOf(last, last.length + 1);
      }
      db.flush();
    }
    return rewritten;
  }

  private byte[] convert(KvEntry entry) {
    try {
      return AvroBinary.encode(to, AvroBinary.decode(from, to, entry.value()));
    } catch (MalformedDataException | SchemaException e) {
      throw new IllegalArgumentException("value of key " + HexFormat.of().formatHex(entry.key())
          + " is not Avro binary of the old schema: " + e.getMessage(), e);
    }
  }
}
