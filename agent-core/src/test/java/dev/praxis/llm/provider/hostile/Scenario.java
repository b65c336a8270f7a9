package dev.praxis.llm.provider.hostile;

import dev.praxis.agent.Status;
import dev.praxis.llm.provider.hostile.Dialect.Call;
import dev.praxis.llm.provider.hostile.Dialect.Finish;
import dev.praxis.llm.provider.hostile.HostileServer.End;
import dev.praxis.llm.provider.hostile.HostileServer.Reply;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * One way a model server can misbehave, the replies that play it in each wire format and mode,
 * and the outcome a run must report for it through the bare provider client and through the
 * documented decorator stack.
 *
 * @param name     the scenario's name in the table
 * @param dialects the wire formats it is played in
 * @param script   the replies, by request index, for a dialect and mode (true: streaming)
 * @param expect   the outcome, by client (true: decorated) and mode (true: streaming)
 */
record Scenario(String name, Set<Dialect> dialects, Script script, Expectation expect) {

    /** The replies of one scenario in one dialect and mode. */
    @FunctionalInterface
    interface Script {
        IntFunction<Reply> replies(Dialect dialect, boolean streaming);
    }

    /** The outcome a run must report. */
    record Expect(Status status, String reasonContains) {
    }

    /** The outcome by client stack and mode. */
    @FunctionalInterface
    interface Expectation {
        Expect of(boolean decorated, boolean streaming);
    }

    static final Set<Dialect> ALL = EnumSet.allOf(Dialect.class);
    static final Set<Dialect> OPENAI = EnumSet.of(Dialect.OPENAI);
    static final String TEXT = "The answer is 42.";

    private static Expectation always(Status status, String reason) {
        return (decorated, streaming) -> new Expect(status, reason);
    }

    /** Fails through the bare client; the decorators (retry) turn it into {@code decorated}. */
    private static Expectation bareFails(String bareReason, Expect decorated) {
        return (isDecorated, streaming) -> isDecorated ? decorated : new Expect(Status.FAILED, bareReason);
    }

    private static final Expect COMPLETED = new Expect(Status.COMPLETED, "final answer");
    private static final Expect OUT_OF_TIME = new Expect(Status.BUDGET_EXHAUSTED, "time budget exhausted");

