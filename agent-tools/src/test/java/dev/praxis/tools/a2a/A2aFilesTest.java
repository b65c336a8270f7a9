package dev.praxis.tools.a2a;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.ContentType;
import dev.praxis.agent.AgentRequest;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.Status;
import dev.praxis.agent.LlmAgent;
import dev.praxis.content.EmbeddedResource;
import dev.praxis.content.Parts;
import dev.praxis.testing.ScriptedLlm;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.Tool;
import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolContext;
import dev.praxis.tool.ToolResult;
import io.a2a.A2A;
import io.a2a.client.Client;
import io.a2a.client.TaskEvent;
import io.a2a.client.config.ClientConfig;
import io.a2a.client.transport.jsonrpc.JSONRPCTransport;
import io.a2a.client.transport.jsonrpc.JSONRPCTransportConfig;
import io.a2a.spec.A2AClientException;
import io.a2a.spec.FilePart;
import io.a2a.spec.FileWithBytes;
import io.a2a.spec.FileWithUri;
import io.a2a.spec.Message;
import io.a2a.spec.Part;
import io.a2a.spec.Task;
import io.a2a.spec.TextPart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.praxis.testing.ScriptedLlm.text;
import static dev.praxis.testing.ScriptedLlm.toolCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A2A file parts and Praxis attachments, over real HTTP on loopback with the a2a-java SDK's own
 * client: files sent with a message reach the served agent's model, images a tool returns go back
 * as file parts of the answer, and a file given only by URI is refused.
 */
@Timeout(60)
class A2aFilesTest {

    private static final String PNG = Base64.getEncoder().encodeToString("PNG-bytes-of-a-rash".getBytes(
            StandardCharsets.UTF_8));
    @RegisterExtension
    final Loopback loopback = new Loopback();

    private A2aServer serve(LlmAgent agent) {
        return loopback.serve(agent, A2aServer.card("looker", "Looks at files"));
    }

    /** Sends {@code parts} with the SDK's client (blocking) and returns the finished task. */
    private Task send(A2aServer server, List<Part<?>> parts) throws Exception {
        CompletableFuture<Task> done = new CompletableFuture<>();
        Client client = Client.builder(A2A.getAgentCard(server.uri().toString()))
                .clientConfig(new ClientConfig.Builder().setStreaming(false).build())
                .withTransport(JSONRPCTransport.class, new JSONRPCTransportConfig())
                .addConsumer((event, card) -> {
                    if (event instanceof TaskEvent t && t.getTask().getStatus().state().isFinal()) {
                        done.complete(t.getTask());
                    }
                }).build();
        loopback.closeAfter(client::close);
        client.sendMessage(new Message.Builder().role(Message.Role.USER).messageId(UUID.randomUUID().toString())
                .parts(parts).build(), null);
        return done.get(30, TimeUnit.SECONDS);
    }

    /** A model that answers with what the user message held: its text and a line per attached part. */
    private static ChatResponse describeWhatItSees(ChatRequest request) {
        UserMessage user = (UserMessage) request.messages().stream().filter(UserMessage.class::isInstance)
                .reduce((first, second) -> second).orElseThrow();
        return ChatResponse.builder().aiMessage(AiMessage.from(Parts.text(user.contents()))).build();
    }

    @Test
    void filesSentWithAMessageReachTheModelAsAttachments() throws Exception {
        A2aServer server = serve(LlmAgent.builder().llm(A2aFilesTest::describeWhatItSees).build());
        String note = Base64.getEncoder().encodeToString("itches since Monday".getBytes(StandardCharsets.UTF_8));

        Task task = send(server, List.of(new TextPart("what is this?"),
                new FilePart(new FileWithBytes("image/png", "rash.png", PNG)),
                new FilePart(new FileWithBytes("text/plain", "notes.txt", note))));

        String answer = ((TextPart) task.getArtifacts().get(0).parts().get(0)).getText();
        assertThat(answer).isEqualTo(String.join("\n", "what is this?", Parts.describe(ImageContent.from(PNG,
                "image/png")), "[resource notes.txt (text/plain)]", "itches since Monday"));
    }

