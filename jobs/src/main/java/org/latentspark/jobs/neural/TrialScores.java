package org.latentspark.jobs.neural;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.latentspark.common.schema.NeuralSchema;

/**
 * Per-trial results of the model, computed where the data lives: the ELBO's terms, the posterior of the initial
 * condition, factors and rates over the observed and forward bins, next to the trial's spikes and known truth.
 */
final class TrialScores {
    static final String NLL = "nll";
    static final String KL = "kl";
    static final String KL_DIM = "kl_dim";
    static final String Z_MEAN = "z_mean";
    static final String Z_LOGVAR = "z_logvar";
    /** (bins + forward bins) × factors, time-major. */
    static final String FACTORS = "factors";
    /** (bins + forward bins) × (held-in + held-out units), spikes per bin, time-major, held-in units first. */
    static final String RATES = "rates";

    static final StructType SCHEMA = new StructType()
            .add(NeuralSchema.SPLIT, DataTypes.StringType, false)
            .add(NeuralSchema.ID, DataTypes.StringType, false)
            .add(NeuralSchema.SESSION, DataTypes.StringType, false)
            .add(NeuralSchema.TRIAL, DataTypes.IntegerType, false)
            .add(NeuralSchema.CONDITION, DataTypes.StringType, true)
            .add(NLL, DataTypes.DoubleType, false)
            .add(KL, DataTypes.DoubleType, false)
            .add(KL_DIM, DataTypes.createArrayType(DataTypes.DoubleType, false), false)
            .add(Z_MEAN, DataTypes.createArrayType(DataTypes.DoubleType, false), false)
            .add(Z_LOGVAR, DataTypes.createArrayType(DataTypes.DoubleType, false), false)
            .add(FACTORS, DataTypes.createArrayType(DataTypes.FloatType, false), false)
            .add(RATES, DataTypes.createArrayType(DataTypes.FloatType, false), false)
            .add(NeuralSchema.HELDIN, DataTypes.createArrayType(DataTypes.IntegerType, false), false)
            .add(NeuralSchema.HELDOUT, DataTypes.createArrayType(DataTypes.IntegerType, false), false)
            .add(NeuralSchema.FORWARD_HELDIN, DataTypes.createArrayType(DataTypes.IntegerType, false), false)
            .add(NeuralSchema.FORWARD_HELDOUT, DataTypes.createArrayType(DataTypes.IntegerType, false), false)
            .add(NeuralSchema.TRUE_LATENTS, DataTypes.createArrayType(DataTypes.FloatType, false), true)
            .add(NeuralSchema.TRUE_RATES, DataTypes.createArrayType(DataTypes.FloatType, false), true);

    private TrialScores() {
    }
}
