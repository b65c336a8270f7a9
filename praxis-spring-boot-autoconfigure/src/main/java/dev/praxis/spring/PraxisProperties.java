package dev.praxis.spring;

import dev.praxis.agent.Budget;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The {@code praxis.*} settings. Every group has defaults, so an application sets only what it
 * changes; bad values fail the application's start with a message naming the property.
 *
 * @param model       the model as in {@code PRAXIS_MODEL}: {@code provider:model}, e.g.
 *                    {@code openai:gpt-4o-mini}, {@code anthropic:claude-sonnet-4-5}, {@code ollama:llama3.2},
 *                    {@code gguf:/models/qwen.gguf}; unset means no model from properties (a
 *                    {@code ChatModel} or {@code LlmClient} bean of the application's is used)
 * @param baseUrl     the provider's base URL (an OpenAI-compatible server, say); unset for its public endpoint
 * @param apiKey      the provider's API key; never logged
 * @param timeout     how long one model request may take
 * @param agent       the agent the starter declares when the application declares none
 * @param budget      the default budget of every agent's runs
 * @param memory      where conversations are kept
 * @param checkpoints where run state is kept (for resuming after a crash or an approval)
 * @param redis       the Redis server of the Redis stores
 * @param containment prompt-injection containment for every agent
 * @param approval    which tool calls need a person's approval
 * @param web         the HTTP endpoints on the application's own server
 */
@ConfigurationProperties("praxis")
public record PraxisProperties(String model, String baseUrl, String apiKey, @DefaultValue("60s") Duration timeout,
                               @DefaultValue Agent agent, @DefaultValue Budgets budget, @DefaultValue Memory memory,
                               @DefaultValue Checkpoints checkpoints, @DefaultValue Redis redis,
                               @DefaultValue Containment containment, @DefaultValue Approval approval,
                               @DefaultValue Web web) {

    /** Rejects a non-positive timeout. */
    public PraxisProperties {
        Objects.requireNonNull(timeout, "praxis.timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("praxis.timeout must be positive, got " + timeout);
        }
    }

    /** Whether {@code praxis.model} is set. */
    public boolean hasModel() {
        return model != null && !model.isBlank();
    }

    /**
     * The agent declared when the application declares no {@code Agent} bean of its own.
     *
     * @param enabled      whether to declare the default agent when the application declares none
     * @param name         the default agent's name, as in events, metrics and the approvals endpoint
     * @param systemPrompt the default agent's system prompt; unset for none
     */
    public record Agent(@DefaultValue("true") boolean enabled, @DefaultValue("agent") String name,
                        String systemPrompt) {
    }

    /**
     * The budget of runs that bring none.
     *
     * @param maxSteps  model calls per run, by default
     * @param maxTokens input plus output tokens per run; unset for no limit
     * @param maxTime   wall-clock time per run
     * @param maxCost   money per run, in the currency of the agents' price table; unset for no limit
     */
    public record Budgets(@DefaultValue("25") int maxSteps, Long maxTokens, @DefaultValue("10m") Duration maxTime,
                          BigDecimal maxCost) {

        /** These limits as a {@link Budget} (which validates them). */
        public Budget toBudget() {
            return new Budget(maxSteps, maxTokens == null ? Long.MAX_VALUE : maxTokens, maxTime,
                    maxCost == null ? Budget.NO_COST_LIMIT : maxCost);
        }
    }

    /**
     * Conversation memory.
     *
     * @param store       {@code in-memory} (the default), {@code jdbc} (the application's
     *                    {@code DataSource}; SQLite or PostgreSQL) or {@code redis}
     * @param maxMessages messages remembered per session
     * @param ttl         how long a conversation is kept after its last turn; {@code 0} for ever
     *                    (JDBC and Redis stores)
     */
    public record Memory(@DefaultValue("in-memory") StoreKind store, @DefaultValue("100") int maxMessages,
                         @DefaultValue("0s") Duration ttl) {

        /** Rejects a window smaller than one message and a negative TTL. */
        public Memory {
            if (maxMessages < 1) {
                throw new IllegalArgumentException("praxis.memory.max-messages must be at least 1, got " + maxMessages);
            }
            if (ttl.isNegative()) {
                throw new IllegalArgumentException("praxis.memory.ttl must not be negative, got " + ttl);
            }
        }
    }

    /**
     * Run checkpoints.
     *
     * @param store {@code in-memory} (the default: paused runs survive until the process ends),
     *              {@code jdbc} or {@code redis} (runs survive restarts)
     */
    public record Checkpoints(@DefaultValue("in-memory") StoreKind store) {
    }

    /**
     * The Redis server of the Redis stores, used when the application declares no
     * {@code redis.clients.jedis.UnifiedJedis} bean.
     *
     * @param url {@code redis://host:port}; unset means {@code spring.data.redis.url}, else
     *            {@code redis://localhost:6379}
     */
    public record Redis(String url) {
    }

    /**
     * Prompt-injection containment ({@code dev.praxis.guard.Containment}): tool output is
     * delimited as untrusted and side-effecting calls need approval while it is in play.
     *
     * @param enabled whether every agent built from the starter's builder contains prompt injection
     */
    public record Containment(@DefaultValue("false") boolean enabled) {
    }

    /**
     * Which tool calls need a person.
     *
     * @param policy  {@code standard} (the default: {@code EXTERNAL} tools wait for a person),
     *                {@code allow-all} or {@code read-only} (only {@code READ_ONLY} tools run)
     * @param timeout how long a call may wait for a decision before it counts as denied
     */
    public record Approval(@DefaultValue("standard") Policy policy, @DefaultValue("24h") Duration timeout) {
    }

    /** The approval policies {@code praxis.approval.policy} can name. */
    public enum Policy {
        /** {@code EXTERNAL} tools need a person; the others run. */
        STANDARD,
        /** Every call runs. */
        ALLOW_ALL,
        /** Only {@code READ_ONLY} tools run; the others are denied. */
        READ_ONLY
    }

    /** Where a store keeps its data. */
    public enum StoreKind {
        /** In the application's memory: lost when it stops. */
        IN_MEMORY,
        /** In the application's {@code DataSource} (SQLite or PostgreSQL). */
        JDBC,
        /** In Redis. */
        REDIS
    }

    /**
     * Endpoints on the application's own web server; all off by default.
     *
     * @param approvals the approvals endpoint
     * @param mcp       the MCP server endpoint
     * @param a2a       the A2A endpoint
     */
    public record Web(@DefaultValue Approvals approvals, @DefaultValue Mcp mcp, @DefaultValue A2a a2a) {
    }

    /**
     * The A2A endpoint: one of the application's agents served over the A2A protocol (JSON-RPC),
     * with its agent card at {@code /.well-known/agent-card.json}.
     *
     * @param enabled     whether the A2A endpoint is served (needs Spring MVC, agent-tools and the A2A SDK)
     * @param path        the JSON-RPC endpoint's path
     * @param agent       the name of the agent to serve; empty serves the only agent
     * @param description what the agent does, for the card
     * @param url         the endpoint's public URL for the card; empty derives it from each card request
     */
    public record A2a(@DefaultValue("false") boolean enabled, @DefaultValue("/a2a") String path,
                      @DefaultValue("") String agent, @DefaultValue("A Praxis agent") String description,
                      @DefaultValue("") String url) {
    }

    /**
     * The approvals endpoint: list the calls waiting for a person, approve, deny or edit them.
     *
     * @param enabled whether the approvals endpoint is served (needs Spring MVC)
     * @param path    the approvals endpoint's path
     */
    public record Approvals(@DefaultValue("false") boolean enabled, @DefaultValue("/praxis/approvals") String path) {
    }

    /**
     * The MCP server endpoint (streamable HTTP), publishing tools to other agent hosts.
     *
     * @param enabled whether the MCP server endpoint is served (needs Spring MVC and agent-tools)
     * @param path    the MCP endpoint's path
     * @param tools          the names of the toolbox's tools to publish (at least one when enabled)
     * @param allowedHosts   {@code Host} headers accepted (DNS-rebinding protection); {@code host:*} matches any port
     * @param allowedOrigins {@code Origin} headers accepted from browsers; {@code http://host:*} matches any port
     */
    public record Mcp(@DefaultValue("false") boolean enabled, @DefaultValue("/mcp") String path,
                      @DefaultValue List<String> tools,
                      @DefaultValue({"localhost:*", "127.0.0.1:*"}) List<String> allowedHosts,
                      @DefaultValue({"http://localhost:*", "http://127.0.0.1:*"}) List<String> allowedOrigins) {
    }
}
