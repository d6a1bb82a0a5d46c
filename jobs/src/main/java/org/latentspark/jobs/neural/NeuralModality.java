package org.latentspark.jobs.neural;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.latentspark.common.config.DatasetSettings;
import org.latentspark.common.config.ModelSettings;
import org.latentspark.common.config.RunConfig;
import org.latentspark.common.config.TrainSettings;
import org.latentspark.common.manifest.DatasetManifest;
import org.latentspark.common.manifest.RunManifest;
import org.latentspark.common.metrics.neural.BitsPerSpike;
import org.latentspark.common.model.SequentialVaeArchitecture;
import org.latentspark.common.model.SequentialVaeGraph;
import org.latentspark.common.model.SequentialVaeInference;
import org.latentspark.common.model.VaeInference;
import org.latentspark.common.schema.EvaluationSchema.Metric;
import org.latentspark.common.schema.LatentsSchema;
import org.latentspark.common.schema.NeuralSchema;
import org.latentspark.datasets.neural.NeuralShape;
import org.latentspark.datasets.neural.NeuralSource;
import org.latentspark.datasets.sharding.ShardWriter;
import org.latentspark.datasets.sharding.Shards;
import org.latentspark.datasets.sharding.Splits;
import org.latentspark.jobs.inference.ElboTerms;
import org.latentspark.jobs.inference.LatentGeometry;
import org.latentspark.jobs.modality.JobContext;
import org.latentspark.jobs.modality.Modality;
import org.latentspark.jobs.modality.PartitionInference;
import org.latentspark.jobs.report.ReportSection;
import org.latentspark.jobs.training.BatchEncoder;
import org.latentspark.jobs.training.SelectionScore;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Spike trains: NWB files, Kilosort folders, Parquet spike tables and the Lorenz simulator, binned into trials;
 * the LFADS-family sequential VAE; latents per (session, trial, bin); the Neural Latents Benchmark's metrics with
 * the smoothing baseline beside them.
 */
public final class NeuralModality implements Modality {
    private static final int BATCH = 128;
    /** Optimizer steps that auto train.epochs aims at; see {@link #trainingDefaults}. */
    static final int TARGET_STEPS = 4000;
    private static final int MIN_BATCH = 8;
    private static final int MAX_BATCH = 128;
    private static final int MIN_EPOCHS = 30;
    private static final int MAX_EPOCHS = 400;
    private static final double LEARNING_RATE = 1e-2;
    /** Candidates of the search that train.search.candidates = auto runs on a small recording. */
    static final int AUTO_SEARCH_CANDIDATES = 8;
    /**
     * The most training trials for which train.search.candidates = auto searches. It bounds the default's cost: each
     * candidate trains on one thread, and at 1,000 trials of 200 bins eight of them take hours on 2 cores. Larger
     * recordings trained one model well in the sweep (README).
     */
    static final int AUTO_SEARCH_MAX_TRIALS = 1_000;
    /** Training trials collected to the driver to fit the smoothing baseline and the latent_r2 map. */
    static final int TRAIN_SAMPLE = 5_000;

    @Override
    public String name() {
        return DatasetSettings.NEURAL;
    }

    @Override
    public String examples() {
        return "trials";
    }

    @Override
    public DatasetManifest shard(JobContext ctx) {
        DatasetSettings ds = ctx.config().dataset();
        NeuralSource source = NeuralSources.from(ds, ctx.config().seed());
        NeuralSource.Binned binned = source.read(ctx.spark());
        NeuralShape trials = binned.shape();
        long bytesPerRecord = 4L * (trials.bins() + trials.forwardBins())
                * (trials.heldInUnits() + trials.heldOutUnits()) * 2 + 128;
        var shape = trials.toJson();
        shape.put("dropped_spikes", binned.droppedSpikes()).put("skipped_trials", binned.skippedTrials());
        ShardWriter.Request request = new ShardWriter.Request(ds.name(), name(), source.source(), shape,
                ctx.config().seed(), ds.validationFraction(), ds.testFraction(), ds.targetShardMb(), bytesPerRecord,
                binned::skippedTrials);
        DatasetManifest manifest = new ShardWriter(ctx.files(), ctx.layout()).write(binned.rows(), request);
        if (binned.droppedSpikes() > 0) {
            ctx.log().accept(binned.droppedSpikes() + " spikes outside every trial's window were dropped");
        }
        return manifest;
    }

