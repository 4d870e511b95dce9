package dev.ddialab.cluster.systems.echo;

import dev.ddialab.cluster.ClusterSystem;
import dev.ddialab.cluster.MessageCodec;
import dev.ddialab.cluster.Node;
import dev.ddialab.cluster.NodeContext;
import dev.ddialab.cluster.NodeId;

/** The smallest node: answers every {@code echo}. The simulator's benchmark workload. */
public final class EchoNode implements Node<EchoMessage> {
  /** The {@code echo} system. */
  public static final ClusterSystem<EchoMessage> SYSTEM = new ClusterSystem<>() {
    @Override
    public String name() {
      return "echo";
    }

    @Override
    public String description() {
      return "answers every echo (Maelstrom's echo workload)";
    }

    @Override
    public Node<EchoMessage> newNode(NodeId id) {
      return new EchoNode();
    }

    @Override
    public MessageCodec<EchoMessage> codec() {
      return EchoMessage.CODEC;
    }
  };

  private NodeContext<EchoMessage> ctx;
  private long nextMsgId = 1;

  @Override
  public void start(NodeContext<EchoMessage> context) {
    this.ctx = context;
  }

  @Override
  public void onMessage(NodeId from, EchoMessage message) {
    if (message instanceof EchoMessage.Echo echo) {
      ctx.send(from, new EchoMessage.EchoOk(nextMsgId++, echo.msgId(), echo.echo()));
    }
  }
}
