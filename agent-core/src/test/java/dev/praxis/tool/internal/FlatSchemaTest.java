package dev.praxis.tool.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.internal.JsonSchemaElementUtils;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The quick check may only ever vouch for arguments the full JSON-schema validator accepts. */
class FlatSchemaTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final SchemaRegistry FULL = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    private static final List<String> FIELDS = List.of("s", "i", "n", "b", "extra");
    private static final List<JsonNode> VALUES = List.of(NODES.textNode("x"), NODES.textNode(""), NODES.numberNode(7),
            NODES.numberNode(-5L), NODES.numberNode(12_345_678_901_234L), NODES.numberNode(new BigInteger("99999999999999999999")),
            NODES.numberNode(2.5), NODES.numberNode(2.0), NODES.booleanNode(true), NODES.nullNode(),
            NODES.arrayNode().add(1), NODES.objectNode().put("a", 1));

    /** The schema as the validator sees it. */
    private static JsonNode schemaOf(JsonObjectSchema parameters) {
        return ArgumentValidator.JSON.valueToTree(JsonSchemaElementUtils.toMap(parameters));
    }

    /** The same schema closed to other properties, as a hand-written raw schema would be. */
    private static JsonNode closed(JsonObjectSchema parameters) {
        return ((ObjectNode) schemaOf(parameters)).put("additionalProperties", false);
    }

    private static JsonObjectSchema.Builder flat() {
        return JsonObjectSchema.builder().addStringProperty("s", "a text").addIntegerProperty("i")
                .addNumberProperty("n").addBooleanProperty("b");
    }

    @Test
    void neverVouchesForArgumentsTheFullValidatorRejects() {
        List<JsonNode> schemas = List.of(schemaOf(flat().build()), schemaOf(flat().required("s", "i").build()),
                closed(flat().required("s", "i", "n", "b").build()), closed(flat().required("b").build()),
                ((ObjectNode) schemaOf(flat().required("n").build())).put("additionalProperties", true));
        Random random = new Random(11);
        int vouched = 0;
        for (JsonNode schemaNode : schemas) {
            FlatSchema quick = FlatSchema.of(schemaNode);
            Schema full = FULL.getSchema(schemaNode);
            assertThat(quick).as("schema %s is flat", schemaNode).isNotNull();
            for (int trial = 0; trial < 3000; trial++) {
                ObjectNode arguments = NODES.objectNode();
                for (String field : FIELDS) {
                    if (random.nextInt(3) > 0) {
                        arguments.set(field, VALUES.get(random.nextInt(VALUES.size())));
                    }
                }
                if (quick.accepts(arguments)) {
                    vouched++;
                    assertThat(full.validate(arguments)).as("%s against %s", arguments, schemaNode).isEmpty();
                }
            }
        }
        assertThat(vouched).as("the quick check accepts a fair share of valid arguments").isGreaterThan(100);
    }

    @Test
    void vouchesForWellTypedArguments() {
        FlatSchema quick = FlatSchema.of(closed(flat().required("s", "i").build()));
        ObjectNode arguments = NODES.objectNode().put("s", "x").put("i", 3).put("n", 1.5).put("b", false);

        assertThat(quick.accepts(arguments)).isTrue();
        assertThat(quick.accepts(arguments.deepCopy().put("i", 3.0))).isFalse();
        assertThat(quick.accepts(arguments.deepCopy().put("other", 1))).isFalse();
        assertThat(quick.accepts(NODES.objectNode().put("s", "x"))).isFalse();
    }

    @Test
    void leavesSchemasWithFormatsEnumsOrNestingToTheFullValidator() {
        JsonObjectSchema withFormat = JsonObjectSchema.builder()
                .addProperty("date", JsonRawSchema.from("{\"type\":\"string\",\"format\":\"date\"}")).build();
        JsonObjectSchema withEnum = JsonObjectSchema.builder().addEnumProperty("unit", List.of("C", "F")).build();
        JsonObjectSchema nested = JsonObjectSchema.builder()
                .addProperty("point", JsonObjectSchema.builder().addNumberProperty("x").build()).build();

        assertThat(FlatSchema.of(schemaOf(withFormat))).isNull();
        assertThat(FlatSchema.of(schemaOf(withEnum))).isNull();
        assertThat(FlatSchema.of(schemaOf(nested))).isNull();
    }

    @Test
    void validatorHandsTheParsedObjectOnAndWordsProblemsAsBefore() {
        ToolSpecification spec = ToolSpecification.builder().name("t").parameters(flat().required("i").build()).build();
        ArgumentValidator validator = ArgumentValidator.of(spec);

        ArgumentValidator.Checked valid = validator.check("{\"i\":2,\"s\":\"x\"}");
        ArgumentValidator.Checked invalid = validator.check("{\"i\":\"two\"}");

        assertThat(valid).isInstanceOfSatisfying(ArgumentValidator.Checked.Valid.class,
                v -> assertThat(v.arguments().get("i").intValue()).isEqualTo(2));
        assertThat(invalid).isInstanceOfSatisfying(ArgumentValidator.Checked.Invalid.class,
                i -> assertThat(i.problem()).contains("field `i`").contains("integer"));
    }
}
