package dev.praxis.examples.tutor;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An exact rational number, always in lowest terms with a positive denominator, so two equal
 * values are {@code equals} whatever form the learner wrote them in ({@code 10/12},
 * {@code 5/6}; {@code 4.5}, {@code 9/2}).
 */
record Fraction(long numerator, long denominator) {

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\s*/\\s*\\d+|\\.\\d+)?");

    /** Reduces; rejects a zero denominator. */
    Fraction {
        if (denominator == 0) {
            throw new IllegalArgumentException("a fraction cannot have denominator 0");
        }
        long gcd = BigInteger.valueOf(numerator).gcd(BigInteger.valueOf(denominator)).longValueExact();
        long sign = denominator < 0 ? -1 : 1;
        numerator = sign * numerator / Math.max(gcd, 1);
        denominator = sign * denominator / Math.max(gcd, 1);
    }

    static Fraction of(long numerator, long denominator) {
        return new Fraction(numerator, denominator);
    }

    Fraction plus(Fraction o) {
        return of(numerator * o.denominator + o.numerator * denominator, denominator * o.denominator);
    }

    Fraction times(Fraction o) {
        return of(numerator * o.numerator, denominator * o.denominator);
    }

    /** The last number written in {@code text} ({@code 5/6}, {@code 4.5}, {@code 20}), if any. */
    static Optional<Fraction> lastIn(String text) {
        String last = null;
        for (Matcher m = NUMBER.matcher(text); m.find(); ) {
            last = m.group();
        }
        return Optional.ofNullable(last).flatMap(Fraction::parse);
    }

    private static Optional<Fraction> parse(String number) {
        try {
            if (number.contains("/")) {
                String[] parts = number.split("/");
                long den = Long.parseLong(parts[1].strip());
                return den == 0 ? Optional.empty() : Optional.of(of(Long.parseLong(parts[0].strip()), den));
            }
            BigDecimal decimal = new BigDecimal(number);
            return Optional.of(of(decimal.unscaledValue().longValueExact(), BigInteger.TEN.pow(Math.max(0, decimal.scale()))
                    .longValueExact()));
        } catch (ArithmeticException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return denominator == 1 ? Long.toString(numerator) : numerator + "/" + denominator;
    }
}
