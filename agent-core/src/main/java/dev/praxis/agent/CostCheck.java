package dev.praxis.agent;

import dev.langchain4j.model.chat.request.ChatRequest;
import dev.praxis.llm.Price;
import dev.praxis.llm.PriceTable;
import dev.praxis.llm.PromptTokens;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * The pre-call half of the cost budget: before a model call, estimates what the call will at
 * least cost (its prompt tokens, counted with a real tokenizer, at the input price, plus the
 * output tokens reserved for it at the output price) and refuses the call when that on top of
 * what the run already spent would exceed the run's cost limit. The price is that of the model
 * the request names, else of the model that answered the run's previous call, else the
 * highest input and output prices in the table, so the first call is not under-priced.
 * Nothing is counted when the run has no cost limit or the agent no prices. Stateless and
 * thread-safe.
 */
final class CostCheck {

    private final PriceTable prices;
    private final int reservedOutput;

    CostCheck(PriceTable prices, int reservedOutput) {
        this.prices = prices;
        this.reservedOutput = reservedOutput;
    }

    /** Why {@code request} must not be sent, if its estimate does not fit in what is left. */
    Optional<String> refusal(ChatRequest request, Usage spent, Budget budget, String lastModel) {
        if (budget.maxCost().compareTo(Budget.NO_COST_LIMIT) >= 0 || prices.isEmpty()) {
            return Optional.empty();
        }
        String model = request.modelName() != null ? request.modelName() : lastModel;
        Optional<Price> price = model != null ? prices.priceOf(model) : prices.highest();
        if (price.isEmpty()) {
            return Optional.empty(); // an unpriced model costs nothing, before the call as after
        }
        int prompt = PromptTokens.count(request, model);
        int output = request.maxOutputTokens() != null ? request.maxOutputTokens() : reservedOutput;
        BigDecimal estimate = price.get().cost(prompt, 0, output);
        if (spent.cost().add(estimate).compareTo(budget.maxCost()) <= 0) {
            return Optional.empty();
        }
        return Optional.of("cost budget would be exceeded: the next model call is estimated at "
                + estimate.toPlainString() + " (" + prompt + " prompt tokens" + (output > 0 ? " + " + output
                + " reserved output tokens" : "") + " at " + (model != null ? model : "the table's highest")
                + " prices) and " + spent.cost().toPlainString() + " of " + budget.maxCost().toPlainString()
                + " is spent; the call was not made");
    }
}
