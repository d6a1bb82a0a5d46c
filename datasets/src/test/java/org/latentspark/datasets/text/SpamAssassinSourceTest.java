package org.latentspark.datasets.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.latentspark.datasets.images.SharedSpark;

@ExtendWith(SharedSpark.class)
class SpamAssassinSourceTest {
    @TempDir
    Path root;

    /** The package's layout in miniature: data/GROUP/NNNNN.MD5.txt raw messages, beside JSON copies and an index. */
    private Path writePackage() {
        TextTestData.write(root, "data/spam-2/00001.317e78fa8ee2f54cd4890fdc09ba8176.txt",
                "From: a@example.com\nContent-Type: text/html\n\n<p>Buy <b>now</b></p>\n");
        TextTestData.write(root, "data/spam-2/00001.317e78fa8ee2f54cd4890fdc09ba8176.json", "{\"text\": \"copy\"}");
        TextTestData.write(root, "data/easy-ham-1/00002.9c4069e25e1ef370c078db7ee85ff9ac.txt",
                "From: b@example.com\nSubject: hi\n\nSee you at lunch.\n");
        TextTestData.write(root, "data/file_list.json", "[]");
        TextTestData.write(root, "package.json", "{}");
        return root;
    }

    @Test
    void readsMessageBodiesFromThePackageFolder() {
        Map<String, String> docs = TextTestData.texts(
                new SpamAssassinSource(writePackage().toString()).read(SharedSpark.spark()));

        assertEquals(2, docs.size());
        assertEquals("See you at lunch.\n", docs.get("easy-ham-1/00002"));
        assertEquals("Buy now", docs.get("spam-2/00001").replaceAll("\\s+", " ").trim());
    }

    @Test
    void readsTheDataFolderToo() {
        Map<String, String> docs = TextTestData.texts(
                new SpamAssassinSource(writePackage().resolve("data").toString()).read(SharedSpark.spark()));

        assertEquals(java.util.Set.of("easy-ham-1/00002", "spam-2/00001"), docs.keySet());
    }
}
