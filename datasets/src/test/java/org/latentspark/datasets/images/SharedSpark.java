package org.latentspark.datasets.images;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One local SparkSession for every test class that extends with it: starting Spark takes seconds, so classes
 * share it, and it is stopped when the root test context closes, after all tests.
 */
public final class SharedSpark implements BeforeAllCallback {
    private static SparkSession spark;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(SharedSpark.class, key -> start(), Stopper.class);
    }

    public static SparkSession spark() {
        if (spark == null) {
            throw new IllegalStateException("annotate the test class with @ExtendWith(SharedSpark.class)");
        }
        return spark;
    }

    private static Stopper start() {
        spark = SparkSession.builder()
                .master("local[2]")
                .appName("latentspark-images-tests")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4")
                .getOrCreate();
        return new Stopper();
    }

    private static final class Stopper implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            spark.stop();
            spark = null;
        }
    }
}
