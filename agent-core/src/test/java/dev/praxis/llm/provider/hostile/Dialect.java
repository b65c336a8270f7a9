package dev.praxis.llm.provider.hostile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praxis.llm.provider.hostile.HostileServer.End;
import dev.praxis.llm.provider.hostile.HostileServer.Reply;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One provider's wire format, as the hostile server writes it: the OpenAI-compatible chat
 * completions API (JSON and SSE), Ollama's chat API (JSON and NDJSON) and Anthropic's messages
 * API (JSON and SSE with named events). Builds well-formed replies that scenarios then break.
 */
enum Dialect {
    OPENAI {
        @Override
        Map<String, String> settings(HostileServer server) {
            return Map.of("PRAXIS_MODEL", "openai:gpt-test", "PRAXIS_BASE_URL", server.url("/v1"),
                    "PRAXIS_API_KEY", "sk-test", "PRAXIS_TIMEOUT_SECONDS", "60");
        }

        @Override
        String answerJson(String text, Finish finish) {
            ObjectNode message = JSON.createObjectNode().put("role", "assistant");
            if (text == null) {
                message.putNull("content");
            } else {
                message.put("content", text);
            }
            return completion(message, finish.openAi);
        }

        @Override
        String toolCallsJson(List<Call> calls) {
            ObjectNode message = JSON.createObjectNode().put("role", "assistant").putNull("content");
            ArrayNode array = message.putArray("tool_calls");
            for (Call call : calls) {
                ObjectNode c = array.addObject();
                if (call.id() != null) {
                    c.put("id", call.id());
                }
                c.put("type", "function").putObject("function").put("name", call.name()).put("arguments", call.arguments());
            }
            return completion(message, "tool_calls");
        }

        @Override
        List<String> streamText(List<String> parts, Finish finish, boolean terminator) {
            List<String> chunks = new ArrayList<>();
            for (String part : parts) {
                chunks.add(data(chunk(JSON.createObjectNode().put("content", part), null)));
            }
            if (finish != null) {
                chunks.add(data(chunk(JSON.createObjectNode(), finish.openAi)
                        .replace("}]}", "}],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":5,\"total_tokens\":15}}")));
            }
            if (terminator) {
                chunks.add("data: [DONE]\n\n");
            }
            return chunks;
        }

        @Override
        List<String> streamToolCalls(List<Call> calls) {
            List<String> chunks = new ArrayList<>();
            for (int i = 0; i < calls.size(); i++) {
                Call call = calls.get(i);
                ObjectNode delta = JSON.createObjectNode();
                ObjectNode c = delta.putArray("tool_calls").addObject().put("index", i);
                if (call.id() != null) {
                    c.put("id", call.id());
                }
                c.put("type", "function").putObject("function").put("name", call.name()).put("arguments", call.arguments());
                chunks.add(data(chunk(delta, null)));
            }
            chunks.add(data(chunk(JSON.createObjectNode(), "tool_calls")));
            chunks.add("data: [DONE]\n\n");
            return chunks;
        }

        @Override
        String streamType() {
            return "text/event-stream";
        }

        private String completion(ObjectNode message, String finish) {
            ObjectNode root = JSON.createObjectNode().put("id", "chatcmpl-1").put("object", "chat.completion")
                    .put("created", 1).put("model", "gpt-test");
            ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
            choice.set("message", message);
            choice.put("finish_reason", finish);
            root.putObject("usage").put("prompt_tokens", 10).put("completion_tokens", 5).put("total_tokens", 15);
            return root.toString();
        }

        private String chunk(ObjectNode delta, String finish) {
            ObjectNode root = JSON.createObjectNode().put("id", "chatcmpl-1").put("object", "chat.completion.chunk")
                    .put("created", 1).put("model", "gpt-test");
            ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
            choice.set("delta", delta);
            if (finish != null) {
                choice.put("finish_reason", finish);
            }
            return root.toString();
        }
    },

