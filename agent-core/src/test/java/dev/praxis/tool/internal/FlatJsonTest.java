package dev.praxis.tool.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever the quick reader returns, Jackson's readTree returns the same tree for that text. */
class FlatJsonTest {

    private static final ObjectMapper JACKSON = new ObjectMapper();
    private static final FlatJson READER = new FlatJson(new String[] {"a", "city"});
    private static final List<String> NAMES = List.of("\"a\"", "\"city\"", "\"other\"", "\"a\\\"b\"", "\"\"", "a", "\"x\ty\"");
    private static final List<String> VALUES = List.of("2", "-3", "0", "-0", "007", "2147483647", "2147483648",
            "-2147483649", "123456789012345678", "1234567890123456789", "2.5", "1e3", "-", "\"Oslo\"", "\"\"",
            "\"esc\\\"aped\"", "\"tab\there\"", "\"\\u00e9\"", "\"é ü 中\"", "true", "false", "null", "tru", "nulls",
            "[1]", "{\"b\":1}", "");
    private static final List<String> GAPS = List.of("", " ", "\n\t ", "\r\n");

    @Test
    void agreesWithJacksonOnEveryTextItAccepts() throws Exception {
        Random random = new Random(3);
        int accepted = 0;
        for (int trial = 0; trial < 20_000; trial++) {
            String text = randomObject(random);
            ObjectNode quick = READER.parse(text);
            if (quick == null) {
                continue;
            }
            accepted++;
            JsonNode jackson = JACKSON.readTree(text);
            assertThat(quick).as(text).isEqualTo(jackson);
            assertThat(quick.toString()).as(text).isEqualTo(jackson.toString());
            quick.properties().forEach(e -> assertThat(e.getValue().getNodeType()).as(text + " " + e.getKey())
                    .isEqualTo(jackson.get(e.getKey()).getNodeType()));
        }
        assertThat(accepted).as("a fair share of the generated objects is read quickly").isGreaterThan(1000);
    }

    @Test
    void readsTypicalArgumentsAndSharesTheDeclaredNames() {
        ObjectNode args = READER.parse(" {\"a\": 2, \"city\" : \"Oslo\", \"n\":-12345678901, \"ok\":true, \"z\":null} ");

        assertThat(args).isNotNull();
        assertThat(args.get("a").isInt()).isTrue();
        assertThat(args.get("n").isLong()).isTrue();
        assertThat(args.toString()).isEqualTo("{\"a\":2,\"city\":\"Oslo\",\"n\":-12345678901,\"ok\":true,\"z\":null}");
        assertThat(args.fieldNames().next()).isSameAs("a");
    }

    @Test
    void leavesEverythingElseToJackson() {
        for (String text : List.of("", "[1]", "{", "{\"a\":1", "{\"a\":1}x", "{\"a\":1,}", "{\"a\":1,\"a\":2}",
                "{\"a\":1.0}", "{\"a\":\"\\n\"}", "{\"a\":{}}", "{'a':1}", "{\"a\":01}", "{\"a\":-0}")) {
            assertThat(READER.parse(text)).as(text).isNull();
        }
    }

    private static String randomObject(Random random) {
        StringBuilder text = new StringBuilder(gap(random)).append('{');
        int fields = random.nextInt(4);
        for (int i = 0; i < fields; i++) {
            if (i > 0) {
                text.append(random.nextInt(20) == 0 ? "" : ",");
            }
            text.append(gap(random)).append(pick(random, NAMES)).append(gap(random))
                    .append(random.nextInt(20) == 0 ? "" : ":").append(gap(random))
                    .append(pick(random, VALUES)).append(gap(random));
        }
        text.append(random.nextInt(30) == 0 ? "" : "}");
        return text.append(random.nextInt(30) == 0 ? "x" : gap(random)).toString();
    }

    private static String gap(Random random) {
        return pick(random, GAPS);
    }

    private static String pick(Random random, List<String> options) {
        return options.get(random.nextInt(options.size()));
    }
}
