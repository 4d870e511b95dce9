package dev.ddialab.cluster.net;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ddialab.cluster.MessageCodec;
import dev.ddialab.cluster.NodeId;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * A Maelstrom-style client of one node process over TCP: sends requests as {@code self} and
 * matches replies by {@code in_reply_to}. A reply that does not come within the timeout is
 * reported as null: the request may or may not have taken effect. Thread-safe.
 */
public final class TcpClient<M> implements AutoCloseable {
  private final NodeId self;
  private final NodeId server;
  private final MessageCodec<M> codec;
  private final Socket socket;
  private final BufferedWriter out;
  private final Map<Long, CompletableFuture<M>> pending = new ConcurrentHashMap<>();
  private final AtomicLong nextMsgId = new AtomicLong(1);

  public TcpClient(NodeId self, NodeId server, InetSocketAddress address, MessageCodec<M> codec)
      throws IOException {
    this.self = self;
    this.server = server;
    this.codec = codec;
    this.socket = new Socket();
    socket.connect(address, 2_000);
    socket.setTcpNoDelay(true);
    this.out = new BufferedWriter(new OutputStreamWriter(socket.getOutputStream(),
        StandardCharsets.UTF_8));
    Thread.ofVirtual().name(self + "-client").start(this::readReplies);
  }

  /**
   * Sends {@code request.apply(msgId)} and waits for its reply; null on timeout.
   *
   * @throws IOException if the connection is gone
   */
  public M call(LongFunction<M> request, Duration timeout) throws IOException,
      InterruptedException {
    long msgId = nextMsgId.getAndIncrement();
    CompletableFuture<M> reply = new CompletableFuture<>();
    pending.put(msgId, reply);
    String line = new Envelope(self.name(), server.name(), codec.encode(request.apply(msgId)))
        .toJson();
    synchronized (out) {
      out.write(line);
      out.write('\n');
      out.flush();
    }
    try {
      return reply.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      return null;
    } catch (ExecutionException e) {
      throw new IOException("connection to " + server + " failed", e.getCause());
    } finally {
      pending.remove(msgId);
    }
  }

  private void readReplies() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = BoundedLines.readLine(in, Envelope.LINE_BYTES_MAX)) != null) {
        try {
          Envelope envelope = Envelope.parse(line);
          JsonNode inReplyTo = envelope.body().get("in_reply_to");
          if (inReplyTo != null && inReplyTo.canConvertToLong()) {
            CompletableFuture<M> waiting = pending.get(inReplyTo.asLong());
            if (waiting != null) {
              waiting.complete(codec.decode(envelope.body()));
            }
          }
        } catch (IllegalArgumentException e) {
          // Not for us or not understood: a real client would log it and go on.
        }
      }
    } catch (IOException e) {
      // Connection closed.
    }
    pending.values().forEach(f -> f.completeExceptionally(new IOException("connection closed")));
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
