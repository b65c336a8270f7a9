package dev.praxis.spring;

import dev.langchain4j.model.chat.ChatModel;
import dev.praxis.agent.Agent;
import dev.praxis.agent.AgentListener;
import dev.praxis.agent.LlmAgent;
import dev.praxis.guard.Containment;
import dev.praxis.llm.LlmClient;
import dev.praxis.llm.LlmClients;
import dev.praxis.llm.LlmDecorator;
import dev.praxis.llm.provider.ModelSpec;
import dev.praxis.memory.ConversationMemory;
import dev.praxis.memory.MessageWindowMemory;
import dev.praxis.state.CheckpointStore;
import dev.praxis.state.InMemoryCheckpointStore;
import dev.praxis.tool.ApprovalDecision;
import dev.praxis.tool.ApprovalHandler;
import dev.praxis.tool.ApprovalPolicy;
import dev.praxis.tool.Toolbox;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.context.annotation.Scope;

import java.util.HashMap;
import java.util.Map;

/**
 * Praxis as beans: the model, the tools of the application's {@code @Tool} beans, conversation
 * memory, run checkpoints, an {@link LlmAgent.Builder} preset with all of them (and every
 * {@link AgentListener} and {@link LlmDecorator} bean), and one agent when the application
 * declares none. Every bean backs off when the application declares its own of the same type.
 */
@AutoConfiguration
@EnableConfigurationProperties(PraxisProperties.class)
public class PraxisAutoConfiguration {

    /** The model named by {@code praxis.model}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty("praxis.model")
    static class ModelFromProperties {

        /** Where the model lives, parsed and checked; the model health indicator probes it. */
        @Bean
        @ConditionalOnMissingBean
        ModelSpec praxisModelSpec(PraxisProperties properties) {
            return LlmClients.spec(settings(properties));
        }

        @Bean
        @ConditionalOnMissingBean
        LlmClient praxisLlmClient(PraxisProperties properties) {
            return LlmClients.from(settings(properties));
        }

