package dev.ddialab.storage.lsm.compaction;

import dev.ddialab.storage.lsm.version.Version;
import java.util.Optional;

/**
 * Decides what to compact, as a pure function of the tree's shape: {@code plan(version) -> task},
 * with no I/O, clock or randomness, so a simulator can run a policy over thousands of flushes
 * without disks (the policy tests do) and compare strategies. The engine's compactor executes
 * the task and applies the resulting edit, which the policy sees on its next call.
 *
 * <p>Contract: a planned task's inputs are tables of the given version; applying its edit keeps
 * the {@link Version} invariants (L0 newest first without interleaving, L1+ disjoint).
 */
public sealed interface CompactionPolicy permits LeveledPolicy, TieredPolicy {
  CompactionStyle style();

  /** The most useful compaction now, or empty when the tree is within its targets. */
  Optional<CompactionTask> plan(Version version);

  /** Merges everything into one sorted run, dropping tombstones; empty without tables. */
  Optional<CompactionTask> planFull(Version version);

  /** A short description for stats, e.g. {@code leveled (size ratio 10, L1 10.0 MiB)}. */
  String describe();
}
