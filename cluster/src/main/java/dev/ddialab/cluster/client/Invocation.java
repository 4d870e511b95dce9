package dev.ddialab.cluster.client;

/** What a client asks for: function {@code f} on {@code key} (may be null) with {@code value}. */
public record Invocation(String f, String key, Object value) {}
