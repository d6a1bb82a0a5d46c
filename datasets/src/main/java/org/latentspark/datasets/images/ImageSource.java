package org.latentspark.datasets.images;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** A source of image records with the columns of ImageSchema.RECORD. */
public interface ImageSource {
    Dataset<Row> read(SparkSession spark);

    /** Records skipped as unreadable while reading (0 unless the source skips); valid after read() has been evaluated. */
    default long skipped() {
        return 0;
    }
}
