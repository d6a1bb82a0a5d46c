package org.latentspark.datasets.text;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** A source of text documents with the columns of TextSchema.DOCUMENT (id, text). */
public interface TextSource {
    Dataset<Row> read(SparkSession spark);
}
