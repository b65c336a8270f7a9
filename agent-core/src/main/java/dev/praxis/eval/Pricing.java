package dev.praxis.eval;

import dev.praxis.agent.Usage;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Objects;

/**
 * What tokens cost, per million, in one currency (usually US dollars).
 *
 * @param inputPerMillion  price of one million input tokens
 * @param outputPerMillion price of one million output tokens
 */
public record Pricing(BigDecimal inputPerMillion, BigDecimal outputPerMillion) {

    /** Free: for local models and tests. */
    public static final Pricing FREE = new Pricing(BigDecimal.ZERO, BigDecimal.ZERO);

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    /** Rejects negative prices. */
    public Pricing {
        Objects.requireNonNull(inputPerMillion, "inputPerMillion");
        Objects.requireNonNull(outputPerMillion, "outputPerMillion");
        if (inputPerMillion.signum() < 0 || outputPerMillion.signum() < 0) {
            throw new IllegalArgumentException("prices must not be negative");
        }
    }

    /** Prices from decimal strings, e.g. {@code Pricing.of("0.15", "0.60")}. */
    public static Pricing of(String inputPerMillion, String outputPerMillion) {
        return new Pricing(new BigDecimal(inputPerMillion), new BigDecimal(outputPerMillion));
    }

    /** The cost of {@code usage}. */
    public BigDecimal cost(Usage usage) {
        return inputPerMillion.multiply(BigDecimal.valueOf(usage.inputTokens()))
                .add(outputPerMillion.multiply(BigDecimal.valueOf(usage.outputTokens())))
                .divide(MILLION, MathContext.DECIMAL64).stripTrailingZeros();
    }
}
