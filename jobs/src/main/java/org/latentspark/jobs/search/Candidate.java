package org.latentspark.jobs.search;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.latentspark.common.config.ModelSettings;
import org.latentspark.common.config.RunConfig;
import org.latentspark.common.manifest.Json;

/**
 * One model of a search (train.search): its number and its configuration. Candidate 0 has the run's own resolved
 * settings; the others draw, from the seed, the learning rate (a quarter to twice the run's, log-uniform), the KL
 * warm-up (none to half the epochs), the KL weight β (a third to once the run's, log-uniform) and, for lfads, the
 * dropout (0 to 0.3): the settings AutoLFADS finds matter most on small recordings.
 *
 * @param settings what was drawn, by configuration key, for the manifest and the log
 */
public record Candidate(int index, RunConfig config, Map<String, Double> settings) implements Serializable {
    static final double MAX_DROPOUT = 0.3;

    /** {@code count} candidates around {@code base}, resolved for the dataset; the same ones for the same seed. */
    public static List<Candidate> draw(RunConfig base, int count, long seed) {
        if (!base.train().resolved()) {
            throw new IllegalStateException("resolve the training settings for the dataset before drawing");
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<Candidate> out = new java.util.ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            RunConfig config = i == 0 ? base : drawn(base, random);
            out.add(new Candidate(i, config, settingsOf(config)));
        }
        return out;
    }

    /** The run's configuration as JSON ({@code resolvedJson}) with what this candidate drew in its place. */
    public String configJson() {
        ObjectNode root = Json.parseObject(config.resolvedJson(), "resolved configuration");
        settings.forEach((key, value) -> {
            String[] path = key.split("\\.");
            ObjectNode node = root;
            for (int i = 0; i < path.length - 1; i++) {
                node = node.has(path[i]) && node.get(path[i]).isObject() ? (ObjectNode) node.get(path[i])
                        : node.putObject(path[i]);
            }
            if (value == Math.rint(value) && key.endsWith("epochs")) {
                node.put(path[path.length - 1], value.intValue());
            } else {
                node.put(path[path.length - 1], value);
            }
        });
        return Json.write(root);
    }

    private static RunConfig drawn(RunConfig base, SplittableRandom random) {
        double rate = base.train().learningRate() * logUniform(random, 0.25, 2.0);
        int warmup = random.nextInt(base.train().epochs() / 2 + 1);
        ModelSettings model = base.model().withKl(base.model().beta() * logUniform(random, 1.0 / 3, 1.0), warmup);
        if (ModelSettings.LFADS.equals(model.name())) {
            model = model.withLfadsDropout(random.nextDouble() * MAX_DROPOUT);
        }
        return base.withTrain(base.train().withLearningRate(rate)).withModel(model);
    }

    private static double logUniform(SplittableRandom random, double low, double high) {
        return Math.exp(Math.log(low) + random.nextDouble() * (Math.log(high) - Math.log(low)));
    }

    private static Map<String, Double> settingsOf(RunConfig config) {
        Map<String, Double> s = new LinkedHashMap<>();
        s.put("train.learning-rate", config.train().learningRate());
        s.put("model.kl-warmup-epochs", (double) config.model().klWarmupEpochs());
        s.put("model.beta", config.model().beta());
        if (ModelSettings.LFADS.equals(config.model().name())) {
            s.put("model.lfads.dropout", config.model().lfads().dropout());
        }
        return s;
    }
}
