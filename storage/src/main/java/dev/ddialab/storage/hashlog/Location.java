package dev.ddialab.storage.hashlog;

/**
 * Where a key's current value lives: the record's packed {@code LogPosition}, the value's place
 * inside the record's payload, and how many bytes of the file the value accounts for (so that
 * overwriting it can add exactly that much to the dead-byte count).
 */
record Location(long position, int valueOffset, int valueLength, int recordBytes) {}
