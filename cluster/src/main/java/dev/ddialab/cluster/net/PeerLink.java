package dev.ddialab.cluster.net;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The outgoing half of a connection to one peer: a bounded queue and a writer thread that
 * connects, reconnects with capped exponential backoff when the connection breaks, and writes
 * one envelope per line. Messages queued while the peer is unreachable wait (up to the bound);
 * the one being written when a connection breaks is lost. A full queue drops new messages.
 */
final class PeerLink implements AutoCloseable {
  private static final int QUEUE_CAPACITY = 10_000;
  private static final long BACKOFF_MIN_MILLIS = 20;
  private static final long BACKOFF_MAX_MILLIS = 1_000;
  private static final int CONNECT_TIMEOUT_MILLIS = 1_000;

  private final String peer;
  private final InetSocketAddress address;
  private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final Thread writer;
  private volatile boolean open = true;
  private volatile boolean connected;
  private volatile Socket socket;

  PeerLink(String peer, InetSocketAddress address) {
    this.peer = peer;
    this.address = address;
    this.writer = Thread.ofVirtual().name("link-" + peer).unstarted(this::run);
    this.writer.start();
  }

  void send(String line) {
    if (!queue.offer(line)) {
      dropped.incrementAndGet();
    }
  }

  boolean connected() {
    return connected;
  }

  long sent() {
    return sent.get();
  }

  long dropped() {
    return dropped.get();
  }

  private void run() {
    long backoff = BACKOFF_MIN_MILLIS;
    while (open) {
      try (Socket s = new Socket()) {
        s.setTcpNoDelay(true);
        s.connect(address, CONNECT_TIMEOUT_MILLIS);
        socket = s;
        connected = true;
        backoff = BACKOFF_MIN_MILLIS;
        BufferedWriter out = new BufferedWriter(new OutputStreamWriter(s.getOutputStream(),
            StandardCharsets.UTF_8));
        while (open) {
          String line = queue.poll(100, TimeUnit.MILLISECONDS);
          if (line == null) {
            continue;
          }
          out.write(line);
          out.write('\n');
          if (queue.isEmpty()) {
            out.flush();
          }
          sent.incrementAndGet();
        }
      } catch (IOException e) {
        // Peer down or connection broken: retry after a pause.
      } catch (InterruptedException e) {
        return;
      } finally {
        connected = false;
      }
      try {
        Thread.sleep(backoff);
      } catch (InterruptedException e) {
        return;
      }
      backoff = Math.min(BACKOFF_MAX_MILLIS, backoff * 2);
    }
  }

  @Override
  public void close() {
    open = false;
    writer.interrupt();
    Socket s = socket;
    if (s != null) {
      try {
        s.close();
      } catch (IOException e) {
        // Closing anyway.
      }
    }
  }

  @Override
  public String toString() {
    return peer + "@" + address.getHostString() + ":" + address.getPort();
  }
}
