package dev.praxis.llm.output;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OutputSchemaTest {

    enum Currency { EUR, USD }

    record Line(String item, int quantity) {
    }

    record Invoice(String customer, double total, Currency currency, List<Line> lines) {
    }

    private final OutputSchema<Invoice> schema = OutputSchema.of(Invoice.class);

    @Test
    void derivesASchemaWithEveryComponentRequired() {
        assertThat(schema.json())
                .contains("\"customer\"", "\"total\"", "\"currency\"", "\"lines\"", "\"EUR\"", "\"quantity\"")
                .contains("\"required\"");
        assertThat(schema.instructions()).startsWith("Answer with one JSON object only").endsWith(schema.json());
        assertThat(schema.responseFormat().jsonSchema().name()).isEqualTo("Invoice");
    }

    @Test
    void closesEveryObjectSoNativeFormatsAskForWhatParseDemands() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var root = json.readTree(schema.json());
        var line = root.path("properties").path("lines").path("items");

        assertThat(root.path("required").toString()).isEqualTo("[\"customer\",\"total\",\"currency\",\"lines\"]");
        assertThat(root.path("additionalProperties").asBoolean(true)).isFalse();
        assertThat(root.path("properties").path("customer").path("type").asText()).isEqualTo("string");
        assertThat(line.path("required").toString()).isEqualTo("[\"item\",\"quantity\"]");
        assertThat(line.path("additionalProperties").asBoolean(true)).isFalse();
        var nativeRoot = (dev.langchain4j.model.chat.request.json.JsonObjectSchema)
                schema.responseFormat().jsonSchema().rootElement();
        assertThat(nativeRoot.required()).containsExactly("customer", "total", "currency", "lines");
        assertThat(nativeRoot.additionalProperties()).isFalse();
    }

    @Test
    void bindsAValidAnswerEvenInsideCodeFences() {
        Parsed<Invoice> parsed = schema.parse("""
                ```json
                {"customer":"ACME","total":12.5,"currency":"EUR","lines":[{"item":"bolt","quantity":5}]}
                ```""");

        assertThat(parsed).isEqualTo(new Parsed.Valid<>(
                new Invoice("ACME", 12.5, Currency.EUR, List.of(new Line("bolt", 5)))));
    }

    @Test
    void rejectsProseWithAnExactReason() {
        assertThat(schema.parse("The invoice is for ACME.")).isInstanceOfSatisfying(Parsed.Invalid.class,
                invalid -> assertThat(invalid.error()).startsWith("not valid JSON: Unrecognized token 'The'"));
    }

    @Test
    void rejectsAMissingFieldRatherThanHalfFillingTheRecord() {
        Parsed<Invoice> parsed = schema.parse("{\"customer\":\"ACME\",\"currency\":\"EUR\",\"lines\":[]}");

        assertThat(parsed).isInstanceOfSatisfying(Parsed.Invalid.class, invalid ->
                assertThat(invalid.error()).startsWith("does not match the schema:").contains("total"));
    }

    @Test
    void rejectsWrongTypesUnknownEnumValuesAndExtraProperties() {
        assertThat(schema.parse("{\"customer\":\"A\",\"total\":\"lots\",\"currency\":\"EUR\",\"lines\":[]}"))
                .isInstanceOfSatisfying(Parsed.Invalid.class, i -> assertThat(i.error()).contains("/total"));
        assertThat(schema.parse("{\"customer\":\"A\",\"total\":1,\"currency\":\"GBP\",\"lines\":[]}"))
                .isInstanceOfSatisfying(Parsed.Invalid.class, i -> assertThat(i.error()).contains("/currency"));
        assertThat(schema.parse("{\"customer\":\"A\",\"total\":1,\"currency\":\"USD\",\"lines\":[],\"note\":\"x\"}"))
                .isInstanceOf(Parsed.Invalid.class);
    }
}
