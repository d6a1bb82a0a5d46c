package org.latentspark.common.io;

/**
 * Where outputs go under {@code --output}, as the contract lays out. Work in progress lives in hidden
 * ({@code .inprogress-*}) directories, which Spark, pandas and pyarrow readers skip, and becomes visible by rename
 * when complete.
 */
public final class OutputLayout {
    private final String root;

    public OutputLayout(String root) {
        this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    }

    public String root() {
        return root;
    }

    public String dataset(String name) {
        return root + "/datasets/" + name;
    }

    public String stagingDataset(String name, String token) {
        return root + "/datasets/.inprogress-" + name + "-" + token;
    }

    public String run(String runId) {
        return root + "/runs/" + runId;
    }

    /** A run being written: checkpoints land here, so a killed run can resume from it. */
    public String stagingRun(String runId) {
        return root + "/runs/.inprogress-" + runId;
    }

    /** Held while a command works on the run, so that a second process with the same run id is refused. */
    public String runLock(String runId) {
        return root + "/runs/.lock-" + runId;
    }

    public static String model(String runDir) {
        return runDir + "/model";
    }

    public static String checkpoints(String runDir) {
        return runDir + "/checkpoints";
    }

    public static String latents(String runDir) {
        return runDir + "/latents";
    }

    public static String evaluation(String runDir) {
        return runDir + "/evaluation";
    }

    /** Same-run baselines' latents (the images' PCA): the latents layout with a model column. */
    public static String baselineLatents(String runDir) {
        return runDir + "/baseline_latents";
    }

    /** The topics of a text model and its baseline: run_id, model, topic, rank, term, weight. */
    public static String topics(String runDir) {
        return runDir + "/topics";
    }

    /** The run's HTML report: index.html, self-contained. */
    public static String report(String runDir) {
        return runDir + "/report";
    }

    /** A report comparing runs: reports/&lt;first id&gt;-vs-&lt;second id&gt;…/index.html. */
    public String comparison(java.util.List<String> runIds) {
        return root + "/reports/" + String.join("-vs-", runIds);
    }

    public static String manifest(String runDir) {
        return runDir + "/manifest.json";
    }

    /** A hidden sibling to write a run's sub-directory into before renaming it in place. */
    public static String staging(String dir) {
        int slash = dir.lastIndexOf('/');
        return dir.substring(0, slash + 1) + ".inprogress-" + dir.substring(slash + 1);
    }
}