    OLLAMA {
        @Override
        Map<String, String> settings(HostileServer server) {
            return Map.of("PRAXIS_MODEL", "ollama:llama-test", "PRAXIS_BASE_URL", server.url(""),
                    "PRAXIS_TIMEOUT_SECONDS", "60");
        }

        @Override
        String answerJson(String text, Finish finish) {
            return line(text == null ? "" : text, finish.ollama);
        }

        @Override
        String toolCallsJson(List<Call> calls) {
            ObjectNode root = JSON.createObjectNode().put("model", "llama-test").put("created_at", "2026-01-01T00:00:00Z");
            ObjectNode message = root.putObject("message").put("role", "assistant").put("content", "");
            ArrayNode array = message.putArray("tool_calls");
            for (Call call : calls) {
                ObjectNode function = array.addObject().putObject("function").put("name", call.name());
                function.set("arguments", parse(call.arguments()));
            }
            root.put("done", true).put("done_reason", "stop").put("prompt_eval_count", 10).put("eval_count", 5);
            return root.toString();
        }

        @Override
        List<String> streamText(List<String> parts, Finish finish, boolean terminator) {
            List<String> lines = new ArrayList<>();
            for (String part : parts) {
                ObjectNode root = JSON.createObjectNode().put("model", "llama-test").put("created_at", "2026-01-01T00:00:00Z");
                root.putObject("message").put("role", "assistant").put("content", part);
                lines.add(root.put("done", false) + "\n");
            }
            if (finish != null && terminator) {
                lines.add(line("", finish.ollama) + "\n");
            }
            return lines;
        }

        @Override
        List<String> streamToolCalls(List<Call> calls) {
            return List.of(toolCallsJson(calls) + "\n");
        }

        @Override
        String streamType() {
            return "application/x-ndjson";
        }

        private String line(String text, String doneReason) {
            ObjectNode root = JSON.createObjectNode().put("model", "llama-test").put("created_at", "2026-01-01T00:00:00Z");
            root.putObject("message").put("role", "assistant").put("content", text);
            return root.put("done", true).put("done_reason", doneReason).put("prompt_eval_count", 10)
                    .put("eval_count", 5).toString();
        }
    },

