package dev.praxis.team;

import java.util.Objects;

/**
 * Builds a Mermaid flowchart ({@code flowchart TD}) of a team's structure. Nested teams become
 * subgraphs. Labels are escaped, so member names and descriptions cannot break the syntax.
 * Not thread-safe: one diagram per call of {@link #of}.
 */
final class MermaidDiagram {

    /**
     * Where a described part is entered and left.
     *
     * @param in  the node id that incoming edges point at
     * @param out the node id that outgoing edges leave from
     */
    record Ports(String in, String out) {
    }

    private final StringBuilder text = new StringBuilder("flowchart TD\n");
    private int nodes;
    private int depth = 1;

    private MermaidDiagram() {
    }

    /** The flowchart of {@code team}. */
    static String of(Team team) {
        MermaidDiagram diagram = new MermaidDiagram();
        diagram.team(team.name(), team);
        return diagram.text.toString();
    }

    /** Adds a node with {@code label} and the given Mermaid shape ({@code "[]"}, {@code "(())"}, {@code "{}"}...). */
    String node(String label, String shape) {
        Objects.requireNonNull(label, "label");
        if (shape.length() % 2 != 0 || shape.isEmpty()) {
            throw new IllegalArgumentException("shape must be an opening and closing bracket sequence, got " + shape);
        }
        String id = "n" + (++nodes);
        int half = shape.length() / 2;
        line(id + shape.substring(0, half) + "\"" + escape(label) + "\"" + shape.substring(half));
        return id;
    }

    /** Adds an edge, labelled when {@code label} is not empty; {@code dotted} for optional paths. */
    void edge(String from, String to, String label, boolean dotted) {
        String arrow = dotted ? "-.->" : "-->";
        line(from + " " + arrow + (label.isEmpty() ? "" : "|\"" + escape(label) + "\"|") + " " + to);
    }

    /** Adds a member: a box for a plain agent, a subgraph for a nested team. */
    Ports member(Member member) {
        if (member.agent() instanceof Team team) {
            return team(member.name(), team);
        }
        String id = node(member.name(), "[]");
        return new Ports(id, id);
    }

    private Ports team(String title, Team team) {
        line("subgraph s" + (++nodes) + "[\"" + escape(title) + "\"]");
        depth++;
        Ports ports;
        if (team instanceof ConfiguredTeam configured) {
            ports = configured.describe(this);
        } else {
            String id = node(team.name(), "[]");
            ports = new Ports(id, id);
        }
        depth--;
        line("end");
        return ports;
    }

    private void line(String line) {
        text.append("    ".repeat(depth)).append(line).append('\n');
    }

    private static String escape(String label) {
        StringBuilder out = new StringBuilder(label.length());
        for (char c : label.toCharArray()) {
            switch (c) {
                case '"' -> out.append("#quot;");
                case '<' -> out.append("#lt;");
                case '>' -> out.append("#gt;");
                case '\n', '\r' -> out.append(' ');
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
