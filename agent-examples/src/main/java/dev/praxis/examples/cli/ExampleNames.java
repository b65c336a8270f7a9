package dev.praxis.examples.cli;

import dev.praxis.examples.Examples;

import java.util.Iterator;

/** The examples' names, for picocli's help and completion. */
final class ExampleNames implements Iterable<String> {

    @Override
    public Iterator<String> iterator() {
        return Examples.names().iterator();
    }
}
