package dev.praxis.env;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CartPoleTest {

    @Test
    void firstPushFromRestFollowsThePublishedEquations() {
        // by hand: temp = 10/1.1; thetaAcc = -temp / (0.5 * (4/3 - 0.1/1.1)); xAcc = temp - 0.05 * thetaAcc / 1.1
        double temp = 10 / 1.1;
        double thetaAcc = -temp / (0.5 * (4.0 / 3.0 - 0.1 / 1.1));
        double xAcc = temp - 0.05 * thetaAcc / 1.1;
        var env = new CartPole();
        env.start(new CartPole.State(0, 0, 0, 0));

        Transition<CartPole.State> t = env.step(CartPole.Push.RIGHT);

        assertThat(thetaAcc).isCloseTo(-14.6341, within(1e-4));
        assertThat(xAcc).isCloseTo(9.7561, within(1e-4));
        assertThat(t.observation().x()).isZero();
        assertThat(t.observation().xDot()).isCloseTo(0.02 * xAcc, within(1e-12));
        assertThat(t.observation().theta()).isZero();
        assertThat(t.observation().thetaDot()).isCloseTo(0.02 * thetaAcc, within(1e-12));
        assertThat(t.reward()).isEqualTo(1.0);
        assertThat(t.done()).isFalse();
    }

    @Test
    void eulerUsesOldVelocitiesForPositions() {
        var env = new CartPole();
        env.start(new CartPole.State(0.1, 0.5, 0.02, -0.3));

        CartPole.State s = env.step(CartPole.Push.LEFT).observation();

        assertThat(s.x()).isCloseTo(0.1 + 0.02 * 0.5, within(1e-12));
        assertThat(s.theta()).isCloseTo(0.02 + 0.02 * -0.3, within(1e-12));
    }

    @Test
    void sameSeedGivesSameStartAndStartStaysWithinFiveHundredths() {
        CartPole.State a = new CartPole().reset(7);
        CartPole.State b = new CartPole().reset(7);
        CartPole.State c = new CartPole().reset(8);

        assertThat(a).isEqualTo(b).isNotEqualTo(c);
        for (double v : new double[] {a.x(), a.xDot(), a.theta(), a.thetaDot()}) {
            assertThat(Math.abs(v)).isLessThanOrEqualTo(0.05);
        }
    }

    @Test
    void terminatesWhenPoleLeansPastTwelveDegrees() {
        var env = new CartPole();
        env.start(new CartPole.State(0, 0, Math.toRadians(11.99), 1.0));

        Transition<CartPole.State> t = env.step(CartPole.Push.LEFT);

        assertThat(Math.abs(t.observation().theta())).isGreaterThan(CartPole.THETA_LIMIT);
        assertThat(t.terminated()).isTrue();
        assertThat(t.truncated()).isFalse();
        assertThat(t.reward()).isEqualTo(1.0);
        assertThatThrownBy(() -> env.step(CartPole.Push.LEFT)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("reset");
    }

    @Test
    void terminatesWhenCartLeavesTheTrack() {
        var env = new CartPole();
        env.start(new CartPole.State(2.399, 1.0, 0, 0));

        assertThat(env.step(CartPole.Push.RIGHT).terminated()).isTrue();
    }

    @Test
    void alwaysPushingOneWayFailsWithinAFewDozenSteps() {
        var env = new CartPole();
        Trajectory episode = Rollout.of(env, s -> Decision.of(CartPole.Push.RIGHT)).play(3);

        assertThat(episode.steps()).hasSizeBetween(8, 40);
        assertThat(episode.totalReward()).isEqualTo(episode.steps().size());
    }

    @Test
    void truncatesAtFiveHundredSteps() {
        var env = new CartPole();
        // a hand-tuned controller on angle, angular velocity and cart drift keeps the pole up
        Policy<CartPole.State, CartPole.Push> balance = s -> Decision.of(
                s.theta() + 0.5 * s.thetaDot() + 0.01 * s.x() + 0.05 * s.xDot() > 0
                        ? CartPole.Push.RIGHT : CartPole.Push.LEFT);

        Trajectory episode = Rollout.of(env, balance).play(1);

        assertThat(episode.steps()).hasSize(CartPole.MAX_STEPS);
    }

    @Test
    void parsesActionsFromModelTextAsWholeWords() {
        var actions = new CartPole().actions();

        assertThat(actions.parse("I will push right.")).isEqualTo(CartPole.Push.RIGHT);
        assertThat(actions.parse("LEFT")).isEqualTo(CartPole.Push.LEFT);
        assertThatThrownBy(() -> actions.parse("upright")).isInstanceOf(ActionParseException.class)
                .hasMessageContaining("no valid action");
        assertThatThrownBy(() -> actions.parse("left or right?")).isInstanceOf(ActionParseException.class)
                .hasMessageContaining("several");
    }
}
