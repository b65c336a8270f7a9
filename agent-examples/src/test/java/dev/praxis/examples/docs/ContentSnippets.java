package dev.praxis.examples.docs;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.UserMessage;
import dev.praxis.agent.AgentRequest;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.LlmAgent;
import dev.praxis.agent.Status;
import dev.praxis.llm.LlmClient;
import dev.praxis.testing.ScriptedLlm;
import dev.praxis.tool.Tool;
import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolContext;
import dev.praxis.tool.ToolResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.praxis.testing.ScriptedLlm.text;
import static dev.praxis.testing.ScriptedLlm.toolCall;
import static org.assertj.core.api.Assertions.assertThat;

/** The code of docs/content.md. */
class ContentSnippets {

    static final String PHOTO = "/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////2Q==";
    static final String CHART = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

    // tag::tool[]
    /** Draws the month's sales as a PNG and returns it beside a caption. */
    class SalesChart implements Tool {
        @Override
        public ToolSpecification spec() {
            return ToolSpecification.builder().name("sales_chart").description("Draws this month's sales").build();
        }

        @Override
        public ToolResult execute(ToolCall call, ToolContext context) {
            String png = render();                                     // base64
            return ToolResult.ok("Sales by day, this month:", List.of(ImageContent.from(png, "image/png")));
        }
    }
    // end::tool[]

    String render() {
        return CHART;
    }

    @Test
    void aPhotoGoesInAndAChartComesBackToTheModel() {
        ScriptedLlm llm = ScriptedLlm.of(toolCall("sales_chart", "{}"), text("The receipt matches the 14th."));
        LlmClient model = llm;
        String receiptJpeg = PHOTO;
        // tag::request[]
        LlmAgent agent = LlmAgent.builder().llm(model).tools(new SalesChart()).build();
        AgentResult result = agent.run(AgentRequest.of("Which day of the chart is this receipt from?")
                .attach(ImageContent.from(receiptJpeg, "image/jpeg")));
        // end::request[]

        assertThat(result.status()).isEqualTo(Status.COMPLETED);
        UserMessage asked = (UserMessage) llm.requests().get(0).messages().get(0);
        assertThat(asked.contents()).contains(ImageContent.from(PHOTO, "image/jpeg"));
        assertThat(llm.requests().get(1).messages().toString()).contains(CHART);
    }
}
