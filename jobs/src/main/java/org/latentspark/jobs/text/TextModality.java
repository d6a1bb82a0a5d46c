package org.latentspark.jobs.text;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.latentspark.common.config.DatasetSettings;
import org.latentspark.common.config.EvaluateSettings;
import org.latentspark.common.config.ModelSettings;
import org.latentspark.common.config.RunConfig;
import org.latentspark.common.config.TrainSettings;
import org.latentspark.common.manifest.DatasetManifest;
import org.latentspark.common.manifest.Json;
import org.latentspark.common.manifest.RunManifest;
import org.latentspark.common.metrics.text.BagOfWords;
import org.latentspark.common.metrics.text.CoDocumentCounts;
import org.latentspark.common.metrics.text.Npmi;
import org.latentspark.common.metrics.text.Perplexity;
import org.latentspark.common.metrics.text.TopWords;
import org.latentspark.common.metrics.text.TopicWordModel;
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
import org.latentspark.datasets.text.TextVocabularyStore;
import org.latentspark.datasets.text.TrueTopics;
import org.latentspark.datasets.text.Vocabulary;
import org.latentspark.jobs.baselines.MllibLdaBaseline;
import org.latentspark.jobs.inference.ElboTerms;
import org.latentspark.jobs.inference.LatentGeometry;
import org.latentspark.jobs.inference.ScoresTable;
import org.latentspark.jobs.modality.JobContext;
import org.latentspark.jobs.modality.Modality;
import org.latentspark.jobs.modality.ModelCodec;
import org.latentspark.jobs.modality.PartitionInference;
import org.latentspark.jobs.report.ReportSection;
import org.latentspark.jobs.training.BatchEncoder;
import org.latentspark.jobs.training.SelectionScore;

/**
 * Text: folders of text files, JSON Lines, Parquet text columns, the SpamAssassin corpus and the LDA simulator,
 * tokenized into bags of words over a vocabulary fit with Spark ML; the ProdLDA neural topic model; topic
 * proportions per document, a topics table, and topic quality beside Spark ML's LDA trained on the same documents.
 */
public final class TextModality implements Modality {

