package dev.praxis.env;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * The classic cart-pole balancing task (Barto, Sutton and Anderson, 1983), with the physics
 * and termination rules of the widely used Gym version: gravity 9.8, cart mass 1.0, pole
 * mass 0.1, pole half-length 0.5, push force 10, time step 0.02 s, explicit Euler
 * integration. The episode terminates when the pole leans more than 12 degrees or the cart
 * leaves [-2.4, 2.4], and is truncated after 500 steps. Every step earns reward 1, including
 * the one that ends the episode. The start state is drawn uniformly from [-0.05, 0.05] in
 * each coordinate by a generator seeded with the reset seed.
 */
public final class CartPole implements Environment<CartPole.State, CartPole.Push> {

    /** Gravity, m/s². */
    public static final double GRAVITY = 9.8;
    /** Mass of the cart, kg. */
    public static final double CART_MASS = 1.0;
    /** Mass of the pole, kg. */
    public static final double POLE_MASS = 0.1;
    /** Half the pole's length, m. */
    public static final double HALF_LENGTH = 0.5;
    /** Magnitude of a push, N. */
    public static final double FORCE = 10.0;
    /** Seconds between state updates. */
    public static final double TAU = 0.02;
    /** The pole angle beyond which the episode fails: 12 degrees, in radians. */
    public static final double THETA_LIMIT = 12 * 2 * Math.PI / 360;
    /** The cart position beyond which the episode fails. */
    public static final double X_LIMIT = 2.4;
    /** Steps after which an episode is truncated. */
    public static final int MAX_STEPS = 500;

    private static final double TOTAL_MASS = CART_MASS + POLE_MASS;
    private static final double POLE_MASS_LENGTH = POLE_MASS * HALF_LENGTH;
    private static final ActionSpace.Discrete<Push> ACTIONS = ActionSpace.of(List.of(Push.values()));

    /** Which way to push the cart. */
    public enum Push {
        /** Push towards negative x. */
        LEFT,
        /** Push towards positive x. */
        RIGHT
    }

    /**
     * The observable state.
     *
     * @param x        cart position, m
     * @param xDot     cart velocity, m/s
     * @param theta    pole angle from upright, radians (positive leans right)
     * @param thetaDot pole angular velocity, rad/s
     */
    public record State(double x, double xDot, double theta, double thetaDot) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "cart position %.3f m, cart velocity %.3f m/s, pole angle %.2f degrees,"
                    + " pole angular velocity %.3f rad/s", x, xDot, Math.toDegrees(theta), thetaDot);
        }
    }

    private State state;
    private int steps;
    private boolean over = true;

    @Override
    public State reset(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return start(new State(uniform(random), uniform(random), uniform(random), uniform(random)));
    }

    /** Starts an episode from an exact state (for experiments and tests). */
    public State start(State initial) {
        state = initial;
        steps = 0;
        over = false;
        return state;
    }

    @Override
    public Transition<State> step(Push action) {
        if (over) {
            throw new IllegalStateException("the episode is over (or never started): call reset(seed) first");
        }
        state = next(state, action);
        steps++;
        boolean terminated = Math.abs(state.x()) > X_LIMIT || Math.abs(state.theta()) > THETA_LIMIT;
        boolean truncated = !terminated && steps >= MAX_STEPS;
        over = terminated || truncated;
        return Transition.of(state, 1.0, terminated, truncated);
    }

    /** One Euler step of the cart-pole equations of motion. */
    static State next(State s, Push action) {
        double force = action == Push.RIGHT ? FORCE : -FORCE;
        double cos = Math.cos(s.theta());
        double sin = Math.sin(s.theta());
        double temp = (force + POLE_MASS_LENGTH * s.thetaDot() * s.thetaDot() * sin) / TOTAL_MASS;
        double thetaAcc = (GRAVITY * sin - cos * temp)
                / (HALF_LENGTH * (4.0 / 3.0 - POLE_MASS * cos * cos / TOTAL_MASS));
        double xAcc = temp - POLE_MASS_LENGTH * thetaAcc * cos / TOTAL_MASS;
        return new State(s.x() + TAU * s.xDot(), s.xDot() + TAU * xAcc,
                s.theta() + TAU * s.thetaDot(), s.thetaDot() + TAU * thetaAcc);
    }

    @Override
    public ActionSpace<Push> actions() {
        return ACTIONS;
    }

    @Override
    public String instructions() {
        return "Keep the pole upright on the moving cart, and the cart within 2.4 m of the centre, for as long as"
                + " possible. Each step, push the cart LEFT or RIGHT. A pole leaning right (positive angle) is"
                + " usually caught by pushing RIGHT.";
    }

    /**
     * A state key for tabular learning: each coordinate cut into equal bins over a range
     * (values outside fall into the end bins). One bin ignores a coordinate.
     *
     * <pre>{@code
     * Function<State, Object> key = CartPole.discretizer(1, 1, 6, 12);   // angle and angular velocity only
     * }</pre>
     */
    public static Function<State, Object> discretizer(int xBins, int xDotBins, int thetaBins, int thetaDotBins) {
        return s -> List.of(bin(s.x(), X_LIMIT, xBins), bin(s.xDot(), 3.0, xDotBins),
                bin(s.theta(), THETA_LIMIT, thetaBins), bin(s.thetaDot(), Math.toRadians(50), thetaDotBins));
    }

    private static int bin(double value, double limit, int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be at least 1, got " + bins);
        }
        double unit = (value + limit) / (2 * limit);
        return (int) Math.max(0, Math.min(bins - 1, Math.floor(unit * bins)));
    }

    private static double uniform(SplittableRandom random) {
        return random.nextDouble(-0.05, 0.05);
    }
}
