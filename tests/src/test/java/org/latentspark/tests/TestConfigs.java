package org.latentspark.tests;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Configuration files the tests run with (under src/test/resources). */
final class TestConfigs {
    private TestConfigs() {
    }

    static Path sprites() {
        return resource("/sprites-test.conf");
    }

    static Path lorenz() {
        return resource("/lorenz-test.conf");
    }

    static Path resource(String name) {
        try {
            return Path.of(TestConfigs.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
