package dev.praxis.llm.provider;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;

/** The request every provider test sends: a system prompt, a question and one tool. */
final class Requests {
    static final ToolSpecification ADD = ToolSpecification.builder()
            .name("add").description("Adds two integers")
            .parameters(JsonObjectSchema.builder().addIntegerProperty("a").addIntegerProperty("b").required("a", "b").build())
            .build();

    static final ChatRequest ASK = ChatRequest.builder()
            .messages(SystemMessage.from("Be brief."), UserMessage.from("What is 2+3?"))
            .toolSpecifications(ADD)
            .build();

    private Requests() {
    }
}
