package dev.praxis.store.checkpoint;

import java.nio.file.Path;

/**
 * The child JVM of {@link CrashResumeTest}: runs the payments agent and, at the pause point
 * named by its third argument, prints {@code PAUSED <point>} and waits to be killed.
 */
public final class CrashingChild {

    private CrashingChild() {
    }

    /** Arguments: checkpoint database, bank database, pause point (e.g. {@code credit:before}). */
    public static void main(String[] args) throws InterruptedException {
        String pauseAt = args[2];
        var agent = Payments.agent(Path.of(args[1]), SqliteCheckpointStore.open(Path.of(args[0])), point -> {
            if (point.equals(pauseAt)) {
                System.out.println("PAUSED " + point);
                System.out.flush();
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        var result = agent.run("Move 10 from account A to account B, then notify the owner.");
        System.out.println("FINISHED " + result.status());
    }
}
