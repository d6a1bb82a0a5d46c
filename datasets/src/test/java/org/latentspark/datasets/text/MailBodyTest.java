package org.latentspark.datasets.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MailBodyTest {
    private static String body(String message) {
        return MailBody.text(message.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void headersAreDroppedIncludingFoldedOnes() {
        String message = "From someone@example.com  Tue Aug  6 11:51:02 2002\n"
                + "Received: from a\n\tby b\n"
                + "Subject: hello\n"
                + "\n"
                + "Body line one.\nBody line two.\n";

        assertEquals("Body line one.\nBody line two.\n", body(message));
    }

    @Test
    void crlfLineEndsAreHandled() {
        assertEquals("Body\r\n", body("Subject: x\r\n\r\nBody\r\n"));
    }

    @Test
    void quotedPrintableIsDecodedInTheDeclaredCharset() {
        String message = "Content-Type: text/plain; charset=\"iso-8859-1\"\n"
                + "Content-Transfer-Encoding: quoted-printable\n\n"
                + "Caf=E9 cr=E8me, a soft=\nbreak, and a literal = sign=20\n";

        assertEquals("Café crème, a softbreak, and a literal = sign \n", body(message));
    }

    @Test
    void quotedPrintableByHand() {
        byte[] decoded = MailBody.quotedPrintable("a=3Db=\r\nc= \nd=zz".getBytes(StandardCharsets.US_ASCII));

        assertArrayEquals("a=bcd=zz".getBytes(StandardCharsets.US_ASCII), decoded);
    }

    @Test
    void base64IsDecoded() {
        String message = "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n"
                + "SGVsbG8sIHfDtnJs\nZCE=\n";

        assertEquals("Hello, wörld!", body(message));
    }

    @Test
    void htmlLosesTagsScriptsStylesAndCommentsAndKeepsEntitiesAsText() {
        String message = "Content-Type: text/html\n\n"
                + "<html><head><title>t</title><style>p {color: red}</style></head>"
                + "<body><!-- hidden --><p>Fish &amp; chips</p><script>var x = 1;</script>caf&eacute;</body></html>";

        assertEquals("Fish & chips café", body(message).replaceAll("\\s+", " ").trim());
    }

    @Test
    void alternativePrefersPlainTextAndMixedKeepsTextPartsOnly() {
        String message = "Content-Type: multipart/mixed; boundary=\"outer\"\n\n"
                + "preamble\n"
                + "--outer\n"
                + "Content-Type: multipart/alternative; boundary=inner\n\n"
                + "--inner\nContent-Type: text/html\n\n<p>html version</p>\n"
                + "--inner\nContent-Type: text/plain\n\nplain version\n"
                + "--inner--\n"
                + "--outer\nContent-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\nAAECAw==\n"
                + "--outer\nContent-Type: message/rfc822\n\nSubject: forwarded\n\nforwarded body\n"
                + "--outer--\n"
                + "epilogue\n";

        assertEquals("plain version\n\n\nforwarded body\n", body(message));
    }

    @Test
    void alternativeWithoutPlainTextTakesTheHtml() {
        String message = "Content-Type: multipart/alternative; boundary=b\n\n"
                + "--b\nContent-Type: image/gif\n\nGIF89a\n"
                + "--b\nContent-Type: text/html\n\n<b>only</b> html\n--b--\n";

        assertEquals("only html", body(message).replaceAll("\\s+", " ").trim());
    }

    @Test
    void undeclaredEightBitBodiesAreUtf8WhenValidElseWindows1252() {
        byte[] utf8 = "Subject: x\n\nnaïve\n".getBytes(StandardCharsets.UTF_8);
        byte[] latin = "Subject: x\n\nna\u00efve \u0093quoted\u0094\n".getBytes(StandardCharsets.ISO_8859_1);

        assertEquals("naïve\n", MailBody.text(utf8));
        assertEquals("naïve \u201cquoted\u201d\n", MailBody.text(latin));
    }

    @Test
    void unknownCharsetAndMissingBoundaryDoNotFail() {
        assertEquals("text\n", body("Content-Type: text/plain; charset=unknown-8bit\n\ntext\n"));
        assertEquals("--x\nraw\n", body("Content-Type: multipart/mixed\n\n--x\nraw\n"));
    }

    @Test
    void plainTextHoldingHtmlLosesItsTags() {
        String message = "Content-Type: text/plain\n\n<html><body><style>td {font-size: 9pt}</style>"
                + "<font size=\"2\">Act now</font>&nbsp;today</body></html>\n";

        assertEquals("Act now \u00a0today", body(message).strip());
    }

    @Test
    void aMessageWithoutContentTypeWhoseBodyIsMimePartsIsReadAsMultipart() {
        String message = "Subject: lost headers\n\n"
                + "--b1\nContent-Type: text/plain\n\nplain part\n"
                + "--b1\nContent-Type: text/html\n\n<p>html part</p>\n"
                + "--b1--\n";

        assertEquals("plain part\n\n html part", body(message).stripTrailing());
    }
}
