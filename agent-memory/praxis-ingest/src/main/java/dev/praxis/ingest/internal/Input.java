package dev.praxis.ingest.internal;

import dev.praxis.ingest.IngestException;
import dev.praxis.ingest.IngestException.Problem;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;

/** Bounded reading and strict decoding of loader input. Not API. */
public final class Input {

    private Input() {
    }

    /** All bytes of {@code in}, failing with TOO_LARGE as soon as more than {@code maxBytes} arrive. */
    public static byte[] read(String source, InputStream in, long maxBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                total += n;
                if (total > maxBytes) {
                    throw new IngestException(Problem.TOO_LARGE, source, "more than " + maxBytes + " bytes");
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new IngestException(Problem.UNREADABLE, source, e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /**
     * {@code bytes} decoded strictly in {@code charset} (a UTF-8 byte order mark is dropped);
     * malformed bytes and NUL characters fail with BAD_ENCODING naming the offset.
     */
    public static String decode(String source, byte[] bytes, Charset charset) {
        int start = charset.equals(StandardCharsets.UTF_8) && bytes.length >= 3
                && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf ? 3 : 0;
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        String text;
        try {
            CharBuffer out = decoder.decode(in);
            text = out.toString();
        } catch (MalformedInputException e) {
            throw new IngestException(Problem.BAD_ENCODING, source, "bytes at offset " + (in.position() + start)
                    + " are not valid " + charset.name(), e);
        } catch (CharacterCodingException e) {
            throw new IngestException(Problem.BAD_ENCODING, source, "not valid " + charset.name(), e);
        }
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            throw new IngestException(Problem.BAD_ENCODING, source, "a NUL character at character " + nul
                    + ": binary data, not " + charset.name() + " text");
        }
        return text;
    }
}
