package dev.praxis.eval.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Small inline SVG charts, drawn without any script or external resource. */
final class Svg {

    private static final int WIDTH = 560;
    private static final int BAR_AREA = 320;
    private static final int LABELS = 180;

    private Svg() {
    }

    /** A histogram of {@code values} in {@code bins} equal-width bins; one {@code rect} per bin. */
    static String histogram(String title, List<Long> values, int bins) {
        long min = values.stream().mapToLong(Long::longValue).min().orElse(0);
        long max = values.stream().mapToLong(Long::longValue).max().orElse(0);
        double width = Math.max(1.0, (double) (max - min + 1) / bins);
        int[] counts = new int[bins];
        for (long v : values) {
            counts[(int) Math.min(bins - 1, Math.floor((v - min) / width))]++;
        }
        int peak = java.util.Arrays.stream(counts).max().orElse(1);
        int height = 160;
        double barWidth = (double) (WIDTH - 60) / bins;
        StringBuilder svg = open(title, WIDTH, height + 50);
        for (int i = 0; i < bins; i++) {
            double h = peak == 0 ? 0 : (double) counts[i] / peak * height;
            svg.append(String.format(Locale.ROOT,
                    "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"><title>%s–%s ms: %d</title></rect>",
                    40 + i * barWidth, 10 + height - h, barWidth - 2, h,
                    Math.round(min + i * width), Math.round(min + (i + 1) * width), counts[i]));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"40\" y=\"%d\">%d ms</text>", height + 28, min));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%d ms</text>",
                WIDTH - 20, height + 28, max));
        svg.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"20\">%d</text>", peak));
        return svg.append("</svg>").toString();
    }

    /** Horizontal bars, one per entry, for rates in [0, 1]. */
    static String rates(String title, Map<String, Double> rates) {
        int row = 26;
        StringBuilder svg = open(title, WIDTH, Math.max(1, rates.size()) * row + 10);
        int y = 6;
        for (Map.Entry<String, Double> e : rates.entrySet()) {
            svg.append(String.format(Locale.ROOT,
                    "<text x=\"0\" y=\"%d\">%s</text><rect class=\"track\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"18\"/>"
                            + "<rect class=\"bar\" x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"18\"/>"
                            + "<text x=\"%d\" y=\"%d\">%s</text>",
                    y + 14, Html.escape(shorten(e.getKey())), LABELS, y, BAR_AREA, LABELS, y, e.getValue() * BAR_AREA,
                    LABELS + BAR_AREA + 8,
                    y + 14, Format.percent(e.getValue())));
            y += row;
        }
        return svg.append("</svg>").toString();
    }

    /** Labels longer than the label column are cut; the full name is in the tables. */
    private static String shorten(String label) {
        return label.length() <= 28 ? label : label.substring(0, 27) + "…";
    }

    private static StringBuilder open(String title, int width, int height) {
        return new StringBuilder(String.format(Locale.ROOT,
                "<svg role=\"img\" aria-label=\"%s\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">",
                Html.escape(title), width, height, width, height));
    }
}
