package dev.praxis.observe;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.LlmAgent;
import dev.praxis.testing.ScriptedLlm;
import dev.praxis.testing.TestTools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.List;

import static dev.praxis.testing.ScriptedLlm.text;
import static dev.praxis.testing.ScriptedLlm.toolCall;
import static org.assertj.core.api.Assertions.assertThat;

class LoggingListenerTest {

    private static final org.slf4j.Logger app = LoggerFactory.getLogger("app.model");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final List<Logger> loggers = List.of((Logger) LoggerFactory.getLogger("dev.praxis.run"),
            (Logger) LoggerFactory.getLogger("app.model"));

    @BeforeEach
    void attach() {
        appender.start();
        loggers.forEach(l -> {
            l.addAppender(appender);
            l.setLevel(Level.DEBUG);
        });
    }

    @AfterEach
    void detach() {
        loggers.forEach(l -> l.detachAppender(appender));
    }

    private AgentResult run(LoggingListener listener, String input) {
        ScriptedLlm.Reply loggingReply = request -> {
            app.info("model asked");
            return text("done, token=sk-proj-abcdefghijklmnopqrstuvwx").reply(request);
        };
        var llm = ScriptedLlm.of(toolCall("lookup", "{\"password\":\"hunter22\"}"), loggingReply);
        return LlmAgent.builder().name("helper").llm(llm).listener(listener)
                .tools(TestTools.named("lookup").returns("found"))
                .build().run(input);
    }

    @Test
    void everyLineOfTheRunCarriesRunIdAgentAndStep() {
        AgentResult result = run(LoggingListener.create(), "hello");

        ILoggingEvent fromApp = appender.list.stream().filter(e -> e.getLoggerName().equals("app.model")).findFirst()
                .orElseThrow();
        assertThat(fromApp.getMDCPropertyMap()).containsEntry(LoggingListener.RUN_ID, result.runId())
                .containsEntry(LoggingListener.AGENT, "helper").containsEntry(LoggingListener.STEP, "2");
        assertThat(appender.list).filteredOn(e -> e.getLoggerName().equals("dev.praxis.run"))
                .allSatisfy(e -> assertThat(e.getMDCPropertyMap()).containsEntry(LoggingListener.RUN_ID, result.runId()));
        assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage)
                .anyMatch(m -> m.startsWith("run started: agent=helper"))
                .anyMatch(m -> m.startsWith("tool finished: tool=lookup call_id=call_1 outcome=ok"))
                .anyMatch(m -> m.startsWith("run ended: status=COMPLETED steps=2"));
        assertThat(MDC.get(LoggingListener.RUN_ID)).isNull();
    }

    @Test
    void contentIsLeftOutByDefaultAndMaskedWhenAsked() {
        run(LoggingListener.create(), "my password=hunter22");
        assertThat(appender.list.toString()).doesNotContain("hunter22", "password=");

        appender.list.clear();
        run(LoggingListener.create().withContent(), "my password=hunter22");
        String logged = appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList().toString();
        assertThat(logged).contains("input=my password=[SECRET]", "token=[SECRET]")
                .doesNotContain("hunter22", "sk-proj-abc");
    }
}
