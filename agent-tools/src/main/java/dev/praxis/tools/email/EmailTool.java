package dev.praxis.tools.email;

import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.Tool;
import dev.praxis.tool.ToolContext;
import dev.praxis.tool.ToolException;
import dev.praxis.tools.internal.Args;
import dev.praxis.tools.internal.JsonTool;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;

/**
 * {@code send_email}: sends a plain-text e-mail through SMTP with Jakarta Mail. Classified
 * {@link SideEffect#EXTERNAL} (a sent message cannot be taken back), so a toolbox with
 * {@code ApprovalPolicy.standard()} asks a person first.
 *
 * <pre>{@code
 * Tool mail = EmailTool.builder("smtp.example.org", 587, "agent@example.org")
 *         .credentials("agent@example.org", System.getenv("SMTP_PASSWORD"))
 *         .startTls(true)
 *         .allowedRecipientDomains("example.org")
 *         .build();
 * }</pre>
 *
 * <p>Threat model: the model (or text it read) chooses recipients, subject and body. Refused:
 * malformed or non-ASCII-safe addresses, display names and groups, CR/LF in any header value
 * (header injection such as {@code "a@x.org\r\nBcc: evil@y.org"}), more than
 * {@code maxRecipients} recipients, recipients outside the allowed domains (when set),
 * subjects over 200 and bodies over 100,000 characters. The call's idempotency key is sent as
 * {@code X-Praxis-Idempotency-Key} and remembered: a repeated call with the same key (e.g. after
 * a resume) is not sent twice. The password is never logged or shown.
 */
public final class EmailTool {

    private static final int MAX_SUBJECT = 200;
    private static final int MAX_BODY = 100_000;
    private static final int REMEMBERED_KEYS = 10_000;

