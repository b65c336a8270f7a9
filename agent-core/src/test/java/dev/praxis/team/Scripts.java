package dev.praxis.team;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.praxis.agent.LlmAgent;
import dev.praxis.llm.LlmClient;
import dev.praxis.testing.ScriptedLlm;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.Tool;
import dev.praxis.tool.Tools;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;

import java.util.List;

/** Small script helpers shared by the team tests. */
final class Scripts {

    private Scripts() {
    }

    /** A reply that answers {@code prefix(<last user message>)}. */
    static ScriptedLlm.Reply echo(String prefix) {
        return request -> ScriptedLlm.text(prefix + "(" + lastUser(request) + ")").reply(request);
    }

    static String lastUser(ChatRequest request) {
        List<ChatMessage> messages = request.messages();
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i) instanceof UserMessage user) {
                return user.singleText();
            }
        }
        return "";
    }

    static String lastToolResult(ChatRequest request) {
        ChatMessage last = request.messages().get(request.messages().size() - 1);
        return last instanceof ToolExecutionResultMessage r ? r.text() : "";
    }

    static LlmAgent agent(String name, LlmClient llm, Object... tools) {
        LlmAgent.Builder builder = LlmAgent.builder().name(name).llm(llm);
        return tools.length == 0 ? builder.build() : builder.tools(tools).build();
    }

    /** A read-only tool named {@code noop} that answers "ok". */
    static Tool noop() {
        return Tools.of("noop", "does nothing", JsonObjectSchema.builder().build(), SideEffect.READ_ONLY, a -> "ok");
    }
}
