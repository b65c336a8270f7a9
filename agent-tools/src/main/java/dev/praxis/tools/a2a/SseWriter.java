package dev.praxis.tools.a2a;

import io.a2a.spec.InternalError;
import io.a2a.spec.JSONRPCErrorResponse;
import io.a2a.util.Utils;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;

/**
 * Writes the SDK's stream of JSON-RPC responses as Server-Sent Events ({@code data: <json>}
 * and a blank line each), on the HTTP handler's thread, until the stream completes.
 */
final class SseWriter {

    private SseWriter() {
    }

    /** Writes {@code events} to {@code body} (a started SSE response) until they complete; closes it. */
    static void write(OutputStream body, Flow.Publisher<?> events) throws IOException {
        CountDownLatch done = new CountDownLatch(1);
        try (OutputStream out = body) {
            events.subscribe(new Flow.Subscriber<Object>() {
                private Flow.Subscription subscription;

                @Override
                public void onSubscribe(Flow.Subscription s) {
                    subscription = s;
                    s.request(Long.MAX_VALUE);
                }

                @Override
                public void onNext(Object event) {
                    if (!emit(out, Utils.toJsonString(event))) {
                        subscription.cancel(); // the client went away
                        done.countDown();
                    }
                }

                @Override
                public void onError(Throwable error) {
                    emit(out, Utils.toJsonString(new JSONRPCErrorResponse(new InternalError(
                            "the stream failed: " + error.getClass().getSimpleName()))));
                    done.countDown();
                }

                @Override
                public void onComplete() {
                    done.countDown();
                }
            });
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean emit(OutputStream out, String json) {
        synchronized (out) {
            try {
                out.write(("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                return true;
            } catch (IOException e) {
                return false;
            }
        }
    }
}
