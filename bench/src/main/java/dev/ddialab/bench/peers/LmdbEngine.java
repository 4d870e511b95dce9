package dev.ddialab.bench.peers;

import dev.ddialab.storage.Durability;
import dev.ddialab.storage.KvEngine;
import dev.ddialab.storage.KvEntry;
import dev.ddialab.storage.KvIterator;
import dev.ddialab.storage.WriteBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;
import org.lmdbjava.ByteArrayProxy;
import org.lmdbjava.CursorIterable;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.KeyRange;
import org.lmdbjava.Txn;

/**
 * LMDB (lmdbjava): a copy-on-write B+tree in a memory-mapped file, one writer at a time. The
 * environment runs with MDB_NOSYNC, and a synced write forces it with {@code env.sync(true)}, so
 * that buffered and synced writes mean what they mean for the other engines. LMDB keys are at
 * most 511 bytes.
 */
public final class LmdbEngine extends PeerEngine {
  public static final String NAME = "lmdb";
  private static final long MAP_SIZE_BYTES = 64L << 30;

  private final Env<byte[]> env;
  private final Dbi<byte[]> db;

  private LmdbEngine(Path dir, Env<byte[]> env) {
    super(dir);
    this.env = env;
    this.db = env.openDbi("kv", DbiFlags.MDB_CREATE);
  }

  public static LmdbEngine open(Path dir) throws IOException {
    Files.createDirectories(dir);
    Env<byte[]> env = Env.create(ByteArrayProxy.PROXY_BA)
        .setMapSize(MAP_SIZE_BYTES).setMaxDbs(1).setMaxReaders(256)
        .open(dir.toFile(), EnvFlags.MDB_NOSYNC);
    return new LmdbEngine(dir, env);
  }

  @Override
  public String name() {
    return NAME;
  }

  private void durable(Durability durability) {
    if (durability == Durability.SYNC) {
      env.sync(true);
    }
  }

  @Override
  public void put(byte[] key, byte[] value, Durability durability) {
    KvEngine.checkBounds(key, value);
    db.put(key, value);
    userBytesWritten += key.length + value.length;
    durable(durability);
  }

  @Override
  public Optional<byte[]> get(byte[] key) {
    try (Txn<byte[]> txn = env.txnRead()) {
      return Optional.ofNullable(db.get(txn, key));
    }
  }

  @Override
  public void delete(byte[] key, Durability durability) {
    db.delete(key);
    durable(durability);
  }

  @Override
  public void write(WriteBatch batch, Durability durability) {
    try (Txn<byte[]> txn = env.txnWrite()) {
      for (WriteBatch.Op op : batch.ops()) {
        if (op.isDelete()) {
          db.delete(txn, op.key());
        } else {
          db.put(txn, op.key(), op.value());
        }
      }
      txn.commit();
    }
    userBytesWritten += batch.payloadBytes();
    durable(durability);
  }

  @Override
  public KvIterator scan(byte[] fromInclusive, byte[] toExclusive) {
    Txn<byte[]> txn = env.txnRead();
    KeyRange<byte[]> range = fromInclusive == null ? KeyRange.all() : KeyRange.atLeast(fromInclusive);
    CursorIterable<byte[]> iterable = db.iterate(txn, range);
    Iterator<CursorIterable.KeyVal<byte[]>> it = iterable.iterator();
    Iterator<KvEntry> entries = new Iterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public KvEntry next() {
        CursorIterable.KeyVal<byte[]> entry = it.next();
        return new KvEntry(entry.key(), entry.val());
      }
    };
    return new BoundedIterator(entries, toExclusive, () -> {
      iterable.close();
      txn.close();
    });
  }

  @Override
  public void flush() {
    env.sync(true);
  }

  @Override
  public void close() {
    env.close();
  }
}
