package org.latentspark.jobs.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentspark.common.UserInputException;
import org.latentspark.common.config.RunConfig;
import org.latentspark.common.io.HadoopFiles;
import org.latentspark.common.model.ImageVaeGraph;
import org.latentspark.common.schema.EvaluationSchema.Metric;
import org.latentspark.common.schema.ImageSchema;
import org.latentspark.jobs.TestSpark;
import org.latentspark.jobs.image.ImageBatch;
import org.latentspark.jobs.image.ImageBatchEncoder;
import org.latentspark.jobs.image.ImageModality;

/**
 * The epoch loop on a tiny dense VAE (4 × 4 images, two latents) and 64 training images on local[2]: what it
 * trains, records, checkpoints and keeps, and how it stops when training diverges.
 */
class VaeTrainerTest {
    private static final ImageBatch.Geometry GEOMETRY = new ImageBatch.Geometry(4, 4, 1, 2);
    private static SparkSession spark;

    @TempDir
    Path out;

    @BeforeAll
    static void start() {
        spark = TestSpark.start("vae-trainer-test");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static Map<String, List<Row>> validation() {
        return Map.of("validation", images(16, "validation", 1).collectAsList());
    }

    @Test
    void everyEpochTrainsEveryExampleIsCheckpointedAndTheBestIsKept() throws Exception {
        RunConfig config = config("train.learning-rate=2e-2");
        VaeTrainer.Result result = trainer(config).train(network(config), 0, List.of(), images(64, "train", 2),
                validation(), List.of(), EpochHooks.NONE);

        assertEquals(3, result.epochsTrained());
        List<Double> validation = result.history().stream()
                .filter(m -> m.split().equals("validation") && m.metric().equals("neg_elbo"))
                .map(Metric::value).toList();
        assertEquals(4, validation.size(), "initialization and three epochs: " + validation);
        // A model that ignores the latents and predicts each pixel's mean, (230 + 20) / 2 / 255 = 0.49, scores
        // 16 H(0.49) = 11.09 nats; the initialization scores about 11.5. Three epochs get there.
        double pixelMeanFloor = 16 * binaryEntropy((230 + 20) / 2.0 / 255);
        assertTrue(validation.get(3) < pixelMeanFloor + 0.1 && validation.get(0) > pixelMeanFloor + 0.3,
                "it learns: " + validation);
        int best = 1 + validation.subList(1, 4).indexOf(validation.subList(1, 4).stream()
                .min(Comparator.naturalOrder()).orElseThrow());
        assertEquals(best, result.keptEpoch(), "the epoch with the lowest validation neg_elbo: " + validation);

        assertEquals(3, result.audits().size());
        for (TrainingAudit audit : result.audits()) {
            // 32 rows per partition, 8 per minibatch: nothing left over, every example trained once.
            assertEquals(64, audit.exported(), audit.toString());
            assertEquals(64, audit.trained(), audit.toString());
        }
        Path checkpoints = out.resolve("checkpoints");
        for (String epoch : List.of("epoch-0001", "epoch-0002", "epoch-0003", "best")) {
            assertTrue(Files.exists(checkpoints.resolve(epoch).resolve("state.json")), epoch);
        }
        try (var left = Files.list(out.resolve("scratch"))) {
            assertEquals(List.of(), left.toList(), "each epoch's exported minibatches are deleted");
        }
    }

    @Test
    void trainKeepSelectionKeepsTheEpochWithTheHighestSelectionScore() throws Exception {
        RunConfig config = config("train.learning-rate=2e-2", "train.keep=selection");
        // Scores before training, then after epochs 1 to 3: epoch 2 is the best although neg_elbo falls on.
        double[] scores = {0.1, 0.3, 0.5, 0.2};
        int[] calls = {0};
        List<Integer> epochsBegun = new ArrayList<>();
        VaeTrainer.Result result = trainer(config).train(network(config), 0, List.of(), images(64, "train", 2),
                validation(), List.of(), new EpochHooks() {
                    @Override
                    public Optional<SelectionScore> selectionScore(ComputationGraph network) {
                        return Optional.of(new SelectionScore("npmi", scores[calls[0]++]));
                    }

                    @Override
                    public void beforeEpoch(ComputationGraph network, int epoch) {
                        epochsBegun.add(epoch);
                    }
                });
        assertEquals(List.of(0, 1, 2), epochsBegun, "the model is told of each epoch before it trains");
        assertEquals(2, result.keptEpoch());
        List<Double> recorded = result.history().stream()
                .filter(m -> m.split().equals("validation") && m.metric().equals("npmi"))
                .map(Metric::value).toList();
        assertEquals(List.of(0.1, 0.3, 0.5, 0.2), recorded, "each epoch's score is in the history");
        Checkpoints.Best best = new Checkpoints(new HadoopFiles(new Configuration()),
                out.resolve("checkpoints").toString()).best().orElseThrow();
        assertEquals(2, best.epoch());
        assertEquals("npmi", best.metric());
        assertEquals(0.5, best.value());
    }

    @Test
    void trainKeepSelectionIsRefusedForAModelWithoutASelectionScore() {
        RunConfig config = config("train.keep=selection");
        var e = assertThrows(UserInputException.class, () -> trainer(config).train(network(config), 0, List.of(),
                images(64, "train", 2), validation(), List.of(), EpochHooks.NONE));
        assertTrue(e.getMessage().startsWith("configuration key train.keep = selection: model vae has no validation "
                + "score to select epochs by"), e.getMessage());
    }

    @Test
    void aDivergingRunStopsAtTheEpochItDiverged() {
        RunConfig config = config("train.learning-rate=1e12");
        var e = assertThrows(TrainingDivergedException.class, () -> trainer(config).train(network(config), 0,
                List.of(), images(64, "train", 2), validation(), List.of(), EpochHooks.NONE));
        assertTrue(e.getMessage().startsWith("training diverged at epoch 1, step "), e.getMessage());
        assertTrue(e.getMessage().endsWith("; lower train.learning-rate or check the input data"), e.getMessage());
    }

    @Test
    void aTrainingTaskThatHangsIsStoppedByTheWatchdogNamingTheEpochAndStage() {
        RunConfig config = config("train.stall-timeout=3s");
        System.setProperty(StalledTaskFault.PROPERTY, "driver");
        try {
            long start = System.nanoTime();
            var e = assertThrows(TrainingStalledException.class, () -> trainer(config).train(network(config), 0,
                    List.of(), images(64, "train", 2), validation(), List.of(), EpochHooks.NONE));
            double seconds = (System.nanoTime() - start) / 1e9;
            assertTrue(e.getMessage().startsWith("training stalled in epoch 1/3: no minibatch trained and no Spark "
                    + "task ended for 3 s (train.stall-timeout), in Spark stage "), e.getMessage());
            assertTrue(e.getMessage().endsWith("continue with --resume"), e.getMessage());
            assertTrue(seconds < 60, "stopped soon after the timeout: " + seconds + " s");
        } finally {
            System.clearProperty(StalledTaskFault.PROPERTY);
        }
        // The hung tasks were interrupted, not left running: the same Spark trains the next run normally.
        RunConfig healthy = config("train.learning-rate=2e-2");
        assertEquals(3, assertDoesNotThrowTraining(healthy).epochsTrained());
    }

    private VaeTrainer.Result assertDoesNotThrowTraining(RunConfig config) {
        try {
            return trainer(config).train(network(config), 0, List.of(), images(64, "train", 2),
                    validation(), List.of(), EpochHooks.NONE);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static double binaryEntropy(double p) {
        return -(p * Math.log(p) + (1 - p) * Math.log(1 - p));
    }

    private static RunConfig config(String... settings) {
        List<String> all = new ArrayList<>(List.of("dataset.format=sprites", "model.name=vae", "model.latent-dim=2",
                "model.hidden=[8]", "train.epochs=3", "train.batch-size=8", "train.trainer=averaging",
                "train.checkpoint-every=1", "train.learning-rate=1e-3", "model.kl-warmup-epochs=0", "train.keep=best"));
        all.addAll(List.of(settings));
        return RunConfig.load(null, all);
    }

    private VaeTrainer trainer(RunConfig config) throws Exception {
        HadoopFiles files = new HadoopFiles(new Configuration());
        return new VaeTrainer(JavaSparkContext.fromSparkContext(spark.sparkContext()), config,
                new ImageBatchEncoder(GEOMETRY, config.seed()),
                new Checkpoints(files, out.resolve("checkpoints").toString()), files,
                Files.createDirectories(out.resolve("scratch")).toString(), line -> { });
    }

    private static ComputationGraph network(RunConfig config) {
        return ImageVaeGraph.build(ImageModality.architecture(config.model(), GEOMETRY), config.seed(),
                config.train().learningRate());
    }

    /** Images with a bright left or right half: one bit of structure, which two latents can learn. */
    private static Dataset<Row> images(int n, String split, int partitions) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] pixels = new byte[16];
            for (int p = 0; p < 16; p++) {
                pixels[p] = (byte) ((p % 4 < 2) == (i % 2 == 0) ? 230 : 20);
            }
            rows.add(RowFactory.create(split + "-" + i, 4, 4, 1, pixels, null, null, split));
        }
        return spark.createDataFrame(rows, ImageSchema.SHARD).repartition(partitions);
    }
}
