package dev.praxis.examples.docs;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.Tool;
import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolContext;
import dev.praxis.tool.ToolResult;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** docs/testing.md: a user's tool, with a collaborator of the user's own (a forecast service). */
public final class WeatherTool implements Tool {

    /** The user's own service the tool asks; tests stub it with Mockito. */
    public interface Forecasts {
        /** The forecast for {@code city}, e.g. "rainy, 14 C". */
        String today(String city);
    }

    private static final Pattern CITY = Pattern.compile("\"city\"\\s*:\\s*\"([^\"]+)\"");
    private final Forecasts forecasts;

    /** A tool asking {@code forecasts}. */
    public WeatherTool(Forecasts forecasts) {
        this.forecasts = forecasts;
    }

    @Override
    public ToolSpecification spec() {
        return ToolSpecification.builder().name("weather").description("Today's weather in a city")
                .parameters(JsonObjectSchema.builder().addStringProperty("city").required("city").build()).build();
    }

    @Override
    public SideEffect sideEffect() {
        return SideEffect.READ_ONLY;
    }

    @Override
    public ToolResult execute(ToolCall call, ToolContext context) {
        Matcher city = CITY.matcher(call.arguments());
        if (!city.find()) {
            return new ToolResult.Failed("give the city as {\"city\": \"Paris\"}", false);
        }
        return new ToolResult.Ok(forecasts.today(city.group(1)));
    }
}
