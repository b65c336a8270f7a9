package dev.praxis.env;

import java.util.ArrayList;
import java.util.List;

/**
 * A grid the agent walks to reach a goal, drawn as text:
 *
 * <pre>
 * S..#
 * .#.X
 * ...G
 * </pre>
 *
 * {@code S} start, {@code G} goal, {@code X} pit, {@code #} wall, {@code .} floor. Each move
 * costs 1; walking into a wall or the edge leaves the agent in place (and still costs 1).
 * Reaching the goal earns +10 and ends the episode; falling into a pit costs 10 and ends it.
 * An episode is truncated after {@code maxSteps} moves. Deterministic: the seed is ignored.
 */
public final class GridWorld implements Environment<GridWorld.Cell, GridWorld.Move> {

    private static final ActionSpace.Discrete<Move> ACTIONS = ActionSpace.of(List.of(Move.values()));

    /** A position: row from the top, column from the left, both 0-based. */
    public record Cell(int row, int col) {
    }

    /** A move to a neighbouring cell. */
    public enum Move {
        /** One row up. */
        UP(-1, 0),
        /** One row down. */
        DOWN(1, 0),
        /** One column left. */
        LEFT(0, -1),
        /** One column right. */
        RIGHT(0, 1);

        private final int dRow;
        private final int dCol;

        Move(int dRow, int dCol) {
            this.dRow = dRow;
            this.dCol = dCol;
        }
    }

    private final List<String> rows;
    private final Cell start;
    private final int maxSteps;
    private Cell position;
    private int steps;
    private boolean over = true;

    private GridWorld(List<String> rows, int maxSteps, Cell start) {
        this.rows = List.copyOf(rows);
        this.maxSteps = maxSteps;
        this.start = start;
    }

    /**
     * A grid from its text rows.
     *
     * @throws IllegalArgumentException if rows differ in length, a character is unknown, or
     *                                  there is not exactly one {@code S} and at least one {@code G}
     */
    public static GridWorld parse(List<String> rows, int maxSteps) {
        if (rows.isEmpty() || rows.get(0).isEmpty()) {
            throw new IllegalArgumentException("a grid needs at least one row and one column");
        }
        if (maxSteps < 1) {
            throw new IllegalArgumentException("maxSteps must be at least 1, got " + maxSteps);
        }
        for (int r = 0; r < rows.size(); r++) {
            String row = rows.get(r);
            if (row.length() != rows.get(0).length()) {
                throw new IllegalArgumentException("row " + r + " has " + row.length() + " cells, row 0 has "
                        + rows.get(0).length());
            }
            for (char c : row.toCharArray()) {
                if ("SGX#.".indexOf(c) < 0) {
                    throw new IllegalArgumentException("unknown cell '" + c + "' in row " + r + "; use S G X # .");
                }
            }
        }
        List<Cell> starts = find(rows, 'S');
        if (starts.size() != 1) {
            throw new IllegalArgumentException("a grid needs exactly one start S, found " + starts.size());
        }
        if (find(rows, 'G').isEmpty()) {
            throw new IllegalArgumentException("a grid needs at least one goal G");
        }
        return new GridWorld(rows, maxSteps, starts.get(0));
    }

    @Override
    public Cell reset(long seed) {
        position = start;
        steps = 0;
        over = false;
        return position;
    }

    @Override
    public Transition<Cell> step(Move move) {
        if (over) {
            throw new IllegalStateException("the episode is over (or never started): call reset(seed) first");
        }
        Cell target = new Cell(position.row() + move.dRow, position.col() + move.dCol);
        if (at(target) != '#' && at(target) != 0) {
            position = target;
        }
        steps++;
        char here = at(position);
        boolean terminated = here == 'G' || here == 'X';
        double reward = here == 'G' ? 10 : here == 'X' ? -10 : -1;
        boolean truncated = !terminated && steps >= maxSteps;
        over = terminated || truncated;
        return Transition.of(position, reward, terminated, truncated);
    }

    @Override
    public ActionSpace<Move> actions() {
        return ACTIONS;
    }

    /** The grid with the agent drawn as {@code A}. */
    @Override
    public String render(Cell observation) {
        StringBuilder text = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            StringBuilder row = new StringBuilder(rows.get(r));
            if (r == observation.row()) {
                row.setCharAt(observation.col(), 'A');
            }
            text.append(row).append('\n');
        }
        return text.toString();
    }

    @Override
    public String instructions() {
        return "You are A on a grid. Reach G in as few moves as possible; # is a wall, X is a pit that ends the"
                + " game. Each turn move UP, DOWN, LEFT or RIGHT.";
    }

    private char at(Cell cell) {
        if (cell.row() < 0 || cell.row() >= rows.size() || cell.col() < 0 || cell.col() >= rows.get(0).length()) {
            return 0;
        }
        return rows.get(cell.row()).charAt(cell.col());
    }

    private static List<Cell> find(List<String> rows, char wanted) {
        List<Cell> cells = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < rows.get(r).length(); c++) {
                if (rows.get(r).charAt(c) == wanted) {
                    cells.add(new Cell(r, c));
                }
            }
        }
        return cells;
    }
}
