package dev.praxis.tools.http;

import java.util.List;

/** Explains what a legacy numeric host form (inet_aton: decimal, octal, hex, 1-4 parts) means. */
final class InetAtonForm {

    private InetAtonForm() {
    }

    /** {@code " (means 127.0.0.1)"}, or {@code ""} when the form is not a valid address at all. */
    static String meaning(List<String> parts) {
        try {
            long[] values = new long[parts.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = number(parts.get(i));
            }
            long address = 0;
            int n = values.length;
            for (int i = 0; i < n - 1; i++) {
                if (values[i] > 255) {
                    return "";
                }
                address |= values[i] << (24 - 8 * i);
            }
            long last = values[n - 1];
            if (last >= (1L << (8 * (5 - n)))) {
                return "";
            }
            address |= last;
            byte[] bytes = {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
            return " (means " + AddressRules.dotted(bytes) + ")";
        } catch (NumberFormatException e) {
            return "";
        }
    }

    private static long number(String part) {
        if (part.startsWith("0x") || part.startsWith("0X")) {
            return part.length() == 2 ? 0 : Long.parseLong(part.substring(2), 16);
        }
        if (part.length() > 1 && part.startsWith("0")) {
            return Long.parseLong(part.substring(1), 8);
        }
        return Long.parseLong(part);
    }
}
