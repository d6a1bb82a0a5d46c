package org.latentspark.jobs.image;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.xxhash64;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.latentspark.common.UserInputException;
import org.latentspark.common.config.DatasetSettings;
import org.latentspark.common.config.EvaluateSettings;
import org.latentspark.common.config.ModelSettings;
import org.latentspark.common.config.RunConfig;
import org.latentspark.common.io.OutputLayout;
import org.latentspark.common.manifest.DatasetManifest;
import org.latentspark.common.manifest.Json;
import org.latentspark.common.manifest.RunManifest;
import org.latentspark.common.model.ImageVaeGraph;
import org.latentspark.common.model.VaeArchitecture;
import org.latentspark.common.model.VaeInference;
import org.latentspark.common.schema.EvaluationSchema.Metric;
import org.latentspark.common.schema.ImageSchema;
import org.latentspark.common.schema.LatentsSchema;
import org.latentspark.datasets.images.ImageSource;
import org.latentspark.datasets.sharding.ImageShards;
import org.latentspark.datasets.sharding.ShardWriter;
import org.latentspark.datasets.sharding.Splits;
import org.latentspark.jobs.inference.ElboTerms;
import org.latentspark.jobs.inference.LatentGeometry;
import org.latentspark.jobs.inference.ScoresTable;
import org.latentspark.jobs.modality.JobContext;
import org.latentspark.jobs.modality.Modality;
import org.latentspark.jobs.modality.PartitionInference;
import org.latentspark.jobs.report.ReportSection;
import org.latentspark.jobs.training.BatchEncoder;

/** Images: IDX, image folders, Parquet image columns and the sprites simulator; the dense and convolutional VAEs. */
public final class ImageModality implements Modality {
    public static final String NAME = "image";
    private static final int BATCH = 256;
    private static final String IWAE_SELECTED = "_iwae";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String examples() {
        return "images";
    }

    @Override
    public DatasetManifest shard(JobContext ctx) {
        DatasetSettings ds = ctx.config().dataset();
        long seed = ctx.config().seed();
        ImageSource source = ImageSources.from(ds, seed);
        Dataset<Row> records = source.read(ctx.spark());
        List<Row> first = records.limit(1).collectAsList();
        if (first.isEmpty()) {
            throw new UserInputException("dataset '" + ds.name() + "' is empty: " + describe(ds) + " has no records");
        }
        ObjectNode shape = Json.object();
        shape.put(ImageSchema.HEIGHT, first.get(0).<Integer>getAs(ImageSchema.HEIGHT));
        shape.put(ImageSchema.WIDTH, first.get(0).<Integer>getAs(ImageSchema.WIDTH));
        shape.put(ImageSchema.CHANNELS, first.get(0).<Integer>getAs(ImageSchema.CHANNELS));
        long bytesPerRecord = (long) shape.get(ImageSchema.HEIGHT).asInt() * shape.get(ImageSchema.WIDTH).asInt()
                * shape.get(ImageSchema.CHANNELS).asInt() + 64;
        ShardWriter.Request request = new ShardWriter.Request(ds.name(), NAME, ImageSources.describe(ds, seed),
                shape, seed, ds.validationFraction(), ds.testFraction(), ds.targetShardMb(), bytesPerRecord,
                source::skipped);
        return new ShardWriter(ctx.files(), ctx.layout()).write(records, request);
    }

    private static String describe(DatasetSettings ds) {
        return DatasetSettings.SPRITES.equals(ds.format()) ? "the sprites simulator" : ds.path();
    }

    @Override
    public Dataset<Row> readShards(JobContext ctx) {
        return ImageShards.read(ctx.spark(), ctx.datasetDir());
    }

    @Override
    public ComputationGraph newNetwork(RunConfig config, DatasetManifest dataset) {
        return ImageVaeGraph.build(architecture(config.model(), geometry(dataset, config.model().latentDim())),
                config.seed(), config.train().learningRate());
    }

    @Override
    public BatchEncoder batchEncoder(RunConfig config, DatasetManifest dataset) {
        return new ImageBatchEncoder(geometry(dataset, config.model().latentDim()), config.seed());
    }

    public static ImageBatch.Geometry geometry(DatasetManifest dataset, int latentDim) {
        var shape = dataset.shape();
        return new ImageBatch.Geometry(shape.get(ImageSchema.HEIGHT).asInt(), shape.get(ImageSchema.WIDTH).asInt(),
                shape.get(ImageSchema.CHANNELS).asInt(), latentDim);
    }

