package org.latentspark.common.schema;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The latents table of the contract: common columns, then each modality's own. */
public final class LatentsSchema {
    private static final StructType COMMON = new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("dataset", DataTypes.StringType, false)
            .add("split", DataTypes.StringType, false)
            .add("id", DataTypes.StringType, false)
            .add("z_mean", DataTypes.createArrayType(DataTypes.FloatType, false), false)
            .add("z_logvar", DataTypes.createArrayType(DataTypes.FloatType, false), false);

    /** One row per image; label and (ground-truth) factors null when unknown. */
    public static final StructType IMAGE = COMMON
            .add("label", DataTypes.IntegerType, true)
            .add("factors", DataTypes.createArrayType(DataTypes.FloatType, false), true);

    /**
     * One row per (session, trial, bin); id is the trial's. z is the posterior of the trial's initial condition
     * (the same on every bin of a trial); factors and rates (spikes per bin, held-in units then held-out units, as
     * listed in the dataset manifest) are the bin's. Bins from the dataset's bins on are the forward-prediction
     * window (forward = true).
     */
    public static final StructType NEURAL = COMMON
            .add("session", DataTypes.StringType, false)
            .add("trial", DataTypes.IntegerType, false)
            .add("bin", DataTypes.IntegerType, false)
            .add("forward", DataTypes.BooleanType, false)
            .add("factors", DataTypes.createArrayType(DataTypes.FloatType, false), false)
            .add("rates", DataTypes.createArrayType(DataTypes.FloatType, false), false);

    /** One row per document: theta, the topic proportions (softmax of the posterior mean). */
    public static final StructType TEXT = COMMON
            .add("theta", DataTypes.createArrayType(DataTypes.FloatType, false), false);

    /**
     * A baseline's latents for images (runs/&lt;id&gt;/baseline_latents/): the image layout with the baseline's name
     * (model, e.g. pca) after run_id; z_logvar is null for a baseline without a posterior variance.
     */
    public static final StructType BASELINE_IMAGE = new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("model", DataTypes.StringType, false)
            .add("dataset", DataTypes.StringType, false)
            .add("split", DataTypes.StringType, false)
            .add("id", DataTypes.StringType, false)
            .add("z_mean", DataTypes.createArrayType(DataTypes.FloatType, false), false)
            .add("z_logvar", DataTypes.createArrayType(DataTypes.FloatType, false), true)
            .add("label", DataTypes.IntegerType, true)
            .add("factors", DataTypes.createArrayType(DataTypes.FloatType, false), true);

    private LatentsSchema() {
    }
}
