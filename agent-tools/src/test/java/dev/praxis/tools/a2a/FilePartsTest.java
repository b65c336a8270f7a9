package dev.praxis.tools.a2a;

import dev.langchain4j.data.message.Content;
import dev.praxis.content.EmbeddedResource;
import io.a2a.server.ServerCallContext;
import io.a2a.server.agentexecution.RequestContext;
import io.a2a.server.auth.UnauthenticatedUser;
import io.a2a.spec.FilePart;
import io.a2a.spec.FileWithBytes;
import io.a2a.spec.InvalidParamsError;
import io.a2a.spec.Message;
import io.a2a.spec.MessageSendParams;
import io.a2a.spec.Part;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A message's file parts are decoded once, when the request is checked, and the agent's run reuses them. */
class FilePartsTest {

    private static final String NOTE = Base64.getEncoder().encodeToString("bring the receipt".getBytes(StandardCharsets.UTF_8));

    private static RequestContext context(Map<String, Object> state, List<Part<?>> parts) throws InvalidParamsError {
        Message message = new Message.Builder().role(Message.Role.USER).messageId(UUID.randomUUID().toString())
                .parts(parts).build();
        return new RequestContext.Builder().setParams(new MessageSendParams(message, null, null))
                .setServerCallContext(new ServerCallContext(UnauthenticatedUser.INSTANCE, state, Set.of())).build();
    }

    @Test
    void theRunGetsTheAttachmentsDecodedWhenTheRequestWasChecked() throws InvalidParamsError {
        List<Part<?>> parts = List.of(new FilePart(new FileWithBytes("text/plain", "notes.txt", NOTE)));
        Map<String, Object> state = new HashMap<>();
        FileParts.decodeInto(state, parts);
        Object checked = state.values().iterator().next();

        List<Content> run = FileParts.attachments(context(state, parts));

        assertThat(run).as("the very list decoded when the request was checked").isSameAs(checked);
        assertThat(run).singleElement().isInstanceOfSatisfying(EmbeddedResource.class,
                r -> assertThat(r.text()).isEqualTo("bring the receipt"));
    }

    @Test
    void aMessageThatWasNotCheckedIsDecodedAndRefusedWhenTheRunStarts() {
        List<Part<?>> parts = List.of(new FilePart(new FileWithBytes("text/plain", "notes.txt", "not base64!")));

        assertThatThrownBy(() -> FileParts.attachments(context(new HashMap<>(), parts)))
                .isInstanceOf(InvalidParamsError.class).hasMessageContaining("invalid base64");
    }
}
