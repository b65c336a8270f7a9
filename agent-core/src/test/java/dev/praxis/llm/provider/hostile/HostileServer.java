package dev.praxis.llm.provider.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A model server on loopback that misbehaves on purpose, written on a raw socket so it can do
 * what a well-behaved HTTP server library would not: stall before the headers, stall or cut
 * the connection in the middle of a body or a chunked stream. Each request is answered by the
 * reply its index picks from the script; every request body is recorded. Stalls last until the
 * server is closed (a latch, not a sleep).
 */
final class HostileServer implements AutoCloseable {

    /** How a reply's body ends. */
    enum End {
        /** The body is complete. */
        COMPLETE,
        /** The connection stays open and silent until the server closes. */
        STALL,
        /** The connection is closed where the body stops, without finishing it. */
        CUT
    }

    /**
     * One scripted reply. {@code chunks} are written one by one, flushed; a chunked reply frames
     * each as an HTTP chunk, otherwise the body has a Content-Length of {@code declaredLength}
     * (the full length, even when the chunks stop short of it).
     */
    record Reply(int status, Map<String, String> headers, List<String> chunks, boolean chunked, End end,
                 boolean hangBeforeHeaders) {

        static Reply json(int status, String body) {
            return new Reply(status, Map.of("Content-Type", "application/json"), List.of(body), false, End.COMPLETE,
                    false);
        }

        static Reply body(int status, String contentType, String body) {
            return new Reply(status, Map.of("Content-Type", contentType), List.of(body), false, End.COMPLETE, false);
        }

        static Reply stream(String contentType, List<String> chunks, End end) {
            return new Reply(200, Map.of("Content-Type", contentType), chunks, true, end, false);
        }

        static Reply hang() {
            return new Reply(200, Map.of(), List.of(), false, End.STALL, true);
        }

        /** A JSON body whose first {@code sent} characters arrive, then {@code end}. */
        static Reply partialJson(String body, int sent, End end) {
            return new Reply(200, Map.of("Content-Type", "application/json", "Content-Length",
                    String.valueOf(body.getBytes(StandardCharsets.UTF_8).length)),
                    List.of(body.substring(0, sent)), false, end, false);
        }

        Reply withHeader(String name, String value) {
            Map<String, String> all = new LinkedHashMap<>(headers);
            all.put(name, value);
            return new Reply(status, all, chunks, chunked, end, hangBeforeHeaders);
        }
    }

    private final ServerSocket socket;
    private final IntFunction<Reply> script;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger served = new AtomicInteger();
    final List<String> requests = new CopyOnWriteArrayList<>();

    /** Starts a server answering request {@code i} (from 0) with {@code script.apply(i)}. */
    HostileServer(IntFunction<Reply> script) throws IOException {
        this.script = script;
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "hostile-server-" + socket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + socket.getLocalPort() + path;
    }

    /** How many requests reached the server. */
    int requestCount() {
        return requests.size();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                open.add(client);
                Thread t = new Thread(() -> serve(client), "hostile-exchange");
                t.setDaemon(true);
                t.start();
            } catch (IOException closedOrFailed) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            String head = readHead(in);
            int length = contentLength(head);
            requests.add(new String(in.readNBytes(length), StandardCharsets.UTF_8));
            Reply reply = script.apply(served.getAndIncrement());
            OutputStream out = client.getOutputStream();
            if (reply.hangBeforeHeaders()) {
                closed.await();
                return;
            }
            out.write(statusAndHeaders(reply).getBytes(StandardCharsets.UTF_8));
            out.flush();
            for (String chunk : reply.chunks()) {
                byte[] bytes = chunk.getBytes(StandardCharsets.UTF_8);
                if (reply.chunked()) {
                    out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(bytes);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                } else {
                    out.write(bytes);
                }
                out.flush();
            }
            switch (reply.end()) {
                case COMPLETE -> {
                    if (reply.chunked()) {
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.flush();
                }
                case STALL -> closed.await();
                case CUT -> client.setSoLinger(true, 0); // close with a reset, mid-body
            }
        } catch (IOException | InterruptedException clientGoneOrServerClosed) {
            // the client hung up (a timeout doing its job) or the test is over
        }
    }

    private static String statusAndHeaders(Reply reply) {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(reply.status()).append(' ')
                .append(reason(reply.status())).append("\r\nConnection: close\r\n");
        reply.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        if (reply.chunked()) {
            head.append("Transfer-Encoding: chunked\r\n");
        } else if (reply.headers().keySet().stream().noneMatch(k -> k.equalsIgnoreCase("Content-Length"))) {
            int length = reply.chunks().stream().mapToInt(c -> c.getBytes(StandardCharsets.UTF_8).length).sum();
            head.append("Content-Length: ").append(length).append("\r\n");
        }
        return head.append("\r\n").toString();
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("client closed before the end of the request head");
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return 0;
    }

    @Override
    public void close() {
        closed.countDown();
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
        List<Socket> sockets = new ArrayList<>(open);
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }
}
