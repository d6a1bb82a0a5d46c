package org.latentspark.jobs.text;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.latentspark.common.config.DatasetSettings;
import org.latentspark.common.config.EvaluateSettings;
import org.latentspark.common.config.ModelSettings;
import org.latentspark.common.config.RunConfig;
import org.latentspark.common.io.OutputLayout;
import org.latentspark.common.manifest.DatasetManifest;
import org.latentspark.common.manifest.Json;
import org.latentspark.common.manifest.RunManifest;
import org.latentspark.common.metrics.text.BagOfWords;
import org.latentspark.common.metrics.text.DocumentCompletion;
import org.latentspark.common.metrics.text.Perplexity;
import org.latentspark.common.metrics.text.TopWords;
import org.latentspark.common.model.TopicVaeArchitecture;
import org.latentspark.common.model.TopicVaeGraph;
import org.latentspark.common.model.TopicVaeInference;
import org.latentspark.common.model.VaeInference;
import org.latentspark.common.schema.EvaluationSchema.Metric;
import org.latentspark.common.schema.LatentsSchema;
import org.latentspark.common.schema.TextSchema;
import org.latentspark.datasets.sharding.ShardWriter;
import org.latentspark.datasets.sharding.Shards;
import org.latentspark.datasets.sharding.Splits;
import org.latentspark.datasets.text.LdaCorpusSimulator;
import org.latentspark.datasets.text.TextSource;
import org.latentspark.datasets.text.TextVocabulary;
import org.latentspark.datasets.text.TextVocabularyStore;
import org.latentspark.datasets.text.TrueTopics;
import org.latentspark.datasets.text.Vocabulary;
import org.latentspark.jobs.baselines.LdaSettings;
import org.latentspark.jobs.baselines.MllibLdaBaseline;
import org.latentspark.jobs.image.ExampleScores;
import org.latentspark.jobs.inference.ElboTerms;
import org.latentspark.jobs.inference.LatentGeometry;
import org.latentspark.jobs.modality.Modality;
import org.latentspark.jobs.steps.JobContext;
import org.latentspark.jobs.steps.ModelStore;
import org.latentspark.jobs.training.BatchEncoder;
import org.latentspark.jobs.training.MiniBatches;

/**
 * Text: folders of text files, JSON Lines, Parquet text columns, the SpamAssassin corpus and the LDA simulator,
 * tokenized into bags of words over a vocabulary fit with Spark ML; the ProdLDA neural topic model; topic
 * proportions per document, a topics table, and topic quality beside Spark ML's LDA trained on the same documents.
 */
public final class TextModality implements Modality {
    private static final int BATCH = 256;
    static final String TOPICS_TRUE = "true_topics";
    private static final StructType TOPICS_TABLE = new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("topic", DataTypes.IntegerType, false)
            .add("rank", DataTypes.IntegerType, false)
            .add("term", DataTypes.StringType, false)
            .add("weight", DataTypes.DoubleType, false);

    @Override
    public String name() {
        return DatasetSettings.TEXT;
    }

    @Override
    public String examples() {
        return "documents";
    }

    @Override
    public DatasetManifest shard(JobContext ctx) {
        DatasetSettings ds = ctx.config().dataset();
        long seed = ctx.config().seed();
        TextSource source = TextSources.from(ds, seed);
        ObjectNode description = TextSources.describe(ds, source, seed);
        Vocabulary vocabulary = new Vocabulary(TextSources.vocabulary(ds.text()), seed, ds.validationFraction(),
                ds.testFraction());
        try (Vocabulary.Result fitted = vocabulary.fit(source.read(ctx.spark()), TextSources.corpus(ds))) {
            ObjectNode shape = Json.object();
            shape.put("vocabulary_size", fitted.vocabulary().size());
            shape.put("documents_read", fitted.documents());
            shape.put("empty_documents", fitted.emptyDocuments());
            TrueTopics truth = source instanceof LdaCorpusSimulator simulator ? simulator.trueTopics() : null;
            shape.put(TOPICS_TRUE, truth == null ? 0 : truth.topics());
            ShardWriter.Request request = new ShardWriter.Request(ds.name(), name(), description, shape, seed,
                    ds.validationFraction(), ds.testFraction(), ds.targetShardMb(), 200, fitted::emptyDocuments)
                    .withArtifacts(dir -> {
                        TextVocabularyStore.write(ctx.spark(), dir, fitted.vocabulary());
                        if (truth != null) {
                            truth.write(ctx.spark(), dir);
                        }
                    });
            return new ShardWriter(ctx.files(), ctx.layout()).write(fitted.records(), request);
        }
    }

    @Override
    public Dataset<Row> readShards(JobContext ctx) {
        return Shards.read(ctx.spark(), ctx.datasetDir(), TextSchema.SHARD, name());
    }

    static int vocabularySize(DatasetManifest dataset) {
        return dataset.shape().get("vocabulary_size").asInt();
    }

