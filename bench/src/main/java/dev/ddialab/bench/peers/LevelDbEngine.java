package dev.ddialab.bench.peers;

import dev.ddialab.storage.Durability;
import dev.ddialab.storage.KvEngine;
import dev.ddialab.storage.KvEntry;
import dev.ddialab.storage.KvIterator;
import dev.ddialab.storage.WriteBatch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import org.iq80.leveldb.DB;
import org.iq80.leveldb.DBIterator;
import org.iq80.leveldb.Options;
import org.iq80.leveldb.ReadOptions;
import org.iq80.leveldb.Snapshot;
import org.iq80.leveldb.WriteOptions;
import org.iq80.leveldb.impl.Iq80DBFactory;

/** iq80 LevelDB: a pure-Java port of LevelDB, with its default options. */
public final class LevelDbEngine extends PeerEngine {
  public static final String NAME = "leveldb";

  private final DB db;
  private final WriteOptions synced = new WriteOptions().sync(true);
  private final WriteOptions buffered = new WriteOptions().sync(false);

  private LevelDbEngine(Path dir, DB db) {
    super(dir);
    this.db = db;
  }

  public static LevelDbEngine open(Path dir) throws IOException {
    return new LevelDbEngine(dir,
        Iq80DBFactory.factory.open(dir.toFile(), new Options().createIfMissing(true)));
  }

  @Override
  public String name() {
    return NAME;
  }

  private WriteOptions writeOptions(Durability durability) {
    return durability == Durability.SYNC ? synced : buffered;
  }

  @Override
  public void put(byte[] key, byte[] value, Durability durability) {
    KvEngine.checkBounds(key, value);
    db.put(key, value, writeOptions(durability));
    userBytesWritten += key.length + value.length;
  }

  @Override
  public Optional<byte[]> get(byte[] key) {
    return Optional.ofNullable(db.get(key));
  }

  @Override
  public void delete(byte[] key, Durability durability) {
    db.delete(key, writeOptions(durability));
  }

  @Override
  public void write(WriteBatch batch, Durability durability) throws IOException {
    try (org.iq80.leveldb.WriteBatch level = db.createWriteBatch()) {
      for (WriteBatch.Op op : batch.ops()) {
        if (op.isDelete()) {
          level.delete(op.key());
        } else {
          level.put(op.key(), op.value());
        }
      }
      db.write(level, writeOptions(durability));
      userBytesWritten += batch.payloadBytes();
    }
  }

  @Override
  public KvIterator scan(byte[] fromInclusive, byte[] toExclusive) {
    Snapshot snapshot = db.getSnapshot();
    DBIterator it = db.iterator(new ReadOptions().snapshot(snapshot));
    if (fromInclusive == null) {
      it.seekToFirst();
    } else {
      it.seek(fromInclusive);
    }
    Iterator<KvEntry> entries = new Iterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public KvEntry next() {
        Map.Entry<byte[], byte[]> entry = it.next();
        return new KvEntry(entry.getKey(), entry.getValue());
      }
    };
    return new BoundedIterator(entries, toExclusive, () -> {
      try {
        it.close();
        snapshot.close();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }

  @Override
  public void flush() {
    // iq80 LevelDB has no separate log flush; a synced write of nothing forces its log.
    db.write(db.createWriteBatch(), synced);
  }

  @Override
  public void close() throws IOException {
    db.close();
  }
}
