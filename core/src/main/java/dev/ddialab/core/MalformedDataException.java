package dev.ddialab.core;

/**
 * Bytes read from a file, a socket or a buffer do not decode: a truncated or overlong varint,
 * a bad length. Unchecked because a caller can rarely recover in place; it can only report the
 * source and stop, so the message always says what was wrong and at which offset.
 */
public class MalformedDataException extends RuntimeException {
  private final long offset;

  public MalformedDataException(String what, long offset) {
    super(what + " at offset " + offset);
    this.offset = offset;
  }

  /** Where the malformed item starts, relative to the start of the decoded input. */
  public long offset() {
    return offset;
  }
}
