package org.latentspark.tests;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Configuration files the tests run with (under src/test/resources). */
final class TestConfigs {
    private TestConfigs() {
    }

    static Path sprites() {
        try {
            return Path.of(TestConfigs.class.getResource("/sprites-test.conf").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
