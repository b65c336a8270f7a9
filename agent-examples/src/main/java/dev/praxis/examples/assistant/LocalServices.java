package dev.praxis.examples.assistant;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Three small web services on loopback for the assistant to call over HTTP: a weather
 * forecast (deterministic, derived from city and date), a flight timetable (from
 * {@code flights.csv}) and a reminders store persisted to a JSON file. They stand in for
 * real APIs so the example runs offline; the agent's tools speak plain HTTP + JSON to them.
 */
public final class LocalServices implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SKIES = List.of("sunny", "partly cloudy", "overcast", "light rain", "showers",
            "windy and dry");

    private final HttpServer server;
    private final List<String[]> flights;
    private final Path remindersFile;

    private LocalServices(Path remindersFile) throws IOException {
        this.remindersFile = remindersFile;
        this.flights = readFlights();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/weather", exchange -> handle(exchange, this::weather));
        server.createContext("/flights", exchange -> handle(exchange, this::flights));
        server.createContext("/reminders", exchange -> handle(exchange, this::reminders));
        server.start();
    }

    /** Starts the services on a free loopback port; reminders persist in {@code remindersFile}. */
    public static LocalServices start(Path remindersFile) {
        try {
            return new LocalServices(remindersFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the local services", e);
        }
    }

    /** The base URL, such as {@code http://127.0.0.1:43121}. */
    public URI baseUrl() {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort());
    }

    /** The cities the timetable and forecast know, the offline mode's vocabulary. */
    public Set<String> cities() {
        Set<String> cities = new TreeSet<>();
        flights.forEach(f -> {
            cities.add(f[1]);
            cities.add(f[2]);
        });
        return cities;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private record Reply(int status, Object body) {
    }

    @FunctionalInterface
    private interface Handler {
        Reply handle(HttpExchange exchange, Map<String, String> query) throws IOException;
    }

    private static void handle(HttpExchange exchange, Handler handler) throws IOException {
        Reply reply;
        try {
            reply = handler.handle(exchange, query(exchange.getRequestURI()));
        } catch (IllegalArgumentException e) {
            reply = new Reply(400, Map.of("error", e.getMessage()));
        }
        byte[] body = JSON.writeValueAsBytes(reply.body());
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(reply.status(), body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private Reply weather(HttpExchange exchange, Map<String, String> query) {
        String city = known(query.get("city"));
        LocalDate date = date(query.get("date"));
        int seed = Math.abs((city + date).hashCode());
        ObjectNode forecast = JSON.createObjectNode().put("city", city).put("date", date.toString())
                .put("sky", SKIES.get(seed % SKIES.size())).put("high_c", 4 + seed % 17).put("low_c", seed % 9 - 2);
        return new Reply(200, forecast);
    }

    private Reply flights(HttpExchange exchange, Map<String, String> query) {
        String from = known(query.get("from"));
        String to = known(query.get("to"));
        LocalDate date = date(query.get("date"));
        ArrayNode found = JSON.createArrayNode();
        for (String[] f : flights) {
            if (f[1].equals(from) && f[2].equals(to)) {
                found.addObject().put("flight", f[0]).put("date", date.toString()).put("departs", f[3])
                        .put("arrives", f[4]).put("price_eur", Integer.parseInt(f[5]));
            }
        }
        return new Reply(200, found);
    }

    private synchronized Reply reminders(HttpExchange exchange, Map<String, String> query) throws IOException {
        ArrayNode all = Files.exists(remindersFile) ? (ArrayNode) JSON.readTree(remindersFile.toFile())
                : JSON.createArrayNode();
        if (exchange.getRequestMethod().equals("GET")) {
            return new Reply(200, all);
        }
        if (!exchange.getRequestMethod().equals("POST")) {
            return new Reply(405, Map.of("error", "use GET or POST"));
        }
        ObjectNode reminder = (ObjectNode) JSON.readTree(exchange.getRequestBody());
        for (String field : List.of("text", "date", "time")) {
            if (!reminder.path(field).isTextual() || reminder.path(field).asText().isBlank()) {
                throw new IllegalArgumentException("a reminder needs a non-empty '" + field + "'");
            }
        }
        date(reminder.get("date").asText());
        reminder.put("id", all.size() + 1);
        all.add(reminder);
        Files.createDirectories(remindersFile.toAbsolutePath().getParent());
        JSON.writerWithDefaultPrettyPrinter().writeValue(remindersFile.toFile(), all);
        return new Reply(201, reminder);
    }

    private String known(String city) {
        return cities().stream().filter(c -> c.equalsIgnoreCase(city)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown city '" + city + "'; known: " + cities()));
    }

    private static LocalDate date(String text) {
        try {
            return LocalDate.parse(text == null ? "" : text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("date must be YYYY-MM-DD, got '" + text + "'");
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> query = new HashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return query;
    }

    private static List<String[]> readFlights() throws IOException {
        try (InputStream in = LocalServices.class.getResourceAsStream("flights.csv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1)
                    .filter(l -> !l.isBlank()).map(l -> l.split(",")).toList();
        }
    }
}
