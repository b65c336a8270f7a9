package dev.praxis.tool;

import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.praxis.tool.internal.CallExecutor;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class ToolboxGovernanceTest {

    private static final JsonObjectSchema DATE_ARGS = JsonObjectSchema.builder()
            .addProperty("date", JsonRawSchema.from("{\"type\":\"string\",\"format\":\"date\"}"))
            .addIntegerProperty("days")
            .required("date", "days")
            .build();

    private final List<String> ran = new CopyOnWriteArrayList<>();

    private Tool tool(String name, SideEffect effect) {
        return Tools.of(name, "test tool " + name, DATE_ARGS, effect, args -> {
            ran.add(name);
            return name + " ran";
        });
    }

    private static ToolCall call(String id, String name, String args) {
        return new ToolCall(id, name, args);
    }

    private static ToolContext run(String runId) {
        return new ToolContext(runId, 1, null);
    }

    @Test
    void interceptorsSeeValidatedCallsInTheOrderTheyWereAdded() {
        List<String> seen = new CopyOnWriteArrayList<>();
        Toolbox toolbox = Toolbox.of(tool("shift", SideEffect.WRITE))
                .withInterceptor(chain -> {
                    seen.add("outer " + chain.context().idempotencyKey());
                    return chain.proceed(chain.call());
                })
                .withInterceptor(chain -> {
                    seen.add("inner " + chain.tool().name());
                    ToolResult result = chain.proceed(chain.call());
                    return ToolResult.ok(result.text() + " (traced)");
                });

        ToolResult invalid = toolbox.execute(call("2", "shift", "{}"), run("r"));
        ToolResult ok = toolbox.execute(call("3", "shift", "{\"date\":\"2026-01-02\",\"days\":1}"), run("r"));

        assertThat(invalid.text()).contains("invalid arguments");
        assertThat(ok.text()).isEqualTo("shift ran (traced)");
        assertThat(seen).containsExactly("outer r/1/3", "inner shift");
    }

    @Test
    void anInterceptorMayAnswerWithoutCallingTheTool() {
        List<String> cache = new CopyOnWriteArrayList<>();
        Toolbox toolbox = Toolbox.of(tool("shift", SideEffect.READ_ONLY)).withInterceptor(chain -> {
            if (cache.contains(chain.call().arguments())) {
                return ToolResult.ok("cached");
            }
            cache.add(chain.call().arguments());
            return chain.proceed(chain.call());
        });
        String args = "{\"date\":\"2026-01-02\",\"days\":1}";

        ToolResult first = toolbox.execute(call("1", "shift", args), run("r"));
        ToolResult second = toolbox.execute(call("2", "shift", args), run("r"));

        assertThat(first.text()).isEqualTo("shift ran");
        assertThat(second.text()).isEqualTo("cached");
        assertThat(ran).containsExactly("shift");
    }

    @Test
    void anInterceptorMayNotSwitchTheTool() {
        Toolbox toolbox = Toolbox.of(tool("shift", SideEffect.WRITE), tool("other", SideEffect.WRITE))
                .withInterceptor(chain -> chain.proceed(new ToolCall("x", "other", chain.call().arguments())));

        ToolResult result = toolbox.execute(call("1", "shift", "{\"date\":\"2026-01-02\",\"days\":1}"), run("r"));

        assertThat(result.text()).contains("a call may change its arguments, not its tool");
        assertThat(ran).isEmpty();
    }

    @Test
    void explainsFormatViolationPrecisely() {
        Toolbox toolbox = Toolbox.of(tool("shift", SideEffect.READ_ONLY));

        ToolResult result = toolbox.execute(call("1", "shift", "{\"date\":\"31/12/2026\",\"days\":2}"), run("r"));

        assertThat(result).isInstanceOf(ToolResult.Failed.class);
        assertThat(result.text()).contains("field `date`").contains("expected yyyy-MM-dd")
                .contains("attempt 1 of 3");
        assertThat(((ToolResult.Failed) result).retriable()).isTrue();
        assertThat(ran).isEmpty();
    }

    @Test
    void namesMissingAndMistypedFields() {
        Toolbox toolbox = Toolbox.of(tool("shift", SideEffect.READ_ONLY));

        String missing = toolbox.execute(call("1", "shift", "{\"days\":2}"), run("a")).text();
        String mistyped = toolbox.execute(call("1", "shift", "{\"date\":\"2026-01-01\",\"days\":\"two\"}"), run("b")).text();
        String notJson = toolbox.execute(call("1", "shift", "{date:"), run("c")).text();
        String notObject = toolbox.execute(call("1", "shift", "[1,2]"), run("d")).text();

        assertThat(missing).contains("field `date`").contains("required");
        assertThat(mistyped).contains("field `days`").contains("integer");
        assertThat(notJson).contains("not valid JSON");
        assertThat(notObject).contains("must be a JSON object, got array");
    }

    @Test
    void stopsRetryingAfterBoundedInvalidAttemptsPerRun() {
        Toolbox toolbox = Toolbox.of(tool("shift", SideEffect.READ_ONLY)).withLimits(ToolLimits.DEFAULT.withMaxInvalidAttempts(2));
        ToolCall bad = call("1", "shift", "{\"date\":\"tomorrow\",\"days\":1}");

        ToolResult first = toolbox.execute(bad, run("r1"));
        ToolResult second = toolbox.execute(bad, run("r1"));
        ToolResult otherRun = toolbox.execute(bad, run("r2"));

        assertThat(((ToolResult.Failed) first).retriable()).isTrue();
        assertThat(((ToolResult.Failed) second).retriable()).isFalse();
        assertThat(second.text()).contains("invalid attempt 2 of 2").contains("do not call 'shift' again");
        assertThat(((ToolResult.Failed) otherRun).retriable()).isTrue();
    }

    @Test
    void runsValidCall() {
        Toolbox toolbox = Toolbox.of(tool("shift", SideEffect.READ_ONLY));

        ToolResult result = toolbox.execute(call("1", "shift", "{\"date\":\"2026-12-31\",\"days\":2}"), run("r"));

        assertThat(result).isEqualTo(ToolResult.ok("shift ran"));
    }

    @Test
    void standardPolicyRunsReadAndWriteButAsksForExternal() {
        List<ApprovalRequest> asked = new ArrayList<>();
        Toolbox toolbox = Toolbox.of(tool("read", SideEffect.READ_ONLY), tool("write", SideEffect.WRITE),
                        tool("pay", SideEffect.EXTERNAL))
                .withApproval(ApprovalPolicy.standard(), (request, question) -> {
                    asked.add(request);
                    return ApprovalDecision.deny("the treasurer said no");
                });
        String args = "{\"date\":\"2026-12-31\",\"days\":2}";

        List<ToolResult> results = toolbox.execute(List.of(call("a", "read", args), call("b", "write", args),
                call("c", "pay", args)), run("r"));

        assertThat(results.get(0)).isEqualTo(ToolResult.ok("read ran"));
        assertThat(results.get(1)).isEqualTo(ToolResult.ok("write ran"));
        assertThat(results.get(2)).isEqualTo(new ToolResult.Denied("the treasurer said no"));
        assertThat(ran).containsExactlyInAnyOrder("read", "write");
        assertThat(asked).singleElement().satisfies(request -> {
            assertThat(request.sideEffect()).isEqualTo(SideEffect.EXTERNAL);
            assertThat(request.context().idempotencyKey()).isEqualTo("r/1/c");
            assertThat(request.describe()).contains("pay").contains("EXTERNAL");
        });
    }

    @Test
    void externalCallRunsWhenPersonApproves() {
        Toolbox toolbox = Toolbox.of(tool("pay", SideEffect.EXTERNAL))
                .withApproval(ApprovalPolicy.standard(), (request, question) -> ApprovalDecision.allow());

        assertThat(toolbox.execute(call("1", "pay", "{\"date\":\"2026-12-31\",\"days\":1}"), run("r")))
                .isEqualTo(ToolResult.ok("pay ran"));
    }

    @Test
    void personsEditRunsTheCallWithTheirArgumentsAndTellsTheModel() {
        List<String> arguments = new CopyOnWriteArrayList<>();
        Tool pay = Tools.of("pay", "pays", DATE_ARGS, SideEffect.EXTERNAL, args -> {
            arguments.add(args);
            return "paid";
        });
        String edited = "{\"date\":\"2026-12-31\",\"days\":5}";
        Toolbox toolbox = Toolbox.of(pay)
                .withApproval(ApprovalPolicy.standard(), (request, question) -> ApprovalDecision.edit(edited));

        ToolResult result = toolbox.execute(call("1", "pay", "{\"date\":\"2026-12-31\",\"days\":50}"), run("r"));

        assertThat(result).isEqualTo(ToolResult.ok("(The approver changed the arguments to " + edited
                + " before it ran.) paid"));
        assertThat(arguments).containsExactly(edited);
    }

    @Test
    void editedArgumentsAreValidatedAgainBeforeTheCallRuns() {
        Toolbox toolbox = Toolbox.of(tool("pay", SideEffect.EXTERNAL))
                .withApproval(ApprovalPolicy.standard(), (request, question) -> ApprovalDecision.edit("{\"days\":1}"));

        ToolResult result = toolbox.execute(call("1", "pay", "{\"date\":\"2026-12-31\",\"days\":1}"), run("r"));

        assertThat(result).isInstanceOfSatisfying(ToolResult.Failed.class,
                failed -> assertThat(failed.error()).contains("invalid arguments for tool 'pay'", "date"));
        assertThat(ran).isEmpty();
    }

    @Test
    void argumentsAGateOrInterceptorChangesAreValidatedAgainBeforeTheToolRuns() {
        ToolInterceptor dropsTheDate = chain -> chain.proceed(new ToolCall(chain.call().id(), chain.call().name(),
                "{\"days\":1}"));
        ToolInterceptor editsAtTheGate = chain -> chain.proceedApproved(new ToolCall(chain.call().id(),
                chain.call().name(), "{\"date\":\"soon\",\"days\":1}"));
        String valid = "{\"date\":\"2026-12-31\",\"days\":1}";

        ToolResult byInterceptor = Toolbox.of(tool("pay", SideEffect.EXTERNAL)).withInterceptor(dropsTheDate)
                .execute(call("1", "pay", valid), run("r"));
        ToolResult byGate = Toolbox.of(tool("pay", SideEffect.EXTERNAL)).withGate(editsAtTheGate)
                .execute(call("2", "pay", valid), run("r"));

        assertThat(byInterceptor).isInstanceOfSatisfying(ToolResult.Failed.class,
                failed -> assertThat(failed.error()).contains("invalid arguments for tool 'pay'", "date"));
        assertThat(byGate).isInstanceOfSatisfying(ToolResult.Failed.class,
                failed -> assertThat(failed.error()).contains("invalid arguments for tool 'pay'", "date"));
        assertThat(ran).isEmpty();
    }

    @Test
    void personsAnswerIsTheResultAndTheCallNeverRuns() {
        Toolbox toolbox = Toolbox.of(tool("pay", SideEffect.EXTERNAL))
                .withApproval(ApprovalPolicy.standard(), (request, question) -> ApprovalDecision.answer("paid by hand"));

        ToolResult result = toolbox.execute(call("1", "pay", "{\"date\":\"2026-12-31\",\"days\":1}"), run("r"));

        assertThat(result).isEqualTo(ToolResult.ok("paid by hand"));
        assertThat(ran).isEmpty();
    }

    @Test
    void pendingPersonYieldsAwaitingApprovalWithIdempotencyKey() {
        Toolbox toolbox = Toolbox.of(tool("pay", SideEffect.EXTERNAL))
                .withApproval(ApprovalPolicy.standard(), (request, question) -> ApprovalDecision.askPerson(question));

        ToolResult result = toolbox.execute(List.of(call("call_9", "pay", "{\"date\":\"2026-12-31\",\"days\":1}")),
                new ToolContext("run-7", 3, null)).get(0);

        assertThat(result).isInstanceOf(ToolResult.AwaitingApproval.class);
        assertThat(((ToolResult.AwaitingApproval) result).idempotencyKey()).isEqualTo("run-7/3/call_9");
        assertThat(result.text()).contains("pay").contains("has not run");
        assertThat(ran).isEmpty();
    }

    @Test
    void defaultHandlerAndFailingPolicyDeny() {
        String args = "{\"date\":\"2026-12-31\",\"days\":1}";
        Toolbox nobody = Toolbox.of(tool("pay", SideEffect.EXTERNAL)).withApproval(ApprovalPolicy.standard(),
                ApprovalHandler.NOBODY);
        Toolbox broken = Toolbox.of(tool("pay", SideEffect.EXTERNAL)).withApproval(request -> {
            throw new IllegalStateException("policy store down");
        }, ApprovalHandler.NOBODY);

        assertThat(nobody.execute(call("1", "pay", args), run("r"))).isInstanceOf(ToolResult.Denied.class)
                .extracting(ToolResult::text).asString().contains("no approver is configured");
        assertThat(broken.execute(call("1", "pay", args), run("r"))).isInstanceOf(ToolResult.Denied.class)
                .extracting(ToolResult::text).asString().contains("approval policy failed");
        assertThat(ran).isEmpty();
    }

    @Test
    void readOnlyPolicyDeniesWritesWithReason() {
        Toolbox toolbox = Toolbox.of(tool("write", SideEffect.WRITE)).withApproval(ApprovalPolicy.readOnly(),
                ApprovalHandler.NOBODY);

        assertThat(toolbox.execute(call("1", "write", "{\"date\":\"2026-12-31\",\"days\":1}"), run("r")).text())
                .isEqualTo("Denied: this agent may only use read-only tools");
    }

    @Test
    void giveEachCallItsOwnStableIdempotencyKey() {
        List<String> keys = new CopyOnWriteArrayList<>();
        Tool recorder = new Tool() {
            @Override
            public dev.langchain4j.agent.tool.ToolSpecification spec() {
                return dev.langchain4j.agent.tool.ToolSpecification.builder().name("rec").build();
            }

            @Override
            public ToolResult execute(ToolCall call, ToolContext context) {
                keys.add(context.idempotencyKey());
                return ToolResult.ok("ok");
            }
        };
        Toolbox toolbox = Toolbox.of(recorder);
        ToolContext step = new ToolContext("run-1", 4, null);

        toolbox.execute(List.of(call("x", "rec", "{}"), call("", "rec", "{}")), step);
        toolbox.execute(List.of(call("x", "rec", "{}"), call("", "rec", "{}")), step);

        assertThat(keys).containsExactlyInAnyOrder("run-1/4/x", "run-1/4/#1", "run-1/4/x", "run-1/4/#1");
    }

    @Test
    void runsCallsOfOneStepConcurrentlyAndReturnsThemInOrder() {
        CyclicBarrier allThree = new CyclicBarrier(3);
        AtomicInteger finishedOrder = new AtomicInteger();
        CountDownLatch othersFinished = new CountDownLatch(2);
        List<Tool> tools = new ArrayList<>();
        for (String name : List.of("a", "b", "c")) {
            tools.add(Tools.of(name, name, JsonObjectSchema.builder().build(), SideEffect.READ_ONLY, args -> {
                try {
                    // only passes if all three calls are running at the same time
                    allThree.await(10, TimeUnit.SECONDS);
                    if ("a".equals(name) && !othersFinished.await(10, TimeUnit.SECONDS)) {
                        throw new ToolException("b and c never finished");
                    }
                } catch (Exception e) {
                    throw new ToolException("not concurrent: " + e);
                }
                int order = finishedOrder.incrementAndGet();
                othersFinished.countDown();
                return name + "#" + order;
            }));
        }
        Toolbox toolbox = Toolbox.of(tools);

        List<ToolResult> results = toolbox.execute(List.of(call("1", "a", "{}"), call("2", "b", "{}"),
                call("3", "c", "{}")), run("r"));

        assertThat(results).extracting(ToolResult::text).satisfiesExactly(
                a -> assertThat(a).startsWith("a#"), b -> assertThat(b).startsWith("b#"),
                c -> assertThat(c).startsWith("c#"));
        assertThat(results.get(0).text()).isEqualTo("a#3");
    }

    @Test
    void abandonsACallThatExceedsItsTimeoutWithoutHoldingUpTheOthers() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        Tool sleeper = Tools.of("sleeper", "sleeps", JsonObjectSchema.builder().build(), SideEffect.READ_ONLY, args -> {
            try {
                release.await(60, TimeUnit.SECONDS);
                return "woke";
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw new ToolException("interrupted");
            }
        });
        Toolbox toolbox = Toolbox.of(sleeper, tool("quick", SideEffect.READ_ONLY))
                .withTimeout("sleeper", Duration.ofMillis(200));

        List<ToolResult> results = toolbox.execute(List.of(call("1", "sleeper", "{}"),
                call("2", "quick", "{\"date\":\"2026-01-01\",\"days\":1}")), run("r"));
        release.countDown();

        assertThat(results.get(0)).isInstanceOf(ToolResult.Failed.class);
        assertThat(results.get(0).text()).contains("did not finish within 200 ms").contains("abandoned");
        assertThat(((ToolResult.Failed) results.get(0)).retriable()).isTrue();
        assertThat(results.get(1)).isEqualTo(ToolResult.ok("quick ran"));
        assertThat(interrupted.getCount()).as("never interrupted").isOne();
    }

    @Test
    void cancellingTheRunStopsWaitingForParallelCallsAndKeepsTheFlag() throws Exception {
        CountDownLatch started = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        List<Tool> tools = new ArrayList<>();
        for (String name : List.of("a", "b")) {
            tools.add(Tools.of(name, name, JsonObjectSchema.builder().build(), SideEffect.READ_ONLY, args -> {
                started.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new ToolException("interrupted");
                }
                return "woke";
            }));
        }
        Toolbox toolbox = Toolbox.of(tools);
        AtomicReference<List<ToolResult>> results = new AtomicReference<>();
        AtomicReference<Boolean> flagKept = new AtomicReference<>();
        Thread loop = new Thread(() -> {
            results.set(toolbox.execute(List.of(call("1", "a", "{}"), call("2", "b", "{}")), run("r")));
            flagKept.set(Thread.currentThread().isInterrupted());
        });
        loop.start();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        loop.interrupt();
        loop.join(10_000);
        release.countDown();

        assertThat(results.get()).hasSize(2).allSatisfy(r -> assertThat(r.text()).contains("cancelled"));
        assertThat(flagKept.get()).isTrue();
    }

    @Test
    void truncatesOversizeResultWithExplicitNotice() {
        Tool big = Tools.of("big", "big", JsonObjectSchema.builder().build(), SideEffect.READ_ONLY, args -> "x".repeat(5000));
        Toolbox toolbox = Toolbox.of(big).withLimits(ToolLimits.DEFAULT.withMaxResultChars(1000));

        String text = toolbox.execute(call("1", "big", "{}"), run("r")).text();

        assertThat(text.length()).isLessThanOrEqualTo(1000);
        assertThat(text).startsWith("xxxx").contains("[truncated: the result had 5000 characters; only the first 820");
    }

    @Test
    void theStepsInterceptorRunsBeforeTheApplicationsAndBothSeeTheCappedResult() {
        Tool big = Tools.of("big", "big", JsonObjectSchema.builder().build(), SideEffect.READ_ONLY, args -> "x".repeat(5000));
        List<String> seen = new CopyOnWriteArrayList<>();
        Toolbox toolbox = Toolbox.of(big).withLimits(ToolLimits.DEFAULT.withMaxResultChars(1000))
                .withInterceptor(chain -> {
                    ToolResult result = chain.proceed(chain.call());
                    seen.add("application saw " + result.text().length());
                    return result;
                });
        ToolInterceptor step = chain -> {
            seen.add("step");
            ToolResult result = chain.proceed(chain.call());
            seen.add("step saw " + result.text().length());
            return result;
        };

        ToolResult withStep = toolbox.execute(List.of(call("1", "big", "{}")), run("r"), step).get(0);
        ToolResult withoutStep = toolbox.execute(call("2", "big", "{}"), run("r"));

        assertThat(withStep.text()).isEqualTo(withoutStep.text()).contains("[truncated: the result had 5000");
        assertThat(seen).containsExactly("step", "application saw " + withStep.text().length(),
                "step saw " + withStep.text().length(), "application saw " + withStep.text().length());
    }

    @Test
    void argumentsTheStepsInterceptorChangesAreValidatedAgainAndTheRestOfTheChainStillRuns() {
        List<String> seen = new CopyOnWriteArrayList<>();
        Toolbox toolbox = Toolbox.of(tool("pay", SideEffect.WRITE)).withInterceptor(chain -> {
            seen.add("application " + chain.call().arguments());
            return chain.proceed(chain.call());
        });
        String valid = "{\"date\":\"2026-12-31\",\"days\":1}";
        ToolInterceptor changesTo = chain -> chain.proceed(new ToolCall(chain.call().id(), chain.call().name(),
                chain.call().arguments().contains("2026") ? "{\"date\":\"2027-01-01\",\"days\":2}" : "{\"days\":2}"));

        ToolResult fine = toolbox.execute(List.of(call("1", "pay", valid)), run("r"), changesTo).get(0);
        ToolResult refused = toolbox.execute(List.of(call("2", "pay", "{\"date\":\"2026-12-30\",\"days\":1}")),
                run("r"), chain -> chain.proceed(new ToolCall(chain.call().id(), chain.call().name(), "{\"days\":2}")))
                .get(0);

        assertThat(fine.text()).isEqualTo("pay ran");
        assertThat(refused).isInstanceOfSatisfying(ToolResult.Failed.class,
                failed -> assertThat(failed.error()).contains("invalid arguments for tool 'pay'", "date"));
        assertThat(seen).containsExactly("application {\"date\":\"2027-01-01\",\"days\":2}");
        assertThat(ran).containsExactly("pay");
    }

    @Test
    void aPolicySetAfterAllowingAllDecidesAgainAndMergedToolboxesKeepTheSetOne() {
        List<String> asked = new CopyOnWriteArrayList<>();
        ApprovalHandler person = (request, question) -> {
            asked.add(request.call().name());
            return ApprovalDecision.deny("no");
        };
        Toolbox allowing = Toolbox.of(tool("pay", SideEffect.EXTERNAL)).withApproval(ApprovalPolicy.ALLOW_ALL, person);
        String args = "{\"date\":\"2026-12-31\",\"days\":1}";

        ToolResult allowed = allowing.execute(call("1", "pay", args), run("r"));
        ToolResult asking = allowing.withApproval(ApprovalPolicy.standard(), person).execute(call("2", "pay", args), run("r"));
        ToolResult merged = Toolbox.of(tool("note", SideEffect.WRITE))
                .plus(Toolbox.of(tool("send", SideEffect.EXTERNAL)).withApproval(ApprovalPolicy.standard(), person))
                .execute(call("3", "send", args), run("r"));

        assertThat(allowed.text()).isEqualTo("pay ran");
        assertThat(asking).isInstanceOf(ToolResult.Denied.class);
        assertThat(merged).isInstanceOf(ToolResult.Denied.class);
        assertThat(asked).containsExactly("pay", "send");
        assertThat(ran).containsExactly("pay");
    }

    @Test
    void unknownToolAndToolExceptionComeBackAsFailures() {
        Tool thrower = Tools.of("boom", "boom", JsonObjectSchema.builder().build(), SideEffect.READ_ONLY, args -> {
            throw new IllegalStateException("disk on fire");
        });
        Toolbox toolbox = Toolbox.of(thrower);

        assertThat(toolbox.execute(call("1", "nope", "{}"), run("r")).text()).contains("unknown tool 'nope'")
                .contains("boom");
        assertThat(toolbox.execute(call("1", "boom", "{}"), run("r")).text())
                .isEqualTo("Error: tool 'boom' failed: IllegalStateException: disk on fire");
    }

    @Test
    void detectsVirtualThreadsOnlyWhereTheJvmHasThem() {
        boolean jvmHasThem = Runtime.version().feature() >= 21;

        assertThat(CallExecutor.usesVirtualThreads()).isEqualTo(jvmHasThem);
    }
}
