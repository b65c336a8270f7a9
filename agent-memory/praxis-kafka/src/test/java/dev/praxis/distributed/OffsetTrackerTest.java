package dev.praxis.distributed;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OffsetTrackerTest {

    private final TopicPartition p0 = new TopicPartition("runs", 0);
    private final TopicPartition p1 = new TopicPartition("runs", 1);
    private final OffsetTracker tracker = new OffsetTracker();

    @Test
    void commitsOnlyOverTheFinishedPrefixOfEachPartition() {
        for (long offset = 10; offset < 14; offset++) {
            tracker.received(p0, offset);
        }
        tracker.received(p1, 3);
        tracker.finished(p0, 11);
        tracker.finished(p0, 12);
        tracker.finished(p1, 3);

        assertThat(tracker.committable()).isEqualTo(Map.of(p1, new OffsetAndMetadata(4)));

        tracker.finished(p0, 10);
        assertThat(tracker.committable()).isEqualTo(Map.of(p0, new OffsetAndMetadata(13)));
        assertThat(tracker.committable()).isEmpty();
    }

    @Test
    void forgottenPartitionsAreNeitherTrackedNorCommitted() {
        tracker.received(p0, 1);
        tracker.forget(List.of(p0));
        tracker.finished(p0, 1);

        assertThat(tracker.tracks(p0)).isFalse();
        assertThat(tracker.committable()).isEmpty();
    }
}