    static List<Scenario> all() {
        return List.of(
                new Scenario("answer", ALL, (d, s) -> i -> d.answer(TEXT, Finish.STOP, s), always(Status.COMPLETED, "final answer")),
                new Scenario("429, Retry-After 1 (seconds)", ALL,
                        (d, s) -> i -> i == 0 ? rateLimited("1") : d.answer(TEXT, Finish.STOP, s),
                        bareFails("HTTP 429", COMPLETED)),
                new Scenario("429, Retry-After as an HTTP date", OPENAI,
                        (d, s) -> i -> i == 0 ? rateLimited(httpDate(Instant.now().plusSeconds(1)))
                                : d.answer(TEXT, Finish.STOP, s),
                        bareFails("HTTP 429", COMPLETED)),
                new Scenario("429, Retry-After 30 s (beyond the budget)", ALL, (d, s) -> i -> rateLimited("30"),
                        bareFails("HTTP 429", new Expect(Status.BUDGET_EXHAUSTED, "asked to retry after 30000 ms"))),
                new Scenario("503 once, then an answer", ALL,
                        (d, s) -> i -> i == 0 ? Reply.json(503, "{\"error\":\"overloaded\"}") : d.answer(TEXT, Finish.STOP, s),
                        bareFails("HTTP 503", COMPLETED)),
                new Scenario("500 on every request", ALL, (d, s) -> i -> Reply.json(500, "{\"error\":\"boom\"}"),
                        always(Status.FAILED, "HTTP 500")),
                new Scenario("400 bad request", ALL, (d, s) -> i -> Reply.json(400, "{\"error\":\"bad request\"}"),
                        always(Status.FAILED, "HTTP 400")),
                new Scenario("hangs before the headers", ALL, (d, s) -> i -> Reply.hang(), always(OUT_OF_TIME)),
                new Scenario("headers, then the body stalls", ALL, (d, s) -> i -> s
                        ? Reply.stream(d.streamType(), d.streamText(List.of("The answer "), null, false), End.STALL)
                        : Reply.partialJson(d.answerJson(TEXT, Finish.STOP), 20, End.STALL), always(OUT_OF_TIME)),
                new Scenario("connection reset mid-body", ALL, (d, s) -> i -> s
                        ? Reply.stream(d.streamType(), d.streamText(List.of("The answer "), null, false), End.CUT)
                        : Reply.partialJson(d.answerJson(TEXT, Finish.STOP), 20, End.CUT),
                        always(Status.FAILED, "")),
                new Scenario("stream ends without finish reason or terminator", ALL, (d, s) -> i -> s
                        ? Reply.stream(d.streamType(), d.streamText(List.of("Hello wor"), null, false), End.COMPLETE)
                        : Reply.body(200, "application/json", truncated(d.answerJson("Hello world", Finish.STOP))),
                        (dec, s) -> new Expect(Status.FAILED, s ? "STREAM_CUT" : "MALFORMED")),
                new Scenario("200 with a garbage body", ALL, (d, s) -> i -> s
                        ? Reply.stream(d.streamType(), List.of(d.garbageEvent()), End.COMPLETE)
                        : Reply.body(200, "application/json", "{{{ not json"),
                        (dec, s) -> new Expect(Status.FAILED, s ? "model answer unusable" : "MALFORMED")),
                new Scenario("200 with an HTML page", ALL,
                        (d, s) -> i -> Reply.body(200, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>"),
                        always(Status.FAILED, "MALFORMED")),
                new Scenario("empty choices", OPENAI, (d, s) -> i -> s
                        ? Reply.stream(d.streamType(), List.of("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\","
                                + "\"created\":1,\"model\":\"m\",\"choices\":[]}\n\n", "data: [DONE]\n\n"), End.COMPLETE)
                        : Reply.json(200, "{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\","
                                + "\"choices\":[]}"),
                        (dec, s) -> new Expect(Status.FAILED, s ? "STREAM_CUT" : "NO_CONTENT")),
                new Scenario("content: null", OPENAI, (d, s) -> i -> s
                        ? Reply.stream(d.streamType(), d.streamText(List.of(), Finish.STOP, true), End.COMPLETE)
                        : Reply.json(200, d.answerJson(null, Finish.STOP)),
                        always(Status.FAILED, "NO_CONTENT")),
                new Scenario("finish_reason length, then the rest", ALL,
                        (d, s) -> i -> i == 0 ? d.answer("The answer ", Finish.LENGTH, s) : d.answer("is 42.", Finish.STOP, s),
                        always(Status.COMPLETED, "final answer")),
                new Scenario("finish_reason length on every call", ALL, (d, s) -> i -> d.answer("The answer ", Finish.LENGTH, s),
                        always(Status.FAILED, "output token limit")),
                new Scenario("finish_reason content_filter", OPENAI, (d, s) -> i -> d.answer("", Finish.CONTENT_FILTER, s),
                        always(Status.FAILED, "content filter")),
                new Scenario("tool call without an id", EnumSet.of(Dialect.OPENAI, Dialect.OLLAMA), (d, s) -> i -> i == 0
                        ? d.toolCalls(List.of(new Call(null, "add", "{\"a\":2,\"b\":3}")), s) : d.answer(TEXT, Finish.STOP, s),
                        always(Status.COMPLETED, "final answer")),
                new Scenario("tool call with malformed arguments", OPENAI, (d, s) -> i -> i == 0
                        ? d.toolCalls(List.of(new Call("call_1", "add", "{\"a\":2,")), s) : d.answer(TEXT, Finish.STOP, s),
                        always(Status.COMPLETED, "final answer")),
                new Scenario("tool call naming an unknown tool", ALL, (d, s) -> i -> i == 0
                        ? d.toolCalls(List.of(new Call("call_1", "launch_rockets", "{}")), s) : d.answer(TEXT, Finish.STOP, s),
                        always(Status.COMPLETED, "final answer")),
                new Scenario("several tool calls in one reply", ALL, (d, s) -> i -> i == 0
                        ? d.toolCalls(List.of(new Call("call_1", "add", "{\"a\":2,\"b\":3}"),
                                new Call("call_2", "add", "{\"a\":4,\"b\":5}")), s) : d.answer(TEXT, Finish.STOP, s),
                        always(Status.COMPLETED, "final answer")),
                new Scenario("a tool that ignores interrupts outlives the budget", OPENAI, (d, s) -> i -> i == 0
                        ? d.toolCalls(List.of(new Call("call_1", "stall", "{}")), s) : d.answer(TEXT, Finish.STOP, s),
                        always(Status.BUDGET_EXHAUSTED, "while tool 'stall' ran")));
    }

    private static Expectation always(Expect expect) {
        return (decorated, streaming) -> expect;
    }

    private static Reply rateLimited(String retryAfter) {
        return Reply.json(429, "{\"error\":{\"message\":\"rate limited\",\"type\":\"rate_limit\"}}")
                .withHeader("Retry-After", retryAfter);
    }

    private static String httpDate(Instant at) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(at.atZone(ZoneOffset.UTC));
    }

    /** The JSON cut in the middle of a string, sent as a complete body. */
    private static String truncated(String json) {
        return json.substring(0, json.indexOf("Hello wor") + "Hello wor".length());
    }
}
