package dev.praxis.guard;

import java.util.List;

/**
 * Payment card numbers by issuer: the leading digits (IIN ranges) each network uses and the
 * lengths it issues. A digit run that passes Luhn but belongs to no network, or has a length
 * its network does not issue, is not a card (order numbers, timestamps, account fragments).
 */
final class CardIssuers {

    private record Range(String network, int from, int to, int prefixDigits, int minLength, int maxLength) {
        boolean covers(String digits) {
            if (digits.length() < Math.max(prefixDigits, minLength) || digits.length() > maxLength) {
                return false;
            }
            int prefix = Integer.parseInt(digits.substring(0, prefixDigits));
            return prefix >= from && prefix <= to;
        }
    }

    private static final List<Range> RANGES = List.of(
            new Range("Visa", 4, 4, 1, 13, 19),
            new Range("Mastercard", 51, 55, 2, 16, 16),
            new Range("Mastercard", 2221, 2720, 4, 16, 16),
            new Range("American Express", 34, 34, 2, 15, 15),
            new Range("American Express", 37, 37, 2, 15, 15),
            new Range("Discover", 6011, 6011, 4, 16, 19),
            new Range("Discover", 644, 649, 3, 16, 19),
            new Range("Discover", 65, 65, 2, 16, 19),
            new Range("UnionPay", 62, 62, 2, 16, 19),
            new Range("JCB", 3528, 3589, 4, 16, 19),
            new Range("Diners Club", 300, 305, 3, 14, 19),
            new Range("Diners Club", 3095, 3095, 4, 14, 19),
            new Range("Diners Club", 36, 36, 2, 14, 19),
            new Range("Diners Club", 38, 39, 2, 16, 19),
            new Range("Maestro", 5018, 5018, 4, 12, 19),
            new Range("Maestro", 5020, 5020, 4, 12, 19),
            new Range("Maestro", 5038, 5038, 4, 12, 19),
            new Range("Maestro", 5893, 5893, 4, 12, 19),
            new Range("Maestro", 6304, 6304, 4, 12, 19),
            new Range("Maestro", 6759, 6759, 4, 12, 19),
            new Range("Maestro", 6761, 6763, 4, 12, 19),
            new Range("Mir", 2200, 2204, 4, 16, 19));

    private CardIssuers() {
    }

    /**
     * Whether {@code number} (spaces and hyphens allowed between digits) is a card number: an
     * issuer's prefix and length, a Luhn check that passes, and, when it is grouped, groups
     * the way cards are printed (4-4-4-4[-3], 4-6-5 or 4-6-4).
     */
    static boolean isCard(String number) {
        String digits = number.replaceAll("[ -]", "");
        if (!digits.chars().allMatch(c -> c >= '0' && c <= '9') || !Checksums.luhn(digits)) {
            return false;
        }
        if (!grouped(number)) {
            return false;
        }
        for (Range range : RANGES) {
            if (range.covers(digits)) {
                return true;
            }
        }
        return false;
    }

    private static boolean grouped(String number) {
        if (number.chars().allMatch(Character::isDigit)) {
            return true;
        }
        String shape = number.replaceAll("\\d", "d").replaceAll("[ -]", " ");
        return shape.matches("dddd( dddd){2,3}( d{1,4})?") || shape.matches("dddd dddddd ddddd?");
    }
}
