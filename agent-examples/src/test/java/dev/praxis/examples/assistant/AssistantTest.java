package dev.praxis.examples.assistant;

import dev.praxis.examples.ExampleContext;
import dev.praxis.tool.ToolException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AssistantTest {

    /** Saturday 28 November 2026. */
    private static final Clock SATURDAY = Clock.fixed(Instant.parse("2026-11-28T09:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path data;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private ExampleContext context() {
        return ExampleContext.of(new PrintStream(bytes, true, StandardCharsets.UTF_8), Map.of(), data).withClock(SATURDAY);
    }

    private String out() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void demoCallsTheServicesOverHttpAndCompletesAFollowUp() throws Exception {
        new Assistant().run(context());

        assertThat(out())
                .contains("-> weather {\"city\":\"Paris\",\"date\":\"2026-11-29\"}")
                .contains("London to Rome on 2026-12-04: NW 210 departs 07:15")
                .contains("-> add_reminder {\"text\":\"Remind me to pack my passport\",\"date\":\"2026-12-03\",\"time\":\"20:00\"}")
                .contains("to use find_flights I still need from (the city to fly from), date")
                .contains("Paris to Berlin on 2026-11-30: NW 810")
                .contains("1. 2026-12-03 20:00: Remind me to pack my passport");
    }

    @Test
    void remindersPersistAcrossRuns() throws Exception {
        new Assistant().run(context());
        bytes.reset();

        new Assistant().run(context());

        assertThat(out()).contains("reminder 2 set for 2026-12-03").contains("; 2. 2026-12-03 20:00");
        assertThat(data.resolve("assistant/reminders.json")).exists();
    }

    @Test
    void serviceErrorsReachTheModelAsToolFailures() {
        try (LocalServices services = LocalServices.start(data.resolve("r.json"))) {
            var tools = new TravelTools(services.baseUrl());

            assertThatThrownBy(() -> tools.weather("Atlantis", "2026-11-29")).isInstanceOf(ToolException.class)
                    .hasMessageStartingWith("the service said 400: unknown city 'Atlantis'");
            assertThatThrownBy(() -> tools.addReminder("x", "next week", "10:00")).isInstanceOf(ToolException.class)
                    .hasMessage("the service said 400: date must be YYYY-MM-DD, got 'next week'");
            assertThat(tools.findFlights("Oslo", "Madrid", "2026-12-01")).isEqualTo("no flights from Oslo to Madrid on 2026-12-01");
        }
    }

    @Test
    void theToolsReachTheirServicesAndNothingElseEvenWhenAServiceRedirects() throws Exception {
        var reached = new java.util.concurrent.atomic.AtomicInteger();
        HttpServer elsewhere = loopback(exchange -> {
            reached.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        HttpServer bouncing = loopback(exchange -> {
            exchange.getResponseHeaders().set("Location", "http://127.0.0.1:" + elsewhere.getAddress().getPort() + "/weather");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        try {
            var tools = new TravelTools(URI.create("http://127.0.0.1:" + bouncing.getAddress().getPort()));

            assertThatThrownBy(() -> tools.weather("Paris", "2026-11-29")).isInstanceOf(ToolException.class)
                    .hasMessageContaining("is not one of the hosts this policy opens [127.0.0.1:"
                            + bouncing.getAddress().getPort() + "]");
            assertThatThrownBy(() -> tools.weather("Paris", "2026-11-29")).hasMessageContaining("127.0.0.1:"
                    + elsewhere.getAddress().getPort());
            assertThat(reached).hasValue(0);
        } finally {
            bouncing.stop(0);
            elsewhere.stop(0);
        }
    }

    private static HttpServer loopback(com.sun.net.httpserver.HttpHandler handler) throws java.io.IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", handler);
        server.start();
        return server;
    }
}
