package dev.praxis.llm;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prices per model, so usage becomes cost. A response's model name is matched exactly, else
 * by the longest table key it starts with (so {@code gpt-4o-mini} prices the dated
 * {@code gpt-4o-mini-2024-07-18}). Models not in the table cost nothing, with one warning
 * per model name, since a cost budget cannot see them.
 *
 * <pre>{@code
 * PriceTable prices = PriceTable.of(Map.of(
 *         "gpt-4o-mini", Price.perMillion("0.15", "0.60").withCachedInput("0.075"),
 *         "claude-sonnet-4-5", Price.perMillion("3", "15")));
 * LlmAgent agent = LlmAgent.builder().llm(llm).prices(prices)
 *         .budget(Budget.DEFAULT.withMaxCost(new BigDecimal("0.50"))).build();
 * }</pre>
 *
 * <p>Cached input tokens are priced at the cached rate where the response reports them the
 * OpenAI way ({@code prompt_tokens_details.cached_tokens}); other providers' cache counts are
 * priced as ordinary input. Immutable and thread-safe.
 */
public final class PriceTable {

    private static final Logger log = LoggerFactory.getLogger(PriceTable.class);

    /** No prices: everything costs zero. */
    public static final PriceTable NONE = new PriceTable(Map.of());

    private final Map<String, Price> prices;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    private PriceTable(Map<String, Price> prices) {
        this.prices = Map.copyOf(prices);
    }

    /** A table of {@code prices} by model name. */
    public static PriceTable of(Map<String, Price> prices) {
        return new PriceTable(Objects.requireNonNull(prices, "prices"));
    }

    /** The price of {@code model}, if the table knows it. */
    public Optional<Price> priceOf(String model) {
        if (model == null) {
            return Optional.empty();
        }
        Price exact = prices.get(model);
        if (exact != null) {
            return Optional.of(exact);
        }
        return prices.entrySet().stream()
                .filter(e -> model.startsWith(e.getKey()))
                .max(Comparator.comparingInt(e -> e.getKey().length()))
                .map(Map.Entry::getValue);
    }

    /** Whether the table has no prices at all (then everything costs zero). */
    public boolean isEmpty() {
        return prices.isEmpty();
    }

    /**
     * The highest input, output and cached-input rates in the table, each on its own: a price no
     * model in the table exceeds, for estimating a call whose model is not known yet. Empty for an
     * empty table.
     */
    public Optional<Price> highest() {
        return prices.values().stream().reduce((a, b) -> new Price(a.inputPerMillion().max(b.inputPerMillion()),
                a.outputPerMillion().max(b.outputPerMillion()), a.cachedInputPerMillion().max(b.cachedInputPerMillion())));
    }

    /** What {@code response} cost; zero when it reports no usage or its model is not in the table. */
    public BigDecimal cost(ChatResponse response) {
        TokenUsage usage = response.tokenUsage();
        if (usage == null || prices.isEmpty()) {
            return BigDecimal.ZERO;
        }
        Optional<Price> price = priceOf(response.modelName());
        if (price.isEmpty()) {
            if (warned.add(String.valueOf(response.modelName()))) {
                log.warn("no price for model '{}': its calls count as free against cost budgets", response.modelName());
            }
            return BigDecimal.ZERO;
        }
        long in = usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
        long out = usage.outputTokenCount() == null ? 0 : usage.outputTokenCount();
        return price.get().cost(in, CachedTokens.of(usage), out);
    }
}
