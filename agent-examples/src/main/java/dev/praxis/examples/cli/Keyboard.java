package dev.praxis.examples.cli;

import dev.praxis.examples.Person;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The lines a person types, read by one daemon thread so a question can wait for an answer
 * with a time limit. End of input and a read error both end the stream: after either, every
 * question is {@link Person.Reply.Silent} and {@link #next()} is empty.
 */
final class Keyboard implements Person {

    private static final Line END = new Line(null, "end of input");

    private record Line(String text, String end) {
    }

    private final BlockingQueue<Line> lines = new LinkedBlockingQueue<>();
    private final PrintStream out;
    private final boolean echo;
    private final Duration answerWithin;
    private volatile Line last;

    Keyboard(InputStream in, PrintStream out, boolean echo, Duration answerWithin) {
        this.out = out;
        this.echo = echo;
        this.answerWithin = answerWithin;
        Thread reader = new Thread(() -> read(in), "praxis-keyboard");
        reader.setDaemon(true);
        reader.start();
    }

    private void read(InputStream in) {
        var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        try {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(new Line(line, null));
            }
            lines.add(END);
        } catch (IOException e) {
            lines.add(new Line(null, "the terminal could not be read (" + e.getMessage() + ")"));
        }
    }

    /** The next line, waiting as long as it takes; empty once input has ended. */
    Optional<String> next() throws InterruptedException {
        Line line = take(lines.take());
        return Optional.ofNullable(line.text());
    }

    @Override
    public Reply ask(String question) {
        out.print(question);
        out.flush();
        try {
            Line line = lines.poll(answerWithin.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null) {
                out.println();
                return new Reply.Silent("no answer within " + answerWithin.toSeconds() + " s");
            }
            line = take(line);
            return line.text() == null ? new Reply.Silent(line.end()) : new Reply.Said(line.text());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply.Silent("interrupted while waiting for an answer");
        }
    }

    private Line take(Line line) {
        if (line.text() == null) {
            lines.add(line);        // the end stays the end for every later reader
            if (last != line) {
                last = line;
                out.println();
            }
        } else if (echo) {
            out.println(line.text());
        }
        return line;
    }
}