    static TopicVaeArchitecture architecture(RunConfig config, DatasetManifest dataset) {
        var m = config.model();
        return new TopicVaeArchitecture(vocabularySize(dataset), m.latentDim(), m.hidden(), m.prodlda().dropout(),
                m.prodlda().priorAlpha(), 0.99, true);
    }

    @Override
    public ComputationGraph newNetwork(RunConfig config, DatasetManifest dataset) {
        return TopicVaeGraph.build(architecture(config, dataset), config.seed(), config.train().learningRate());
    }

    @Override
    public BatchEncoder batchEncoder(RunConfig config, DatasetManifest dataset) {
        return new TextBatchEncoder(vocabularySize(dataset), config.model().latentDim(), config.seed(),
                ModelSettings.LOG_COUNTS.equals(config.model().prodlda().input()));
    }

    @Override
    public Dataset<Row> latents(JobContext ctx, DatasetManifest dataset, Broadcast<byte[]> model, String runId) {
        TextBatchEncoder encoder = (TextBatchEncoder) batchEncoder(ctx.config(), dataset);
        String datasetName = dataset.name();
        return ctx.spark().createDataFrame(readShards(ctx).toJavaRDD().mapPartitions(part -> {
            TopicVaeInference inference = new TopicVaeInference(ModelStore.fromBytes(model.value()));
            List<Row> out = new ArrayList<>();
            MiniBatches.forEachBatch(part, BATCH, rows -> {
                TopicVaeInference.Posterior p = inference.posterior(encoder.encoderInput(documents(rows, encoder)));
                for (int i = 0; i < rows.size(); i++) {
                    Row r = rows.get(i);
                    out.add(RowFactory.create(runId, datasetName, r.getAs(TextSchema.SPLIT), r.getAs(TextSchema.ID),
                            p.zMean().getRow(i).toFloatVector(), p.zLogVar().getRow(i).toFloatVector(),
                            p.theta().getRow(i).toFloatVector()));
                }
            });
            return out.iterator();
        }), LatentsSchema.TEXT);
    }

    private static List<BagOfWords> documents(List<Row> rows, TextBatchEncoder encoder) {
        return rows.stream().map(encoder::document).toList();
    }

    @Override
    public void writeExtraTables(JobContext ctx, DatasetManifest dataset, String runDir, RunManifest manifest) {
        EvaluateSettings settings = ctx.config().evaluate();
        NeuralTopics topics = new NeuralTopics(new TopicVaeInference(
                ModelStore.fromBytes(new ModelStore(ctx.files()).modelBytes(runDir))));
        List<String> terms = TextVocabularyStore.read(ctx.spark(), ctx.datasetDir()).terms();
        double[][] distributions = topics.topicWordDistributions();
        int n = Math.min(terms.size(), Math.max(settings.npmiTopWords(), settings.diversityTopWords()));
        int[][] top = TopWords.of(topics, n);
        List<Row> rows = new ArrayList<>();
        for (int k = 0; k < top.length; k++) {
            for (int rank = 0; rank < top[k].length; rank++) {
                int w = top[k][rank];
                rows.add(RowFactory.create(manifest.runId(), k, rank + 1, terms.get(w), distributions[k][w]));
            }
        }
        String target = OutputLayout.topics(runDir);
        String staging = OutputLayout.staging(target);
        ctx.files().delete(target);
        ctx.files().delete(staging);
        ctx.spark().createDataFrame(rows, TOPICS_TABLE).coalesce(1).write().parquet(staging);
        ctx.files().publish(staging, target);
        manifest.rowCount("topics", "rows", rows.size());
    }

