package dev.ddialab.storage.lsm.compaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@link CompactionSimulator} with every entry {@value #ENTRY_BYTES} bytes, checking after
 * every step that a point read, following the engine's read order (L0 newest first, then one
 * table per level by binary search), sees exactly what was last written to each key: the policy
 * may reshape the tree, never change what it says.
 */
final class CheckedSimulator extends CompactionSimulator {
  static final int ENTRY_BYTES = 100;

  /** What every key was last set to: true = present, false = deleted. */
  private final TreeMap<Integer, Boolean> model = new TreeMap<>();

  CheckedSimulator(CompactionPolicy policy) {
    super(policy, ENTRY_BYTES);
  }

  @Override
  public void flush(Map<Integer, Boolean> writes) {
    model.putAll(writes);
    super.flush(writes);
  }

  @Override
  protected void afterStep() {
    for (Map.Entry<Integer, Boolean> m : model.entrySet()) {
      Optional<Entry> found = read(m.getKey());
      boolean present = found.isPresent() && !found.get().tombstone();
      assertThat(present).as("key %d after %d merges and %d moves in %s", m.getKey(), merges(),
          moves(), version()).isEqualTo(m.getValue());
    }
  }
}
