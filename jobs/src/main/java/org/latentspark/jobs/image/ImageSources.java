package org.latentspark.jobs.image;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.latentspark.common.config.DatasetSettings;
import org.latentspark.common.manifest.Json;
import org.latentspark.datasets.images.BadImagePolicy;
import org.latentspark.datasets.images.IdxImageSource;
import org.latentspark.datasets.images.ImageFolderSource;
import org.latentspark.datasets.images.ImageParquetSource;
import org.latentspark.datasets.images.ImageShape;
import org.latentspark.datasets.images.ImageSource;
import org.latentspark.datasets.images.SpritesSimulator;

/** Maps the dataset section of the configuration to an image source, and describes that source for the manifest. */
final class ImageSources {
    private ImageSources() {
    }

    static ImageSource from(DatasetSettings ds, long seed) {
        ImageShape shape = new ImageShape(ds.height(), ds.width(), ds.channels());
        BadImagePolicy onBad = "skip".equals(ds.onBadImage()) ? BadImagePolicy.SKIP : BadImagePolicy.FAIL;
        switch (ds.format()) {
            case DatasetSettings.SPRITES:
                return new SpritesSimulator(ds.spritesCount(), ds.spritesSize(), seed);
            case DatasetSettings.IDX:
                return new IdxImageSource(ds.path(), ds.labelsPath().isBlank() ? null : ds.labelsPath(), ds.name());
            case DatasetSettings.IMAGE_FOLDER:
                return new ImageFolderSource(ds.path(), shape, ds.labelsFromFolders(), onBad);
            case DatasetSettings.IMAGE_PARQUET:
                ImageParquetSource.Builder b = ImageParquetSource.builder(ds.path(), shape)
                        .imageColumn(ds.parquetImageColumn()).onBadImage(onBad);
                if (!ds.parquetIdColumn().isBlank()) {
                    b.idColumn(ds.parquetIdColumn());
                }
                if (!ds.parquetLabelColumn().isBlank()) {
                    b.labelColumn(ds.parquetLabelColumn());
                }
                return b.build();
            default:
                throw new IllegalArgumentException("unknown dataset.format " + ds.format());
        }
    }

    /** Everything that determines a dataset's content; two requests with equal descriptions share a dataset. */
    static ObjectNode describe(DatasetSettings ds, long seed) {
        ObjectNode source = Json.object();
        source.put("format", ds.format());
        source.put("seed", seed);
        source.put("validation_fraction", ds.validationFraction());
        source.put("test_fraction", ds.testFraction());
        switch (ds.format()) {
            case DatasetSettings.SPRITES:
                source.put("count", ds.spritesCount()).put("size", ds.spritesSize());
                break;
            case DatasetSettings.IDX:
                source.put("path", ds.path()).put("labels_path", ds.labelsPath());
                break;
            default:
                source.put("path", ds.path()).put("height", ds.height()).put("width", ds.width())
                        .put("channels", ds.channels()).put("on_bad_image", ds.onBadImage())
                        .put("labels_from_folders", ds.labelsFromFolders())
                        .put("image_column", ds.parquetImageColumn()).put("id_column", ds.parquetIdColumn())
                        .put("label_column", ds.parquetLabelColumn());
        }
        return source;
    }
}
