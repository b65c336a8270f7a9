package dev.praxis.env;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.praxis.env.GridWorld.Move.DOWN;
import static dev.praxis.env.GridWorld.Move.LEFT;
import static dev.praxis.env.GridWorld.Move.RIGHT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GridWorldTest {

    private final GridWorld grid = GridWorld.parse(List.of("S.#", "..X", "..G"), 20);

    @Test
    void reachingTheGoalEndsWithBonus() {
        grid.reset(0);
        grid.step(DOWN);
        grid.step(DOWN);
        grid.step(RIGHT);

        Transition<GridWorld.Cell> last = grid.step(RIGHT);

        assertThat(last.observation()).isEqualTo(new GridWorld.Cell(2, 2));
        assertThat(last.reward()).isEqualTo(10);
        assertThat(last.terminated()).isTrue();
    }

    @Test
    void wallsAndEdgesKeepTheAgentInPlaceAtACost() {
        grid.reset(0);
        grid.step(RIGHT);

        Transition<GridWorld.Cell> wall = grid.step(RIGHT);
        Transition<GridWorld.Cell> edge = grid.reset(0) == null ? null : grid.step(LEFT);

        assertThat(wall.observation()).isEqualTo(new GridWorld.Cell(0, 1));
        assertThat(wall.reward()).isEqualTo(-1);
        assertThat(edge.observation()).isEqualTo(new GridWorld.Cell(0, 0));
    }

    @Test
    void pitEndsTheEpisodeWithPenalty() {
        grid.reset(0);
        grid.step(DOWN);
        grid.step(RIGHT);

        Transition<GridWorld.Cell> pit = grid.step(RIGHT);

        assertThat(pit.reward()).isEqualTo(-10);
        assertThat(pit.terminated()).isTrue();
    }

    @Test
    void truncatesAfterTheStepCap() {
        var small = GridWorld.parse(List.of("S.G"), 3);
        small.reset(0);
        small.step(LEFT);
        small.step(LEFT);

        Transition<GridWorld.Cell> third = small.step(LEFT);

        assertThat(third.truncated()).isTrue();
        assertThat(third.terminated()).isFalse();
    }

    @Test
    void rendersTheAgentOnTheMap() {
        assertThat(grid.render(grid.reset(0))).isEqualTo("A.#\n..X\n..G\n");
    }

    @Test
    void rejectsMalformedMapsByName() {
        assertThatThrownBy(() -> GridWorld.parse(List.of("S.", "..."), 5)).hasMessageContaining("row 1 has 3");
        assertThatThrownBy(() -> GridWorld.parse(List.of("S.?G"), 5)).hasMessageContaining("unknown cell '?'");
        assertThatThrownBy(() -> GridWorld.parse(List.of("..G"), 5)).hasMessageContaining("exactly one start");
        assertThatThrownBy(() -> GridWorld.parse(List.of("S.."), 5)).hasMessageContaining("goal");
    }
}
