package org.latentspark.jobs.cli;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import org.latentspark.common.KillSwitch;
import org.latentspark.common.UserInputException;
import org.latentspark.common.config.ConfigLoader;
import org.latentspark.common.config.RunConfig;
import org.latentspark.common.io.LockFile;
import org.latentspark.common.io.OutputLayout;
import org.latentspark.common.manifest.RunManifest;
import org.latentspark.jobs.modality.JobContext;
import org.latentspark.jobs.steps.DatasetCheck;
import org.latentspark.jobs.steps.EmbedStep;
import org.latentspark.jobs.steps.EvaluateStep;
import org.latentspark.jobs.steps.ReportStep;
import org.latentspark.jobs.steps.RunStep;
import org.latentspark.jobs.steps.ShardStep;
import org.latentspark.jobs.steps.TrainStep;

/**
 * How commands compose steps into runs. A new run is written in a hidden staging directory (where its checkpoints
 * also live, for --resume) and appears under runs/&lt;id&gt; by one rename when its last step has finished.
 */
final class Runs {
    private Runs() {
    }

    /** shard → train → embed → evaluate → report: returns the published run directory. */
    static String pipeline(JobContext ctx, String runId, boolean resume) {
        try (LockFile lock = lock(ctx, runId)) {
            return newRun(ctx, runId, resume, "pipeline", () -> ShardStep.run(ctx), List.of(
                    new Step("train", TrainStep.step(resume)), new Step("embed", EmbedStep::run),
                    new Step("evaluate", EvaluateStep::run), new Step("report", ReportStep::run)));
        }
    }

    /** train alone: returns the published run directory. */
    static String train(JobContext ctx, String runId, boolean resume) {
        try (LockFile lock = lock(ctx, runId)) {
            return newRun(ctx, runId, resume, "train", null, List.of(new Step("train", TrainStep.step(resume))));
        }
    }

    /** embed on a published run, replacing its latents. */
    static String embed(JobContext ctx, CommonOptions options, String runId) {
        return onExistingRun(ctx, options, runId, new Step("embed", EmbedStep::run));
    }

    /** report on a published run, replacing its report. */
    static String report(JobContext ctx, CommonOptions options, String runId) {
        return onExistingRun(ctx, options, runId, new Step("report", ReportStep::run));
    }

    /** evaluate on a published run, replacing its evaluation. */
    static String evaluate(JobContext ctx, CommonOptions options, String runId) {
        return onExistingRun(ctx, options, runId, new Step("evaluate", EvaluateStep::run));
    }

    /** One process per run id at a time, across hosts sharing the output. */
    private static LockFile lock(JobContext ctx, String runId) {
        return LockFile.acquire(ctx.files(), ctx.layout().runLock(runId), "run " + runId);
    }

    /** Names the step's Spark jobs in the Spark UI (training names its epochs' jobs itself). */
    private static void describeJobs(JobContext ctx, String step) {
        ctx.spark().sparkContext().setJobDescription("latentspark " + step);
    }

    /** A step of a run; the kill-at-every-step tests stop the process after each by its name. */
    private record Step(String name, RunStep step) {
    }

    /**
     * @param shard the pipeline's shard step, run once the run's staging directory exists, so that a process killed
     *              while sharding leaves a run that --resume continues; null for train alone
     */
    private static String newRun(JobContext ctx, String runId, boolean resume, String command, Runnable shard,
                                 List<Step> steps) {
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
        if (shard != null) {
            shardIntoNewRun(ctx, staging, unfinished, shard);
        } else {
            DatasetCheck.run(ctx);
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
        for (Step step : steps) {
            describeJobs(ctx, step.name());
            step.step().run(ctx, staging, manifest);
            manifest.save(ctx.files(), staging);
            KillSwitch.point("after-" + step.name());
        }
        ctx.files().publish(staging, target);
        return target;
    }

    /**
     * Shards (or checks the dataset already sharded) with the new run's staging directory in place; bad input (or
     * any failure) in a run this process started removes it again, so that only a killed process leaves an
     * unfinished run behind.
     */
    private static void shardIntoNewRun(JobContext ctx, String staging, boolean unfinished, Runnable shard) {
        ctx.files().mkdirs(staging);
        try {
            describeJobs(ctx, "shard");
            shard.run();
            DatasetCheck.run(ctx);
        } catch (RuntimeException e) {
            if (!unfinished) {
                ctx.files().delete(staging);
            }
            throw e;
        }
        KillSwitch.point("after-shard");
    }

    /** A step on a published run, with the configuration it was trained with (plus any overrides). */
    private static String onExistingRun(JobContext ctx, CommonOptions options, String runId, Step step) {
        try (LockFile lock = lock(ctx, runId)) {
            return onLockedRun(ctx, options, runId, step);
        }
    }

    /** The step replaces its table only once the new one is complete; a failure leaves the run as it was. */
    private static String onLockedRun(JobContext ctx, CommonOptions options, String runId, Step step) {
        String runDir = ctx.layout().run(runId);
        RunManifest manifest = RunManifest.load(ctx.files(), runDir);
        RunConfig trained = RunConfig.from(ConfigLoader.load(
                ConfigFactory.parseString(manifest.configJson()), options.config, options.overrides));
        JobContext runCtx = ctx.withConfig(trained);
        DatasetCheck.run(runCtx);
        describeJobs(ctx, step.name());
        step.step().run(runCtx, runDir, manifest);
        manifest.save(ctx.files(), runDir);
        return runDir;
    }
}
