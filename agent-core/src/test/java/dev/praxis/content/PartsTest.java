package dev.praxis.content;

import dev.langchain4j.data.message.AudioContent;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.PdfFileContent;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.praxis.agent.AgentRequest;
import dev.praxis.tool.ToolResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PartsTest {

    private static final byte[] BYTES = {1, 2, 3, 4};

    @Test
    void embeddedResourcesBecomePartsEveryProviderMapperKnows() {
        assertThat(Parts.forModel(EmbeddedResource.binary("file:///a.png", "image/png", BYTES)))
                .isEqualTo(ImageContent.from("AQIDBA==", "image/png"));
        assertThat(Parts.forModel(EmbeddedResource.binary("file:///a.wav", "audio/wav", BYTES)))
                .isEqualTo(AudioContent.from("AQIDBA==", "audio/wav"));
        assertThat(Parts.forModel(EmbeddedResource.binary("file:///a.pdf", "application/pdf", BYTES)))
                .isInstanceOf(PdfFileContent.class);
        assertThat(Parts.forModel(EmbeddedResource.text("notes://1", "text/markdown", "# Notes")))
                .isEqualTo(TextContent.from("[resource notes://1 (text/markdown)]\n# Notes"));
        assertThat(Parts.forModel(EmbeddedResource.binary("blob://x", "application/zip", BYTES)))
                .isEqualTo(TextContent.from("[resource blob://x (application/zip, 4 bytes)]"));
    }

    @Test
    void memoryKeepsUrlsAndTextButReplacesInlineBytesWithADigest() {
        UserMessage asked = UserMessage.from(TextContent.from("look"), ImageContent.from("AQIDBA==", "image/png"),
                ImageContent.from("https://example.org/cat.png"));

        UserMessage kept = (UserMessage) Parts.forMemory(asked);

        assertThat(kept.contents().get(0)).isEqualTo(TextContent.from("look"));
        assertThat(kept.contents().get(1)).isEqualTo(TextContent.from("[image image/png, 4 bytes, sha256 "
                + "9f64a747e1b97f131fabb6b447296c9b6f0201e79fb3c5356e6c77e89b6a806a] (not kept in memory)"));
        assertThat(kept.contents().get(2)).isEqualTo(ImageContent.from("https://example.org/cat.png"));
        UserMessage plain = UserMessage.from("just text");
        assertThat(Parts.forMemory(plain)).isSameAs(plain);
    }

    @Test
    void textOfSeveralPartsNeverThrowsUnlikeLangChain4jsText() {
        ToolExecutionResultMessage result = ToolExecutionResultMessage.builder().id("c").toolName("snap")
                .contents(TextContent.from("here"), ImageContent.from("AQIDBA==", "image/png")).build();

        assertThatThrownBy(result::text).isInstanceOf(IllegalStateException.class);
        assertThat(Parts.text(result.contents())).startsWith("here\n[image image/png, 4 bytes, sha256 9f64a7");
    }

    @Test
    void textBelongsInTheContentOrInputNotAmongAttachments() {
        assertThatThrownBy(() -> ToolResult.ok("a", List.of(TextContent.from("b"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("content");
        assertThatThrownBy(() -> AgentRequest.of("a").attach(TextContent.from("b")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("input");
        AgentRequest request = AgentRequest.of("a").attach(ImageContent.from("AQIDBA==", "image/png"))
                .withInput("redacted");
        assertThat(request.attachments()).hasSize(1);
        ToolResult.Ok capped = new ToolResult.Ok("long", List.of(ImageContent.from("AQIDBA==", "image/png")))
                .withContent("short");
        assertThat(capped.attachments()).hasSize(1);
    }
}
