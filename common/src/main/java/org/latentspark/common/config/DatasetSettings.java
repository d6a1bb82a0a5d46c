package org.latentspark.common.config;

import java.io.Serializable;
import java.util.List;
import org.latentspark.common.UserInputException;

/** The dataset section: which source to read, how to convert it, how to split and shard it. */
public record DatasetSettings(String name, String format, String path, String labelsPath,
                              int height, int width, int channels, boolean labelsFromFolders, String onBadImage,
                              String parquetImageColumn, String parquetIdColumn, String parquetLabelColumn,
                              int spritesCount, int spritesSize,
                              double validationFraction, double testFraction, int targetShardMb, String verify,
                              NeuralDataSettings neural, TextDataSettings text)
        implements Serializable {

    public static final String SPRITES = "sprites";
    public static final String IDX = "idx";
    public static final String IMAGE_FOLDER = "image-folder";
    public static final String IMAGE_PARQUET = "image-parquet";
    public static final String NWB = "nwb";
    public static final String KILOSORT = "kilosort";
    public static final String LORENZ = "lorenz";
    public static final String SPIKE_PARQUET = "spike-parquet";
    public static final String TEXT_FOLDER = "text-folder";
    public static final String JSON_LINES = "jsonl";
    public static final String TEXT_PARQUET = "text-parquet";
    public static final String LDA_SIMULATOR = "lda-sim";
    public static final String SPAM_ASSASSIN = "spam-assassin";
    public static final List<String> IMAGE_FORMATS = List.of(SPRITES, IDX, IMAGE_FOLDER, IMAGE_PARQUET);
    public static final List<String> NEURAL_FORMATS = List.of(NWB, KILOSORT, SPIKE_PARQUET, LORENZ);
    public static final List<String> TEXT_FORMATS = List.of(TEXT_FOLDER, JSON_LINES, TEXT_PARQUET, LDA_SIMULATOR,
            SPAM_ASSASSIN);
    /** Formats that generate their data and need no dataset.path. */
    public static final List<String> SIMULATORS = List.of(SPRITES, LORENZ, LDA_SIMULATOR);
    public static final List<String> FORMATS = java.util.stream.Stream.of(IMAGE_FORMATS, NEURAL_FORMATS, TEXT_FORMATS)
            .flatMap(List::stream).toList();

    /** dataset.verify: what is checked of a dataset's files before a step reads them. */
    public static final String VERIFY_AUTO = "auto";
    public static final String VERIFY_SHA256 = "sha256";
    public static final String VERIFY_SIZE = "size";

    public static final String IMAGE = "image";
    public static final String NEURAL = "neural";
    public static final String TEXT = "text";

    /** image, neural or text: what the format holds. */
    public String modality() {
        return modalityOf(format);
    }

    static String modalityOf(String format) {
        return IMAGE_FORMATS.contains(format) ? IMAGE : NEURAL_FORMATS.contains(format) ? NEURAL : TEXT;
    }

    static DatasetSettings from(Settings s) {
        String format = s.choice("dataset.format", FORMATS);
        String path = SIMULATORS.contains(format) ? s.string("dataset.path")
                : s.required("dataset.path", "dataset.format=" + format);
        String name = s.string("dataset.name").isBlank() ? format : s.string("dataset.name");
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new UserInputException(
                    "configuration key dataset.name must be letters, digits, '.', '_' or '-', got '" + name + "'");
        }
        double validation = s.fraction("dataset.split.validation");
        double test = s.fraction("dataset.split.test");
        if (validation + test >= 1) {
            throw new UserInputException("configuration keys dataset.split.validation + "
                    + "dataset.split.test must leave examples for training, got " + validation + " + " + test);
        }
        return new DatasetSettings(name, format, path, s.string("dataset.labels-path"),
                s.intAtLeast("dataset.height", 1), s.intAtLeast("dataset.width", 1),
                channels(s), s.bool("dataset.labels-from-folders"),
                s.choice("dataset.on-bad-image", List.of("fail", "skip")),
                s.string("dataset.parquet.image-column"), s.string("dataset.parquet.id-column"),
                s.string("dataset.parquet.label-column"),
                s.intAtLeast("dataset.sprites.count", 1), s.intAtLeast("dataset.sprites.size", 8),
                validation, test, s.intAtLeast("dataset.shard.target-size-mb", 1),
                s.choice("dataset.verify", List.of(VERIFY_AUTO, VERIFY_SHA256, VERIFY_SIZE)),
                NeuralDataSettings.from(s), TextDataSettings.from(s));
    }

    private static int channels(Settings s) {
        int channels = s.intAtLeast("dataset.channels", 1);
        if (channels != 1 && channels != 3) {
            throw new UserInputException(
                    "configuration key dataset.channels must be 1 (grey) or 3 (RGB), got " + channels);
        }
        return channels;
    }
}