    private static final int BATCH = 256;
    /** The dataset manifest's shape keys of a text dataset, written by {@link #shard} and read below. */
    static final String VOCABULARY_SIZE = "vocabulary_size";
    static final String TOPICS_TRUE = "true_topics";
    /** Candidates of the search that train.search.candidates = auto runs on a small corpus. */
    static final int AUTO_SEARCH_CANDIDATES = 2;
    /**
     * The most training documents for which train.search.candidates = auto searches: train.search.max-examples's
     * default, since each candidate's task holds the whole training split.
     */
    static final int AUTO_SEARCH_MAX_DOCUMENTS = 10_000;

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
            shape.put(VOCABULARY_SIZE, fitted.vocabulary().size());
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
        return dataset.shape().get(VOCABULARY_SIZE).asInt();
    }

    /** The other auto settings, then Adam's β1, which depends on whether auto chose a search. */
    @Override
    public RunConfig resolveTraining(RunConfig config, DatasetManifest dataset) {
        RunConfig resolved = Modality.super.resolveTraining(config, dataset);
        return resolved.withModel(resolved.model().resolveAdamBeta1(resolved.train().search().enabled()));
    }

    static TopicVaeArchitecture architecture(RunConfig config, DatasetManifest dataset) {
        var m = config.model();
        if (m.prodlda().adamBeta1() == ModelSettings.ProdLda.AUTO_ADAM_BETA1) {
            throw new IllegalStateException("model.prodlda.adam-beta1 is still auto: resolve the configuration for "
                    + "the dataset first (Modality.resolveTraining)");
        }
        return new TopicVaeArchitecture(vocabularySize(dataset), m.latentDim(), m.hidden(), m.prodlda().dropout(),
                m.prodlda().priorAlpha(), m.prodlda().adamBeta1(), true, m.prodlda().annealBatchNorm());
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

    /**
     * ProdLDA's reference training (Srivastava and Sutton's code): batches of 200 at Adam's 0.002, over 10 epochs.
     * On 100,000 simulated documents the generic batches of 64 at 1e-3 took twice as long (189.5 s against 90.9 s of
     * training) and recovered the topics less well (0.735 against 0.820), at npmi 0.493 against 0.465.
     */
    @Override
    public TrainSettings.Defaults trainingDefaults(RunConfig config, DatasetManifest dataset) {
        return new TrainSettings.Defaults(10, 200, 2e-3, 0);
    }

    /**
     * A search of {@link #AUTO_SEARCH_CANDIDATES} candidates, one task each, on a corpus of up to
     * {@link #AUTO_SEARCH_MAX_DOCUMENTS} training documents. There the per-epoch Spark jobs of a trainer cost more
     * than the training, and averaging's workers halve the steps: on SpamAssassin (4,788 training e-mails, 20 epochs,
     * local[2]) parameter averaging took 31 s of training to a test npmi of −0.124 and perplexity 1,255 at seed 42,
     * one candidate alone 14 s to 0.033 and 1,196 (README, "Text"). Two candidates fill two cores in one candidate's
     * time. Larger corpora train one model, data-parallel.
     */
    @Override
    public int searchDefault(RunConfig config, DatasetManifest dataset) {
        return dataset.count(Splits.TRAIN) <= AUTO_SEARCH_MAX_DOCUMENTS ? AUTO_SEARCH_CANDIDATES : 0;
    }

    /**
     * The epoch with the most coherent topics on the validation documents, as topic models are usually kept (over
     * five seeds on SpamAssassin: test npmi −0.116 on average against −0.155 for the lowest validation neg_elbo).
     */
    @Override
    public String keepDefault() {
        return TrainSettings.KEEP_SELECTION;
    }

    /** The word logits' batch norm's weight for the epoch (model.prodlda.anneal-batch-norm). */
    @Override
    public void beforeEpoch(ComputationGraph network, RunConfig config, int epoch) {
        TopicVaeGraph.setBatchNormWeight(network, config.model().prodlda().batchNormWeight(epoch,
                config.train().epochs()));
    }

    /**
     * Mean npmi of the topics' top words (evaluate.npmi-top-words) over the validation documents' co-occurrences:
     * the coherence that topic-model practice keeps epochs and models by, measured as the test npmi is.
     */
    @Override
    public Optional<SelectionScore> selectionScore(ComputationGraph network, RunConfig config,
                                                   DatasetManifest dataset, List<Row> validation) {
        if (validation.isEmpty()) {
            return Optional.empty();
        }
        TextBatchEncoder encoder = (TextBatchEncoder) batchEncoder(config, dataset);
        int[][] top = TopWords.of(new NeuralTopics(new TopicVaeInference(network)),
                Math.min(config.evaluate().npmiTopWords(), vocabularySize(dataset)));
        CoDocumentCounts counts = CoDocumentCounts.forTopics(top);
        validation.forEach(r -> counts.add(encoder.document(r)));
        return Optional.of(new SelectionScore("npmi", Npmi.mean(top, counts)));
    }

    @Override
    public Dataset<Row> latents(JobContext ctx, DatasetManifest dataset, Broadcast<byte[]> model, String runId) {
        TextBatchEncoder encoder = (TextBatchEncoder) batchEncoder(ctx.config(), dataset);
        String datasetName = dataset.name();
        return ctx.spark().createDataFrame(readShards(ctx).toJavaRDD().mapPartitions(PartitionInference.map(model,
                BATCH, TopicVaeInference::new, (inference, rows) -> embed(inference, rows, encoder, runId,
                        datasetName))), LatentsSchema.TEXT);
    }

    private static List<Row> embed(TopicVaeInference inference, List<Row> rows, TextBatchEncoder encoder,
                                   String runId, String dataset) {
        TopicVaeInference.Posterior p = inference.posterior(encoder.encoderInput(documents(rows, encoder)));
        List<Row> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            out.add(RowFactory.create(runId, dataset, r.getAs(TextSchema.SPLIT), r.getAs(TextSchema.ID),
                    p.zMean().getRow(i).toFloatVector(), p.zLogVar().getRow(i).toFloatVector(),
                    p.theta().getRow(i).toFloatVector()));
        }
        return out;
    }

    private static List<BagOfWords> documents(List<Row> rows, TextBatchEncoder encoder) {
        return rows.stream().map(encoder::document).toList();
    }

    @Override
    public List<ReportSection> reportSections(JobContext ctx, DatasetManifest dataset, ComputationGraph model,
                                              String runDir, List<Metric> metrics) {
        return TextReport.sections(ctx, runDir, metrics, ctx.config().model().name());
    }

    @Override
    public List<Metric> evaluate(JobContext ctx, DatasetManifest dataset, Broadcast<byte[]> model, String runDir,
                                 RunManifest manifest) {
        RunConfig config = ctx.config();
        String name = config.model().name();
        TextBatchEncoder encoder = (TextBatchEncoder) batchEncoder(config, dataset);
        Dataset<Row> shards = readShards(ctx).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Dataset<Row> scores = ctx.spark().createDataFrame(shards.toJavaRDD().mapPartitions(
                    PartitionInference.map(model, BATCH, VaeInference::new,
                            (inference, rows) -> DocumentScores.scores(inference, rows, encoder))), ScoresTable.SCHEMA)
                    .persist(StorageLevel.MEMORY_AND_DISK());
            List<Metric> metrics = new ArrayList<>(ElboTerms.perSplit(scores, name));
            metrics.addAll(new LatentGeometry(config.evaluate()).metrics(scores, name));
            scores.unpersist();

            Dataset<Row> test = shards.where(col("split").equalTo(Splits.TEST));
            int modeSteps = config.evaluate().topicInferenceSteps();
            Perplexity.Sum neural = test.toJavaRDD().mapPartitions(PartitionInference.map(model, BATCH,
                            TopicVaeInference::new,
                            (inference, rows) -> DocumentScores.completion(inference, rows, encoder, modeSteps)))
                    .fold(Perplexity.Sum.ZERO, Perplexity.Sum::plus);
            if (neural.tokens() > 0) {
                metrics.add(new Metric(name, Splits.TEST, "perplexity", null, null, neural.perplexity()));
            }
            EvaluateSettings settings = config.evaluate();
            Dataset<Row> reference = "all".equals(settings.npmiReference()) ? shards : test;
            TopicQuality quality = new TopicQuality(reference, encoder.vocabulary(), settings.npmiTopWords(),
                    settings.diversityTopWords(), TrueTopicsOnVocabulary.read(ctx, dataset));
            Map<String, TopicWordModel> topics = new LinkedHashMap<>();
            topics.put(name, new NeuralTopics(new TopicVaeInference(ModelCodec.fromBytes(model.value()))));
            metrics.addAll(quality.metrics(topics.get(name), name));
            if (settings.mllibLda().enabled()) {
                LdaBaselineMetrics.Result lda = LdaBaselineMetrics.of(ctx, shards, test, encoder, quality);
                metrics.addAll(lda.metrics());
                topics.put(MllibLdaBaseline.NAME, lda.topics());
            }
            TopicsTable.write(ctx, topics, runDir, manifest);
            return metrics;
        } finally {
            shards.unpersist();
        }
    }


}
