package dev.praxis.guard;

/** A kind of personal data that {@link PiiRedactor} finds and replaces; choose kinds with {@link PiiRedactor#mask(java.util.Set)}. */
public enum PiiKind {
    /** An e-mail address. */
    EMAIL,
    /** A phone number written with a leading {@code +}, a bracketed area code or the North American 3-3-4 form. */
    PHONE,
    /** A payment card number of 13 to 19 digits that passes the Luhn check. */
    PAYMENT_CARD,
    /** An IBAN whose ISO 7064 mod-97 check passes. */
    IBAN,
    /** An IPv4 or IPv6 address. */
    IP_ADDRESS,
    /** A US social security number written {@code AAA-GG-SSSS}, with invalid areas and groups excluded. */
    US_SSN,
    /** An 18-character Chinese resident identity number with a valid birth date and ISO 7064 MOD 11-2 check. */
    CN_RESIDENT_ID
}
