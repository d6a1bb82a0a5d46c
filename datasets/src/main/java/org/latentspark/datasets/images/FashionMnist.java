package org.latentspark.datasets.images;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Locates Fashion-MNIST as the Debian package {@code dataset-fashion-mnist} installs it, so jobs and tests
 * can use the real dataset without downloading anything. Labels are the ten clothing classes, 0 to 9.
 */
public final class FashionMnist {
    /** The Debian package that installs it. */
    public static final String DEBIAN_PACKAGE = "dataset-fashion-mnist";
    /** Where the Debian package puts the four gzip IDX files. */
    public static final Path DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    /** The four IDX files, as file: URIs so that they resolve locally whatever Hadoop's default file system is. */
    public record IdxFiles(String trainImages, String trainLabels, String testImages, String testLabels) {
        /** The 60,000 training images, ids {@code fashion-train-000000} on. */
        public IdxImageSource train() {
            return new IdxImageSource(trainImages, trainLabels, "fashion-train");
        }

        /** The 10,000 test images, ids {@code fashion-test-000000} on. */
        public IdxImageSource test() {
            return new IdxImageSource(testImages, testLabels, "fashion-test");
        }
    }

    private FashionMnist() {
    }

    /** The installed files, or empty when the package is not installed. */
    public static Optional<IdxFiles> installed() {
        return in(DEBIAN_DIR);
    }

    /** The files in a folder laid out like the Debian package's, or empty when any is missing. */
    public static Optional<IdxFiles> in(Path dir) {
        String[] names = {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"};
        if (!Stream.of(names).allMatch(n -> Files.isRegularFile(dir.resolve(n)))) {
            return Optional.empty();
        }
        String[] uris = Stream.of(names).map(n -> dir.resolve(n).toUri().toString()).toArray(String[]::new);
        return Optional.of(new IdxFiles(uris[0], uris[1], uris[2], uris[3]));
    }
}
