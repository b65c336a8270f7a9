package dev.praxis.examples.game;

import dev.praxis.env.ActionSpace;
import dev.praxis.env.Environment;
import dev.praxis.env.Transition;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A small turn-based world for a non-player character: on a {@value #SIZE}x{@value #SIZE}
 * board the NPC collects coins while a goblin hunts it. Each turn the NPC moves (or waits);
 * the goblin then steps one cell towards it on every second turn. A coin earns
 * {@value #COIN} and a new one appears on a free cell; being caught costs {@value #CAUGHT}
 * and ends the episode; an episode is truncated after {@value #TURNS} turns. The seed places
 * the NPC, the goblin and every coin, so an episode repeats exactly. Not thread-safe.
 */
public final class CoinChase implements Environment<CoinChase.View, CoinChase.Move> {

    static final int SIZE = 6;
    static final int TURNS = 30;
    static final double COIN = 5;
    static final double CAUGHT = -10;

    private static final ActionSpace.Discrete<Move> ACTIONS = ActionSpace.of(List.of(Move.values()));

    /** A cell: column and row, 0-based from the top left. */
    public record Cell(int x, int y) {

        /** Validates the bounds. */
        public Cell {
            if (x < 0 || y < 0 || x >= SIZE || y >= SIZE) {
                throw new IllegalArgumentException("cell (" + x + "," + y + ") is off the " + SIZE + "x" + SIZE + " board");
            }
        }

        int distance(Cell other) {
            return Math.abs(x - other.x) + Math.abs(y - other.y);
        }

        Cell moved(Move move) {
            return new Cell(Math.max(0, Math.min(SIZE - 1, x + move.dx)), Math.max(0, Math.min(SIZE - 1, y + move.dy)));
        }
    }

    /** What the NPC sees: itself, the goblin, the coin, the turn and the coins taken so far. */
    public record View(Cell npc, Cell goblin, Cell coin, int turn, int coins) {
    }

    /** The NPC's moves. */
    public enum Move {
        /** One row up. */
        UP(0, -1),
        /** One row down. */
        DOWN(0, 1),
        /** One column left. */
        LEFT(-1, 0),
        /** One column right. */
        RIGHT(1, 0),
        /** Stay put. */
        WAIT(0, 0);

        final int dx;
        final int dy;

        Move(int dx, int dy) {
            this.dx = dx;
            this.dy = dy;
        }
    }

    private SplittableRandom random;
    private View view;
    private boolean over = true;

    @Override
    public View reset(long seed) {
        random = new SplittableRandom(seed);
        Cell npc = free();
        Cell goblin = npc;
        while (goblin.distance(npc) < 4) {
            goblin = free();
        }
        view = new View(npc, goblin, null, 0, 0);
        view = new View(npc, goblin, freeFor(npc, goblin), 0, 0);
        over = false;
        return view;
    }

    @Override
    public Transition<View> step(Move move) {
        if (over) {
            throw new IllegalStateException("the episode is over (or never started): call reset first");
        }
        int turn = view.turn() + 1;
        Cell npc = view.npc().moved(move);
        double reward = 0;
        int coins = view.coins();
        Cell coin = view.coin();
        if (npc.equals(coin)) {
            reward += COIN;
            coins++;
            coin = freeFor(npc, view.goblin());
        }
        Cell goblin = turn % 2 == 0 ? chase(view.goblin(), npc) : view.goblin();
        boolean caught = goblin.equals(npc);
        if (caught) {
            reward += CAUGHT;
        }
        view = new View(npc, goblin, coin, turn, coins);
        over = caught || turn >= TURNS;
        return Transition.of(view, reward, caught, !caught && turn >= TURNS);
    }

    @Override
    public ActionSpace<Move> actions() {
        return ACTIONS;
    }

    @Override
    public String render(View v) {
        StringBuilder map = new StringBuilder();
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                Cell c = new Cell(x, y);
                map.append(c.equals(v.npc()) ? 'N' : c.equals(v.goblin()) ? 'G' : c.equals(v.coin()) ? '$' : '.');
            }
            map.append('\n');
        }
        return map + "turn " + v.turn() + " of " + TURNS + ", coins " + v.coins() + "; you are N at " + v.npc()
                + ", the goblin G at " + v.goblin() + ", the coin $ at " + v.coin();
    }

    @Override
    public String instructions() {
        return "You are N, a character in a " + SIZE + "x" + SIZE + " dungeon (x grows to the right, y downwards)."
                + " Pick up coins ($, +" + (int) COIN + " each) and never let the goblin G reach your cell ("
                + (int) CAUGHT + ", game over). The goblin steps towards you every second turn. Moves: UP, DOWN,"
                + " LEFT, RIGHT, WAIT.";
    }

    /** The goblin's step: along the axis where it is further away. */
    static Cell chase(Cell goblin, Cell target) {
        int dx = Integer.signum(target.x() - goblin.x());
        int dy = Integer.signum(target.y() - goblin.y());
        boolean horizontal = Math.abs(target.x() - goblin.x()) >= Math.abs(target.y() - goblin.y());
        return horizontal && dx != 0 ? new Cell(goblin.x() + dx, goblin.y()) : new Cell(goblin.x(), goblin.y() + dy);
    }

    private Cell free() {
        return new Cell(random.nextInt(SIZE), random.nextInt(SIZE));
    }

    private Cell freeFor(Cell npc, Cell goblin) {
        Cell cell = free();
        while (cell.equals(npc) || cell.equals(goblin)) {
            cell = free();
        }
        return cell;
    }

    /** The observation as a small hashable state for Q-learning: where the coin and the goblin are, relative to the NPC. */
    static Object state(View v) {
        return List.of(Integer.signum(v.coin().x() - v.npc().x()), Integer.signum(v.coin().y() - v.npc().y()),
                clip(v.goblin().x() - v.npc().x()), clip(v.goblin().y() - v.npc().y()), v.turn() % 2);
    }

    private static int clip(int d) {
        return Math.max(-2, Math.min(2, d));
    }
}
