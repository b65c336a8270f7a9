package dev.praxis.memory.internal;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The flat window behaves exactly like a queue of whole turns evicted oldest first. */
class TurnWindowTest {

    @Test
    void keepsAndEvictsWholeTurnsLikeAQueueOfTurns() {
        Random random = new Random(5);
        for (int limit : new int[] {1, 3, 10, 64}) {
            TurnWindow window = new TurnWindow();
            Deque<List<ChatMessage>> expected = new ArrayDeque<>();
            int weight = 0;
            int counter = 0;
            for (int step = 0; step < 500; step++) {
                List<ChatMessage> turn = new ArrayList<>();
                for (int i = 1 + random.nextInt(limit + 2); i > 0; i--) {
                    turn.add(UserMessage.from("m" + counter++));
                }
                List<ChatMessage> evictedExpected = new ArrayList<>();
                expected.addLast(turn);
                weight += turn.size();
                while (weight > limit && expected.size() > 1) {
                    List<ChatMessage> gone = expected.removeFirst();
                    weight -= gone.size();
                    evictedExpected.addAll(gone);
                }

                List<ChatMessage> evicted = window.add(List.copyOf(turn), List::size, limit);

                assertThat(evicted).isEqualTo(evictedExpected);
                assertThat(window.snapshot()).isEqualTo(expected.stream().flatMap(List::stream).toList());
            }
        }
    }

    @Test
    void snapshotsStayAsTheyWereAndCannotBeChanged() {
        TurnWindow window = new TurnWindow();
        window.add(List.of(UserMessage.from("a")), List::size, 2);
        List<ChatMessage> before = window.snapshot();

        for (int i = 0; i < 20; i++) {
            window.add(List.of(UserMessage.from("n" + i)), List::size, 2);
        }

        assertThat(before).containsExactly(UserMessage.from("a"));
        assertThat(window.snapshot()).containsExactly(UserMessage.from("n18"), UserMessage.from("n19"));
        assertThatThrownBy(() -> before.set(0, UserMessage.from("x"))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void everySnapshotKeepsItsMessagesThroughLaterEvictionsAndCompactions() {
        Random random = new Random(8);
        TurnWindow window = new TurnWindow();
        List<List<ChatMessage>> snapshots = new ArrayList<>();
        List<List<ChatMessage>> copies = new ArrayList<>();
        int counter = 0;
        for (int step = 0; step < 3_000; step++) {
            List<ChatMessage> turn = new ArrayList<>();
            for (int i = 1 + random.nextInt(4); i > 0; i--) {
                turn.add(UserMessage.from("m" + counter++));
            }
            window.add(turn, List::size, 1 + random.nextInt(40));
            // snapshots taken at some steps only, so the window also runs with no view out
            if (random.nextInt(3) == 0) {
                List<ChatMessage> snapshot = window.snapshot();
                snapshots.add(snapshot);
                copies.add(List.copyOf(snapshot));
            }
        }

        for (int i = 0; i < snapshots.size(); i++) {
            assertThat(snapshots.get(i)).as("snapshot %d", i).isEqualTo(copies.get(i));
            assertThat(snapshots.get(i).toArray()).containsExactly(copies.get(i).toArray());
        }
    }

    @Test
    void keepsTheNewestTurnEvenWhenItAloneExceedsTheLimit() {
        TurnWindow window = new TurnWindow();
        window.add(List.of(UserMessage.from("old")), List::size, 2);

        List<ChatMessage> evicted = window.add(List.of(UserMessage.from("1"), UserMessage.from("2"),
                UserMessage.from("3")), List::size, 2);

        assertThat(evicted).containsExactly(UserMessage.from("old"));
        assertThat(window.snapshot()).hasSize(3);
    }
}
