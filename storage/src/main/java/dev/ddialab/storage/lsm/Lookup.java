package dev.ddialab.storage.lsm;

/**
 * The answer of one component (memtable, SSTable) to a point read at a snapshot: the newest
 * visible version is a value, a tombstone, or the component has no version of the key at all,
 * in which case the read goes on to older components. Only {@link #FOUND} carries a value.
 */
public record Lookup(State state, byte[] value) {
  public enum State { FOUND, DELETED, ABSENT }

  public static final Lookup DELETED = new Lookup(State.DELETED, null);
  public static final Lookup ABSENT = new Lookup(State.ABSENT, null);

  public static Lookup found(byte[] value) {
    return new Lookup(State.FOUND, value);
  }

  /** Whether the read can stop here: a value or a tombstone shadows everything older. */
  public boolean isDecided() {
    return state != State.ABSENT;
  }
}
