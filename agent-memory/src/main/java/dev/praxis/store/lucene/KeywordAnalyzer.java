package dev.praxis.store.lucene;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;

/**
 * How text becomes BM25 terms: Unicode word segmentation, lower case, English stop words out,
 * plurals folded to the singular ({@code refunds} → {@code refund}, {@code policies} →
 * {@code policy}), and, with a key, each term replaced by a keyed digest (HMAC-SHA256, 128 bits)
 * so the index holds no readable word. Queries go through the same analysis.
 */
final class KeywordAnalyzer extends Analyzer {

    private static final CharArraySet STOP = new CharArraySet(List.of("a", "an", "and", "are", "as", "at", "be",
            "but", "by", "can", "do", "does", "for", "from", "how", "i", "if", "in", "into", "is", "it", "its", "my",
            "no", "not", "of", "on", "or", "our", "so", "such", "that", "the", "their", "then", "there", "these",
            "they", "this", "to", "was", "we", "what", "when", "where", "which", "who", "why", "will", "with", "you",
            "your"), false);

    private final byte[] key;

    /** {@code key} null: terms stay readable. */
    KeywordAnalyzer(byte[] key) {
        this.key = key == null ? null : key.clone();
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer source = new StandardTokenizer();
        TokenStream stream = new Singular(new StopFilter(new LowerCaseFilter(source), STOP));
        if (key != null) {
            stream = new Mask(stream, key);
        }
        return new TokenStreamComponents(source, stream);
    }

    /** Folds common English plurals to the singular, leaving short words and -ss/-us alone. */
    private static final class Singular extends TokenFilter {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

        Singular(TokenStream in) {
            super(in);
        }

        @Override
        public boolean incrementToken() throws IOException {
            if (!input.incrementToken()) {
                return false;
            }
            term.setLength(stem(term.buffer(), term.length()));
            return true;
        }

        private static int stem(char[] s, int len) {
            if (len < 4 || s[len - 1] != 's') {
                return len;
            }
            if (s[len - 2] == 'e' && s[len - 3] == 'i' && s[len - 4] != 'e' && s[len - 4] != 'a') {
                s[len - 3] = 'y';
                return len - 2;
            }
            if (s[len - 2] == 's' || s[len - 2] == 'u' || s[len - 2] == 'i') {
                return len;
            }
            return len - 1;
        }
    }

    /** Replaces each term with its keyed digest. */
    private static final class Mask extends TokenFilter {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final Mac mac;

        Mask(TokenStream in, byte[] key) {
            super(in);
            try {
                mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is not available: " + e.getMessage(), e);
            }
        }

        @Override
        public boolean incrementToken() throws IOException {
            if (!input.incrementToken()) {
                return false;
            }
            byte[] digest = mac.doFinal(term.toString().getBytes(StandardCharsets.UTF_8));
            byte[] half = java.util.Arrays.copyOf(digest, 16);
            term.setEmpty().append(Base64.getUrlEncoder().withoutPadding().encodeToString(half));
            return true;
        }
    }
}
