package dev.praxis.guard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PiiDetectorTest {

    private final PiiDetector detector = PiiDetector.all();

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "EMAIL          | jane.doe+work@example.co.uk",
            "PHONE          | +44 20 7946 0958",
            "PHONE          | +1-415-555-2671",
            "PHONE          | (020) 7946 0958",
            "PHONE          | 415-555-2671",
            "PAYMENT_CARD   | 4111 1111 1111 1111",
            "PAYMENT_CARD   | 5500-0000-0000-0004",
            "PAYMENT_CARD   | 378282246310005",
            "IBAN           | GB82 WEST 1234 5698 7654 32",
            "IBAN           | DE89370400440532013000",
            "IP_ADDRESS     | 192.168.10.254",
            "IP_ADDRESS     | 2001:db8:85a3::8a2e:370:7334",
            "IP_ADDRESS     | fe80::1",
            "US_SSN         | 123-45-6789",
            "CN_RESIDENT_ID | 11010519491231002X",
            "CN_RESIDENT_ID | 440304199001011233",
    })
    void findsEachKindInsideASentence(PiiKind kind, String value) {
        String text = "Contact record: " + value + ", thanks.";

        assertThat(detector.find(text)).singleElement().satisfies(m -> {
            assertThat(m.kind()).isEqualTo(kind);
            assertThat(m.value()).isEqualTo(value);
            assertThat(text.substring(m.start(), m.end())).isEqualTo(value);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "4111 1111 1111 1112",          // Luhn fails
            "GB82 WEST 1234 5698 7654 33",  // mod-97 fails
            "11010519491231002Y",           // not a check character
            "110105194912310021",           // wrong check character
            "110105194913310026",           // month 13
            "000-12-3456",                  // area 000 is never issued
            "666-12-3456",
            "912-12-3456",
            "123-00-6789",
            "256.1.1.1",                    // not an octet
            "1.2.3.4.5",                    // version-like, not an address
            "order 20261128 shipped",       // a bare number is not a phone
            "on 2026-11-28 at 10:30",       // dates and times are not PII
            "12:30:45",
            "user@localhost",               // no top-level domain
    })
    void ignoresLookAlikesThatFailTheirChecks(String text) {
        assertThat(detector.find(text)).isEmpty();
    }

    @Test
    void cardNumberIsNotAlsoReportedAsPhone() {
        assertThat(detector.find("card +4111 1111 1111 1111")).extracting(PiiMatch::kind)
                .containsExactly(PiiKind.PAYMENT_CARD);
    }

    @Test
    void reportsSeveralMatchesInTextOrder() {
        var found = detector.find("mail a@b.io from 10.0.0.1 or call +33 1 42 68 53 00");

        assertThat(found).extracting(PiiMatch::kind)
                .containsExactly(PiiKind.EMAIL, PiiKind.IP_ADDRESS, PiiKind.PHONE);
    }

    @Test
    void restrictedDetectorLooksOnlyForItsKinds() {
        var emailsOnly = PiiDetector.of(Set.of(PiiKind.EMAIL));

        assertThat(emailsOnly.find("a@b.io 10.0.0.1")).extracting(PiiMatch::kind).containsExactly(PiiKind.EMAIL);
        assertThatThrownBy(() -> PiiDetector.of(Set.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void matchToStringNeverShowsTheValue() {
        assertThat(detector.find("ssn 123-45-6789").get(0).toString()).doesNotContain("6789").contains("US_SSN");
    }
}
