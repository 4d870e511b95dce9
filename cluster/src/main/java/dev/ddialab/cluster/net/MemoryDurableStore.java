package dev.ddialab.cluster.net;

import dev.ddialab.cluster.DurableStore;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** A store that forgets everything with the process: for Maelstrom runs and nodes without disks. */
public final class MemoryDurableStore implements DurableStore {
  private final TreeMap<String, byte[]> data = new TreeMap<>();

  @Override
  public Optional<byte[]> get(String key) {
    byte[] value = data.get(key);
    return value == null ? Optional.empty() : Optional.of(value.clone());
  }

  @Override
  public void put(String key, byte[] value) {
    data.put(key, value.clone());
  }

  @Override
  public void remove(String key) {
    data.remove(key);
  }

  @Override
  public SortedSet<String> keys() {
    return Collections.unmodifiableSortedSet(new TreeSet<>(data.keySet()));
  }

  @Override
  public void sync() {}
}
