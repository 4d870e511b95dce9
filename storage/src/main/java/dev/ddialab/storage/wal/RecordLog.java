package dev.ddialab.storage.wal;

import dev.ddialab.storage.Directories;
import dev.ddialab.core.Frame;
import dev.ddialab.core.Invariants;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The durable, append-only record log every component reuses (LSM and B+tree WALs, the Raft log,
 * the event log, the hash-indexed engine's data files): a directory of segment files named
 * {@code %012d.log} by segment id, ids consecutive (the first log's first is 1), each holding a
 * {@link SegmentHeader} and then {@link Frame frames}. Only the highest segment, the active one,
 * is appended to. Format and recovery rules: docs/format.md, "Record log".
 *
 * <p>Durability contract: a record is durable once a {@link #sync()} that began after its
 * {@link #append} returned has returned. Syncs are group-committed ({@link GroupCommit}): one
 * fsync serves every thread waiting, and appends continue while it runs. When a segment fills,
 * it is forced before the next one is created, so a sync only ever needs to force the active file.
 * {@link #open} recovers: the last segment's torn tail is cut; sealed segments are checked by
 * header at open and by checksum on every read, so a damaged record is an error, never data.
 *
 * <p>Thread-safety: every method may be called from any thread. Appends and segment changes are
 * serialised by one lock, held for the write but never for an fsync; reads and cursors take no
 * lock and may run during appends. One {@code RecordLog} per directory at a time: the owner (an
 * engine, a Raft node) must hold a directory lock. Do not interrupt threads inside this class: a
 * {@link java.nio.channels.FileChannel} closes on interrupt, which fails the log until reopened.
 * After an I/O error while appending or syncing the log refuses further writes; reopen it.
 */
public final class RecordLog implements Closeable {
  private static final Pattern SEGMENT_NAME = Pattern.compile("(\\d{12})\\.log");
  private static final long FIRST_SEGMENT_ID = 1;

  /**
   * @param segmentBytesMax a segment is rolled before an append would take it past this size;
   *     a single record larger than it gets a segment of its own
   * @param maxRecordBytes the largest payload accepted by {@link #append} and by reads
   */
  public record Options(long segmentBytesMax, int maxRecordBytes) {
    public static final long DEFAULT_SEGMENT_BYTES_MAX = 64L << 20;
    public static final int DEFAULT_MAX_RECORD_BYTES = 128 << 20;

    public Options {
      long smallest = SegmentHeader.BYTES + Frame.HEADER_BYTES;
      Invariants.require(
          segmentBytesMax >= smallest && segmentBytesMax <= LogPosition.MAX_OFFSET + 1,
          "segmentBytesMax %d outside %d..%d",
          segmentBytesMax,
          smallest,
          LogPosition.MAX_OFFSET + 1);
      Invariants.require(
          maxRecordBytes >= 0 && maxRecordBytes <= Frame.MAX_PAYLOAD_BYTES,
          "maxRecordBytes %d outside 0..%d",
          maxRecordBytes,
          Frame.MAX_PAYLOAD_BYTES);
    }

    public static Options defaults() {
      return new Options(DEFAULT_SEGMENT_BYTES_MAX, DEFAULT_MAX_RECORD_BYTES);
    }

    public Options withSegmentBytesMax(long bytes) {
      return new Options(bytes, maxRecordBytes);
    }

    public Options withMaxRecordBytes(int bytes) {
      return new Options(segmentBytesMax, bytes);
    }
  }

  /**
   * Counters since open, and the current shape of the log.
   *
   * @param bytesAppended frame bytes, headers included
   * @param syncCalls calls to {@link #sync()}, including the one inside {@link #close()}
   * @param forces fsyncs of segment data actually issued: by sync leaders and before a segment
   *     switch (not the header and directory fsyncs of creating a segment). Below
   *     {@code syncCalls} when group commit coalesced syncs
   * @param sizeBytes all segment files, headers included
   */
  public record Stats(
      long appends,
      long bytesAppended,
      long syncCalls,
      long forces,
      int segments,
      long sizeBytes) {}

  /** A segment file and its reader; {@code endOffset} is the end of its published records. */
  private static final class Segment {
    final long id;
    final SegmentReader reader;
    volatile long endOffset;

    Segment(long id, SegmentReader reader, long endOffset) {
      this.id = id;
      this.reader = reader;
      this.endOffset = endOffset;
    }
  }

  private final Path dir;
  private final Options options;
  private final ConcurrentSkipListMap<Long, Segment> segments = new ConcurrentSkipListMap<>();
  private final ReentrantLock appendLock = new ReentrantLock();

  /** Serialises file deletions, which run outside the append lock. */
  private final ReentrantLock deleteLock = new ReentrantLock();

  private final GroupCommit groupCommit;
  private final LongAdder switchForces = new LongAdder();
  // Guarded by appendLock:
  private SegmentWriter activeWriter;
  private Segment activeSegment;

  /** The writer a sync leader is forcing; a segment switch leaves closing it to that leader. */
  private SegmentWriter writerBeingForced;

  private long bytesAppended;

  /** Records appended since open: the group-commit mark. Written under appendLock. */
  private volatile long appends;

  private volatile boolean closed;
  private volatile IOException failure;

  private RecordLog(Path dir, Options options) {
    this.dir = dir;
    this.options = options;
    this.groupCommit = new GroupCommit(this::forceActiveSegment, 0);
  }

  /**
   * Opens the log in {@code dir}, creating the directory and segment 1 if needed, and recovers:
   * the last segment is scanned and a torn tail cut off; other segments must have valid headers
   * and consecutive ids. Damage is {@link CorruptLogException}; a missing segment between
   * others is an {@link IOException}.
   */
  public static RecordLog open(Path dir, Options options) throws IOException {
    Invariants.requireNonNull(dir, "dir");
    Invariants.requireNonNull(options, "options");
    FileIo.createDirectoriesDurably(dir);
    RecordLog log = new RecordLog(dir, options);
    try {
      log.recover(listSegmentIds(dir));
    } catch (IOException | RuntimeException e) {
      log.closeFiles(e);
      throw e;
    }
    return log;
  }

  private void recover(List<Long> ids) throws IOException {
    for (int i = 1; i < ids.size(); i++) {
      if (ids.get(i) != ids.get(i - 1) + 1) {
        throw new IOException(
            "segment files in "
                + dir
                + " are not consecutive: "
                + segmentFile(ids.get(i - 1) + 1)
                + " is missing between "
                + segmentFile(ids.get(i - 1)).getFileName()
                + " and "
                + segmentFile(ids.get(i)).getFileName());
      }
    }
    for (int i = 0; i + 1 < ids.size(); i++) {
      long id = ids.get(i);
      SegmentReader reader = openReader(id);
      segments.put(id, new Segment(id, reader, reader.sizeBytes()));
    }
    long lastId = ids.isEmpty() ? FIRST_SEGMENT_ID : ids.getLast();
    Path lastFile = segmentFile(lastId);
    SegmentWriter writer;
    if (ids.isEmpty()) {
      writer = SegmentWriter.create(lastFile, lastId);
    } else {
      RecoveredSegment recovered = SegmentReader.recover(lastFile, true);
      if (recovered.headerMissing()) {
        writer = SegmentWriter.create(lastFile, lastId);
      } else {
        checkHeaderId(lastFile, recovered.segmentId(), lastId);
        writer = SegmentWriter.reopen(lastFile, lastId, recovered.validEndOffset());
      }
    }
    activeWriter = writer;
    SegmentReader reader = openReader(lastId);
    activeSegment = new Segment(lastId, reader, writer.sizeBytes());
    segments.put(lastId, activeSegment);
  }

  private SegmentReader openReader(long id) throws IOException {
    Path file = segmentFile(id);
    SegmentReader reader = SegmentReader.open(file, options.maxRecordBytes());
    try {
      checkHeaderId(file, reader.segmentId(), id);
    } catch (CorruptLogException e) {
      reader.close();
      throw e;
    }
    return reader;
  }

  private static void checkHeaderId(Path file, long headerId, long nameId)
      throws CorruptLogException {
    if (headerId != nameId) {
      throw CorruptLogException.badHeader(
          file,
          0,
          "the header says segment " + headerId + " (bytes 8..15), the file name says " + nameId);
    }
  }

  private static List<Long> listSegmentIds(Path dir) throws IOException {
    List<Long> ids = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        Matcher name = SEGMENT_NAME.matcher(entry.getFileName().toString());
        if (name.matches()) {
          ids.add(Long.parseLong(name.group(1)));
        }
      }
    }
    ids.sort(null);
    return ids;
  }

  /** The file of segment {@code id} in this log's directory (whether or not it exists). */
  public Path segmentFile(long id) {
    LogPosition.requireSegmentId(id);
    return dir.resolve(String.format("%012d.log", id));
  }

  public Path dir() {
    return dir;
  }

  /**
   * Appends one record and returns its {@link LogPosition}. Not durable until a later
   * {@link #sync()}. Positions increase in append order.
   */
  public long append(byte[] payload) throws IOException {
    Invariants.requireNonNull(payload, "payload");
    Invariants.require(
        payload.length <= options.maxRecordBytes(),
        "record of %d bytes exceeds maxRecordBytes %d",
        payload.length,
        options.maxRecordBytes());
    byte[] frame = Frame.encode(payload); // checksummed outside the lock
    appendLock.lock();
    try {
      ensureWritable();
      long sizeBytes = activeWriter.sizeBytes();
      if (sizeBytes > SegmentHeader.BYTES && sizeBytes + frame.length > options.segmentBytesMax()) {
        switchSegmentLocked();
      }
      long offset;
      try {
        offset = activeWriter.appendFrame(frame);
      } catch (IOException e) {
        throw fail(e);
      }
      activeSegment.endOffset = activeWriter.sizeBytes();
      bytesAppended += frame.length;
      appends = appends + 1; // volatile write last: a sync that reads it covers this record
      return LogPosition.pack(activeSegment.id, offset);
    } finally {
      appendLock.unlock();
    }
  }

  /**
   * Group commit: when this returns, every record whose {@link #append} returned before this call
   * began, on any thread, is durable. Concurrent callers share one fsync.
   */
  public void sync() throws IOException {
    ensureWritable();
    groupCommit.awaitDurable(appends);
  }

  /** The group-commit leader's action: snapshot under the lock, force without it. */
  private long forceActiveSegment() throws IOException {
    SegmentWriter writer;
    long mark;
    appendLock.lock();
    try {
      if (failure != null) {
        throw new IOException("record log " + dir + " failed earlier; reopen it", failure);
      }
      writer = activeWriter;
      mark = appends;
      writerBeingForced = writer;
    } finally {
      appendLock.unlock();
    }
    try {
      writer.sync();
    } catch (IOException e) {
      throw fail(e);
    } finally {
      appendLock.lock();
      try {
        writerBeingForced = null;
        if (writer != activeWriter) {
          writer.close(); // retired by a segment switch while we forced; already forced by it
        }
      } finally {
        appendLock.unlock();
      }
    }
    return mark;
  }

  /** Seals the active segment (forcing it) and starts a new one; returns the new active id. */
  public long rollSegment() throws IOException {
    appendLock.lock();
    try {
      ensureWritable();
      switchSegmentLocked();
      return activeSegment.id;
    } finally {
      appendLock.unlock();
    }
  }

  /**
   * Forces the active segment, then creates the next. The force comes first so that a later
   * sync, which forces only the new active file, still covers every earlier record.
   */
  private void switchSegmentLocked() throws IOException {
    Invariants.check(appendLock.isHeldByCurrentThread(), "segment switch without the append lock");
    SegmentWriter old = activeWriter;
    long nextId = activeSegment.id + 1;
    if (nextId > LogPosition.MAX_SEGMENT_ID) {
      throw new IllegalStateException(
          "record log " + dir + " has used every segment id up to " + LogPosition.MAX_SEGMENT_ID);
    }
    try {
      old.sync();
      switchForces.increment();
      if (old != writerBeingForced) {
        old.close();
      }
      Path file = segmentFile(nextId);
      SegmentWriter writer = SegmentWriter.create(file, nextId);
      SegmentReader reader;
      try {
        reader = openReader(nextId);
      } catch (IOException e) {
        writer.close();
        throw e;
      }
      activeWriter = writer;
      activeSegment = new Segment(nextId, reader, writer.sizeBytes());
      segments.put(nextId, activeSegment);
    } catch (IOException e) {
      throw fail(e);
    }
  }

  /**
   * The payload of the record at {@code position}, checked against its CRC. May run concurrently
   * with appends; may fail with an {@link IOException} when it races with the deletion of its
   * segment. A position that is not a record start (one {@link #append} did not return) is a
   * caller error and yields {@link IllegalArgumentException} or {@link CorruptLogException}.
   */
  public byte[] read(long position) throws IOException {
    ensureOpen();
    Segment segment = segmentOf(position);
    return segment.reader.read(LogPosition.offset(position), segment.endOffset);
  }

  private Segment segmentOf(long position) {
    long id = LogPosition.segment(position);
    Segment segment = segments.get(id);
    if (segment == null) {
      throw new IllegalArgumentException(
          "no segment "
              + id
              + " in "
              + dir
              + " ("
              + LogPosition.format(position)
              + "); segments are "
              + segmentRange());
    }
    return segment;
  }

  private String segmentRange() {
    Map.Entry<Long, Segment> first = segments.firstEntry();
    Map.Entry<Long, Segment> last = segments.lastEntry();
    return first == null ? "none" : first.getKey() + ".." + last.getKey();
  }

  /** All records, oldest first. */
  public Cursor cursorFromStart() {
    ensureOpen();
    return cursor(LogPosition.pack(segments.firstKey(), 0));
  }

  /**
   * Records from the one at {@code fromPosition} (or, with offset 0, from the start of that
   * segment) through every later segment. The cursor sees every record appended before it was
   * created; after {@link Cursor#next()} returns false it may return true again once more records
   * are appended, so it can tail the log. A segment deleted under it makes it fail.
   */
  public Cursor cursor(long fromPosition) {
    ensureOpen();
    Segment segment = segmentOf(fromPosition);
    long offset = LogPosition.offset(fromPosition);
    Invariants.require(
        offset <= segment.endOffset,
        "%s is past the end of segment %d at offset %d",
        LogPosition.format(fromPosition),
        segment.id,
        segment.endOffset);
    return new LogCursor(segment, offset);
  }

  public long activeSegmentId() {
    appendLock.lock();
    try {
      ensureOpen();
      return activeSegment.id;
    } finally {
      appendLock.unlock();
    }
  }

  /** Ids of the segments present, ascending. */
  public List<Long> segmentIds() {
    ensureOpen();
    return List.copyOf(segments.keySet());
  }

  /**
   * Deletes every segment with an id below {@code segmentId}, oldest first, fsyncing the
   * directory after each so that a crash leaves a consecutive run of segments. REQUIRES:
   * {@code segmentId} is at most the active segment's id (the active one is never deleted).
   * Reads and cursors still on a deleted segment fail.
   */
  public void deleteSegmentsBefore(long segmentId) throws IOException {
    deleteLock.lock();
    try {
      List<Segment> doomed = new ArrayList<>();
      appendLock.lock();
      try {
        ensureOpen();
        Invariants.require(
            segmentId <= activeSegment.id,
            "cannot delete segments before %d: segment %d is active",
            segmentId,
            activeSegment.id);
        for (Segment segment : segments.headMap(segmentId).values()) {
          doomed.add(segment);
        }
        for (Segment segment : doomed) {
          segments.remove(segment.id);
        }
      } finally {
        appendLock.unlock();
      }
      for (Segment segment : doomed) {
        segment.reader.close();
        Files.deleteIfExists(segmentFile(segment.id));
        Directories.force(dir);
      }
    } finally {
      deleteLock.unlock();
    }
  }

  /** Counters since open; allowed after close. */
  public Stats stats() {
    appendLock.lock();
    try {
      long sizeBytes = 0;
      for (Segment segment : segments.values()) {
        sizeBytes += segment.endOffset;
      }
      return new Stats(
          appends,
          bytesAppended,
          groupCommit.syncCalls(),
          groupCommit.forces() + switchForces.sum(),
          segments.size(),
          sizeBytes);
    } finally {
      appendLock.unlock();
    }
  }

  /**
   * Syncs every appended record, then closes all files. Idempotent. Reads still running fail;
   * later calls (except {@link #stats()}) throw {@link IllegalStateException}.
   */
  @Override
  public void close() throws IOException {
    appendLock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
    } finally {
      appendLock.unlock();
    }
    IOException error = null;
    try {
      if (failure == null) {
        groupCommit.awaitDurable(appends);
      }
    } catch (IOException e) {
      error = e;
    }
    appendLock.lock();
    try {
      closeFiles(error);
    } finally {
      appendLock.unlock();
    }
    if (error != null) {
      throw error;
    }
  }

  /** Closes every file; the first failure is thrown, or attached to {@code primary} if given. */
  private void closeFiles(Exception primary) throws IOException {
    List<Closeable> files = new ArrayList<>();
    if (activeWriter != null) {
      files.add(activeWriter);
    }
    for (Segment segment : segments.values()) {
      files.add(segment.reader);
    }
    IOException first = null;
    for (Closeable file : files) {
      try {
        file.close();
      } catch (IOException e) {
        if (primary != null) {
          primary.addSuppressed(e);
        } else if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("record log is closed: " + dir);
    }
  }

  private void ensureWritable() throws IOException {
    ensureOpen();
    if (failure != null) {
      throw new IOException("record log " + dir + " failed earlier; reopen it", failure);
    }
  }

  /** Records the first write or fsync failure; from then on the log refuses writes. */
  private IOException fail(IOException e) {
    if (failure == null) {
      failure = e;
    }
    return e;
  }

  /** Walks segments in id order; within the active one, up to its published end. */
  private final class LogCursor implements Cursor {
    private Segment segment;
    private Cursor segmentCursor;
    private boolean positioned;
    private boolean closed;

    LogCursor(Segment segment, long fromOffset) {
      this.segment = segment;
      this.segmentCursor = openSegmentCursor(segment, fromOffset);
    }

    private Cursor openSegmentCursor(Segment target, long fromOffset) {
      return target.reader.cursor(fromOffset, () -> target.endOffset);
    }

    @Override
    public boolean next() throws IOException {
      Invariants.require(!closed, "cursor over %s is closed", dir);
      ensureOpen();
      positioned = false;
      // Bounded: every pass returns or moves to a higher segment id.
      while (true) {
        if (segmentCursor.next()) {
          positioned = true;
          return true;
        }
        Map.Entry<Long, Segment> following = segments.higherEntry(segment.id);
        if (following == null) {
          return false;
        }
        // A successor exists, so this segment is sealed and its end final; it may have grown
        // between our last step and the switch, so look once more before leaving it.
        if (segmentCursor.next()) {
          positioned = true;
          return true;
        }
        segmentCursor.close();
        segment = following.getValue();
        segmentCursor = openSegmentCursor(segment, SegmentHeader.BYTES);
      }
    }

    @Override
    public long position() {
      Invariants.require(positioned, "no current record: next() did not return true");
      return segmentCursor.position();
    }

    @Override
    public byte[] payload() {
      Invariants.require(positioned, "no current record: next() did not return true");
      return segmentCursor.payload();
    }

    @Override
    public void close() {
      closed = true;
      segmentCursor.close();
    }
  }
}
