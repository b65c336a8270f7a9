package dev.praxis.guard;

/**
 * Phone numbers as people write them: international ({@code +} and a country code, any
 * country), and national formats without a country code for the countries Praxis supports:
 * the United States and Canada (NANP), the United Kingdom, Germany, France, China and Japan.
 * A bare run of digits counts only where that country writes it so (a UK or French number
 * with its trunk {@code 0}, a Chinese mobile number); elsewhere the groups must be separated.
 */
final class PhoneFormats {

    private static final String SEP = "[ .-]";

    /** The alternatives, without boundaries (the caller adds them). */
    static final String PATTERN = String.join("|",
            // international: + country code, then 2-5 groups
            "\\+\\d{1,3}(?:" + SEP + "?\\(?\\d{1,4}\\)?)(?:" + SEP + "?\\d{2,4}){2,4}",
            // a bracketed area code, any country: (020) 7946 0958
            "\\(\\d{2,4}\\)[ .-]?\\d{3,4}[ .-]?\\d{3,4}",
            // US/CA: (415) 555-2671, 415-555-2671, 415.555.2671, 1-415-555-2671
            "(?:1" + SEP + ")?\\([2-9]\\d{2}\\) ?[2-9]\\d{2}" + SEP + "\\d{4}",
            "(?:1" + SEP + ")?[2-9]\\d{2}([.-])[2-9]\\d{2}\\1\\d{4}",
            "(?:1 )?[2-9]\\d{2} [2-9]\\d{2} \\d{4}",
            // UK: 07700 900123, 07700900123, 020 7946 0958, 0161 496 0123, 01632 960123
            "07\\d{3} ?\\d{6}",
            "0(?:2\\d ?\\d{4} ?\\d{4}|1\\d{2} ?\\d{3} ?\\d{4}|1\\d{3} ?\\d{6})",
            // Germany: 0151 23456789, 0171/1234567, 030 12345678, 089-1234567
            "01[5-7]\\d{1,2}[ /-]?\\d{7,8}",
            "0[2-9]\\d{1,3}[ /-]\\d{5,8}",
            // France: 06 12 34 56 78, 01.23.45.67.89, 0612345678
            "0[1-9](?:([ .-]?)\\d{2}(?:\\2\\d{2}){3})",
            // China: 138 1234 5678, 138-1234-5678, 13812345678, 010-12345678, 0755-1234567
            "1[3-9]\\d([ -]?)\\d{4}\\3\\d{4}",
            "0\\d{2,3}-\\d{7,8}",
            // Japan: 090-1234-5678, 03-1234-5678, 06 1234 5678
            "0[789]0-\\d{4}-\\d{4}",
            "0[1-9](?:([ -])\\d{4}|\\d([ -])\\d{3}|\\d{2}([ -])\\d{2}|\\d{3}([ -])\\d)[ -]\\d{4}");

    private PhoneFormats() {
    }

    /** Whether a match has a phone number's count of digits (8 to 15, as E.164 allows). */
    static boolean plausible(String candidate) {
        long digits = candidate.chars().filter(Character::isDigit).count();
        return digits >= 8 && digits <= 15;
    }
}
