package dev.praxis.tools.mcp;

import dev.praxis.memory.Document;
import dev.praxis.memory.EmbeddingKnowledgeStore;
import dev.praxis.memory.InMemoryVectorStore;
import dev.praxis.memory.KnowledgeQuery;
import dev.praxis.memory.MemoryScope;
import dev.praxis.memory.Recollection;
import dev.praxis.testing.HashingEmbeddingModel;
import dev.praxis.tool.Toolbox;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** An MCP server's resources, read by our client, become documents a knowledge store recalls. */
class McpResourcesAsKnowledgeTest {

    @Test
    void textResourcesBecomeDocumentsThatAKnowledgeStoreRecalls() {
        McpToolServer server = McpToolServer.of(Toolbox.of(List.of()), "handbook-server", "1").withResources(
                McpResource.text("docs://refunds", "Refund policy", "text/markdown",
                        () -> "Refunds are paid within 14 days of the return arriving."),
                McpResource.text("docs://shipping", "Shipping", "text/plain",
                        () -> "Parcels ship from Rotterdam every weekday."),
                McpResource.binary("docs://logo", "Logo", "image/png", () -> new byte[]{1, 2, 3}));
        try (McpHttpEndpoint endpoint = server.serveHttp(0);
             McpClientTools client = McpClientTools.http(endpoint.url())) {
            List<Document> documents = client.documents();

            assertThat(documents).extracting(Document::id).containsExactly("docs://refunds", "docs://shipping");
            assertThat(documents.get(0).metadata()).isEqualTo(Map.of("source", "mcp", "server", "handbook-server",
                    "uri", "docs://refunds", "mimeType", "text/markdown", "name", "Refund policy"));

            var knowledge = EmbeddingKnowledgeStore.builder(new InMemoryVectorStore(), new HashingEmbeddingModel())
                    .build();
            MemoryScope shared = MemoryScope.of("acme", "support");
            documents.forEach(document -> knowledge.add(shared, document));
            List<Recollection> recalled = knowledge.recall(shared, KnowledgeQuery.of("when are refunds paid"));

            assertThat(recalled.get(0).documentId()).isEqualTo("docs://refunds");
            assertThat(recalled.get(0).text()).contains("14 days");
        }
    }
}
