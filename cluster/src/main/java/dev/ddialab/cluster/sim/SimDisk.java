package dev.ddialab.cluster.sim;

import dev.ddialab.cluster.DurableStore;
import dev.ddialab.core.Invariants;
import java.util.Collections;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * A node's disk in simulation, as harsh as the {@link DurableStore} contract allows: a crash
 * keeps exactly what the last {@link #sync} made durable and drops every later write. Values are
 * copied in and out, so a node cannot change "disk" contents by mutating an array it kept.
 */
final class SimDisk implements DurableStore {
  private final TreeMap<String, byte[]> durable = new TreeMap<>();
  private final TreeMap<String, byte[]> current = new TreeMap<>();
  private final Set<String> dirty = new HashSet<>();
  private long syncs;
  private long writesLost;

  @Override
  public Optional<byte[]> get(String key) {
    byte[] value = current.get(key);
    return value == null ? Optional.empty() : Optional.of(value.clone());
  }

  @Override
  public void put(String key, byte[] value) {
    Invariants.requireNonNull(key, "key");
    Invariants.requireNonNull(value, "value");
    current.put(key, value.clone());
    dirty.add(key);
  }

  @Override
  public void remove(String key) {
    current.remove(key);
    dirty.add(key);
  }

  @Override
  public SortedSet<String> keys() {
    return Collections.unmodifiableSortedSet(new java.util.TreeSet<>(current.keySet()));
  }

  @Override
  public void sync() {
    for (String key : dirty) {
      byte[] value = current.get(key);
      if (value == null) {
        durable.remove(key);
      } else {
        durable.put(key, value);
      }
    }
    dirty.clear();
    syncs++;
  }

  /** The crash: unsynced writes are gone. Returns how many keys lost a write. */
  int crash() {
    int lost = dirty.size();
    writesLost += lost;
    current.clear();
    current.putAll(durable);
    dirty.clear();
    return lost;
  }

  long syncs() {
    return syncs;
  }

  long writesLost() {
    return writesLost;
  }
}
