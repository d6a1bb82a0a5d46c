package org.latentspark.common.schema;

import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Columns of binned neural trials as readers produce them, and of neural shards as written to Parquet.
 * One row per trial. Count and rate matrices are flattened time-major: entry (t, n) is at {@code t * units + n}.
 * Units are split into held-in (the model's input) and held-out (only predicted, for co-smoothing), as in the
 * Neural Latents Benchmark (Pei et al. 2021); the forward columns hold the bins after the trial's window, which a
 * model predicts without seeing them.
 */
public final class NeuralSchema {
    public static final String ID = "id";
    public static final String SPLIT = "split";
    public static final String SESSION = "session";
    public static final String TRIAL = "trial";
    public static final String CONDITION = "condition";
    /** Spike counts of held-in units, bins × held-in units. */
    public static final String HELDIN = "heldin";
    /** Spike counts of held-out units, bins × held-out units. */
    public static final String HELDOUT = "heldout";
    /** Held-in counts of the forward-prediction bins, forward bins × held-in units; empty without a forward window. */
    public static final String FORWARD_HELDIN = "forward_heldin";
    /** Held-out counts of the forward-prediction bins, forward bins × held-out units. */
    public static final String FORWARD_HELDOUT = "forward_heldout";
    /** Known latent states (simulated data only), bins × latent dimension; null when unknown. */
    public static final String TRUE_LATENTS = "true_latents";
    /**
     * Known firing rates in spikes per bin (simulated data only), bins × (held-in then held-out units); null when
     * unknown.
     */
    public static final String TRUE_RATES = "true_rates";

    private static final ArrayType COUNTS = DataTypes.createArrayType(DataTypes.IntegerType, false);
    private static final ArrayType VALUES = DataTypes.createArrayType(DataTypes.FloatType, false);

    /** What a reader yields: one row per trial, no split yet. id is {@code session + "/" + trial}. */
    public static final StructType RECORD = new StructType()
            .add(ID, DataTypes.StringType, false)
            .add(SESSION, DataTypes.StringType, false)
            .add(TRIAL, DataTypes.IntegerType, false)
            .add(CONDITION, DataTypes.StringType, true)
            .add(HELDIN, COUNTS, false)
            .add(HELDOUT, COUNTS, false)
            .add(FORWARD_HELDIN, COUNTS, false)
            .add(FORWARD_HELDOUT, COUNTS, false)
            .add(TRUE_LATENTS, VALUES, true)
            .add(TRUE_RATES, VALUES, true);

    /** What a shard holds: the record plus its split (train, validation or test). */
    public static final StructType SHARD = RECORD.add(SPLIT, DataTypes.StringType, false);

    private NeuralSchema() {
    }
}
