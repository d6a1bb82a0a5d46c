package org.latentspark.jobs.image;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.latentspark.common.io.OutputLayout;
import org.latentspark.common.manifest.RunManifest;
import org.latentspark.common.schema.LatentsSchema;
import org.latentspark.jobs.modality.JobContext;

/** Writes a baseline's latents in the latents table's image layout, with its name in the model column. */
final class BaselineLatents {
    private BaselineLatents() {
    }

    /** @param latents split, id, label, factors and z_mean (doubles) per image */
    static void write(JobContext ctx, Dataset<Row> latents, String model, String dataset, String table,
                      RunManifest manifest) {
        Dataset<Row> rows = latents.select(lit(manifest.runId()).as("run_id"), lit(model).as("model"),
                lit(dataset).as("dataset"), col("split"), col("id"),
                col("z_mean").cast(DataTypes.createArrayType(DataTypes.FloatType, false)).as("z_mean"),
                lit(null).cast(DataTypes.createArrayType(DataTypes.FloatType, false)).as("z_logvar"),
                col("label"), col("factors"));
        String staging = OutputLayout.staging(table);
        ctx.files().delete(staging);
        ctx.spark().createDataFrame(rows.toJavaRDD(), LatentsSchema.BASELINE_IMAGE).write().parquet(staging);
        ctx.files().replace(staging, table);
        manifest.rowCount("baseline_latents", model, ctx.spark().read().parquet(table).count());
    }
}
