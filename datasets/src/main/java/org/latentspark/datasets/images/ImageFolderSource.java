package org.latentspark.datasets.images;

import java.io.IOException;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.fs.LocatedFileStatus;
import java.util.ArrayList;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.latentspark.common.UserInputException;
import org.latentspark.common.schema.ImageSchema;

/**
 * Image files under a folder, recursively, read with Spark's built-in {@code image} data source so that
 * listing and decoding are distributed. Only files with the usual image extensions are read (see
 * {@link #EXTENSIONS}); like every Spark file source, names starting with {@code .} or {@code _} are ignored.
 * Files that do not decode are bad images, handled by the BadImagePolicy (FAIL by default). Images are
 * converted to the target shape by {@link ImageConverter}; Spark reads 16-bit grayscale as its low byte only.
 *
 * <p>Ids are the file paths relative to the folder, with {@code /} separators ({@code cat/001.png}). With
 * labels from folders, the label is the name of the file's immediate parent folder, numbered in sorted
 * (String) order of all such names: folders {@code cat, dog} give cat = 0, dog = 1, wherever they nest.
 * Every image then has to be inside a class folder.
 */
public final class ImageFolderSource implements ImageSource {
    /** Extensions read, in lower or upper case. */
    public static final List<String> EXTENSIONS = List.of("png", "jpg", "jpeg", "gif", "bmp", "wbmp");

    private final String folder;
    private final ImageConverter converter;
    private final boolean labelsFromFolders;
    private final BadImagePolicy onBadImage;
    private BadImages badImages;

    /**
     * @param folder            the folder, any Hadoop URI
     * @param target            the shape of the records; channels 1 (grayscale) or 3 (RGB)
     * @param labelsFromFolders label each image by its parent folder's name, else leave labels null
     * @param onBadImage        FAIL or SKIP on files that are not decodable images
     */
    public ImageFolderSource(String folder, ImageShape target, boolean labelsFromFolders, BadImagePolicy onBadImage) {
        this.folder = Objects.requireNonNull(folder, "folder");
        this.converter = new ImageConverter(target);
        this.labelsFromFolders = labelsFromFolders;
        this.onBadImage = Objects.requireNonNull(onBadImage, "onBadImage");
    }

    /** Fails on bad images. */
    public ImageFolderSource(String folder, ImageShape target, boolean labelsFromFolders) {
        this(folder, target, labelsFromFolders, BadImagePolicy.FAIL);
    }

    @Override
    public Dataset<Row> read(SparkSession spark) {
        String root = qualifiedFolder(spark);
        Dataset<Row> images = spark.read().format("image")
                .option("dropInvalid", false)
                .option("recursiveFileLookup", true)
                .option("pathGlobFilter", extensionGlob())
                .load(folder);
        // inputFiles() comes from the file listing alone, so an empty folder is caught before any job runs.
        String[] files = images.inputFiles();
        if (files.length == 0) {
            throw new UserInputException("no images in " + folder + " (looked for files ending in ."
                    + String.join(", .", EXTENSIONS) + ")");
        }
        Map<String, Integer> labels = labelsFromFolders ? labelIndex(files, root) : null;
        // Locals, so that the task closure does not capture this source, which is not serializable.
        ImageConverter converter = this.converter;
        String folder = this.folder;
        BadImages bad = new BadImages(spark, onBadImage, "bad images in " + folder);
        badImages = bad;
        // Spark's file sources skip empty files without a word; an empty file named as an image is a bad image.
        for (String empty : emptyFiles(spark, root)) {
            bad.handle(empty, "not a readable image: " + empty + " in " + folder + " is empty (0 bytes)");
        }
        FlatMapFunction<Row, Row> convert = row -> {
            Row image = row.getStruct(0);
            String id = relativePath(image.getString(0), root);
            byte[] pixels = converter.fromSparkImage(image.getInt(1), image.getInt(2), image.getInt(3), image.getAs(5));
            if (pixels == null) {
                bad.handle(id, "not a readable image: " + id + " in " + folder);
                return Collections.emptyIterator();
            }
            Integer label = labels == null ? null : labels.get(parentName(id));
            return Collections.singletonList(converter.record(id, pixels, label)).iterator();
        };
        return images.flatMap(convert, Encoders.row(ImageSchema.RECORD));
    }

    @Override
    public long skipped() {
        return badImages == null ? 0 : badImages.count();
    }

    /** The folder's absolute path without scheme, which prefixes the path of every file Spark lists in it. */
    private String qualifiedFolder(SparkSession spark) {
        Path path = new Path(folder);
        try {
            FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(path)) {
                throw new UserInputException("image folder not found: " + folder);
            }
            FileStatus status = fs.getFileStatus(path);
            if (!status.isDirectory()) {
                throw new UserInputException("not a folder: " + folder);
            }
            return status.getPath().toUri().getPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot access image folder " + folder, e);
        }
    }

    private Map<String, Integer> labelIndex(String[] files, String root) {
        TreeSet<String> names = new TreeSet<>();
        for (String file : files) {
            String id = relativePath(file, root);
            if (!id.contains("/")) {
                throw new UserInputException("image " + id + " is directly in " + folder
                        + "; with labels from folders every image must be in a class folder");
            }
            names.add(parentName(id));
        }
        Map<String, Integer> index = new HashMap<>();
        for (String name : names) {
            index.put(name, index.size());
        }
        return index;
    }

    /** The image files of zero bytes under the folder, relative to it. */
    private List<String> emptyFiles(SparkSession spark, String root) {
        Path path = new Path(folder);
        List<String> empty = new ArrayList<>();
        try {
            FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
            RemoteIterator<LocatedFileStatus> files = fs.listFiles(path, true);
            while (files.hasNext()) {
                LocatedFileStatus file = files.next();
                String name = file.getPath().getName();
                int dot = name.lastIndexOf('.');
                if (file.getLen() == 0 && dot >= 0
                        && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT))) {
                    empty.add(relativePath(file.getPath().toUri().toString(), root));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list image folder " + folder, e);
        }
        Collections.sort(empty);
        return empty;
    }

    /** The path of a file (a URI string as Spark gives it) relative to the root folder. */
    static String relativePath(String fileUri, String root) {
        String path = URI.create(fileUri).getPath();
        String prefix = root.endsWith("/") ? root : root + "/";
        if (!path.startsWith(prefix)) {
            throw new IllegalStateException(fileUri + " is not under " + root);
        }
        return path.substring(prefix.length());
    }

    private static String parentName(String relativePath) {
        String parent = relativePath.substring(0, relativePath.lastIndexOf('/'));
        return parent.substring(parent.lastIndexOf('/') + 1);
    }

    /** A glob matching the extensions in either case, e.g. {@code *.{png,PNG,jpg,JPG}}. */
    private static String extensionGlob() {
        StringBuilder glob = new StringBuilder("*.{");
        for (String extension : EXTENSIONS) {
            glob.append(extension).append(',').append(extension.toUpperCase()).append(',');
        }
        glob.setLength(glob.length() - 1);
        return glob.append('}').toString();
    }
}
