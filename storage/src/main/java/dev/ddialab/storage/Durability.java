package dev.ddialab.storage;

/**
 * How durable a write must be before the engine acknowledges it, chosen per write.
 *
 * <p>{@link #SYNC}: the write survives {@code kill -9} and power loss once the call returns
 * (the engine has forced it to stable storage; concurrent synced writes share one fsync through
 * group commit). {@link #BUFFERED}: the write is in the operating system's page cache when the
 * call returns; it survives the process being killed but may be lost with the machine.
 * {@link KvEngine#flush()} makes every earlier buffered write durable.
 */
public enum Durability {
  SYNC,
  BUFFERED
}