    @Override
    public List<Metric> metrics(JobContext ctx, DatasetManifest dataset, Broadcast<byte[]> model, String runDir) {
        RunConfig config = ctx.config();
        String name = config.model().name();
        TextBatchEncoder encoder = (TextBatchEncoder) batchEncoder(config, dataset);
        Dataset<Row> shards = readShards(ctx).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Dataset<Row> scores = ctx.spark().createDataFrame(shards.toJavaRDD().mapPartitions(
                    part -> score(part, ModelStore.fromBytes(model.value()), encoder)), ExampleScores.SCHEMA)
                    .persist(StorageLevel.MEMORY_AND_DISK());
            List<Metric> metrics = new ArrayList<>(ElboTerms.perSplit(scores, name));
            metrics.addAll(new LatentGeometry(config.evaluate()).metrics(scores, name));
            scores.unpersist();

            Dataset<Row> test = shards.where(col("split").equalTo(Splits.TEST));
            Perplexity.Sum neural = test.toJavaRDD().mapPartitions(
                    part -> List.of(perplexity(part, ModelStore.fromBytes(model.value()), encoder)).iterator())
                    .fold(Perplexity.Sum.ZERO, Perplexity.Sum::plus);
            if (neural.tokens() > 0) {
                metrics.add(new Metric(name, Splits.TEST, "perplexity", null, null, neural.perplexity()));
            }
            EvaluateSettings settings = config.evaluate();
            Dataset<Row> reference = "all".equals(settings.npmiReference()) ? shards : test;
            TopicQuality quality = new TopicQuality(reference, encoder.vocabulary(), settings.npmiTopWords(),
                    settings.diversityTopWords(), trueTopics(ctx, dataset));
            metrics.addAll(quality.metrics(new NeuralTopics(new TopicVaeInference(
                    ModelStore.fromBytes(model.value()))), name));
            if (settings.mllibLda().enabled()) {
                metrics.addAll(mllibLda(ctx, shards, test, encoder, quality));
            }
            return metrics;
        } finally {
            shards.unpersist();
        }
    }

    private static Iterator<Row> score(Iterator<Row> part, ComputationGraph network, TextBatchEncoder encoder) {
        VaeInference inference = new VaeInference(network);
        List<Row> out = new ArrayList<>();
        MiniBatches.forEachBatch(part, BATCH, rows -> {
            var batch = encoder.encode(rows, BatchEncoder.EVALUATION_EPOCH, 1.0);
            VaeInference.Pass pass = inference.forward(batch.getFeatures(0), batch.getFeatures(1),
                    BatchEncoder.observations(batch));
            var kl = pass.kl();
            for (int i = 0; i < rows.size(); i++) {
                Row r = rows.get(i);
                out.add(RowFactory.create(r.getAs(TextSchema.SPLIT), r.getAs(TextSchema.ID), pass.nll().getDouble(i),
                        kl.getDouble(i), pass.klPerDim().getRow(i).toDoubleVector(),
                        pass.zMean().getRow(i).toDoubleVector(), null, null));
            }
        });
        return out.iterator();
    }

    /** Document completion on a partition of held-out documents: θ from the observed half scores the other. */
    private static Perplexity.Sum perplexity(Iterator<Row> part, ComputationGraph network, TextBatchEncoder encoder) {
        TopicVaeInference inference = new TopicVaeInference(network);
        Perplexity.Sum[] sum = {Perplexity.Sum.ZERO};
        MiniBatches.forEachBatch(part, BATCH, rows -> {
            List<DocumentCompletion> halves = rows.stream()
                    .map(r -> DocumentCompletion.split(encoder.document(r))).toList();
            var theta = inference.posterior(encoder.encoderInput(halves.stream().map(DocumentCompletion::observed)
                    .toList())).theta();
            var words = inference.wordDistribution(theta);
            for (int i = 0; i < halves.size(); i++) {
                sum[0] = sum[0].plus(Perplexity.document(words.getRow(i).toDoubleVector(), halves.get(i).evaluated()));
            }
        });
        return sum[0];
    }

    private List<Metric> mllibLda(JobContext ctx, Dataset<Row> shards, Dataset<Row> test, TextBatchEncoder encoder,
                                  TopicQuality quality) {
        EvaluateSettings.MllibLda s = ctx.config().evaluate().mllibLda();
        LdaSettings settings = new LdaSettings(encoder.topics(), s.maxIterations(), ctx.config().seed(),
                s.docConcentration(), s.topicConcentration(), s.subsamplingRate(), s.learningOffset());
        MllibLdaBaseline lda = MllibLdaBaseline.fit(shards.where(col("split").equalTo(Splits.TRAIN)),
                encoder.vocabulary(), settings);
        ctx.log().accept(String.format("mllib_lda: trained in %.1f s", lda.trainingSeconds()));
        List<Metric> out = new ArrayList<>();
        Perplexity.Sum sum = lda.documentCompletion(test);
        if (sum.tokens() > 0) {
            out.add(new Metric(MllibLdaBaseline.NAME, Splits.TEST, "perplexity", null, null, sum.perplexity()));
        }
        out.addAll(quality.metrics(lda.topics(), MllibLdaBaseline.NAME));
        out.add(new Metric(MllibLdaBaseline.NAME, Splits.TRAIN, "train_seconds", null, null, lda.trainingSeconds()));
        return out;
    }

    /** The dataset's generating topics over its vocabulary (renormalized there), or null when unknown. */
    private static double[][] trueTopics(JobContext ctx, DatasetManifest dataset) {
        if (dataset.shape().path(TOPICS_TRUE).asInt(0) == 0) {
            return null;
        }
        TextVocabulary vocabulary = TextVocabularyStore.read(ctx.spark(), ctx.datasetDir());
        TrueTopics truth = TrueTopics.read(ctx.spark(), ctx.datasetDir());
        Map<String, Integer> column = IntStream.range(0, truth.terms().size()).boxed()
                .collect(Collectors.toMap(truth.terms()::get, Function.identity()));
        double[][] out = new double[truth.topics()][vocabulary.size()];
        for (int k = 0; k < out.length; k++) {
            double total = 0;
            for (int w = 0; w < vocabulary.size(); w++) {
                Integer j = column.get(vocabulary.terms().get(w));
                out[k][w] = j == null ? 0 : truth.probabilities()[k][j];
                total += out[k][w];
            }
            for (int w = 0; w < vocabulary.size(); w++) {
                out[k][w] = total > 0 ? out[k][w] / total : 1.0 / vocabulary.size();
            }
        }
        return out;
    }
}