    private final String from;
    private final Session session;
    private final String user;
    private final String password;
    private final Set<String> allowedDomains;
    private final int maxRecipients;
    private final Map<String, String> sent = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > REMEMBERED_KEYS;
        }
    });

    private EmailTool(Builder b) {
        this.from = b.from;
        this.user = b.user;
        this.password = b.password;
        this.allowedDomains = Set.copyOf(b.allowedDomains);
        this.maxRecipients = b.maxRecipients;
        Properties props = new Properties();
        props.put("mail.smtp.host", b.host);
        props.put("mail.smtp.port", String.valueOf(b.port));
        props.put("mail.smtp.auth", String.valueOf(b.user != null));
        props.put("mail.smtp.starttls.enable", String.valueOf(b.startTls));
        props.put("mail.smtp.starttls.required", String.valueOf(b.startTls));
        String millis = String.valueOf(b.timeout.toMillis());
        props.put("mail.smtp.connectiontimeout", millis);
        props.put("mail.smtp.timeout", millis);
        props.put("mail.smtp.writetimeout", millis);
        this.session = Session.getInstance(props);
    }

    /** Configures the tool for an SMTP server at {@code host:port}, sending as {@code from}. */
    public static Builder builder(String host, int port, String from) {
        return new Builder(host, port, from);
    }

    private Tool tool() {
        JsonObjectSchema schema = JsonObjectSchema.builder()
                .addProperty("to", JsonArraySchema.builder().description("recipient addresses, e.g. ['ana@example.org']")
                        .items(JsonStringSchema.builder().build()).build())
                .addStringProperty("subject", "the subject line (at most " + MAX_SUBJECT + " characters)")
                .addStringProperty("body", "the plain-text body")
                .required("to", "subject", "body").build();
        return new JsonTool("send_email", "Sends a plain-text e-mail. It cannot be unsent.", schema,
                SideEffect.EXTERNAL, this::send);
    }

    private String send(Args args, ToolContext context) {
        List<InternetAddress> recipients = recipients(args.scalars("to"));
        String subject = args.string("subject");
        String body = args.optionalString("body").orElse("");
        if (subject.length() > MAX_SUBJECT || subject.indexOf('\r') >= 0 || subject.indexOf('\n') >= 0) {
            throw new ToolException("the subject must be one line of at most " + MAX_SUBJECT + " characters");
        }
        if (body.length() > MAX_BODY) {
            throw new ToolException("the body is longer than " + MAX_BODY + " characters");
        }
        String key = context.idempotencyKey();
        if (!key.isEmpty() && sent.containsKey(key)) {
            return "already sent (idempotency key " + key + "): " + sent.get(key) + "; not sent again";
        }
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(from, true));
            message.setRecipients(Message.RecipientType.TO, recipients.toArray(InternetAddress[]::new));
            message.setSubject(subject, StandardCharsets.UTF_8.name());
            message.setText(body, StandardCharsets.UTF_8.name());
            message.setSentDate(new Date());
            if (!key.isEmpty()) {
                message.setHeader("X-Praxis-Idempotency-Key", key);
            }
            Transport.send(message, user, password);
            String summary = "sent '" + subject + "' to " + String.join(", ", recipients.stream().map(InternetAddress::getAddress).toList());
            if (!key.isEmpty()) {
                sent.put(key, summary);
            }
            return summary;
        } catch (MessagingException e) {
            throw new ToolException("the mail server did not accept the message: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("")), true);
        }
    }

    private List<InternetAddress> recipients(List<Object> values) {
        if (values.isEmpty()) {
            throw new ToolException("give at least one recipient in 'to'");
        }
        if (values.size() > maxRecipients) {
            throw new ToolException(values.size() + " recipients are more than the limit of " + maxRecipients);
        }
        List<InternetAddress> out = new ArrayList<>();
        for (Object value : values) {
            out.add(recipient(String.valueOf(value)));
        }
        return out;
    }

    private InternetAddress recipient(String text) {
        if (text.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new ToolException("recipient '" + text.replaceAll("\\p{Cntrl}", "?") + "' contains control characters");
        }
        InternetAddress address;
        try {
            address = new InternetAddress(text.strip(), true);
            address.validate();
        } catch (AddressException e) {
            throw new ToolException("'" + text + "' is not a valid e-mail address: " + e.getMessage());
        }
        if (address.isGroup() || address.getPersonal() != null || !address.getAddress().equals(text.strip())) {
            throw new ToolException("'" + text + "' must be a bare address such as name@example.org");
        }
        String domain = address.getAddress().substring(address.getAddress().lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        if (!allowedDomains.isEmpty() && !allowedDomains.contains(domain)) {
            throw new ToolException("'" + text + "' is outside the allowed recipient domains " + allowedDomains.stream().sorted().toList());
        }
        return address;
    }

    /** Configures {@link EmailTool}. */
    public static final class Builder {
        private final String host;
        private final int port;
        private final String from;
        private String user;
        private String password;
        private boolean startTls;
        private Duration timeout = Duration.ofSeconds(20);
        private final List<String> allowedDomains = new ArrayList<>();
        private int maxRecipients = 10;

        private Builder(String host, int port, String from) {
            this.host = Objects.requireNonNull(host, "host");
            this.port = port;
            this.from = Objects.requireNonNull(from, "from");
        }

        /** Authenticates with {@code user} and {@code password} (never logged). */
        public Builder credentials(String user, String password) {
            this.user = Objects.requireNonNull(user, "user");
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /** Requires STARTTLS (do so for any server that is not on loopback). */
        public Builder startTls(boolean startTls) {
            this.startTls = startTls;
            return this;
        }

        /** Connect, read and write timeout. */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Only these recipient domains (exact match, case-insensitive); none set means any. */
        public Builder allowedRecipientDomains(String... domains) {
            for (String domain : domains) {
                allowedDomains.add(domain.toLowerCase(Locale.ROOT));
            }
            return this;
        }

        /** The most recipients of one message (default 10). */
        public Builder maxRecipients(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxRecipients must be at least 1");
            }
            this.maxRecipients = max;
            return this;
        }

        /** The tool. */
        public Tool build() {
            try {
                new InternetAddress(from, true).validate();
            } catch (AddressException e) {
                throw new IllegalArgumentException("sender '" + from + "' is not a valid address: " + e.getMessage(), e);
            }
            return new EmailTool(this).tool();
        }
    }
}
