package org.latentspark.jobs.inference;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The per-example scores that {@link ElboTerms} and {@link LatentGeometry} read, computed where the data lives:
 * the ELBO's terms, KL per latent dimension, the posterior mean, the true factors where the data has them, and the
 * importance-weighted bound where computed.
 */
public final class ScoresTable {
    public static final StructType SCHEMA = new StructType()
            .add("split", DataTypes.StringType, false)
            .add("id", DataTypes.StringType, false)
            .add("nll", DataTypes.DoubleType, false)
            .add("kl", DataTypes.DoubleType, false)
            .add("kl_dim", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
            .add("z_mean", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
            .add("factors", DataTypes.createArrayType(DataTypes.FloatType, false), true)
            .add("iwae_nll", DataTypes.DoubleType, true);

    private ScoresTable() {
    }
}
