package dev.praxis.ingest;

import dev.praxis.ingest.IngestException.Problem;
import dev.praxis.ingest.internal.CanonicalText;
import dev.praxis.ingest.internal.Input;
import dev.praxis.memory.Document;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTML parsed with jsoup, which repairs malformed markup the way browsers do and never runs
 * scripts. Scripts, styles, frames, embedded objects, templates, forms and navigation menus are
 * removed with their content; headings become {@code #} lines, block elements paragraphs, {@code <pre>} keeps its
 * lines. The encoding is the one a byte order mark or {@code <meta charset>} declares, else UTF-8,
 * decoded strictly. Title: {@code <title>}, else the first {@code <h1>}, else the source.
 */
public final class HtmlLoader implements DocumentLoader {

    private static final String REMOVED = "script, style, noscript, template, iframe, frame, frameset, object, "
            + "embed, applet, svg, math, canvas, head, nav, form, button, select, input, textarea";
    private static final Set<String> BLOCKS = Set.of("p", "div", "section", "article", "main", "header", "footer",
            "aside", "nav", "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tr", "td",
            "th", "caption", "figure", "figcaption", "hr", "br", "address", "details", "summary", "body");
    private static final Pattern META_CHARSET = Pattern.compile(
            "<meta[^>]+charset\\s*=\\s*[\"']?([A-Za-z0-9_.:-]+)", Pattern.CASE_INSENSITIVE);

    private final LoadLimits limits;

    /** Reads HTML within {@code limits}. */
    public HtmlLoader(LoadLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    @Override
    public Document load(String source, InputStream content) {
        byte[] bytes = Input.read(source, content, limits.maxBytes());
        String html = Input.decode(source, bytes, charsetOf(source, bytes));
        org.jsoup.nodes.Document page = Jsoup.parse(html);
        String title = CanonicalText.collapse(page.title());
        page.select(REMOVED).remove();
        if (title.isEmpty()) {
            Element h1 = page.selectFirst("h1");
            title = h1 == null ? "" : CanonicalText.collapse(h1.text());
        }
        CanonicalText text = new CanonicalText(source, limits.maxChars());
        NodeTraversor.filter(new Blocks(text), page.body());
        if (text.isBlank()) {
            throw new IngestException(Problem.EMPTY, source, "no text outside scripts, styles and markup");
        }
        return new Document(source, text.toString(), Map.of(SOURCE, source, TITLE, title.isEmpty() ? source : title,
                CONTENT_TYPE, "text/html"), Duration.ZERO);
    }

    /** The declared encoding (BOM, then {@code <meta>} in the first 4 KB), else UTF-8. */
    private static Charset charsetOf(String source, byte[] bytes) {
        if (bytes.length >= 2 && ((bytes[0] & 0xff) == 0xfe && (bytes[1] & 0xff) == 0xff
                || (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xfe)) {
            return StandardCharsets.UTF_16;
        }
        Matcher m = META_CHARSET.matcher(new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.ISO_8859_1));
        if (!m.find()) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(m.group(1));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new IngestException(Problem.BAD_ENCODING, source, "declares the unknown charset '" + m.group(1) + "'", e);
        }
    }

    /** Turns the body into blocks: text runs end at block elements; headings and {@code <pre>} are taken whole. */
    private static final class Blocks implements NodeFilter {
        private final CanonicalText text;
        private final StringBuilder run = new StringBuilder();

        Blocks(CanonicalText text) {
            this.text = text;
        }

        @Override
        public FilterResult head(Node node, int depth) {
            if (node instanceof TextNode t) {
                run.append(t.text());
                return FilterResult.CONTINUE;
            }
            if (!(node instanceof Element e)) {
                return FilterResult.CONTINUE;
            }
            String tag = e.normalName();
            if (tag.length() == 2 && tag.charAt(0) == 'h' && tag.charAt(1) >= '1' && tag.charAt(1) <= '6') {
                flush();
                text.heading(tag.charAt(1) - '0', e.text());
                return FilterResult.SKIP_CHILDREN;
            }
            if (tag.equals("pre")) {
                flush();
                text.preformatted(e.wholeText());
                return FilterResult.SKIP_CHILDREN;
            }
            if (BLOCKS.contains(tag)) {
                flush();
                if (tag.equals("li")) {
                    run.append("- ");
                }
            }
            return FilterResult.CONTINUE;
        }

        @Override
        public FilterResult tail(Node node, int depth) {
            if (node instanceof Element e && BLOCKS.contains(e.normalName())) {
                flush();
            }
            return FilterResult.CONTINUE;
        }

        private void flush() {
            String t = run.toString();
            run.setLength(0);
            if (!t.strip().equals("-")) {
                text.paragraph(t);
            }
        }
    }
}
