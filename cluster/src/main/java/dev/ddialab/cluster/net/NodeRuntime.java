package dev.ddialab.cluster.net;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddialab.cluster.DurableStore;
import dev.ddialab.cluster.MessageCodec;
import dev.ddialab.cluster.Node;
import dev.ddialab.cluster.NodeContext;
import dev.ddialab.cluster.NodeId;
import dev.ddialab.cluster.TimerTag;
import dev.ddialab.core.Clock;
import dev.ddialab.core.Invariants;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * Runs one {@link Node} in a real process: a single event-loop thread takes inputs (messages,
 * timers) from a bounded inbox and calls the node, so the node sees one event at a time exactly
 * as in simulation. Time is the real {@link Clock}; randomness a {@link SplittableRandom}; the
 * disk a {@link DurableStore} given by the caller. When the inbox is full, incoming messages are
 * dropped (the node contract allows loss) rather than blocking network threads without bound.
 */
public final class NodeRuntime<M> implements NodeContext<M>, AutoCloseable {
  private static final int INBOX_CAPACITY = 100_000;

  private final NodeId self;
  private final List<NodeId> members;
  private final Node<M> node;
  private final MessageCodec<M> codec;
  private final DurableStore disk;
  private final Clock clock;
  private final RandomGenerator random;
  private final BlockingQueue<Runnable> inbox = new ArrayBlockingQueue<>(INBOX_CAPACITY);
  private final ScheduledExecutorService timers;
  private final Set<Long> pendingTimers = new HashSet<>(); // touched only by the event loop
  private final AtomicLong nextTimerId = new AtomicLong();
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final Thread loop;
  private volatile Transport transport;
  private volatile boolean running = true;

  public NodeRuntime(NodeId self, List<NodeId> members, Node<M> node, MessageCodec<M> codec,
      DurableStore disk, Clock clock, long seed) {
    this.self = self;
    this.members = List.copyOf(members);
    this.node = node;
    this.codec = codec;
    this.disk = disk;
    this.clock = clock;
    this.random = new SplittableRandom(seed);
    this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, self + "-timers");
      t.setDaemon(true);
      return t;
    });
    this.loop = new Thread(this::runLoop, self + "-node");
    this.loop.setDaemon(true);
  }

  /** Connects the transport and starts the node on the event loop. */
  public void start(Transport transport) {
    this.transport = transport;
    post(() -> node.start(this));
    loop.start();
  }

  /**
   * Hands an arriving envelope to the node, on the event loop. A body the codec rejects gets an
   * error reply (Maelstrom code 12, malformed request) and the node never sees it.
   */
  public void deliver(Envelope envelope) {
    M message;
    try {
      message = codec.decode(envelope.body());
    } catch (RuntimeException e) {
      rejected.incrementAndGet();
      transport.send(envelope.errorReply(12, String.valueOf(e.getMessage())));
      return;
    }
    received.incrementAndGet();
    NodeId from = NodeId.of(envelope.src());
    post(() -> node.onMessage(from, message));
  }

  private boolean post(Runnable event) {
    return inbox.offer(event);
  }

  private void runLoop() {
    while (running) {
      Runnable event;
      try {
        event = inbox.poll(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (event == null) {
        continue;
      }
      try {
        event.run();
      } catch (RuntimeException e) {
        // A bug in the node must not kill the process silently; report and keep serving.
        System.err.println(self + ": node failed handling an event: " + e);
        e.printStackTrace(System.err);
      }
    }
  }

  @Override
  public NodeId self() {
    return self;
  }

  @Override
  public List<NodeId> members() {
    return members;
  }

  @Override
  public void send(NodeId to, M message) {
    ObjectNode body = codec.encode(message);
    Envelope envelope = new Envelope(self.name(), to.name(), body);
    if (to.equals(self)) {
      deliver(envelope);
    } else {
      transport.send(envelope);
    }
  }

  @Override
  public TimerTag schedule(Duration after, Object tag) {
    Invariants.require(!after.isNegative(), "cannot schedule in the past: %s", after);
    TimerTag timer = new TimerTag(nextTimerId.getAndIncrement(), tag);
    pendingTimers.add(timer.id());
    timers.schedule(() -> post(() -> {
      if (pendingTimers.remove(timer.id())) {
        node.onTimer(timer);
      }
    }), after.toNanos(), TimeUnit.NANOSECONDS);
    return timer;
  }

  @Override
  public void cancel(TimerTag timer) {
    pendingTimers.remove(timer.id());
  }

  @Override
  public long nanoTime() {
    return clock.nanoTime();
  }

  @Override
  public long wallMillis() {
    return clock.wallMillis();
  }

  @Override
  public RandomGenerator random() {
    return random;
  }

  @Override
  public DurableStore disk() {
    return disk;
  }

  @Override
  public void log(String format, Object... args) {
    System.err.println(self + ": " + String.format(format, args));
  }

  public long received() {
    return received.get();
  }

  public long rejected() {
    return rejected.get();
  }

  @Override
  public void close() {
    running = false;
    timers.shutdownNow();
    loop.interrupt();
  }
}
