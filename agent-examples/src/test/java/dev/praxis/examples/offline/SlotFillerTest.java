package dev.praxis.examples.offline;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SlotFillerTest {

    /** Saturday 28 November 2026, 10:00 UTC. */
    private static final Clock SATURDAY = Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC);

    private final SlotFiller filler = new SlotFiller(
            Map.of("from", Set.of("London", "Rome", "Paris"), "to", Set.of("London", "Rome", "Paris")), SATURDAY);

    private static ToolSpecification tool(JsonObjectSchema parameters) {
        return ToolSpecification.builder().name("t").description("a tool").parameters(parameters).build();
    }

    @Test
    void readsIntegersInOrderAndLeavesDateDigitsAlone() {
        var spec = tool(JsonObjectSchema.builder().addIntegerProperty("order").addStringProperty("date")
                .addIntegerProperty("quantity").required("order", "date", "quantity").build());

        Slots slots = filler.fill(spec, "order 1234 on 2026-12-03, 2 pieces", List.of());

        assertThat(slots).isEqualTo(new Slots.Filled("{\"order\":1234,\"date\":\"2026-12-03\",\"quantity\":2}"));
    }

    @Test
    void readsRelativeDatesAndTwelveHourTimes() {
        var spec = tool(JsonObjectSchema.builder().addStringProperty("date").addStringProperty("time")
                .addStringProperty("text").required("date", "time", "text").build());

        assertThat(filler.fill(spec, "remind me to call mom tomorrow at 6pm", List.of()))
                .isEqualTo(new Slots.Filled("{\"date\":\"2026-11-29\",\"time\":\"18:00\","
                        + "\"text\":\"remind me to call mom\"}"));
        assertThat(filler.fill(spec, "dentist on friday at 9:30", List.of()))
                .isEqualTo(new Slots.Filled("{\"date\":\"2026-12-04\",\"time\":\"09:30\",\"text\":\"dentist\"}"));
    }

    @Test
    void placesKnownNamesByThePrepositionBeforeThem() {
        var spec = tool(JsonObjectSchema.builder().addStringProperty("from").addStringProperty("to")
                .required("from", "to").build());

        assertThat(filler.fill(spec, "fly to rome from London please", List.of()))
                .isEqualTo(new Slots.Filled("{\"from\":\"London\",\"to\":\"Rome\"}"));
    }

    @Test
    void takesMissingSlotsFromEarlierTurnsAndReportsWhatIsStillMissing() {
        var spec = tool(JsonObjectSchema.builder().addStringProperty("email", "the customer's e-mail")
                .addIntegerProperty("order").required("email", "order").build());

        assertThat(filler.fill(spec, "refund it", List.of("hi, I am ann@example.com, it is about order 77")))
                .isEqualTo(new Slots.Filled("{\"email\":\"ann@example.com\",\"order\":77}"));
        assertThat(filler.fill(spec, "refund please", List.of("hello")))
                .isEqualTo(new Slots.Missing(List.of("email (the customer's e-mail)", "order")));
    }

    @Test
    void asksAgainForPlacesAndDatesRatherThanGuessingFromOldTurns() {
        var spec = tool(JsonObjectSchema.builder().addStringProperty("from").addStringProperty("to")
                .addStringProperty("date").required("from", "to", "date").build());

        assertThat(filler.fill(spec, "is there a flight to Paris?", List.of("from London to Rome on friday")))
                .isEqualTo(new Slots.Missing(List.of("from", "date")));
    }

    @Test
    void matchesEnumValuesAndBooleans() {
        var spec = tool(JsonObjectSchema.builder().addEnumProperty("unit", List.of("celsius", "fahrenheit"))
                .addBooleanProperty("urgent").required("unit").build());

        assertThat(filler.fill(spec, "in Fahrenheit, urgent: yes", List.of()))
                .isEqualTo(new Slots.Filled("{\"unit\":\"fahrenheit\",\"urgent\":true}"));
    }
}
