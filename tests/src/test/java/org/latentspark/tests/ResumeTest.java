package org.latentspark.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentspark.jobs.cli.LatentSparkCli;

/**
 * A run killed after a checkpoint and resumed with --resume ends where an uninterrupted run with the same seed
 * ends. The kill is simulated by leaving the epoch-2 checkpoint and a half-written latents folder in the staging
 * directory of a new run id.
 */
class ResumeTest {
    static final int EPOCHS = 4;

    @TempDir
    Path out;

    @Test
    void resumedRunReachesTheUninterruptedRunsMetrics() throws IOException {
        String[] extra = {"train.epochs=" + EPOCHS, "dataset.sprites.count=2000", "model.hidden=[128]"};
        assertEquals(0, LatentSparkCli.run(SpritesPipelineTest.pipeline(out, "whole", "averaging", extra)));

        Path checkpoint = out.resolve("runs/whole/checkpoints/epoch-0002");
        Path staged = out.resolve("runs/.inprogress-resumed/checkpoints/epoch-0002");
        Files.createDirectories(staged);
        try (Stream<Path> files = Files.list(checkpoint)) {
            for (Path f : files.toList()) {
                Files.copy(f, staged.resolve(f.getFileName()));
            }
        }
        // The killed run had also begun writing latents; the resumed run must redo them, not trip over them.
        Path partial = Files.createDirectories(out.resolve("runs/.inprogress-resumed/.inprogress-latents"));
        Files.writeString(partial.resolve("part-00000.parquet"), "half-written");
        String[] resume = Stream.concat(Stream.of(SpritesPipelineTest.pipeline(out, "resumed", "averaging", extra)),
                Stream.of("--resume")).toArray(String[]::new);
        assertEquals(0, LatentSparkCli.run(resume));

        Outputs outputs = new Outputs(out);
        Map<String, Double> whole = outputs.evaluation("whole");
        Map<String, Double> resumed = outputs.evaluation("resumed");
        for (String key : List.of(Outputs.key("vae", "test", "neg_elbo", null, null),
                Outputs.key("vae", "test", "reconstruction", null, null),
                Outputs.key("vae", "test", "kl", null, null),
                Outputs.key("vae", "validation", "neg_elbo", null, EPOCHS))) {
            double expected = whole.get(key);
            assertEquals(expected, resumed.get(key), 1e-3 * Math.abs(expected), key);
        }
        assertEquals(2, outputs.json(outputs.run("resumed").resolve("manifest.json"))
                .at("/training/resumed_after_epoch").asInt());

        // train.keep = best: the published model is the epoch with the lowest validation neg_elbo.
        int best = 1;
        for (int epoch = 2; epoch <= EPOCHS; epoch++) {
            if (whole.get(Outputs.key("vae", "validation", "neg_elbo", null, epoch))
                    < whole.get(Outputs.key("vae", "validation", "neg_elbo", null, best))) {
                best = epoch;
            }
        }
        assertEquals(best, outputs.json(outputs.run("whole").resolve("manifest.json"))
                .at("/training/kept_epoch").asInt());
    }
}
