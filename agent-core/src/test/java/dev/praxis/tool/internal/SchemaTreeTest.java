package dev.praxis.tool.internal;

import dev.langchain4j.model.chat.request.json.JsonAnyOfSchema;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import dev.praxis.tool.ToolSchemas;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The validator builds its schema tree by hand; it must be the tree Jackson's {@code valueToTree} makes. */
class SchemaTreeTest {

    @Test
    void treeOfEveryKindOfSchemaEqualsJacksonsValueToTree() {
        JsonObjectSchema address = JsonObjectSchema.builder().addStringProperty("city")
                .addProperty("zip", JsonStringSchema.builder().description("postal code").build())
                .required("city").additionalProperties(false).build();
        JsonObjectSchema parameters = JsonObjectSchema.builder()
                .addStringProperty("name", "who")
                .addIntegerProperty("count")
                .addNumberProperty("ratio")
                .addBooleanProperty("urgent")
                .addProperty("kind", JsonEnumSchema.builder().enumValues("a", "b").build())
                .addProperty("tags", JsonArraySchema.builder().items(new JsonStringSchema()).build())
                .addProperty("address", address)
                .addProperty("either", JsonAnyOfSchema.builder()
                        .anyOf(new JsonIntegerSchema(), new JsonNumberSchema()).build())
                .required("name", "count").build();
        Map<String, Object> schema = ToolSchemas.toMap(parameters);

        assertThat(ArgumentValidator.tree(schema)).isEqualTo(ArgumentValidator.JSON.valueToTree(schema));
    }

    @Test
    void numbersAndOtherValuesKeepTheTypesJacksonGivesThem() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("int", 3);
        values.put("long", 12_345_678_901L);
        values.put("double", 2.5);
        values.put("decimal", new BigDecimal("1.10"));
        values.put("null", null);
        values.put("array", new String[] {"x", "y"});
        values.put("list", Arrays.asList(1, null, "z", false));

        assertThat(ArgumentValidator.tree(values)).isEqualTo(ArgumentValidator.JSON.valueToTree(values));
        assertThat(ArgumentValidator.tree(List.of(1L)).get(0).isLong()).isTrue();
    }
}
