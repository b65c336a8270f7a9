package dev.praxis.llm;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What a model charges, in any currency you like (the same one across a table), per million
 * tokens.
 *
 * @param inputPerMillion       prompt tokens
 * @param outputPerMillion      generated tokens
 * @param cachedInputPerMillion prompt tokens served from the provider's prompt cache
 */
public record Price(BigDecimal inputPerMillion, BigDecimal outputPerMillion, BigDecimal cachedInputPerMillion) {

    /** Free: what unknown models cost unless a table says otherwise. */
    public static final Price FREE = new Price(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

    /** Rejects nulls and negative prices. */
    public Price {
        Objects.requireNonNull(inputPerMillion, "inputPerMillion");
        Objects.requireNonNull(outputPerMillion, "outputPerMillion");
        Objects.requireNonNull(cachedInputPerMillion, "cachedInputPerMillion");
        if (inputPerMillion.signum() < 0 || outputPerMillion.signum() < 0 || cachedInputPerMillion.signum() < 0) {
            throw new IllegalArgumentException("prices must not be negative: " + inputPerMillion + ", "
                    + outputPerMillion + ", " + cachedInputPerMillion);
        }
    }

    /** Input and output prices per million tokens; cached input costs as much as input. */
    public static Price perMillion(String input, String output) {
        return new Price(new BigDecimal(input), new BigDecimal(output), new BigDecimal(input));
    }

    /** This price with a discounted rate for cached input tokens. */
    public Price withCachedInput(String perMillion) {
        return new Price(inputPerMillion, outputPerMillion, new BigDecimal(perMillion));
    }

    /**
     * The cost of one call: {@code cachedInput} of the {@code input} tokens at the cached rate,
     * the rest at the input rate, and {@code output} at the output rate.
     */
    public BigDecimal cost(long input, long cachedInput, long output) {
        long cached = Math.min(Math.max(cachedInput, 0), input);
        BigDecimal total = inputPerMillion.multiply(BigDecimal.valueOf(input - cached))
                .add(cachedInputPerMillion.multiply(BigDecimal.valueOf(cached)))
                .add(outputPerMillion.multiply(BigDecimal.valueOf(output)));
        return total.movePointLeft(6).stripTrailingZeros();
    }
}