    public static VaeArchitecture architecture(ModelSettings model, ImageBatch.Geometry g) {
        return new VaeArchitecture(model.name(), g.height(), g.width(), g.channels(), model.latentDim(),
                model.hidden(), model.convChannels(), model.likelihood(), model.gaussianSigma());
    }

    @Override
    public Dataset<Row> latents(JobContext ctx, DatasetManifest dataset, Broadcast<byte[]> model, String runId) {
        ImageBatch.Geometry geometry = geometry(dataset, ctx.config().model().latentDim());
        String datasetName = dataset.name();
        long seed = ctx.config().seed();
        return ctx.spark().createDataFrame(readShards(ctx).toJavaRDD().mapPartitions(PartitionInference.map(model,
                BATCH, VaeInference::new, (inference, rows) -> embed(inference, rows, geometry, seed, runId,
                        datasetName))), LatentsSchema.IMAGE);
    }

    private static List<Row> embed(VaeInference inference, List<Row> rows, ImageBatch.Geometry geometry, long seed,
                                   String runId, String dataset) {
        ImageBatch batch = ImageBatch.of(rows, geometry, seed);
        VaeInference.Pass pass = inference.forward(batch.x(), batch.eps());
        List<Row> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            out.add(RowFactory.create(runId, dataset, r.getAs(ImageSchema.SPLIT), r.getAs(ImageSchema.ID),
                    pass.zMean().getRow(i).toFloatVector(), pass.zLogVar().getRow(i).toFloatVector(),
                    r.getAs(ImageSchema.LABEL), r.getAs(ImageSchema.FACTORS)));
        }
        return out;
    }

    @Override
    public List<ReportSection> reportSections(JobContext ctx, DatasetManifest dataset, ComputationGraph model,
                                              String runDir, List<Metric> metrics) {
        return ImageReport.sections(ctx, geometry(dataset, ctx.config().model().latentDim()), model, runDir,
                metrics, readShards(ctx), ctx.config().model().name());
    }

    @Override
    public List<Metric> evaluate(JobContext ctx, DatasetManifest dataset, Broadcast<byte[]> model, String runDir,
                                 RunManifest manifest) {
        String name = ctx.config().model().name();
        Dataset<Row> scores = exampleScores(ctx, model, dataset).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            List<Metric> metrics = new ArrayList<>(ElboTerms.perSplit(scores, name));
            metrics.addAll(new LatentGeometry(ctx.config().evaluate()).metrics(scores, name));
            String table = OutputLayout.baselineLatents(runDir);
            // A table from an earlier evaluation would be stale if the baseline is skipped now.
            ctx.files().delete(table);
            metrics.addAll(PcaBaseline.metrics(ctx, readShards(ctx), geometry(dataset,
                    ctx.config().model().latentDim()), latents -> BaselineLatents.write(ctx, latents,
                    PcaBaseline.MODEL, dataset.name(), table, manifest)));
            return metrics;
        } finally {
            scores.unpersist();
        }
    }

    private Dataset<Row> exampleScores(JobContext ctx, Broadcast<byte[]> network, DatasetManifest dataset) {
        EvaluateSettings settings = ctx.config().evaluate();
        long seed = ctx.config().seed();
        long testCount = dataset.count(Splits.TEST);
        double iwaeFraction = settings.iwaeExamples() == 0 || testCount == 0 ? 1.0
                : Math.min(1.0, settings.iwaeExamples() / (double) testCount);
        Dataset<Row> shards = readShards(ctx)
                .withColumn(IWAE_SELECTED, col("split").equalTo(Splits.TEST).and(
                        pmod(xxhash64(lit(seed + 1), col("id")), lit(1_000_000L)).lt(iwaeFraction * 1_000_000)));
        ImageBatch.Geometry geometry = geometry(dataset, ctx.config().model().latentDim());
        ExampleScores.Spec spec = new ExampleScores.Spec(geometry, seed, settings.iwaeSamples(), IWAE_SELECTED);
        return ctx.spark().createDataFrame(shards.toJavaRDD().mapPartitions(PartitionInference.map(network,
                ExampleScores.BATCH, VaeInference::new, (inference, rows) -> ExampleScores.score(inference, rows,
                        spec))), ScoresTable.SCHEMA);
    }
}
