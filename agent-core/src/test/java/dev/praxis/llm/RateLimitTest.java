package dev.praxis.llm;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.praxis.llm.Replies.HELLO;
import static dev.praxis.llm.Replies.ok;
import static org.assertj.core.api.Assertions.assertThat;

class RateLimitTest {

    private final FakeTime time = new FakeTime();

    @Test
    void waitsForTheSlidingMinuteWhenTheRequestLimitIsReached() {
        var model = new Replies(ok("1"), ok("2"), ok("3"), ok("4"));
        LlmClient limited = model.with(RateLimit.perMinute(2, time, time));

        limited.chat(HELLO);
        time.advance(Duration.ofSeconds(20));
        limited.chat(HELLO);
        limited.chat(HELLO);   // the first call leaves the window 40 s later
        limited.chat(HELLO);   // the second leaves it 20 s after that

        assertThat(model.calls).hasValue(4);
        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(40), Duration.ofSeconds(20));
    }

    @Test
    void waitsWhenTheTokensOfTheLastMinuteReachTheLimit() {
        var model = new Replies(ok("a", 600), ok("b", 600), ok("c", 10));
        LlmClient limited = model.with(RateLimit.perMinute(100, time, time).tokensPerMinute(1000));

        limited.chat(HELLO);                       // 600 in the window
        time.advance(Duration.ofSeconds(5));
        limited.chat(HELLO);                       // 1200: at the limit afterwards
        limited.chat(HELLO);                       // waits until the first 600 expire

        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(55));
    }

    @Test
    void instancesShareOneQuotaAcrossClients() {
        RateLimit quota = RateLimit.perMinute(1, time, time);
        var a = new Replies(ok("a"));
        var b = new Replies(ok("b"));

        a.with(quota).chat(HELLO);
        b.with(quota).chat(HELLO);

        assertThat(time.sleeps).containsExactly(Duration.ofMinutes(1));
    }
}
