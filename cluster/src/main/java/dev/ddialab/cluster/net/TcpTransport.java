package dev.ddialab.cluster.net;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Envelopes over TCP, one JSON object per line. Each process listens on its address; to each peer
 * it keeps one outgoing {@link PeerLink}; anything that connects to it (a peer's link, a client)
 * is read line by line on its own virtual thread. Replies to a sender that is not a peer (a
 * client) go back on the connection its last message came from. Faults ({@link TransportFaults})
 * are applied here: blocked peers in both directions, random loss and delay on the way out.
 */
public final class TcpTransport implements Transport {
  private final String self;
  private final ServerSocket server;
  private final Map<String, PeerLink> peers = new ConcurrentHashMap<>();
  private final Map<String, ClientConnection> returnPaths = new ConcurrentHashMap<>();
  private final ScheduledExecutorService delayer;
  private final AtomicLong faultDrops = new AtomicLong();
  private final AtomicLong malformed = new AtomicLong();
  private volatile TransportFaults faults = TransportFaults.NONE;
  private volatile Consumer<Envelope> receiver = envelope -> { };
  private volatile boolean open = true;

  /** A client's connection, written by whichever thread replies to it. */
  private record ClientConnection(Socket socket, BufferedWriter out) {
    synchronized void write(String line) throws IOException {
      out.write(line);
      out.write('\n');
      out.flush();
    }
  }

  public TcpTransport(String self, InetSocketAddress listen, Map<String, InetSocketAddress> peers)
      throws IOException {
    this.self = self;
    this.server = new ServerSocket();
    this.server.setReuseAddress(true);
    this.server.bind(listen, 128);
    peers.forEach((id, address) -> {
      if (!id.equals(self)) {
        this.peers.put(id, new PeerLink(id, address));
      }
    });
    this.delayer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, self + "-delay");
      t.setDaemon(true);
      return t;
    });
    Thread.ofVirtual().name(self + "-accept").start(this::accept);
  }

  /** Where arriving envelopes go (the node runtime's {@code deliver}). */
  public void onReceive(Consumer<Envelope> receiver) {
    this.receiver = receiver;
  }

  public int port() {
    return server.getLocalPort();
  }

  public void faults(TransportFaults faults) {
    this.faults = faults;
  }

  public TransportFaults faults() {
    return faults;
  }

  @Override
  public void send(Envelope envelope) {
    TransportFaults f = faults;
    if (f.dropsTo(envelope.dest())) {
      faultDrops.incrementAndGet();
      return;
    }
    if (f.delayMillis() > 0) {
      delayer.schedule(() -> route(envelope), f.delayMillis(), TimeUnit.MILLISECONDS);
    } else {
      route(envelope);
    }
  }

  private void route(Envelope envelope) {
    String line = envelope.toJson();
    PeerLink link = peers.get(envelope.dest());
    if (link != null) {
      link.send(line);
      return;
    }
    ClientConnection client = returnPaths.get(envelope.dest());
    if (client == null) {
      faultDrops.incrementAndGet(); // nobody by that name: lost, as on a real network
      return;
    }
    try {
      client.write(line);
    } catch (IOException e) {
      returnPaths.remove(envelope.dest(), client);
    }
  }

  private void accept() {
    while (open) {
      try {
        Socket socket = server.accept();
        socket.setTcpNoDelay(true);
        Thread.ofVirtual().name(self + "-read").start(() -> read(socket));
      } catch (IOException e) {
        if (!open) {
          return;
        }
      }
    }
  }

  private void read(Socket socket) {
    try (socket; BufferedReader in = new BufferedReader(new InputStreamReader(
        socket.getInputStream(), StandardCharsets.UTF_8))) {
      ClientConnection connection = new ClientConnection(socket, new BufferedWriter(
          new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8)));
      String line;
      while ((line = BoundedLines.readLine(in, Envelope.LINE_BYTES_MAX)) != null) {
        Envelope envelope;
        try {
          envelope = Envelope.parse(line);
        } catch (IllegalArgumentException e) {
          malformed.incrementAndGet();
          connection.write("{\"src\":\"" + self + "\",\"dest\":\"unknown\",\"body\":"
              + "{\"type\":\"error\",\"code\":12,\"text\":"
              + Envelope.MAPPER.writeValueAsString(e.getMessage()) + "}}");
          continue;
        }
        if (faults.blocksFrom(envelope.src())) {
          faultDrops.incrementAndGet();
          continue;
        }
        if (!peers.containsKey(envelope.src())) {
          returnPaths.put(envelope.src(), connection);
        }
        receiver.accept(envelope);
      }
    } catch (IOException e) {
      // The other side went away; its link will reconnect if it is a peer.
    }
  }

  @Override
  public String describe() {
    StringBuilder out = new StringBuilder();
    peers.forEach((id, link) -> out.append(id).append(link.connected() ? " connected" : " down")
        .append(", sent ").append(link.sent()).append(", queue-full drops ")
        .append(link.dropped()).append("; "));
    out.append("fault drops ").append(faultDrops.get()).append(", malformed ")
        .append(malformed.get());
    return out.toString();
  }

  /** Peer id to whether its outgoing link is connected. */
  public Map<String, Boolean> links() {
    Map<String, Boolean> out = new java.util.TreeMap<>();
    peers.forEach((id, link) -> out.put(id, link.connected()));
    return out;
  }

  public long faultDrops() {
    return faultDrops.get();
  }

  @Override
  public void close() {
    open = false;
    try {
      server.close();
    } catch (IOException e) {
      // Closing anyway.
    }
    peers.values().forEach(PeerLink::close);
    returnPaths.values().forEach(c -> {
      try {
        c.socket().close();
      } catch (IOException e) {
        // Closing anyway.
      }
    });
    delayer.shutdownNow();
  }
}
