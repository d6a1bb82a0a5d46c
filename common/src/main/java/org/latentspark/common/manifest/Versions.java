package org.latentspark.common.manifest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Versions of everything that shapes a result, for the run manifest. */
public final class Versions {
    private Versions() {
    }

    public static ObjectNode collect() {
        ObjectNode v = Json.object();
        v.put("latentspark", orUnknown(Versions.class.getPackage().getImplementationVersion(), buildProperty("version")));
        v.put("java", System.getProperty("java.version"));
        v.put("spark", org.apache.spark.package$.MODULE$.SPARK_VERSION());
        v.put("scala", scala.util.Properties.versionNumberString());
        v.put("dl4j", orUnknown(org.deeplearning4j.nn.graph.ComputationGraph.class.getPackage().getImplementationVersion(),
                buildProperty("dl4j.version")));
        v.put("nd4j_backend", org.nd4j.linalg.factory.Nd4j.getBackend().getClass().getSimpleName());
        return v;
    }

    /** The git commit the code was built from, or "unknown" outside a git checkout. */
    public static String gitCommit() {
        return buildProperty("git.commit");
    }

    private static String orUnknown(String value, String fallback) {
        return value != null ? value : fallback;
    }

    private static String buildProperty(String key) {
        try (InputStream in = Versions.class.getResourceAsStream("/latentspark/build.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String value = p.getProperty(key, "unknown");
            return value.isBlank() || value.startsWith("${") ? "unknown" : value;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
