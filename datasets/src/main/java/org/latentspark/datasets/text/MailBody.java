package org.latentspark.datasets.text;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.text.StringEscapeUtils;

/**
 * The readable text of an e-mail's body (RFC 5322 message, MIME parts per RFC 2045-2046), without its headers.
 * What a reader of the message sees, and no more: text/plain parts as they are, text/html and text/enriched
 * parts (and text/plain parts that hold HTML tags, as much spam does) without tags, scripts, styles and comments,
 * with entities decoded; from a multipart/alternative the
 * plain-text alternative when it has one; attachments, signatures and other non-text parts dropped; forwarded
 * messages (message/rfc822) by their bodies. Base64 and quoted-printable are decoded, and bytes are decoded in the
 * part's declared charset. Real mail, and spam above all, is often malformed, so parsing never fails: an unknown
 * charset, or bytes invalid in the declared one, fall back to UTF-8 when valid, else windows-1252; a multipart
 * without its boundary is read as plain text, and a message without Content-Type whose body is MIME parts (a
 * {@code --boundary} line followed by a Content-Type field) as multipart/mixed.
 */
final class MailBody {
    private static final Pattern BOUNDARY = parameter("boundary");
    private static final Pattern CHARSET = parameter("charset");
    private static final Pattern INVISIBLE_HTML = Pattern.compile(
            "(?is)<!--.*?-->|<script\\b.*?</script\\s*>|<style\\b.*?</style\\s*>|<head\\b.*?</head\\s*>");
    private static final Pattern TAG = Pattern.compile("<[^<>]*+>");
    private static final Pattern HTML_TAG = Pattern.compile("(?i)<(?:html|body|p|br|div|font|table)\\b[^<>]*+>");
    private static final Pattern UNDECLARED_BOUNDARY = Pattern.compile("(?m)^--(\\S++)[ \t]*\r?\n(?i:content-type:)");
    private static final Pattern BLANK_LINE = Pattern.compile("\r?\n\r?\n");
    private static final Pattern FIELD_START = Pattern.compile("\r?\n(?![ \t])");
    private static final Pattern FOLD = Pattern.compile("\r?\n[ \t]+");
    private static final Pattern NOT_BASE64 = Pattern.compile("[^A-Za-z0-9+/=]");
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private MailBody() {
    }

    /** The text of the body of {@code message}, its raw bytes. */
    static String text(byte[] message) {
        return text(Part.parse(new String(message, StandardCharsets.ISO_8859_1)));
    }

    private static String text(Part part) {
        String type = part.type();
        if (type.startsWith("multipart/")) {
            Matcher boundary = BOUNDARY.matcher(part.contentType());
            if (boundary.find()) {
                return multipart(type, parts(part.body(), value(boundary)));
            }
            type = "text/plain";
        }
        if (part.contentType().isEmpty()) {
            // Messages whose headers lost their Content-Type but whose body is MIME parts.
            Matcher boundary = UNDECLARED_BOUNDARY.matcher(part.body());
            if (boundary.find()) {
                return multipart("multipart/mixed", parts(part.body(), boundary.group(1)));
            }
        }
        if (type.equals("message/rfc822")) {
            return text(Part.parse(new String(transferDecoded(part), StandardCharsets.ISO_8859_1)));
        }
        if (!type.equals("text/plain") && !type.equals("text/html") && !type.equals("text/enriched")) {
            return "";
        }
        Matcher charset = CHARSET.matcher(part.contentType());
        String text = decode(transferDecoded(part), charset.find() ? value(charset) : null);
        // Much spam sends HTML as text/plain.
        return type.equals("text/plain") && !HTML_TAG.matcher(text).find() ? text : withoutTags(text);
    }

    private static String multipart(String type, List<Part> parts) {
        if (type.equals("multipart/alternative")) {
            for (Part part : parts) {
                if (part.type().equals("text/plain")) {
                    return text(part);
                }
            }
            // No plain alternative: the first that has text.
            for (Part part : parts) {
                String text = text(part);
                if (!text.isBlank()) {
                    return text;
                }
            }
            return "";
        }
        List<String> texts = new ArrayList<>();
        for (Part part : parts) {
            texts.add(text(part));
        }
        return String.join("\n", texts);
    }

    /** The parts between {@code --boundary} lines, without the preamble and epilogue. */
    private static List<Part> parts(String body, String boundary) {
        List<Part> parts = new ArrayList<>();
        String delimiter = "--" + boundary;
        StringBuilder part = null;
        for (String line : body.split("\n", -1)) {
            String trimmed = line.stripTrailing();
            if (trimmed.equals(delimiter) || trimmed.equals(delimiter + "--")) {
                if (part != null) {
                    parts.add(Part.parse(part.toString()));
                }
                if (trimmed.length() > delimiter.length()) {
                    return parts;
                }
                part = new StringBuilder();
            } else if (part != null) {
                part.append(line).append('\n');
            }
        }
        if (part != null) {
            parts.add(Part.parse(part.toString()));
        }
        return parts;
    }

