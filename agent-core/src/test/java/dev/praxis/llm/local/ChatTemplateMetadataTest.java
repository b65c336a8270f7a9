package dev.praxis.llm.local;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat template comes from the GGUF file's {@code tokenizer.chat_template} metadata. Neither shared
 * test file carries one, so the tests write copies that do (see {@link GgufFixture}).
 */
class ChatTemplateMetadataTest {

    static final String KEY = "tokenizer.chat_template";

    /** A Llama-2-chat style Jinja template: system prompt in a {@code <<SYS>>} block inside the first {@code [INST]}. */
    static final String LLAMA2_TEMPLATE = "{% if messages[0]['role'] == 'system' %}"
            + "{% set system = messages[0]['content'] %}{% set messages = messages[1:] %}"
            + "{% else %}{% set system = '' %}{% endif %}"
            + "{% for message in messages %}{% if message['role'] == 'user' %}"
            + "{% if loop.first and system %}"
            + "{{ '[INST] <<SYS>>\\n' + system + '\\n<</SYS>>\\n\\n' + message['content'] + ' [/INST]' }}"
            + "{% else %}{{ '[INST] ' + message['content'] + ' [/INST]' }}{% endif %}"
            + "{% else %}{{ ' ' + message['content'] + ' ' + eos_token }}{% endif %}{% endfor %}";

    /** A Zephyr style Jinja template: {@code <|system|>}, {@code <|user|>}, {@code <|assistant|>} headers. */
    static final String ZEPHYR_TEMPLATE = "{% for message in messages %}"
            + "{% if message['role'] == 'system' %}{{ '<|system|>\\n' + message['content'] + eos_token + '\\n' }}"
            + "{% elif message['role'] == 'user' %}{{ '<|user|>\\n' + message['content'] + eos_token + '\\n' }}"
            + "{% else %}{{ '<|assistant|>\\n' + message['content'] + eos_token + '\\n' }}{% endif %}"
            + "{% endfor %}{% if add_generation_prompt %}{{ '<|assistant|>\\n' }}{% endif %}";

    static final ChatRequest CONVERSATION = ChatRequest.builder()
            .messages(SystemMessage.from("Be brief."), UserMessage.from("Hi"), AiMessage.from("Hello!"),
                    UserMessage.from("Name a colour."))
            .maxOutputTokens(8)
            .build();

    static final String CHATML = "<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n"
            + "<|im_start|>assistant\nHello!<|im_end|>\n<|im_start|>user\nName a colour.<|im_end|>\n"
            + "<|im_start|>assistant\n";

    @TempDir
    static Path dir;
    static Path llama2File;
    static Path zephyrFile;

    @BeforeAll
    static void writeFilesWithTemplates() throws Exception {
        llama2File = GgufFixture.withString(TestModels.require(TestModels.LLAMA2_RANDOM), dir.resolve("llama2.gguf"),
                KEY, LLAMA2_TEMPLATE);
        zephyrFile = GgufFixture.withString(TestModels.require(TestModels.STORIES), dir.resolve("zephyr.gguf"),
                KEY, ZEPHYR_TEMPLATE);
    }

    @Test
    void usesTheLlama2TemplateFromTheFilesMetadata() {
        try (LocalModel model = load(LocalOptions.of(llama2File))) {
            // the template's own spacing (' ' + content + ' ' + eos_token), so its text ran, not a built-in look-alike
            assertThat(model.promptFor(CONVERSATION)).isEqualTo("[INST] <<SYS>>\nBe brief.\n<</SYS>>\n\n"
                    + "Hi [/INST] Hello! </s>[INST] Name a colour. [/INST]");
            assertThat(model.chat(CONVERSATION).tokenUsage().outputTokenCount()).isPositive();
        }
    }

    @Test
    void usesTheZephyrTemplateFromTheFilesMetadata() {
        try (LocalModel model = load(LocalOptions.of(zephyrFile))) {
            assertThat(model.promptFor(CONVERSATION)).isEqualTo("<|system|>\nBe brief.</s>\n<|user|>\nHi</s>\n"
                    + "<|assistant|>\nHello!</s>\n<|user|>\nName a colour.</s>\n<|assistant|>\n");
            assertThat(model.chat(CONVERSATION).tokenUsage().outputTokenCount()).isPositive();
        }
    }

    @Test
    void fallsBackToChatMlWhenTheFileHasNoTemplate() throws Exception {
        Path plain = TestModels.require(TestModels.LLAMA2_RANDOM);
        assertThat(GgufFixture.strings(plain)).doesNotContainKey(KEY);

        try (LocalModel model = load(LocalOptions.of(plain))) {
            assertThat(model.promptFor(CONVERSATION)).isEqualTo(CHATML);
        }
    }

    @Test
    void aConfiguredTemplateOverridesTheFilesTemplate() {
        try (LocalModel chatml = load(LocalOptions.of(llama2File).withChatTemplate("chatml"));
             LocalModel llama2 = load(LocalOptions.of(zephyrFile).withChatTemplate("llama2"))) {
            assertThat(chatml.promptFor(CONVERSATION)).isEqualTo(CHATML);
            assertThat(llama2.promptFor(CONVERSATION)).isEqualTo("[INST] Be brief.\nHi [/INST]Hello!</s>[INST] Name a colour. [/INST]");
        }
    }

    @Test
    void rendersATemplateOfNoKnownFamilyAsWritten() throws Exception {
        Path odd = GgufFixture.withString(TestModels.require(TestModels.STORIES), dir.resolve("odd.gguf"), KEY,
                "{% for message in messages %}{{ '## ' + message['role'] + ': ' + message['content'] }}{% endfor %}");

        try (LocalModel model = load(LocalOptions.of(odd))) {
            assertThat(model.promptFor(CONVERSATION))
                    .isEqualTo("## system: Be brief.## user: Hi## assistant: Hello!## user: Name a colour.");
        }
    }

    @Test
    void fallsBackToChatMlWhenTheFilesTemplateDoesNotParse() throws Exception {
        Path broken = GgufFixture.withString(TestModels.require(TestModels.STORIES), dir.resolve("broken.gguf"), KEY,
                "{% for message in messages %}{{ message['content'] }");

        try (LocalModel model = load(LocalOptions.of(broken))) {
            assertThat(model.promptFor(CONVERSATION)).isEqualTo(CHATML);
        }
    }

    @Test
    void foldsTheSystemPromptIntoTheFirstTurnWhenTheTemplateRejectsASystemRole() throws Exception {
        Path strict = GgufFixture.withString(TestModels.require(TestModels.STORIES), dir.resolve("strict.gguf"), KEY,
                "{% for message in messages %}{% if message['role'] == 'system' %}"
                        + "{{ raise_exception('System role not supported') }}{% endif %}"
                        + "{{ message['content'] }}{% endfor %}");

        try (LocalModel model = load(LocalOptions.of(strict))) {
            assertThat(model.promptFor(CONVERSATION)).isEqualTo("Be brief.\nHiHello!Name a colour.");
        }
    }

    private static LocalModel load(LocalOptions options) {
        return LocalModel.load(options.withContextSize(256));
    }
}
