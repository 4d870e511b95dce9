package dev.ddialab.cluster.trace;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Locale;

/**
 * Writes a run's events as JSON lines, one object per event:
 * {@code {"t_ns":1500000,"kind":"deliver","node":"n2","peer":"n1","detail":"Gossip[...]",
 * "sent_ns":1000000}}. Absent fields are omitted. The caller owns and closes the writer.
 */
public final class JsonLinesTrace implements TraceSink {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Writer out;
  private long written;

  public JsonLinesTrace(Writer out) {
    this.out = out;
  }

  @Override
  public void accept(TraceEvent event) {
    ObjectNode line = JSON.createObjectNode();
    line.put("t_ns", event.timeNanos());
    line.put("kind", event.kind().name().toLowerCase(Locale.ROOT));
    if (event.node() != null) {
      line.put("node", event.node());
    }
    if (event.peer() != null) {
      line.put("peer", event.peer());
    }
    if (event.detail() != null) {
      line.put("detail", event.detail());
    }
    if (event.sentNanos() >= 0) {
      line.put("sent_ns", event.sentNanos());
    }
    try {
      out.write(line.toString());
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the trace", e);
    }
    written++;
  }

  public long written() {
    return written;
  }
}
