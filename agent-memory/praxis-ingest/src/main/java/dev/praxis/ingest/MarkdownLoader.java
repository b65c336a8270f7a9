package dev.praxis.ingest;

import dev.praxis.ingest.IngestException.Problem;
import dev.praxis.ingest.internal.CanonicalText;
import dev.praxis.ingest.internal.Input;
import dev.praxis.memory.Document;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;
import org.jsoup.Jsoup;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Markdown (CommonMark) in UTF-8, parsed with commonmark: headings (ATX and Setext) become
 * {@code #} lines, paragraphs and list items blocks, code blocks keep their lines. Raw HTML blocks
 * keep only their text (scripts and styles removed); inline HTML tags are dropped. Title: the
 * first level-1 heading, else the first heading, else the source. Nesting deeper than 100 levels
 * fails as {@link Problem#MALFORMED}.
 */
public final class MarkdownLoader implements DocumentLoader {

    private static final int MAX_DEPTH = 100;
    private static final Parser PARSER = Parser.builder().build();

    private final LoadLimits limits;

    /** Reads Markdown within {@code limits}. */
    public MarkdownLoader(LoadLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    @Override
    public Document load(String source, InputStream content) {
        String markdown = Input.decode(source, Input.read(source, content, limits.maxBytes()), StandardCharsets.UTF_8);
        if (markdown.length() > limits.maxChars()) {
            throw new IngestException(Problem.TOO_LARGE, source, "more than " + limits.maxChars() + " characters of text");
        }
        Node root = PARSER.parse(markdown);
        Walk walk = new Walk(source, new CanonicalText(source, limits.maxChars()));
        walk.blocks(root, 0);
        if (walk.text.isBlank()) {
            throw new IngestException(Problem.EMPTY, source, "no text");
        }
        String title = walk.h1 != null ? walk.h1 : walk.firstHeading != null ? walk.firstHeading : source;
        return new Document(source, walk.text.toString(), Map.of(SOURCE, source, TITLE, title,
                CONTENT_TYPE, "text/markdown"), Duration.ZERO);
    }

    private static final class Walk {
        private final String source;
        private final CanonicalText text;
        private String h1;
        private String firstHeading;

        Walk(String source, CanonicalText text) {
            this.source = source;
            this.text = text;
        }

        void blocks(Node parent, int depth) {
            for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
                block(n, depth + 1);
            }
        }

        private void block(Node n, int depth) {
            if (depth > MAX_DEPTH) {
                throw new IngestException(Problem.MALFORMED, source, "blocks nested more than " + MAX_DEPTH + " deep");
            }
            if (n instanceof Heading h) {
                String title = CanonicalText.collapse(inline(h, depth));
                firstHeading = firstHeading == null ? title : firstHeading;
                h1 = h1 == null && h.getLevel() == 1 ? title : h1;
                text.heading(h.getLevel(), title);
            } else if (n instanceof Paragraph p) {
                text.paragraph(inline(p, depth));
            } else if (n instanceof ListItem item && item.getFirstChild() instanceof Paragraph first) {
                text.paragraph("- " + inline(first, depth));
                for (Node rest = first.getNext(); rest != null; rest = rest.getNext()) {
                    block(rest, depth + 1);
                }
            } else if (n instanceof FencedCodeBlock code) {
                text.preformatted(code.getLiteral());
            } else if (n instanceof IndentedCodeBlock code) {
                text.preformatted(code.getLiteral());
            } else if (n instanceof HtmlBlock html) {
                org.jsoup.nodes.Document fragment = Jsoup.parseBodyFragment(html.getLiteral());
                fragment.select("script, style, noscript, template, iframe, object, embed, svg").remove();
                text.paragraph(fragment.text());
            } else if (!(n instanceof ThematicBreak)) {
                blocks(n, depth);
            }
        }

        private String inline(Node parent, int depth) {
            StringBuilder out = new StringBuilder();
            inline(parent, depth, out);
            return out.toString();
        }

        private void inline(Node parent, int depth, StringBuilder out) {
            if (depth > MAX_DEPTH) {
                throw new IngestException(Problem.MALFORMED, source, "inline markup nested more than " + MAX_DEPTH + " deep");
            }
            for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
                if (n instanceof Text t) {
                    out.append(t.getLiteral());
                } else if (n instanceof Code c) {
                    out.append(c.getLiteral());
                } else if (n instanceof SoftLineBreak || n instanceof HardLineBreak) {
                    out.append(' ');
                } else if (!(n instanceof HtmlInline)) {
                    inline(n, depth + 1, out);
                }
            }
        }
    }
}
