package dev.praxis.store.lucene;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HnswOptionsTest {

    @Test
    void scaledCandidatesGrowWithEveryTenfoldOfTheIndex() {
        HnswOptions options = HnswOptions.DEFAULTS;

        assertThat(options.candidatesFor(0, 10)).isEqualTo(100);
        assertThat(options.candidatesFor(1_000, 10)).isEqualTo(100);
        assertThat(options.candidatesFor(100_000, 10)).isEqualTo(100);
        assertThat(options.candidatesFor(316_228, 10)).isEqualTo(350);
        assertThat(options.candidatesFor(1_000_000, 10)).isEqualTo(600);
        assertThat(options.candidatesFor(10_000_000, 10)).isEqualTo(1_100);
        assertThat(options.candidatesFor(Long.MAX_VALUE, 10)).isLessThanOrEqualTo(HnswOptions.MAX_CANDIDATES);
    }

    @Test
    void aFixedCandidateCountIsUsedAtEverySizeButNeverBelowTheHitsWanted() {
        HnswOptions options = HnswOptions.DEFAULTS.withCandidates(250);

        assertThat(options.candidatesFor(10, 10)).isEqualTo(250);
        assertThat(options.candidatesFor(5_000_000, 10)).isEqualTo(250);
        assertThat(options.candidatesFor(5_000_000, 400)).isEqualTo(400);
        assertThat(HnswOptions.DEFAULTS.candidatesFor(10, 1_000)).isEqualTo(1_000);
    }

    @Test
    void withGraphKeepsTheCandidatesAndWithCandidatesKeepsTheGraph() {
        HnswOptions options = HnswOptions.DEFAULTS.withCandidates(300).withGraph(32, 200);

        assertThat(options).isEqualTo(new HnswOptions(32, 200, 300));
        assertThat(options.withCandidates(HnswOptions.SCALED)).isEqualTo(new HnswOptions(32, 200, HnswOptions.SCALED));
    }

    @Test
    void valuesOutOfRangeAreRejectedNamingTheOption() {
        assertThatThrownBy(() -> HnswOptions.DEFAULTS.withCandidates(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("candidates").hasMessageContaining("-1");
        assertThatThrownBy(() -> HnswOptions.DEFAULTS.withCandidates(HnswOptions.MAX_CANDIDATES + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("candidates");
        assertThatThrownBy(() -> HnswOptions.DEFAULTS.withGraph(1, 100))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxConnections");
        assertThatThrownBy(() -> HnswOptions.DEFAULTS.withGraph(513, 100))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxConnections");
        assertThatThrownBy(() -> HnswOptions.DEFAULTS.withGraph(16, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("beamWidth");
        assertThatThrownBy(() -> HnswOptions.DEFAULTS.withGraph(16, 3201))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("beamWidth");
    }
}