        private static Map<String, String> settings(PraxisProperties properties) {
            Map<String, String> settings = new HashMap<>();
            settings.put(LlmClients.MODEL, properties.model());
            if (properties.baseUrl() != null) {
                settings.put(LlmClients.BASE_URL, properties.baseUrl());
            }
            if (properties.apiKey() != null) {
                settings.put(LlmClients.API_KEY, properties.apiKey());
            }
            settings.put(LlmClients.TIMEOUT, Long.toString(Math.max(1, properties.timeout().toSeconds())));
            return settings;
        }
    }

    /** The application's LangChain4j {@code ChatModel}, when it has exactly one and names no model. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnSingleCandidate(ChatModel.class)
    static class ModelFromChatModel {

        @Bean
        @ConditionalOnMissingBean
        LlmClient praxisLlmClient(ChatModel chatModel) {
            return LlmClient.of(chatModel);
        }
    }

    @Bean
    @ConditionalOnMissingBean
    ApprovalPolicy praxisApprovalPolicy(PraxisProperties properties) {
        return switch (properties.approval().policy()) {
            case STANDARD -> ApprovalPolicy.standard();
            case ALLOW_ALL -> ApprovalPolicy.ALLOW_ALL;
            case READ_ONLY -> ApprovalPolicy.readOnly();
        };
    }

    /**
     * Passes every question on: the call waits, the run pauses as {@code AWAITING_APPROVAL}, and
     * a decision through {@link PraxisApprovals} (or the approvals endpoint) resumes it.
     */
    @Bean
    @ConditionalOnMissingBean
    ApprovalHandler praxisApprovalHandler() {
        return (request, question) -> ApprovalDecision.askPerson(question);
    }

    @Bean
    @ConditionalOnMissingBean
    Toolbox praxisToolbox(ConfigurableListableBeanFactory beans, ApprovalPolicy policy, ApprovalHandler handler) {
        return Toolbox.of(new ToolBeans(beans).tools()).withApproval(policy, handler);
    }

    @Bean
    @ConditionalOnMissingBean
    ConversationMemory praxisConversationMemory(PraxisProperties properties) {
        PraxisProperties.StoreKind store = properties.memory().store();
        if (store != PraxisProperties.StoreKind.IN_MEMORY) {
            throw missingStore("praxis.memory.store", store);
        }
        return MessageWindowMemory.of(properties.memory().maxMessages());
    }

    @Bean
    @ConditionalOnMissingBean
    CheckpointStore praxisCheckpointStore(PraxisProperties properties) {
        PraxisProperties.StoreKind store = properties.checkpoints().store();
        if (store != PraxisProperties.StoreKind.IN_MEMORY) {
            throw missingStore("praxis.checkpoints.store", store);
        }
        return new InMemoryCheckpointStore();
    }

    private static IllegalStateException missingStore(String property, PraxisProperties.StoreKind store) {
        return new IllegalStateException(property + "=" + store.name().toLowerCase(java.util.Locale.ROOT)
                + " needs dev.praxis:agent-memory on the class path and "
                + (store == PraxisProperties.StoreKind.JDBC ? "a DataSource bean (spring.datasource.url)"
                : "redis.clients:jedis (a UnifiedJedis bean, praxis.redis.url or spring.data.redis.url)"));
    }

    @Bean
    @ConditionalOnProperty("praxis.containment.enabled")
    @ConditionalOnMissingBean
    Containment praxisContainment() {
        return Containment.standard();
    }

    /**
     * A fresh builder per injection point, preset with the model (decorated by every
     * {@link LlmDecorator} bean, in order), the toolbox, memory, checkpoints, budget, approval
     * timeout, containment and every {@link AgentListener} bean. Declare agents with it:
     * <pre>{@code
     * @Bean LlmAgent support(LlmAgent.Builder praxis) {
     *     return praxis.name("support").systemPrompt("You answer customers.").build();
     * }
     * }</pre>
     */
    @Bean
    @Scope(BeanDefinition.SCOPE_PROTOTYPE)
    @ConditionalOnMissingBean
    LlmAgent.Builder praxisAgentBuilder(ObjectProvider<LlmClient> llm, ObjectProvider<LlmDecorator> decorators,
                                        Toolbox toolbox, ConversationMemory memory, CheckpointStore checkpoints,
                                        ObjectProvider<AgentListener> listeners, ObjectProvider<Containment> containment,
                                        PraxisProperties properties) {
        LlmClient model = llm.getIfAvailable(() -> {
            throw new IllegalStateException("Praxis has no model: set praxis.model (e.g. openai:gpt-4o-mini, with"
                    + " praxis.api-key or praxis.base-url), or declare a LangChain4j ChatModel or an LlmClient bean");
        });
        for (LlmDecorator decorator : decorators.orderedStream().toList()) {
            model = model.with(decorator);
        }
        LlmAgent.Builder builder = LlmAgent.builder().llm(model).toolbox(toolbox).memory(memory)
                .checkpoints(checkpoints).budget(properties.budget().toBudget())
                .approvalTimeout(properties.approval().timeout());
        listeners.orderedStream().forEach(builder::listener);
        containment.ifAvailable(builder::containment);
        return builder;
    }

    /** The agent of an application that declares none, from {@code praxis.agent.*}. */
    @Bean
    @ConditionalOnMissingBean(Agent.class)
    @ConditionalOnProperty(name = "praxis.agent.enabled", matchIfMissing = true)
    LlmAgent praxisAgent(LlmAgent.Builder praxisAgentBuilder, PraxisProperties properties) {
        LlmAgent.Builder builder = praxisAgentBuilder.name(properties.agent().name());
        if (properties.agent().systemPrompt() != null) {
            builder.systemPrompt(properties.agent().systemPrompt());
        }
        return builder.build();
    }

    @Bean
    @ConditionalOnMissingBean
    PraxisAgents praxisAgents(ObjectProvider<Agent> agents) {
        return new PraxisAgents(agents);
    }

    @Bean
    @ConditionalOnMissingBean
    PraxisApprovals praxisApprovals(CheckpointStore checkpoints, PraxisAgents agents) {
        return new PraxisApprovals(checkpoints, agents);
    }
}
