package dev.praxis.ingest;

import dev.praxis.ingest.internal.Blocks;
import dev.praxis.ingest.internal.Blocks.Block;
import dev.praxis.ingest.internal.TokenWindows;
import dev.praxis.memory.Chunk;
import dev.praxis.memory.Chunking;
import dev.praxis.memory.Document;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Cuts along a document's structure: a chunk never spans two sections (a heading starts a new
 * one) or two PDF pages, and holds whole paragraphs up to {@code maxTokens}; only a paragraph
 * longer than that is cut, by tokens, with {@code overlapTokens} of overlap. A heading with no text
 * of its own before the next heading goes with the next section's first chunk. Each chunk's
 * metadata holds its heading path under {@link #HEADINGS} ({@code "Guide > Install > Linux"}) and,
 * for PDFs, its page under {@link #PAGE}.
 *
 * <p>Headings are the {@code #} lines the loaders write (and Markdown's own); they are not read in
 * documents whose {@link DocumentLoader#CONTENT_TYPE} is {@code text/plain} or
 * {@code application/pdf}. Deterministic and thread-safe.
 *
 * <pre>{@code
 * KnowledgeStore knowledge = EmbeddingKnowledgeStore.builder(vectors, embeddings)
 *         .chunker(StructureChunker.of(300, 40)).build();
 * }</pre>
 */
public final class StructureChunker implements Chunking {

    /** Chunk metadata key: the heading path, titles joined by {@code " > "}; absent above the first heading. */
    public static final String HEADINGS = "headings";
    /** Chunk metadata key: the 1-based PDF page the chunk comes from. */
    public static final String PAGE = "page";

    private final int maxTokens;
    private final int overlapTokens;
    private final TokenCounter counter;
    private final TokenWindows windows;

    private StructureChunker(int maxTokens, int overlapTokens, TokenCounter counter) {
        TokenChunker.check(maxTokens, overlapTokens);
        this.maxTokens = maxTokens;
        this.overlapTokens = overlapTokens;
        this.counter = Objects.requireNonNull(counter, "counter");
        this.windows = new TokenWindows(counter, maxTokens, overlapTokens);
    }

    /**
     * Chunks of at most {@code maxTokens} {@code cl100k_base} tokens; long paragraphs are cut with
     * {@code overlapTokens} of overlap. Requires {@code maxTokens >= 16} and
     * {@code 0 <= overlapTokens < maxTokens / 2}.
     */
    public static StructureChunker of(int maxTokens, int overlapTokens) {
        return new StructureChunker(maxTokens, overlapTokens, TokenCounter.cl100k());
    }

    /** This chunker counting tokens with {@code tokens}. */
    public StructureChunker counting(TokenCounter tokens) {
        return new StructureChunker(maxTokens, overlapTokens, tokens);
    }

    @Override
    public List<Chunk> chunk(Document document) {
        String type = document.metadata().getOrDefault(DocumentLoader.CONTENT_TYPE, "text/markdown");
        boolean paged = type.equals("application/pdf");
        boolean headings = !paged && !type.equals("text/plain");
        List<Chunk> chunks = new ArrayList<>();
        List<Block> section = new ArrayList<>();
        for (Block block : Blocks.read(document.text(), headings, paged)) {
            boolean newSection = !section.isEmpty() && (block.page() != last(section).page()
                    || block.heading() && !last(section).heading());
            if (newSection) {
                pack(section, paged, chunks);
                section.clear();
            }
            section.add(block);
        }
        pack(section, paged, chunks);
        return chunks;
    }

    /** Packs one section's blocks (leading heading lines included) into chunks of whole paragraphs. */
    private void pack(List<Block> section, boolean paged, List<Chunk> chunks) {
        if (section.isEmpty()) {
            return;
        }
        Map<String, String> metadata = metadata(last(section), paged);
        StringBuilder current = new StringBuilder();
        for (Block block : section) {
            String joined = current.length() == 0 ? block.text() : current + "\n\n" + block.text();
            if (counter.count(joined) <= maxTokens) {
                current.setLength(0);
                current.append(joined);
                continue;
            }
            if (current.length() > 0) {
                chunks.add(new Chunk(current.toString(), metadata));
                current.setLength(0);
            }
            if (counter.count(block.text()) <= maxTokens) {
                current.append(block.text());
            } else {
                windows.split(block.text()).forEach(w -> chunks.add(new Chunk(w, metadata)));
            }
        }
        if (current.length() > 0) {
            chunks.add(new Chunk(current.toString(), metadata));
        }
    }

    private static Map<String, String> metadata(Block block, boolean paged) {
        Map<String, String> metadata = new LinkedHashMap<>();
        if (!block.path().isEmpty()) {
            metadata.put(HEADINGS, String.join(" > ", block.path()));
        }
        if (paged) {
            metadata.put(PAGE, Integer.toString(block.page()));
        }
        return metadata;
    }

    private static Block last(List<Block> blocks) {
        return blocks.get(blocks.size() - 1);
    }

    @Override
    public String toString() {
        return "StructureChunker[maxTokens=" + maxTokens + ", overlapTokens=" + overlapTokens + "]";
    }
}
