package org.latentspark.tests.badinput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's table of bad inputs and the tests of this package name the same kinds, at least 40 of them. */
class BadInputCorpusTest {
    private static final List<Class<?>> KINDS = List.of(ConfigBadInputTest.class, ImageBadInputTest.class,
            NeuralBadInputTest.class, TextBadInputTest.class, StoredDataBadInputTest.class);

    @Test
    void theReadmeListsEveryBadInputTestAndNoOther() throws IOException {
        Set<String> tests = new TreeSet<>();
        for (Class<?> kind : KINDS) {
            for (Method method : kind.getDeclaredMethods()) {
                if (method.isAnnotationPresent(Test.class)) {
                    tests.add(kind.getSimpleName() + "." + method.getName());
                }
            }
        }
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("### Bad inputs, by kind");
        assertTrue(start >= 0, "the README has a section '### Bad inputs, by kind'");
        String section = readme.substring(start, readme.indexOf("\n#", start + 1));
        Set<String> listed = new TreeSet<>();
        Matcher row = Pattern.compile("^\\| [^|]+ \\| `(\\w+\\.\\w+)` \\|$", Pattern.MULTILINE).matcher(section);
        while (row.find()) {
            listed.add(row.group(1));
        }
        assertEquals(tests, listed, "README rows against the tests of package badinput");
        assertTrue(tests.size() >= 40, tests.size() + " kinds");
    }
}