    @Override
    public Dataset<Row> readShards(JobContext ctx) {
        return Shards.read(ctx.spark(), ctx.datasetDir(), NeuralSchema.SHARD, name());
    }

    static TrialGeometry geometry(RunConfig config, DatasetManifest dataset) {
        return TrialGeometry.of(dataset, config.model().lfads().factors(), config.model().latentDim());
    }

    static SequentialVaeArchitecture architecture(ModelSettings model, TrialGeometry g) {
        ModelSettings.Lfads l = model.lfads();
        return new SequentialVaeArchitecture(g.heldIn(), g.heldOut(), g.bins(), g.forwardBins(), l.factors(),
                l.encoderSize(), l.generatorSize(), model.latentDim(), l.dropout());
    }

    @Override
    public ComputationGraph newNetwork(RunConfig config, DatasetManifest dataset) {
        return SequentialVaeGraph.build(architecture(config.model(), geometry(config, dataset)), config.seed(),
                config.train().learningRate());
    }

    /**
     * LFADS's settings where train.* is auto. The learning rate is LFADS's initial 0.01. Batches and epochs give a
     * recording of any size about {@link #TARGET_STEPS} optimizer steps (LFADS trains thousands; a few hundred
     * left the Lorenz simulation at 142 training trials near the smoothing baseline, and at 2,000 the search's
     * candidates on 200 trials of 200 bins were all still improving at their last epoch: 13% of the gap to the
     * true rates closed, against 61% at 4,000): batches of about a
     * sixteenth of the training trials, a power of two from 8 to 128 (LFADS's own), and as many epochs as the
     * steps take, from 30 to 400. train.plateau stops a run that has stopped improving. The KL term warms up over
     * the first quarter of the epochs, as LFADS warms it up over its first steps: without it the model settles on
     * each unit's mean rate first and leaves its initial condition unused for long (Lorenz, 90 units, 5 ms bins:
     * validation neg_elbo 2,300 after 36 epochs, 2,167 with 20 epochs of warm-up).
     */
    @Override
    public TrainSettings.Defaults trainingDefaults(RunConfig config, DatasetManifest dataset) {
        long trials = Math.max(1, dataset.count(Splits.TRAIN));
        int batch = config.train().batchSize() > 0 ? config.train().batchSize()
                : Math.max(MIN_BATCH, Math.min(MAX_BATCH, Integer.highestOneBit((int) Math.min(trials / 16,
                MAX_BATCH))));
        long stepsPerEpoch = (trials + batch - 1) / batch;
        int epochs = (int) Math.max(MIN_EPOCHS, Math.min(MAX_EPOCHS, (TARGET_STEPS + stepsPerEpoch - 1)
                / stepsPerEpoch));
        int trainedEpochs = config.train().epochs() > 0 ? config.train().epochs() : epochs;
        return new TrainSettings.Defaults(epochs, batch, LEARNING_RATE, Math.max(1, trainedEpochs / 4));
    }

    /**
     * A search of {@link #AUTO_SEARCH_CANDIDATES} on a recording of up to {@link #AUTO_SEARCH_MAX_TRIALS} training
     * trials, AutoLFADS's approach: no one setting of learning rate, KL weight and dropout fits every recording.
     * With the settings above alone, LFADS closed 89%, 88% and 77% of the gap between the smoothing baseline and the
     * true rates on three simulated shapes but -18% and -2% on two others, where the search's best closed 98% and
     * 63% (README, "LFADS on other shapes"). Larger recordings train one model, data-parallel.
     */
    @Override
    public int searchDefault(RunConfig config, DatasetManifest dataset) {
        return dataset.count(Splits.TRAIN) <= AUTO_SEARCH_MAX_TRIALS ? AUTO_SEARCH_CANDIDATES : 0;
    }

    @Override
    public void startFromData(ComputationGraph network, RunConfig config, DatasetManifest dataset,
                              List<Row> trainSample) {
        if (trainSample.isEmpty()) {
            return;
        }
        TrialGeometry g = geometry(config, dataset);
        INDArray labels = batchEncoder(config, dataset).encode(trainSample, 0, 1.0).getLabels(0);
        INDArray counts = labels.get(NDArrayIndex.all(), NDArrayIndex.interval(0, (long) g.units() * g.totalBins()))
                .dup('c').reshape('c', trainSample.size(), g.units(), g.totalBins());
        SequentialVaeGraph.startAtMeanRates(network, counts);
    }

