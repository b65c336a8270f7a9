package dev.praxis.llm.local;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends llama.cpp's own log lines to SLF4J (debug, warnings and errors as such). */
final class NativeLog {

    private static final Logger log = LoggerFactory.getLogger("dev.praxis.llm.local.llama");

    private NativeLog() {
    }

    static void forward(String level, String message) {
        String line = message == null ? "" : message.stripTrailing();
        switch (level) {
            case "ERROR" -> log.error(line);
            case "WARN" -> log.warn(line);
            default -> log.debug(line);
        }
    }
}
