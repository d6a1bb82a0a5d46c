package org.latentspark.jobs.modality;

import java.util.function.Consumer;
import org.apache.spark.sql.SparkSession;
import org.latentspark.common.config.RunConfig;
import org.latentspark.common.io.HadoopFiles;
import org.latentspark.common.io.OutputLayout;

/** What every step needs: the Spark session, the file system, the output layout, the configuration and a log. */
public record JobContext(SparkSession spark, HadoopFiles files, OutputLayout layout, RunConfig config,
                         Consumer<String> log) {

    public static JobContext create(SparkSession spark, String output, RunConfig config, Consumer<String> log) {
        return new JobContext(spark, new HadoopFiles(spark.sparkContext().hadoopConfiguration()),
                new OutputLayout(output), config, log);
    }

    public String datasetDir() {
        return layout.dataset(config.dataset().name());
    }

    public JobContext withConfig(RunConfig other) {
        return new JobContext(spark, files, layout, other, log);
    }
}
