package dev.ddialab.cluster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddialab.cluster.SharedData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ddia check}: verdicts and exit codes on the shared histories. */
class CheckCommandTest {
  @TempDir
  Path dir;

  private String out;

  private int ddia(String... args) {
    StringWriter text = new StringWriter();
    CommandLine cli = new CommandLine(new CheckCommand());
    cli.setOut(new PrintWriter(text));
    cli.setErr(new PrintWriter(text));
    int code = cli.execute(args);
    out = text.toString();
    return code;
  }

  @Test
  void linearizableHistoriesExitZero() {
    Path ok = SharedData.linearizability().resolve("kv/c10-ok.txt");
    assertThat(ddia("linearizability", "--model", "kv", ok.toString())).isZero();
    assertThat(out).isEqualTo("linearizable" + System.lineSeparator());
    Path etcd = SharedData.linearizability().resolve("jepsen-etcd/etcd_002.log");
    assertThat(ddia("linearizability", "--model", "cas-register", etcd.toString())).isZero();
  }

  @Test
  void violationsExitOneWithTheOperationsThatCannotBeOrdered() {
    Path bad = SharedData.linearizability().resolve("kv/c50-bad.txt");
    assertThat(ddia("linearizability", "--model", "kv", "--stats", bad.toString())).isEqualTo(1);
    assertThat(out).startsWith("not linearizable").contains("cannot be ordered")
        .contains("impossible in state").contains("2024 operations, 10 keys");
  }

  @Test
  void badInputIsAnErrorNotACrash() throws Exception {
    assertThat(ddia("linearizability", "--model", "btree", "x")).isEqualTo(2);
    assertThat(out).contains("unknown model 'btree'");
    Path garbage = dir.resolve("garbage.edn");
    Files.writeString(garbage, "{:process 1, :type :invoke, :f :read}\n{:process 1, :type");
    assertThat(ddia("linearizability", garbage.toString())).isEqualTo(1);
    assertThat(out).contains("line 2");
  }

  @Test
  void setFullReportsLostElements() throws Exception {
    Path history = dir.resolve("set.edn");
    Files.writeString(history, String.join("\n",
        "{:process 0, :type :invoke, :f :add, :value 1}",
        "{:process 0, :type :ok, :f :add, :value 1}",
        "{:process 1, :type :invoke, :f :read, :value nil}",
        "{:process 1, :type :ok, :f :read, :value #{}}"));
    assertThat(ddia("set-full", history.toString())).isEqualTo(1);
    assertThat(out).contains("invalid").contains("lost [1]");
  }
}
