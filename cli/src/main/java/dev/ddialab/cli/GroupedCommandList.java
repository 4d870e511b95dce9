package dev.ddialab.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.IHelpSectionRenderer;

/**
 * Renders the root command's list of subcommands grouped by the book's parts, so that
 * {@code ./ddia --help} reads like the book's table of contents. Subcommands of a system keep
 * picocli's plain list.
 */
final class GroupedCommandList implements IHelpSectionRenderer {
  @Override
  public String render(Help help) {
    CommandLine.Model.CommandSpec spec = help.commandSpec();
    if (spec.parent() != null) {
      return help.commandList();
    }
    Map<String, Help> all = help.subcommands();
    StringBuilder out = new StringBuilder();
    out.append(heading(help, "Start here"));
    out.append(help.commandList(pick(all, "tour")));
    for (Systems.Part part : Systems.Part.values()) {
      if (part == Systems.Part.TOOLS) {
        continue;
      }
      Map<String, Help> inPart = new LinkedHashMap<>();
      for (Systems.Entry entry : Systems.ALL) {
        if (entry.part() == part) {
          inPart.putAll(pick(all, entry.name()));
        }
      }
      out.append(heading(help, part.heading));
      out.append(inPart.isEmpty()
          ? String.format("  (nothing built yet)%n")
          : help.commandList(inPart));
    }
    out.append(heading(help, Systems.Part.TOOLS.heading));
    Map<String, Help> tools = new LinkedHashMap<>();
    for (Systems.Entry entry : Systems.ALL) {
      if (entry.part() == Systems.Part.TOOLS) {
        tools.putAll(pick(all, entry.name()));
      }
    }
    tools.putAll(pick(all, "completion"));
    out.append(help.commandList(tools));
    out.append(String.format(
        "  test        Run the whole test suite (handled by the ./ddia launcher: mvn -B verify).%n"));
    return out.toString();
  }

  private static String heading(Help help, String title) {
    return String.format("%n%s%n", help.colorScheme().text("@|bold " + title + ":|@"));
  }

  private static Map<String, Help> pick(Map<String, Help> all, String name) {
    Map<String, Help> one = new LinkedHashMap<>();
    if (all.containsKey(name)) {
      one.put(name, all.get(name));
    }
    return one;
  }
}