    @Test
    void imagesAToolReturnsGoBackAsFilePartsOfTheAnswer() throws Exception {
        Tool chart = new Tool() {
            @Override
            public ToolSpecification spec() {
                return ToolSpecification.builder().name("chart").description("draws the chart").build();
            }

            @Override
            public SideEffect sideEffect() {
                return SideEffect.READ_ONLY;
            }

            @Override
            public ToolResult execute(ToolCall call, ToolContext context) {
                return ToolResult.ok("drawn", List.of(ImageContent.from(PNG, "image/png"),
                        EmbeddedResource.text("file:///data.csv", "text/csv", "a,b\n1,2")));
            }
        };
        A2aServer server = serve(LlmAgent.builder().llm(ScriptedLlm.of(toolCall("chart", "{}"), text("here it is")))
                .tools(chart).build());

        Task task = send(server, List.of(new TextPart("chart the sales")));

        List<Part<?>> parts = task.getArtifacts().get(0).parts();
        assertThat(((TextPart) parts.get(0)).getText()).isEqualTo("here it is");
        assertThat(parts).hasSize(3);
        FileWithBytes image = (FileWithBytes) ((FilePart) parts.get(1)).getFile();
        assertThat(image.mimeType()).isEqualTo("image/png");
        assertThat(image.bytes()).isEqualTo(PNG);
        FileWithBytes csv = (FileWithBytes) ((FilePart) parts.get(2)).getFile();
        assertThat(csv.name()).isEqualTo("file:///data.csv");
        assertThat(new String(Base64.getDecoder().decode(csv.bytes()), StandardCharsets.UTF_8)).isEqualTo("a,b\n1,2");
    }

    @Test
    void aFileGivenOnlyByUriIsRefusedAndNoRunStarts() {
        ScriptedLlm llm = ScriptedLlm.of(text("should not run"));
        A2aServer server = serve(LlmAgent.builder().llm(llm).build());

        assertThatThrownBy(() -> send(server, List.of(new TextPart("look"),
                new FilePart(new FileWithUri("image/png", "meta", "http://169.254.169.254/latest/meta-data")))))
                .isInstanceOf(A2AClientException.class).hasMessageContaining("given by URI");
        assertThat(llm.requests()).isEmpty();
    }

    @Test
    void praxissOwnClientSendsAttachmentsAsFileParts() {
        A2aServer server = serve(LlmAgent.builder().llm(A2aFilesTest::describeWhatItSees).build());
        A2aAgent remote = A2aAgent.connect(server.uri());

        String answer = remote.run(AgentRequest.of("what is this?").attach(ImageContent.from(PNG, "image/png")))
                .output();

        assertThat(answer).isEqualTo("what is this?\n" + Parts.describe(ImageContent.from(PNG, "image/png")));
    }

    @Test
    void praxissOwnClientNamesTheFilesOfARemoteAnswerInItsOutput() {
        Tool chart = new Tool() {
            @Override
            public ToolSpecification spec() {
                return ToolSpecification.builder().name("chart").description("draws the chart").build();
            }

            @Override
            public ToolResult execute(ToolCall call, ToolContext context) {
                return ToolResult.ok("drawn", List.of(ImageContent.from(PNG, "image/png")));
            }
        };
        A2aServer server = serve(LlmAgent.builder().llm(ScriptedLlm.of(toolCall("chart", "{}"), text("here it is")))
                .tools(chart).build());

        String output = A2aAgent.connect(server.uri()).run(AgentRequest.of("chart")).output();

        assertThat(output).isEqualTo("here it is\n[file attachment-1 (image/png, "
                + Base64.getDecoder().decode(PNG).length + " bytes)]");
    }

    @Test
    void anAttachmentWithNoFileFormFailsTheCallWithoutSendingIt() {
        ScriptedLlm llm = ScriptedLlm.of(text("should not run"));
        A2aAgent remote = A2aAgent.connect(serve(LlmAgent.builder().llm(llm).build()).uri());
        Content hologram = () -> ContentType.TEXT;

        AgentResult result = remote.run(AgentRequest.of("look").attach(hologram));

        assertThat(result.status()).isEqualTo(Status.FAILED);
        assertThat(result.reason()).contains("was not called").contains("cannot be sent as an A2A file");
        assertThat(llm.requests()).isEmpty();
    }
}
