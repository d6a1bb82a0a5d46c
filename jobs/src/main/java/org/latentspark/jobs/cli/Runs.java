package org.latentspark.jobs.cli;

import com.typesafe.config.ConfigFactory;
import org.latentspark.common.UserInputException;
import org.latentspark.common.config.ConfigLoader;
import org.latentspark.common.config.RunConfig;
import org.latentspark.common.io.OutputLayout;
import org.latentspark.common.manifest.RunManifest;
import org.latentspark.jobs.steps.EmbedStep;
import org.latentspark.jobs.steps.EvaluateStep;
import org.latentspark.jobs.steps.JobContext;
import org.latentspark.jobs.steps.ShardStep;
import org.latentspark.jobs.steps.TrainStep;

/**
 * How commands compose steps into runs. A new run is written in a hidden staging directory (where its checkpoints
 * also live, for --resume) and appears under runs/&lt;id&gt; by one rename when its last step has finished.
 */
final class Runs {
    private Runs() {
    }

    /** train, or pipeline when {@code embedAndEvaluate}: returns the published run directory. */
    static String trainNew(JobContext ctx, String runId, boolean resume, boolean embedAndEvaluate, String command) {
        String target = ctx.layout().run(runId);
        String staging = ctx.layout().stagingRun(runId);
        if (ctx.files().exists(target)) {
            throw new UserInputException("run " + runId + " already exists at " + target + "; choose another --run-id");
        }
        boolean unfinished = ctx.files().exists(staging);
        if (resume && !unfinished) {
            throw new UserInputException("cannot resume run " + runId + ": nothing unfinished at " + staging);
        }
        if (!resume && unfinished) {
            throw new UserInputException("an unfinished run " + runId + " exists at " + staging
                    + "; continue it with --resume, or choose another --run-id");
        }
        ctx.files().mkdirs(staging);
        if (resume) {
            // A run killed during embed or evaluate left those tables (finished or not); they are redone.
            for (String table : new String[] {OutputLayout.latents(staging), OutputLayout.evaluation(staging)}) {
                ctx.files().delete(table);
                ctx.files().delete(OutputLayout.staging(table));
            }
        }
        RunManifest manifest = RunManifest.start(runId, command, ctx.config());
        manifest.save(ctx.files(), staging);
        TrainStep.run(ctx, staging, resume, manifest);
        manifest.save(ctx.files(), staging);
        if (embedAndEvaluate) {
            EmbedStep.run(ctx, staging, manifest);
            EvaluateStep.run(ctx, staging, manifest);
            manifest.status(RunManifest.STATUS_COMPLETE);
        }
        manifest.save(ctx.files(), staging);
        ctx.files().publish(staging, target);
        return target;
    }

    static String pipeline(JobContext ctx, String runId, boolean resume) {
        ShardStep.run(ctx);
        return trainNew(ctx, runId, resume, true, "pipeline");
    }

    /** embed or evaluate on a published run, with the configuration it was trained with (plus any overrides). */
    static String onExistingRun(JobContext ctx, CommonOptions options, String runId, boolean embed) {
        String runDir = ctx.layout().run(runId);
        RunManifest manifest = RunManifest.load(ctx.files(), runDir);
        RunConfig trained = RunConfig.from(ConfigLoader.load(
                ConfigFactory.parseString(manifest.configJson()), options.config, options.overrides));
        JobContext runCtx = ctx.withConfig(trained);
        // Re-running a step replaces its table.
        String previous = embed ? OutputLayout.latents(runDir) : OutputLayout.evaluation(runDir);
        if (ctx.files().exists(previous)) {
            ctx.files().delete(previous);
        }
        if (embed) {
            EmbedStep.run(runCtx, runDir, manifest);
        } else {
            EvaluateStep.run(runCtx, runDir, manifest);
            if (ctx.files().exists(OutputLayout.latents(runDir))) {
                manifest.status(RunManifest.STATUS_COMPLETE);
            }
        }
        manifest.save(ctx.files(), runDir);
        return runDir;
    }
}