    @Override
    public double multiplyAddsPerExample(RunConfig config, DatasetManifest dataset) {
        return architecture(config.model(), geometry(config, dataset)).multiplyAddsPerExample();
    }

    /** co_bps of the held-out units on the validation trials, from the posterior means' rates, as AutoLFADS ranks. */
    @Override
    public Optional<SelectionScore> selectionScore(ComputationGraph network, RunConfig config,
                                                   DatasetManifest dataset, List<Row> validation) {
        TrialGeometry g = geometry(config, dataset);
        int[][][] spikes = TrialArraysOfRows.counts(validation, NeuralSchema.HELDOUT, g.bins(), g.heldOut());
        if (g.heldOut() == 0 || java.util.Arrays.stream(spikes).flatMap(java.util.Arrays::stream)
                .flatMapToInt(java.util.Arrays::stream).allMatch(c -> c == 0)) {
            return Optional.empty();
        }
        NeuralBatchEncoder encoder = new NeuralBatchEncoder(g, config.seed());
        SequentialVaeInference inference = new SequentialVaeInference(network);
        double[][][] rates = new double[validation.size()][g.bins()][g.heldOut()];
        for (int from = 0; from < validation.size(); from += BATCH) {
            List<Row> rows = validation.subList(from, Math.min(validation.size(), from + BATCH));
            INDArrays in = INDArrays.of(encoder.inputs(rows, BatchEncoder.EVALUATION_EPOCH, true));
            // [n, bins + forward bins, units], c order.
            float[] trialRates = inference.trajectories(in.x(), in.eps()).rates().data().asFloat();
            for (int i = 0; i < rows.size(); i++) {
                for (int t = 0; t < g.bins(); t++) {
                    int at = (i * g.totalBins() + t) * g.units() + g.heldIn();
                    for (int u = 0; u < g.heldOut(); u++) {
                        rates[from + i][t][u] = trialRates[at + u];
                    }
                }
            }
        }
        return Optional.of(new SelectionScore("co_bps", BitsPerSpike.bitsPerSpike(rates, spikes)));
    }

    @Override
    public BatchEncoder batchEncoder(RunConfig config, DatasetManifest dataset) {
        return new NeuralBatchEncoder(geometry(config, dataset), config.seed());
    }

    @Override
    public Dataset<Row> latents(JobContext ctx, DatasetManifest dataset, Broadcast<byte[]> model, String runId) {
        NeuralBatchEncoder encoder = new NeuralBatchEncoder(geometry(ctx.config(), dataset), ctx.config().seed());
        String datasetName = dataset.name();
        return ctx.spark().createDataFrame(readShards(ctx).toJavaRDD().mapPartitions(PartitionInference.map(model,
                BATCH, SequentialVaeInference::new, (inference, rows) -> embed(inference, rows, encoder, runId,
                        datasetName))), LatentsSchema.NEURAL);
    }

