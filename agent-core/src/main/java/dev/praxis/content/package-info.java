/**
 * Content beyond text that Praxis adds to LangChain4j's parts ({@code TextContent},
 * {@code ImageContent}, {@code AudioContent}, {@code PdfFileContent}): an embedded resource.
 */
package dev.praxis.content;