    /**
     * A message or MIME part whose chars are its bytes (ISO-8859-1 maps each byte to the same char), so that
     * boundaries and encodings are handled as text and the bytes recovered for decoding.
     *
     * @param headers header fields by lower-case name, unfolded; the first of repeated fields wins
     */
    private record Part(Map<String, String> headers, String body) {
        static Part parse(String raw) {
            // The header ends at the first empty line; a part may start with it (no header).
            int end;
            if (raw.startsWith("\n") || raw.startsWith("\r\n")) {
                end = raw.indexOf('\n') + 1;
            } else {
                Matcher blank = BLANK_LINE.matcher(raw);
                end = blank.find() ? blank.end() : raw.length();
            }
            Map<String, String> headers = new HashMap<>();
            for (String field : FIELD_START.split(raw.substring(0, end))) {
                int colon = field.indexOf(':');
                if (colon > 0) {
                    headers.putIfAbsent(field.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            FOLD.matcher(field.substring(colon + 1)).replaceAll(" ").trim());
                }
            }
            return new Part(headers, raw.substring(end));
        }

        String contentType() {
            return headers.getOrDefault("content-type", "");
        }

        /** The media type, lower case; text/plain when absent (RFC 2045 5.2). */
        String type() {
            String type = contentType().split("[;\\s]", 2)[0].toLowerCase(Locale.ROOT);
            return type.isEmpty() ? "text/plain" : type;
        }
    }

    private static byte[] transferDecoded(Part part) {
        String encoding = part.headers().getOrDefault("content-transfer-encoding", "").toLowerCase(Locale.ROOT);
        if (encoding.equals("base64")) {
            return base64(part.body());
        }
        byte[] bytes = part.body().getBytes(StandardCharsets.ISO_8859_1);
        return encoding.equals("quoted-printable") ? quotedPrintable(bytes) : bytes;
    }

    /** Base64, leniently: characters outside the alphabet are ignored, and so is everything from the padding on. */
    static byte[] base64(String body) {
        String data = NOT_BASE64.matcher(body).replaceAll("");
        int padding = data.indexOf('=');
        data = padding < 0 ? data : data.substring(0, padding);
        // A single character left over encodes no byte.
        return Base64.getDecoder().decode(data.length() % 4 == 1 ? data.substring(0, data.length() - 1) : data);
    }

    /**
     * Quoted-printable (RFC 2045 6.7), leniently: {@code =XX} is byte XX, {@code =} at the end of a line (before
     * optional white space) joins the lines, and any other {@code =} stays as it is, as mail readers do.
     */
    static byte[] quotedPrintable(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            byte b = in[i];
            if (b != '=') {
                out.write(b);
                continue;
            }
            int j = i + 1;
            while (j < in.length && (in[j] == ' ' || in[j] == '\t')) {
                j++;
            }
            if (j < in.length && (in[j] == '\n' || in[j] == '\r')) {
                i = in[j] == '\r' && j + 1 < in.length && in[j + 1] == '\n' ? j + 1 : j;
            } else if (i + 2 < in.length && Character.digit(in[i + 1], 16) >= 0 && Character.digit(in[i + 2], 16) >= 0) {
                out.write(Character.digit(in[i + 1], 16) * 16 + Character.digit(in[i + 2], 16));
                i += 2;
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    /** Bytes in the declared charset if they are valid in it, else UTF-8 if valid, else windows-1252. */
    private static String decode(byte[] bytes, String declared) {
        Charset charset = null;
        try {
            charset = declared == null ? null : Charset.forName(declared);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            // Unknown to Java: fall through to the defaults.
        }
        // US-ASCII is the RFC's default, but 8-bit bodies that declare it (or nothing) are UTF-8 or Latin-1.
        if (charset != null && !charset.equals(StandardCharsets.US_ASCII)) {
            String text = strict(bytes, charset);
            if (text != null) {
                return text;
            }
        }
        String utf8 = strict(bytes, StandardCharsets.UTF_8);
        return utf8 != null ? utf8 : new String(bytes, WINDOWS_1252);
    }

    private static String strict(byte[] bytes, Charset charset) {
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException | UnsupportedOperationException e) {
            return null;
        }
    }

    /** HTML as a reader sees it: scripts, styles, the head and comments removed, tags as spaces, entities decoded. */
    static String withoutTags(String html) {
        String visible = INVISIBLE_HTML.matcher(html).replaceAll(" ");
        return StringEscapeUtils.unescapeHtml4(TAG.matcher(visible).replaceAll(" "));
    }

    private static Pattern parameter(String name) {
        return Pattern.compile("(?i);\\s*" + name + "\\s*=\\s*(?:\"([^\"]*)\"|([^;\\s\"]+))");
    }

    private static String value(Matcher parameter) {
        return parameter.group(1) != null ? parameter.group(1) : parameter.group(2);
    }
}