    ANTHROPIC {
        @Override
        Map<String, String> settings(HostileServer server) {
            return Map.of("PRAXIS_MODEL", "anthropic:claude-test", "PRAXIS_BASE_URL", server.url("/v1"),
                    "PRAXIS_API_KEY", "ant-test", "PRAXIS_TIMEOUT_SECONDS", "60");
        }

        @Override
        String answerJson(String text, Finish finish) {
            ObjectNode root = message(finish.anthropic);
            ObjectNode block = root.putArray("content").addObject().put("type", "text");
            if (text == null) {
                block.putNull("text");
            } else {
                block.put("text", text);
            }
            return root.toString();
        }

        @Override
        String toolCallsJson(List<Call> calls) {
            ObjectNode root = message("tool_use");
            ArrayNode content = root.putArray("content");
            for (Call call : calls) {
                ObjectNode block = content.addObject().put("type", "tool_use").put("id", call.id() == null ? "" : call.id())
                        .put("name", call.name());
                block.set("input", parse(call.arguments()));
            }
            return root.toString();
        }

        @Override
        List<String> streamText(List<String> parts, Finish finish, boolean terminator) {
            List<String> events = new ArrayList<>();
            events.add(event("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\","
                    + "\"role\":\"assistant\",\"model\":\"claude-test\",\"content\":[],\"stop_reason\":null,"
                    + "\"usage\":{\"input_tokens\":10,\"output_tokens\":1}}}"));
            events.add(event("content_block_start",
                    "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
            for (String part : parts) {
                ObjectNode delta = JSON.createObjectNode().put("type", "content_block_delta").put("index", 0);
                delta.putObject("delta").put("type", "text_delta").put("text", part);
                events.add(event("content_block_delta", delta.toString()));
            }
            if (finish != null) {
                events.add(event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"));
                events.add(event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\""
                        + finish.anthropic + "\"},\"usage\":{\"output_tokens\":5}}"));
            }
            if (terminator) {
                events.add(event("message_stop", "{\"type\":\"message_stop\"}"));
            }
            return events;
        }

        @Override
        List<String> streamToolCalls(List<Call> calls) {
            List<String> events = new ArrayList<>();
            events.add(event("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\","
                    + "\"role\":\"assistant\",\"model\":\"claude-test\",\"content\":[],\"stop_reason\":null,"
                    + "\"usage\":{\"input_tokens\":10,\"output_tokens\":1}}}"));
            for (int i = 0; i < calls.size(); i++) {
                Call call = calls.get(i);
                ObjectNode start = JSON.createObjectNode().put("type", "content_block_start").put("index", i);
                start.putObject("content_block").put("type", "tool_use").put("id", call.id() == null ? "" : call.id())
                        .put("name", call.name()).putObject("input");
                events.add(event("content_block_start", start.toString()));
                ObjectNode delta = JSON.createObjectNode().put("type", "content_block_delta").put("index", i);
                delta.putObject("delta").put("type", "input_json_delta").put("partial_json", call.arguments());
                events.add(event("content_block_delta", delta.toString()));
                events.add(event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":" + i + "}"));
            }
            events.add(event("message_delta",
                    "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\"},\"usage\":{\"output_tokens\":5}}"));
            events.add(event("message_stop", "{\"type\":\"message_stop\"}"));
            return events;
        }

        @Override
        String streamType() {
            return "text/event-stream";
        }

        private ObjectNode message(String stopReason) {
            ObjectNode root = JSON.createObjectNode().put("id", "msg_1").put("type", "message").put("role", "assistant")
                    .put("model", "claude-test").put("stop_reason", stopReason);
            root.putObject("usage").put("input_tokens", 10).put("output_tokens", 5);
            return root;
        }

        private String event(String name, String json) {
            return "event: " + name + "\ndata: " + json + "\n\n";
        }
    };

    /** Why an answer ended, in each format's words. */
    enum Finish {
        STOP("stop", "stop", "end_turn"),
        LENGTH("length", "length", "max_tokens"),
        CONTENT_FILTER("content_filter", "stop", "refusal");

        final String openAi;
        final String ollama;
        final String anthropic;

        Finish(String openAi, String ollama, String anthropic) {
            this.openAi = openAi;
            this.ollama = ollama;
            this.anthropic = anthropic;
        }
    }

    /** A tool call as the model sends it; {@code id} may be null (servers that send none). */
    record Call(String id, String name, String arguments) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The environment-style settings that make {@code LlmClients.from} build this provider against {@code server}. */
    abstract Map<String, String> settings(HostileServer server);

    abstract String answerJson(String text, Finish finish);

    abstract String toolCallsJson(List<Call> calls);

    /** A streamed answer of {@code parts}; {@code finish} null sends no finish reason; no terminator without it. */
    abstract List<String> streamText(List<String> parts, Finish finish, boolean terminator);

    abstract List<String> streamToolCalls(List<Call> calls);

    abstract String streamType();

    /** One stream event (or line) in this format whose payload is garbage. */
    String garbageEvent() {
        return switch (this) {
            case OPENAI -> "data: {{{ not json\n\n";
            case OLLAMA -> "{{{ not json\n";
            case ANTHROPIC -> "event: message_start\ndata: {{{ not json\n\n";
        };
    }

    /** A complete answer, as a JSON body or a stream. */
    Reply answer(String text, Finish finish, boolean stream) {
        return stream ? Reply.stream(streamType(), streamText(List.of(text), finish, true), End.COMPLETE)
                : Reply.json(200, answerJson(text, finish));
    }

    /** A reply asking for {@code calls}, as a JSON body or a stream. */
    Reply toolCalls(List<Call> calls, boolean stream) {
        return stream ? Reply.stream(streamType(), streamToolCalls(calls), End.COMPLETE)
                : Reply.json(200, toolCallsJson(calls));
    }

    private static String data(String json) {
        return "data: " + json + "\n\n";
    }

    private static com.fasterxml.jackson.databind.JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
