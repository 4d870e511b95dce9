package dev.ddialab.cluster.trace;

/**
 * A 64-bit FNV-1a hash over every event of a run: its time, kind, places and message text. Two
 * runs with equal hashes took the same steps; this is how the determinism test compares runs
 * without keeping them. Message text comes from {@code toString()}, so messages must print their
 * content (records do), never identity hash codes.
 */
public final class TraceHash implements TraceSink {
  private static final long OFFSET = 0xcbf29ce484222325L;
  private static final long PRIME = 0x100000001b3L;

  private long hash = OFFSET;
  private long events;

  @Override
  public void accept(TraceEvent event) {
    if (!event.isStep()) {
      return;
    }
    mix(event.timeNanos());
    mix(event.kind().ordinal());
    mix(text(event.node()));
    mix(text(event.peer()));
    mix(text(event.detail()));
    mix(event.sentNanos());
    events++;
  }

  public long value() {
    return hash;
  }

  public long events() {
    return events;
  }

  private static long text(String s) {
    return s == null ? 0 : s.hashCode();
  }

  private void mix(long value) {
    for (int i = 0; i < 8; i++) {
      hash ^= (value >>> (8 * i)) & 0xff;
      hash *= PRIME;
    }
  }

  @Override
  public String toString() {
    return String.format("%016x", hash);
  }
}
