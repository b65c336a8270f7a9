package dev.praxis.tool;

import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ToolSchemasTest {

    private static final JsonObjectSchema CLOSED = JsonObjectSchema.builder().addStringProperty("city")
            .additionalProperties(false).build();

    @Test
    void keepsAdditionalPropertiesFalseOnTheRootAndNestedObjects() {
        JsonObjectSchema schema = JsonObjectSchema.builder()
                .addProperty("stops", JsonArraySchema.builder().items(CLOSED).build())
                .addProperty("home", CLOSED).additionalProperties(false).build();

        Map<String, Object> json = ToolSchemas.toMap(schema);

        assertThat(json).containsEntry("additionalProperties", false);
        assertThat(json).extractingByKey("properties").asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .extractingByKey("home").asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("additionalProperties", false);
        Map<?, ?> stops = (Map<?, ?>) ((Map<?, ?>) json.get("properties")).get("stops");
        assertThat(((Map<?, ?>) stops.get("items")).get("additionalProperties")).isEqualTo(false);
    }

    @Test
    void toolboxRejectsExtraArgumentsWhenTheSchemaIsClosed() {
        Toolbox toolbox = Toolbox.of(Tools.of("weather", "Weather of a city", CLOSED, SideEffect.READ_ONLY,
                args -> "sunny"));

        ToolResult extra = toolbox.execute(new ToolCall("1", "weather", "{\"city\":\"Oslo\",\"units\":\"metric\"}"),
                ToolContext.NONE);
        ToolResult fine = toolbox.execute(new ToolCall("2", "weather", "{\"city\":\"Oslo\"}"), ToolContext.NONE);

        assertThat(extra).isInstanceOf(ToolResult.Failed.class);
        assertThat(extra.text()).contains("units");
        assertThat(fine).isEqualTo(ToolResult.ok("sunny"));
    }

    @Test
    void openSchemasStillAcceptExtraArguments() {
        Toolbox toolbox = Toolbox.of(Tools.of("weather", "Weather of a city",
                JsonObjectSchema.builder().addStringProperty("city").build(), SideEffect.READ_ONLY, args -> "sunny"));

        assertThat(toolbox.execute(new ToolCall("1", "weather", "{\"city\":\"Oslo\",\"units\":\"metric\"}"),
                ToolContext.NONE)).isEqualTo(ToolResult.ok("sunny"));
    }
}
