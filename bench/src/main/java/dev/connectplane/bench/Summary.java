package dev.connectplane.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The figures of this benchmark process: each is printed as it is measured (one
 * {@link Figure#line} a figure, for scripts), and {@link AllBenchmarks} prints them all as one
 * table at the end.
 */
final class Summary {

    private static final List<Figure> FIGURES = new ArrayList<>();

    private Summary() {
    }

    static synchronized void add(Figure figure) {
        FIGURES.add(figure);
        System.out.println(figure.line());
    }

    static synchronized List<Figure> figures() {
        return List.copyOf(FIGURES);
    }

    /** The figures as a Markdown table: figure, target, measured, ceiling, ratio, what the ceiling is. */
    static String table(List<Figure> figures) {
        StringBuilder out = new StringBuilder("| figure | target | measured | ceiling (same run) | ratio | ceiling of |\n");
        out.append("|---|---|---|---|---|---|\n");
        for (Figure figure : figures) {
            out.append("| ").append(figure.name())
                    .append(" | ").append(figure.target())
                    .append(" | ").append(Figure.number(figure.measured())).append(' ').append(figure.unit())
                    .append(" | ").append(Double.isNaN(figure.ceiling()) ? "-"
                            : Figure.number(figure.ceiling()) + " " + figure.unit())
                    .append(" | ").append(figure.ratioText())
                    .append(" | ").append(figure.ceilingOf())
                    .append(" |\n");
        }
        return out.toString();
    }
}
