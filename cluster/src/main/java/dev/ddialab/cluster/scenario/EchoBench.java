package dev.ddialab.cluster.scenario;

import dev.ddialab.cluster.Node;
import dev.ddialab.cluster.NodeContext;
import dev.ddialab.cluster.NodeId;
import dev.ddialab.cluster.sim.LatencyModel;
import dev.ddialab.cluster.sim.Simulation;
import dev.ddialab.cluster.systems.echo.EchoMessage;
import dev.ddialab.cluster.systems.echo.EchoNode;
import java.time.Duration;

/**
 * The simulator's throughput benchmark: closed-loop clients send {@code echo} to random servers
 * and send again as soon as the reply arrives, so every event is a message delivery through the
 * full path (latency sampling, the event queue, dispatch to a node). Wall-clock timing here is
 * the benchmark's own, outside any simulated node.
 */
public final class EchoBench {
  public record Result(long events, long virtualNanos, long wallNanos, boolean hashed) {
    public double eventsPerSecond() {
      return events * 1e9 / wallNanos;
    }
  }

  private EchoBench() {}

  /** Runs until {@code events} events have been processed. */
  public static Result run(int servers, int clients, long events, boolean hashTrace, long seed) {
    var builder = Simulation.<EchoMessage>builder(seed)
        .servers(servers, id -> new EchoNode())
        .serverLatency(LatencyModel.uniform(Duration.ofNanos(100_000), Duration.ofMillis(1)))
        .clientLatency(LatencyModel.uniform(Duration.ofNanos(100_000), Duration.ofMillis(1)))
        .hashTrace(hashTrace)
        .eventsMax(Long.MAX_VALUE);
    for (int i = 1; i <= clients; i++) {
      builder.client(NodeId.client(i), id -> new EchoLoad(servers));
    }
    Simulation<EchoMessage> sim = builder.build();
    long start = System.nanoTime();
    sim.start();
    sim.runUntil(s -> s.events() >= events, Duration.ofDays(365));
    long wall = System.nanoTime() - start;
    return new Result(sim.events(), sim.nowNanos(), wall, hashTrace);
  }

  /** A client that keeps one echo in flight at all times. */
  private static final class EchoLoad implements Node<EchoMessage> {
    private final int servers;
    private NodeContext<EchoMessage> ctx;
    private long nextMsgId = 1;

    EchoLoad(int servers) {
      this.servers = servers;
    }

    @Override
    public void start(NodeContext<EchoMessage> context) {
      this.ctx = context;
      send();
    }

    @Override
    public void onMessage(NodeId from, EchoMessage message) {
      send();
    }

    private void send() {
      NodeId server = NodeId.server(1 + ctx.random().nextInt(servers));
      ctx.send(server, new EchoMessage.Echo(nextMsgId++, "hello"));
    }
  }
}
