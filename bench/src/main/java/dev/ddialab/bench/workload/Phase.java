package dev.ddialab.bench.workload;

/** What a measured phase did: operations performed and the key and value bytes it wrote. */
public record Phase(long operations, long userBytesWritten) {}
