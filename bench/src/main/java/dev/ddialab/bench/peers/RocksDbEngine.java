package dev.ddialab.bench.peers;

import dev.ddialab.storage.Durability;
import dev.ddialab.storage.KvEngine;
import dev.ddialab.storage.KvEntry;
import dev.ddialab.storage.KvIterator;
import dev.ddialab.storage.WriteBatch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Snapshot;
import org.rocksdb.WriteOptions;

/** RocksDB (rocksdbjni) with its default options, as a user would first meet it. */
public final class RocksDbEngine extends PeerEngine {
  public static final String NAME = "rocksdb";

  static {
    RocksDB.loadLibrary();
  }

  private final Options options;
  private final RocksDB db;
  private final WriteOptions synced = new WriteOptions().setSync(true);
  private final WriteOptions buffered = new WriteOptions().setSync(false);

  private RocksDbEngine(Path dir, Options options, RocksDB db) {
    super(dir);
    this.options = options;
    this.db = db;
  }

  public static RocksDbEngine open(Path dir) throws IOException {
    Options options = new Options().setCreateIfMissing(true);
    try {
      return new RocksDbEngine(dir, options, RocksDB.open(options, dir.toString()));
    } catch (RocksDBException e) {
      options.close();
      throw new IOException("rocksdb: " + e.getMessage(), e);
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  private WriteOptions writeOptions(Durability durability) {
    return durability == Durability.SYNC ? synced : buffered;
  }

  @Override
  public void put(byte[] key, byte[] value, Durability durability) throws IOException {
    KvEngine.checkBounds(key, value);
    try {
      db.put(writeOptions(durability), key, value);
      userBytesWritten += key.length + value.length;
    } catch (RocksDBException e) {
      throw new IOException("rocksdb: " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<byte[]> get(byte[] key) throws IOException {
    try {
      return Optional.ofNullable(db.get(key));
    } catch (RocksDBException e) {
      throw new IOException("rocksdb: " + e.getMessage(), e);
    }
  }

  @Override
  public void delete(byte[] key, Durability durability) throws IOException {
    try {
      db.delete(writeOptions(durability), key);
    } catch (RocksDBException e) {
      throw new IOException("rocksdb: " + e.getMessage(), e);
    }
  }

  @Override
  public void write(WriteBatch batch, Durability durability) throws IOException {
    try (org.rocksdb.WriteBatch rocks = new org.rocksdb.WriteBatch()) {
      for (WriteBatch.Op op : batch.ops()) {
        if (op.isDelete()) {
          rocks.delete(op.key());
        } else {
          rocks.put(op.key(), op.value());
        }
      }
      db.write(writeOptions(durability), rocks);
      userBytesWritten += batch.payloadBytes();
    } catch (RocksDBException e) {
      throw new IOException("rocksdb: " + e.getMessage(), e);
    }
  }

  @Override
  public KvIterator scan(byte[] fromInclusive, byte[] toExclusive) {
    Snapshot snapshot = db.getSnapshot();
    ReadOptions read = new ReadOptions().setSnapshot(snapshot);
    RocksIterator it = db.newIterator(read);
    if (fromInclusive == null) {
      it.seekToFirst();
    } else {
      it.seek(fromInclusive);
    }
    return new KvIterator() {
      private boolean closed;

      @Override
      public boolean hasNext() {
        return !closed && it.isValid()
            && (toExclusive == null || java.util.Arrays.compareUnsigned(it.key(), toExclusive) < 0);
      }

      @Override
      public KvEntry next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        KvEntry entry = new KvEntry(it.key(), it.value());
        it.next();
        return entry;
      }

      @Override
      public void close() {
        if (!closed) {
          closed = true;
          it.close();
          read.close();
          db.releaseSnapshot(snapshot);
        }
      }
    };
  }

  @Override
  public void flush() throws IOException {
    try {
      db.flushWal(true);
    } catch (RocksDBException e) {
      throw new IOException("rocksdb: " + e.getMessage(), e);
    }
  }

  @Override
  public void compact() throws IOException {
    try {
      db.compactRange();
    } catch (RocksDBException e) {
      throw new IOException("rocksdb: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    db.close();
    options.close();
    synced.close();
    buffered.close();
  }
}
