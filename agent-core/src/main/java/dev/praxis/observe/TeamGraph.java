package dev.praxis.observe;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A team's structure, read from the Mermaid flowchart Praxis writes ({@code Team.mermaid()}),
 * drawn as an inline SVG: members in rows by distance from the entry, edges as arrows.
 * Package-private: a part of {@link TracePage}.
 */
final class TeamGraph {

    private static final Pattern NODE = Pattern.compile("^(n\\d+)[^\"]*\"(.*)\"[^\"]*$");
    private static final Pattern EDGE = Pattern.compile("^(\\S+) (-->|-\\.->)(?:\\|\"(.*)\"\\|)? (\\S+)$");
    private static final int W = 150;
    private static final int H = 36;
    private static final int GAP_X = 30;
    private static final int GAP_Y = 50;

    private final Map<String, String> labels = new LinkedHashMap<>();
    private final List<String[]> edges = new ArrayList<>();

    private TeamGraph() {
    }

    /** The graph of {@code mermaid}; lines it does not know (styles, subgraph ends) are ignored. */
    static TeamGraph parse(String mermaid) {
        TeamGraph graph = new TeamGraph();
        for (String raw : mermaid.split("\n")) {
            String line = raw.strip();
            Matcher edge = EDGE.matcher(line);
            Matcher node = NODE.matcher(line);
            if (edge.matches()) {
                graph.edges.add(new String[] {edge.group(1), edge.group(4), edge.group(3) == null ? "" : unescape(edge.group(3)),
                        edge.group(2).equals("-->") ? "solid" : "dotted"});
            } else if (node.matches() && !line.startsWith("subgraph")) {
                graph.labels.put(node.group(1), unescape(node.group(2)));
            }
        }
        return graph;
    }

    /** The SVG, with {@code id="team-graph"}, one {@code g.node} per member and one {@code path.edge} per edge. */
    String svg() {
        Map<String, int[]> at = layout();
        int width = at.values().stream().mapToInt(p -> p[0]).max().orElse(0) + W + 20;
        int height = at.values().stream().mapToInt(p -> p[1]).max().orElse(0) + H + 20;
        StringBuilder svg = new StringBuilder("<svg id=\"team-graph\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(width).append("\" height=\"").append(height).append("\">")
                .append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\""
                        + " markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0L10,5L0,10z\" fill=\"#555\"/></marker></defs>");
        for (String[] e : edges) {
            int[] a = at.get(e[0]);
            int[] b = at.get(e[1]);
            if (a == null || b == null) {
                continue;
            }
            int x1 = a[0] + W / 2;
            int y1 = a[1] + H;
            int x2 = b[0] + W / 2;
            int y2 = b[1];
            if (b[1] <= a[1]) { // back edge (a loop): leave and enter on the side
                x1 = a[0] + W;
                y1 = a[1] + H / 2;
                x2 = b[0] + W;
                y2 = b[1] + H / 2;
            }
            String mid = ((x1 + x2) / 2 + (b[1] <= a[1] ? 40 : 0)) + "," + (y1 + y2) / 2;
            svg.append("<path class=\"edge ").append(e[3]).append("\" d=\"M").append(x1).append(',').append(y1)
                    .append(" Q").append(mid).append(' ').append(x2).append(',').append(y2)
                    .append("\" fill=\"none\" stroke=\"#555\"").append(e[3].equals("dotted") ? " stroke-dasharray=\"4 3\"" : "")
                    .append(" marker-end=\"url(#arrow)\"><title>").append(TracePage.escape(e[2])).append("</title></path>");
        }
        for (Map.Entry<String, int[]> n : at.entrySet()) {
            int[] p = n.getValue();
            String label = labels.get(n.getKey());
            svg.append("<g class=\"node\" data-member=\"").append(TracePage.escape(label)).append("\"><rect x=\"").append(p[0])
                    .append("\" y=\"").append(p[1]).append("\" width=\"").append(W).append("\" height=\"").append(H)
                    .append("\" rx=\"6\" fill=\"#eef3fb\" stroke=\"#4a6fa5\"/><text x=\"").append(p[0] + W / 2)
                    .append("\" y=\"").append(p[1] + H / 2 + 5).append("\" text-anchor=\"middle\">")
                    .append(TracePage.escape(label.length() > 20 ? label.substring(0, 19) + "…" : label))
                    .append("</text></g>");
        }
        return svg.append("</svg>").toString();
    }

    private Map<String, int[]> layout() {
        Map<String, Integer> row = new HashMap<>();
        Map<String, Integer> incoming = new HashMap<>();
        edges.forEach(e -> incoming.merge(e[1], 1, Integer::sum));
        Deque<String> queue = new ArrayDeque<>();
        labels.keySet().stream().filter(id -> !incoming.containsKey(id)).forEach(id -> {
            row.put(id, 0);
            queue.add(id);
        });
        if (queue.isEmpty() && !labels.isEmpty()) {
            String first = labels.keySet().iterator().next();
            row.put(first, 0);
            queue.add(first);
        }
        while (!queue.isEmpty()) {
            String id = queue.poll();
            for (String[] e : edges) {
                if (e[0].equals(id) && !row.containsKey(e[1]) && labels.containsKey(e[1])) {
                    row.put(e[1], row.get(id) + 1);
                    queue.add(e[1]);
                }
            }
        }
        labels.keySet().forEach(id -> row.putIfAbsent(id, row.values().stream().mapToInt(i -> i).max().orElse(-1) + 1));
        Map<Integer, Integer> used = new HashMap<>();
        Map<String, int[]> at = new LinkedHashMap<>();
        for (String id : labels.keySet()) {
            int r = row.get(id);
            int column = used.merge(r, 1, Integer::sum) - 1;
            at.put(id, new int[] {10 + column * (W + GAP_X), 10 + r * (H + GAP_Y)});
        }
        return at;
    }

    private static String unescape(String label) {
        return label.replace("#quot;", "\"").replace("#lt;", "<").replace("#gt;", ">");
    }
}
