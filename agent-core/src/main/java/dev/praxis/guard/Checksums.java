package dev.praxis.guard;

import java.time.DateTimeException;
import java.time.LocalDate;

/** The check-digit algorithms that tell real identifiers from look-alike numbers. */
final class Checksums {

    private static final int[] CN_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CN_CHECK = "10X98765432";

    private Checksums() {
    }

    /** Whether the digits of {@code number} (other characters ignored) pass the Luhn check. */
    static boolean luhn(String number) {
        int sum = 0;
        boolean doubled = false;
        int digits = 0;
        for (int i = number.length() - 1; i >= 0; i--) {
            char c = number.charAt(i);
            if (c < '0' || c > '9') {
                continue;
            }
            int d = c - '0';
            if (doubled) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubled = !doubled;
            digits++;
        }
        return digits > 0 && sum % 10 == 0;
    }

    /** Whether {@code iban} (spaces ignored) passes the ISO 13616 mod-97 check. */
    static boolean iban(String iban) {
        String compact = iban.replace(" ", "");
        if (compact.length() < 15 || compact.length() > 34) {
            return false;
        }
        String rearranged = compact.substring(4) + compact.substring(0, 4);
        int remainder = 0;
        for (int i = 0; i < rearranged.length(); i++) {
            int value = Character.digit(rearranged.charAt(i), 36);
            if (value < 0) {
                return false;
            }
            remainder = value > 9 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
        }
        return remainder == 1;
    }

    /**
     * Whether {@code id} is a well-formed 18-character Chinese resident identity number: a real
     * birth date in characters 7-14 and an ISO 7064 MOD 11-2 check character.
     */
    static boolean chineseResidentId(String id) {
        if (id.length() != 18) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            sum += (c - '0') * CN_WEIGHTS[i];
        }
        char check = Character.toUpperCase(id.charAt(17));
        return check == CN_CHECK.charAt(sum % 11) && plausibleBirthDate(id.substring(6, 14));
    }

    private static boolean plausibleBirthDate(String yyyymmdd) {
        try {
            LocalDate date = LocalDate.of(Integer.parseInt(yyyymmdd.substring(0, 4)),
                    Integer.parseInt(yyyymmdd.substring(4, 6)), Integer.parseInt(yyyymmdd.substring(6, 8)));
            return date.getYear() >= 1850 && !date.isAfter(LocalDate.now().plusDays(1));
        } catch (DateTimeException | NumberFormatException e) {
            return false;
        }
    }

    /** Whether {@code ssn} ({@code AAA-GG-SSSS}) uses an area, group and serial the SSA issues. */
    static boolean usSsn(String ssn) {
        int area = Integer.parseInt(ssn.substring(0, 3));
        int group = Integer.parseInt(ssn.substring(4, 6));
        int serial = Integer.parseInt(ssn.substring(7, 11));
        return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0;
    }

    /** Whether {@code text} is an IPv6 address in one of its textual forms (no zone, no embedded IPv4). */
    static boolean ipv6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return false;
        }
        String[] halves = gap >= 0 ? new String[] {text.substring(0, gap), text.substring(gap + 2)} : new String[] {text};
        int groups = 0;
        for (String half : halves) {
            if (half.isEmpty()) {
                continue;
            }
            for (String group : half.split(":", -1)) {
                if (group.isEmpty() || group.length() > 4 || !group.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                    return false;
                }
                groups++;
            }
        }
        return gap >= 0 ? groups <= 7 && groups >= 1 : groups == 8;
    }
}