    private static List<Row> embed(SequentialVaeInference inference, List<Row> rows, NeuralBatchEncoder encoder,
                                   String runId, String dataset) {
        TrialGeometry g = encoder.g();
        INDArrays in = INDArrays.of(encoder.inputs(rows, BatchEncoder.EVALUATION_EPOCH, true));
        SequentialVaeInference.Trajectories tr = inference.trajectories(in.x(), in.eps());
        float[] factors = tr.factors().data().asFloat();
        float[] rates = tr.rates().data().asFloat();
        List<Row> out = new ArrayList<>(rows.size() * g.totalBins());
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            float[] zMean = tr.zMean().getRow(i).toFloatVector();
            float[] zLogVar = tr.zLogVar().getRow(i).toFloatVector();
            for (int t = 0; t < g.totalBins(); t++) {
                int step = i * g.totalBins() + t;
                out.add(RowFactory.create(runId, dataset, r.getAs(NeuralSchema.SPLIT), r.getAs(NeuralSchema.ID),
                        zMean, zLogVar, r.getAs(NeuralSchema.SESSION), r.getAs(NeuralSchema.TRIAL), t,
                        t >= g.bins(), slice(factors, step, g.factors()), slice(rates, step, g.units())));
            }
        }
        return out;
    }

    /** The {@code index}-th block of {@code width} values. */
    private static float[] slice(float[] values, int index, int width) {
        return java.util.Arrays.copyOfRange(values, index * width, (index + 1) * width);
    }

    /** The two graph inputs of a batch. */
    private record INDArrays(INDArray x, INDArray eps) {
        static INDArrays of(INDArray[] inputs) {
            return new INDArrays(inputs[0], inputs[1]);
        }
    }

    @Override
    public List<ReportSection> reportSections(JobContext ctx, DatasetManifest dataset, ComputationGraph model,
                                              String runDir, List<Metric> metrics) {
        TrialGeometry g = geometry(ctx.config(), dataset);
        Dataset<Row> shards = readShards(ctx);
        // The baseline as the evaluation fit it: on the same first training trials by id.
        List<Row> train = shards.where(col("split").equalTo(Splits.TRAIN)).orderBy("id").limit(TRAIN_SAMPLE)
                .collectAsList();
        return NeuralReport.sections(new NeuralBatchEncoder(g, ctx.config().seed()), model, shards,
                NlbMetrics.smoothing(train, g, ctx.config().evaluate()));
    }

    @Override
    public List<Metric> evaluate(JobContext ctx, DatasetManifest dataset, Broadcast<byte[]> model, String runDir,
                                 RunManifest manifest) {
        String name = ctx.config().model().name();
        TrialGeometry g = geometry(ctx.config(), dataset);
        NeuralBatchEncoder encoder = new NeuralBatchEncoder(g, ctx.config().seed());
        Dataset<Row> scores = ctx.spark().createDataFrame(readShards(ctx).toJavaRDD().mapPartitions(
                PartitionInference.map(model, BATCH, SequentialVaeInference::new,
                        (inference, rows) -> score(inference, rows, encoder))), TrialScores.SCHEMA)
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            List<Metric> metrics = new ArrayList<>(ElboTerms.perSplit(scores, name));
            // Latent geometry of the initial conditions; these data have no per-trial ground-truth factors.
            metrics.addAll(new LatentGeometry(ctx.config().evaluate()).metrics(scores.select(col("split"),
                    col("id"), col(TrialScores.Z_MEAN),
                    lit(null).cast(DataTypes.createArrayType(DataTypes.FloatType)).as("factors")), name));
            List<Row> test = scores.where(col("split").equalTo(Splits.TEST)).orderBy("id").collectAsList();
            List<Row> train = scores.where(col("split").equalTo(Splits.TRAIN)).orderBy("id").limit(TRAIN_SAMPLE)
                    .collectAsList();
            metrics.addAll(new NlbMetrics(g, ctx.config().evaluate(), name).compute(train, test));
            return metrics;
        } finally {
            scores.unpersist();
        }
    }

    private static List<Row> score(SequentialVaeInference inference, List<Row> rows, NeuralBatchEncoder encoder) {
        var batch = encoder.encode(rows, BatchEncoder.EVALUATION_EPOCH, 1.0);
        VaeInference.Pass pass = inference.elbo().forward(batch.getFeatures(0), batch.getFeatures(1),
                BatchEncoder.observations(batch));
        INDArrays in = INDArrays.of(encoder.inputs(rows, BatchEncoder.EVALUATION_EPOCH, true));
        SequentialVaeInference.Trajectories tr = inference.trajectories(in.x(), in.eps());
        var kl = pass.kl();
        TrialGeometry g = encoder.g();
        float[] factors = tr.factors().data().asFloat();
        float[] rates = tr.rates().data().asFloat();
        List<Row> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            out.add(RowFactory.create(r.getAs(NeuralSchema.SPLIT), r.getAs(NeuralSchema.ID),
                    r.getAs(NeuralSchema.SESSION), r.getAs(NeuralSchema.TRIAL), r.getAs(NeuralSchema.CONDITION),
                    pass.nll().getDouble(i), kl.getDouble(i), pass.klPerDim().getRow(i).toDoubleVector(),
                    tr.zMean().getRow(i).toDoubleVector(), tr.zLogVar().getRow(i).toDoubleVector(),
                    slice(factors, i, g.totalBins() * g.factors()), slice(rates, i, g.totalBins() * g.units()),
                    r.getAs(NeuralSchema.HELDIN), r.getAs(NeuralSchema.HELDOUT),
                    r.getAs(NeuralSchema.FORWARD_HELDIN), r.getAs(NeuralSchema.FORWARD_HELDOUT),
                    r.getAs(NeuralSchema.TRUE_LATENTS), r.getAs(NeuralSchema.TRUE_RATES)));
        }
        return out;
    }
}
