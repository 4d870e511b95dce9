package dev.ddialab.bench.peers;

import dev.ddialab.storage.Durability;
import dev.ddialab.storage.KvEngine;
import dev.ddialab.storage.KvEntry;
import dev.ddialab.storage.KvIterator;
import dev.ddialab.storage.WriteBatch;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;

/**
 * H2's MVStore: a copy-on-write B-tree (the storage engine under the H2 database). A synced
 * write commits the store and syncs its file; buffered writes are committed by MVStore's own
 * background auto-commit. Batches are applied and committed together, but MVStore shows each
 * map operation to readers at once, so a reader can see part of a batch.
 */
public final class MvStoreEngine extends PeerEngine {
  public static final String NAME = "mvstore";

  private final MVStore store;
  private final MVMap<byte[], byte[]> map;

  private MvStoreEngine(Path dir, MVStore store) {
    super(dir);
    this.store = store;
    this.map = store.openMap("kv", new MVMap.Builder<byte[], byte[]>()
        .keyType(ByteArrayDataType.INSTANCE).valueType(ByteArrayDataType.INSTANCE));
  }

  public static MvStoreEngine open(Path dir) throws java.io.IOException {
    java.nio.file.Files.createDirectories(dir);
    return new MvStoreEngine(dir,
        new MVStore.Builder().fileName(dir.resolve("data.mv").toString()).open());
  }

  @Override
  public String name() {
    return NAME;
  }

  private void durable(Durability durability) {
    if (durability == Durability.SYNC) {
      store.commit();
      store.sync();
    }
  }

  @Override
  public void put(byte[] key, byte[] value, Durability durability) {
    KvEngine.checkBounds(key, value);
    map.put(key, value);
    userBytesWritten += key.length + value.length;
    durable(durability);
  }

  @Override
  public Optional<byte[]> get(byte[] key) {
    return Optional.ofNullable(map.get(key));
  }

  @Override
  public void delete(byte[] key, Durability durability) {
    map.remove(key);
    durable(durability);
  }

  @Override
  public void write(WriteBatch batch, Durability durability) {
    for (WriteBatch.Op op : batch.ops()) {
      if (op.isDelete()) {
        map.remove(op.key());
      } else {
        map.put(op.key(), op.value());
      }
    }
    userBytesWritten += batch.payloadBytes();
    durable(durability);
  }

  @Override
  public KvIterator scan(byte[] fromInclusive, byte[] toExclusive) {
    Cursor<byte[], byte[]> cursor = map.cursor(fromInclusive);
    Iterator<KvEntry> entries = new Iterator<>() {
      @Override
      public boolean hasNext() {
        return cursor.hasNext();
      }

      @Override
      public KvEntry next() {
        byte[] key = cursor.next();
        return new KvEntry(key, cursor.getValue());
      }
    };
    return new BoundedIterator(entries, toExclusive, () -> { });
  }

  @Override
  public void flush() {
    store.commit();
    store.sync();
  }

  @Override
  public void compact() {
    store.compactFile(60_000);
  }

  @Override
  public void close() {
    store.close();
  }
}
