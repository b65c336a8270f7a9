package dev.praxis.examples.assistant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.SideEffects;
import dev.praxis.tool.ToolException;

import dev.praxis.tools.http.HttpFetcher;
import dev.praxis.tools.http.NetworkPolicy;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The assistant's tools: each is a plain HTTP call to a web service (weather, flights,
 * reminders) returning JSON, turned into a sentence. Errors from the service (a 4xx with its
 * message) go back to the model as tool failures it can correct. Thread-safe.
 *
 * <p>The calls go through agent-tools' {@link HttpFetcher}, the engine of its {@code http_get}
 * and {@code http_post} tools, under {@link NetworkPolicy#none()} opened for the services' one
 * host and port: redirects are re-checked, bodies capped, and no other address (public,
 * private or another local port) can be reached, whatever the model puts in the arguments.
 */
public final class TravelTools {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpFetcher http;

    /** Tools calling the services at {@code base} (such as {@code http://127.0.0.1:43121}), and nowhere else. */
    public TravelTools(URI base) {
        this.base = base;
        this.http = new HttpFetcher(NetworkPolicy.none().allowing(base.getHost() + ":" + base.getPort()),
                Duration.ofSeconds(10), 64 * 1024, 2);
    }

    @Tool(name = "weather", value = "Gets the weather forecast for a city on a date (rain, sun, temperature)")
    @SideEffects(SideEffect.READ_ONLY)
    public String weather(@P("the city") String city, @P("the date, YYYY-MM-DD") String date) {
        JsonNode f = get("/weather?city=" + encode(city) + "&date=" + encode(date));
        return f.path("city").asText() + " on " + f.path("date").asText() + ": " + f.path("sky").asText() + ", "
                + f.path("low_c").asInt() + " to " + f.path("high_c").asInt() + " C";
    }

    @Tool(name = "find_flights", value = "Finds flights from one city to another on a date (fly, plane, book a flight)")
    @SideEffects(SideEffect.READ_ONLY)
    public String findFlights(@P("the city to fly from") String from, @P("the city to fly to") String to,
                              @P("the date of travel, YYYY-MM-DD") String date) {
        JsonNode flights = get("/flights?from=" + encode(from) + "&to=" + encode(to) + "&date=" + encode(date));
        if (flights.isEmpty()) {
            return "no flights from " + from + " to " + to + " on " + date;
        }
        List<String> lines = new ArrayList<>();
        for (JsonNode f : flights) {
            lines.add(f.path("flight").asText() + " departs " + f.path("departs").asText() + ", arrives "
                    + f.path("arrives").asText() + ", " + f.path("price_eur").asInt() + " EUR");
        }
        return from + " to " + to + " on " + date + ": " + String.join("; ", lines);
    }

    @Tool(name = "add_reminder", value = "Sets a reminder for a date and time (remind me, don't let me forget)")
    @SideEffects(SideEffect.WRITE)
    public String addReminder(@P("what to remind about") String text, @P("the date, YYYY-MM-DD") String date,
                              @P("the time, HH:MM") String time) {
        String body = JSON.createObjectNode().put("text", text).put("date", date).put("time", time).toString();
        JsonNode saved = read(http.send("POST", base.resolve("/reminders").toString(), body, "application/json", Map.of()));
        return "reminder " + saved.path("id").asInt() + " set for " + date + " at " + time;
    }

    @Tool(name = "list_reminders", value = "Lists all my reminders (what are my reminders, what's on my list)")
    @SideEffects(SideEffect.READ_ONLY)
    public String listReminders() {
        JsonNode all = get("/reminders");
        if (all.isEmpty()) {
            return "no reminders";
        }
        List<String> lines = new ArrayList<>();
        for (JsonNode r : all) {
            lines.add(r.path("id").asInt() + ". " + r.path("date").asText() + " " + r.path("time").asText() + ": "
                    + r.path("text").asText());
        }
        return String.join("; ", lines);
    }

    private JsonNode get(String pathAndQuery) {
        return read(http.get(base.resolve(pathAndQuery).toString(), Map.of()));
    }

    private static JsonNode read(HttpFetcher.Response response) {
        JsonNode body;
        try {
            body = JSON.readTree(response.text());
        } catch (IOException e) {
            throw new ToolException("the service answered " + response.status() + " with something that is not JSON");
        }
        if (response.status() >= 400) {
            throw new ToolException("the service said " + response.status() + ": " + body.path("error").asText());
        }
        return body;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
