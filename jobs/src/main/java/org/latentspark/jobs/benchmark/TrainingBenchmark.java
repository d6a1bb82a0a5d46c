package org.latentspark.jobs.benchmark;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.latentspark.common.config.RunConfig;
import org.latentspark.common.config.TrainSettings;
import org.latentspark.common.manifest.DatasetManifest;
import org.latentspark.common.model.ElboLoss;
import org.latentspark.common.model.VaeInference;
import org.latentspark.common.model.WordBagLayer;
import org.latentspark.common.schema.EvaluationSchema.Metric;
import org.latentspark.datasets.sharding.Splits;
import org.latentspark.jobs.modality.JobContext;
import org.latentspark.jobs.modality.Modality;
import org.latentspark.jobs.spark.ExecutorFleet;
import org.latentspark.jobs.steps.Modalities;
import org.latentspark.jobs.steps.ShardStep;
import org.latentspark.jobs.training.BatchEncoder;
import org.latentspark.jobs.training.Checkpoints;
import org.latentspark.jobs.training.MiniBatches;
import org.latentspark.jobs.training.OpThreads;
import org.latentspark.jobs.training.TrainingMasters;
import org.latentspark.jobs.training.VaeTrainer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Training throughput of one model on one dataset, three ways, and for the dense image VAE a fourth: DL4J's own VAE
 * layer in one JVM on the same minibatches, taking turns with the product's ({@link Dl4jVaePeer}). A throwaway copy
 * of the network trains first to warm the JIT ({@link #warmUp}); the first epoch of each way is not counted either,
 * and figures are the median of the remaining epochs' fit time (data
 * preparation, monitoring and checkpoints excluded). Achieved GFLOP/s count 6 floating-point operations per
 * multiply-add of the forward pass ({@link #multiplyAdds}; forward 2, backward 4), exact for dense and convolution
 * layers (recurrent ones: their modality's count, {@link Modality#multiplyAddsPerExample}), ignoring biases and
 * element-wise work. Each way's model is then scored on the
 * same test examples with the same noise: the test reconstruction after the configured epochs.
 */
public final class TrainingBenchmark {
    private final JobContext ctx;
    /** The run's configuration with its auto training settings chosen for the dataset. */
    private RunConfig config;

    public TrainingBenchmark(JobContext ctx) {
        this.ctx = ctx;
    }

    public List<String> run() {
        DatasetManifest dataset = ShardStep.run(ctx);
        Modality modality = Modalities.of(ctx.config());
        config = modality.resolveTraining(ctx.config(), dataset);
        Dataset<Row> train = modality.readShards(ctx).where(col("split").equalTo(Splits.TRAIN)).cache();
        long examples = train.count();
        ComputationGraph probe = modality.newNetwork(config, dataset);
        List<Row> rows = train.collectAsList();
        BatchEncoder encoder = modality.batchEncoder(config, dataset);
        // Recurrent layers apply their weights once per time step: the per-weight count does not hold for them, and
        // their modality counts them (NaN where it cannot).
        double flopsPerExample = 6.0 * (recurrent(probe) ? modality.multiplyAddsPerExample(config, dataset)
                : meanMultiplyAdds(probe, rows, encoder));

        double sgemm = sgemmGflops();
        TestReconstruction test = new TestReconstruction(modality.readShards(ctx), encoder,
                new VaeInference(probe).latentDim(), config.seed());
        ElboLoss loss = ElboLoss.of(probe);
        String noPeer = Dl4jVaePeer.unsupported(config.model().name(), loss.getLikelihood());
        ComputationGraph network = fresh(modality, config, dataset, rows.subList(0, Math.min(rows.size(), 1000)));
        SingleJvm singleJvm = singleJvmAndPeer(rows, network, encoder,
                noPeer == null ? Dl4jVaePeer.build(loss.getFeatures(), loss.getLatentDim(), config.model().hidden(),
                        config.seed(), config.train().learningRate()) : null, test);
        Way single = singleJvm.product();
        Way peer = singleJvm.peer();
        Way averaging = spark(train, modality, dataset, TrainSettings.AVERAGING, test);
        Way sharing = spark(train, modality, dataset, TrainSettings.SHARING, test);

        List<String> out = new ArrayList<>();
        out.add(String.format("benchmark: %s, %d training %s, batch %d, %d epochs (first not counted), "
                        + "Spark %s, %d parameters", config.model().name() + " z=" + config.model().latentDim(),
                examples, modality.examples(), config.train().batchSize(), config.train().epochs(),
                ctx.spark().sparkContext().master(), probe.numParams()));
        out.add(String.format("ND4J sgemm 1024^3: %.1f GFLOP/s; the single-JVM ways on %d op threads", sgemm,
                singleJvmThreads()));
        out.add(String.format("%-24s %12s %14s %10s %12s %15s", "way", modality.examples() + "/s", "vs single JVM",
                "GFLOP/s", "of sgemm", "test recon."));
        out.add(row("single JVM", single, single, flopsPerExample, sgemm));
        if (peer != null) {
            out.add(row("DL4J VAE layer (peer)", peer, single, flopsPerExample, sgemm));
        }
        out.add(row("Spark averaging", averaging, single, flopsPerExample, sgemm));
        out.add(row("Spark sharing", sharing, single, flopsPerExample, sgemm));
        out.add(String.format("test reconstruction: mean of −log p(x|z) over %d posterior draws on %d test %s "
                + "after %d epochs (lower is better)", TestReconstruction.DRAWS, test.size(), modality.examples(),
                config.train().epochs()));
        if (peer != null) {
            out.add(String.format("against the peer: single JVM %.2fx, Spark averaging %.2fx, Spark sharing %.2fx "
                            + "of its %s/s", single.perSecond() / peer.perSecond(),
                    averaging.perSecond() / peer.perSecond(), sharing.perSecond() / peer.perSecond(),
                    modality.examples()));
        } else {
            out.add("peer: none (" + noPeer + ")");
        }
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(ctx.spark().sparkContext());
        out.add(PeakMemory.describe(sc, ExecutorFleet.registered(sc).size()));
        train.unpersist();
        return out;
    }

    /** One way's throughput (examples per second) and its model's test reconstruction. */
    record Way(double perSecond, double reconstruction) {
    }

    /** The product's single-JVM way and, when the model has one, its peer's (else null). */
    private record SingleJvm(Way product, Way peer) {
    }

    private static String row(String name, Way way, Way single, double flopsPerExample, double sgemm) {
        String head = String.format("%-24s %12.0f %13.2fx", name, way.perSecond(),
                way.perSecond() / single.perSecond());
        String recon = String.format(" %15.2f", way.reconstruction());
        if (Double.isNaN(flopsPerExample)) {
            return head + String.format(" %10s %12s", "-", "-") + recon;
        }
        double gflops = way.perSecond() * flopsPerExample / 1e9;
        return head + String.format(" %10.2f %11.1f%%", gflops, 100 * gflops / sgemm) + recon;
    }

    private static boolean recurrent(ComputationGraph network) {
        return java.util.Arrays.stream(network.getLayers())
                .anyMatch(l -> l.type() == org.deeplearning4j.nn.api.Layer.Type.RECURRENT
                        || l instanceof org.deeplearning4j.nn.layers.recurrent.LastTimeStepLayer
                        || l instanceof org.deeplearning4j.nn.layers.recurrent.TimeDistributedLayer);
    }

    /**
     * Multiply-adds of one example's forward pass: each weight-matrix entry (parameters named *_W) once, and a
     * convolution's once per output position, a word-bag layer's once per word of the document; biases and
     * element-wise work are left out. Training costs about three
     * times this (forward, and backward to inputs and to weights), at two FLOPs a multiply-add.
     */
    static long multiplyAdds(ComputationGraph network, INDArray... oneExample) {
        Map<String, INDArray> activations = network.feedForward(oneExample, false);
        long total = 0;
        for (Map.Entry<String, INDArray> e : network.paramTable().entrySet()) {
            String layer = e.getKey().substring(0, Math.max(0, e.getKey().length() - 2));
            if (e.getKey().endsWith("_W") && network.getLayer(layer).conf().getLayer() instanceof WordBagLayer bag) {
                // A row of W per word of the document: its input's nonzero weights (the second half).
                INDArray words = oneExample[0];
                INDArray weights = words.get(NDArrayIndex.all(), NDArrayIndex.interval(words.size(1) / 2,
                        words.size(1)));
                total += weights.neq(0).castTo(DataType.LONG).sumNumber().longValue() * bag.getNOut();
            } else if (e.getKey().endsWith("_W")) {
                INDArray out = activations.get(e.getKey().substring(0, e.getKey().length() - 2));
                long positions = out.rank() == 4 ? out.size(2) * out.size(3) : 1; // NCHW feature maps
                total += e.getValue().length() * positions;
            }
        }
        return total;
    }

    /** Examples whose multiply-adds are averaged: a word-bag layer's depend on each document's words. */
    private static final int COUNTED_EXAMPLES = 64;

    /** {@link #multiplyAdds} averaged over the first training examples, each as the network takes it. */
    private static double meanMultiplyAdds(ComputationGraph network, List<Row> rows, BatchEncoder encoder) {
        List<Row> counted = rows.subList(0, Math.min(rows.size(), COUNTED_EXAMPLES));
        MiniBatches.Spec spec = new MiniBatches.Spec(encoder, 1, 0, 1.0, 1);
        var batches = MiniBatches.batches(counted.iterator(), spec);
        long total = 0;
        while (batches.hasNext()) {
            total += multiplyAdds(network, batches.next().getFeatures());
        }
        return (double) total / counted.size();
    }

    /** The minibatches of one epoch, as every single-JVM way trains on them. */
    private List<MultiDataSet> epochBatches(List<Row> rows, BatchEncoder encoder, int epoch) {
        List<MultiDataSet> batches = new ArrayList<>();
        MiniBatches.Spec spec = new MiniBatches.Spec(encoder, config.train().batchSize(), epoch,
                config.model().klWeight(epoch), Runtime.getRuntime().availableProcessors());
        MiniBatches.batches(rows.iterator(), spec).forEachRemaining(batches::add);
        return batches;
    }

    /**
     * Direct ComputationGraph.fit on minibatches collected to this JVM and, when there is one, the peer (DL4J's VAE
     * layer on their image input) on the very same minibatches. The two take turns within each epoch, in alternating
     * order, so that the machine's drift over the run weighs on both alike.
     */
    private SingleJvm singleJvmAndPeer(List<Row> rows, ComputationGraph network, BatchEncoder encoder,
                                       Dl4jVaePeer peer, TestReconstruction test) {
        OpThreads.limit(singleJvmThreads());
        double[] productRate = new double[config.train().epochs()];
        double[] peerRate = new double[productRate.length];
        Consumer<MultiDataSet> peerFit = peer == null ? null : batch -> peer.fit(batch.getFeatures(0));
        List<MultiDataSet> warmUpBatches = epochBatches(rows, encoder, 0);
        warmUp(network.clone()::fit, warmUpBatches);
        if (peer != null) {
            Dl4jVaePeer peerCopy = peer.copy();
            warmUp(batch -> peerCopy.fit(batch.getFeatures(0)), warmUpBatches);
        }
        for (int epoch = 0; epoch < productRate.length; epoch++) {
            List<MultiDataSet> batches = epochBatches(rows, encoder, epoch);
            boolean peerFirst = peer != null && epoch % 2 == 1;
            if (peerFirst) {
                peerRate[epoch] = examplesPerSecond(rows.size(), batches, peerFit);
            }
            productRate[epoch] = examplesPerSecond(rows.size(), batches, network::fit);
            if (peer != null && !peerFirst) {
                peerRate[epoch] = examplesPerSecond(rows.size(), batches, peerFit);
            }
        }
        Way product = new Way(medianAfterWarmup(productRate), test.of(network));
        return new SingleJvm(product, peer == null ? null
                : new Way(medianAfterWarmup(peerRate), test.of(peer::reconstruction)));
    }

    /** Minibatches that warm the JIT before the single-JVM ways are timed, or {@link #WARM_UP_SECONDS}. */
    static final int WARM_UP_MINIBATCHES = 60;
    static final double WARM_UP_SECONDS = 10;

    /**
     * Trains a throwaway copy of a network (the product's, the peer's) on {@code batches}, over and over, for {@link #WARM_UP_MINIBATCHES} or
     * {@link #WARM_UP_SECONDS}, whichever comes first, so that HotSpot has compiled the layers' loops before the
     * timed epochs: a first epoch alone does not (LFADS, 906 trials in minibatches of 128: 2,338 trials/s over 6
     * epochs, 3,451 over 14), and the model the table scores trains the configured epochs, no more.
     */
    private static void warmUp(Consumer<MultiDataSet> fitCopy, List<MultiDataSet> batches) {
        long start = System.nanoTime();
        for (int done = 0; done < WARM_UP_MINIBATCHES && !batches.isEmpty()
                && (System.nanoTime() - start) / 1e9 < WARM_UP_SECONDS; done++) {
            fitCopy.accept(batches.get(done % batches.size()));
        }
    }

    /** ND4J op threads of the single-JVM ways: train.threads-per-worker, or else the machine's cores. */
    private int singleJvmThreads() {
        int configured = config.train().threadsPerWorker();
        return configured > 0 ? configured : Runtime.getRuntime().availableProcessors();
    }

    /** A fresh network started from the training data as the train step starts it. */
    private static ComputationGraph fresh(Modality modality, RunConfig config, DatasetManifest dataset,
                                          List<Row> trainSample) {
        ComputationGraph network = modality.newNetwork(config, dataset);
        modality.startFromData(network, config, dataset, trainSample);
        return network;
    }

    private static double examplesPerSecond(int examples, List<MultiDataSet> batches, Consumer<MultiDataSet> fit) {
        long start = System.nanoTime();
        batches.forEach(fit);
        return examples / ((System.nanoTime() - start) / 1e9);
    }

    private Way spark(Dataset<Row> train, Modality modality, DatasetManifest dataset, String trainer,
                      TestReconstruction test) {
        RunConfig config = this.config.withTrain(this.config.train().withTrainer(trainer));
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(ctx.spark().sparkContext());
        int executors = ExecutorFleet.await(sc, 120, ctx.log()).size();
        List<Row> monitor = train.limit(64).collectAsList();
        ComputationGraph network = fresh(modality, TrainingMasters.networkConfig(config, executors), dataset,
                monitor);
        // Checkpoints and exported minibatches go to a hidden scratch folder, removed afterwards.
        String scratch = ctx.layout().root() + "/benchmark/.scratch-" + trainer;
        VaeTrainer.Result result;
        try {
            result = new VaeTrainer(sc, config,
                    modality.batchEncoder(config, dataset),
                    new Checkpoints(ctx.files(), scratch + "/checkpoints"), ctx.files(), scratch + "/export",
                    line -> ctx.log().accept(trainer + ": " + line))
                    .train(network, 0, List.of(), train, Map.of("validation", monitor), monitor,
                            modality.epochHooks(config, dataset, monitor));
        } finally {
            ctx.files().delete(scratch);
        }
        double[] perSecond = result.history().stream().filter(m -> m.metric().equals("train_examples_per_s"))
                .mapToDouble(Metric::value).toArray();
        return new Way(medianAfterWarmup(perSecond), test.of(result.network()));
    }

    static double medianAfterWarmup(double[] perEpoch) {
        double[] counted = perEpoch.length > 1 ? Arrays.copyOfRange(perEpoch, 1, perEpoch.length) : perEpoch.clone();
        Arrays.sort(counted);
        int n = counted.length;
        return n % 2 == 1 ? counted[n / 2] : (counted[n / 2 - 1] + counted[n / 2]) / 2;
    }

    /**
     * ND4J's single-precision matrix multiply rate on this machine, the ceiling training is compared to: the best of
     * five timings of 20 multiplies of 1024×1024 matrices (a single short timing varies by 2× here).
     */
    static double sgemmGflops() {
        int n = 1024;
        int reps = 20;
        INDArray a = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray b = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray c = Nd4j.create(DataType.FLOAT, n, n);
        for (int i = 0; i < 3; i++) {
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
        }
        double best = 0;
        for (int trial = 0; trial < 5; trial++) {
            long start = System.nanoTime();
            for (int i = 0; i < reps; i++) {
                Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            best = Math.max(best, 2.0 * n * n * n * reps / seconds / 1e9);
        }
        return best;
    }
}
