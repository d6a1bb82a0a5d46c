package org.latentspark.datasets.neural;

import com.univocity.parsers.tsv.TsvParser;
import com.univocity.parsers.tsv.TsvParserSettings;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.latentspark.common.UserInputException;
import org.latentspark.common.io.HadoopFiles;

/**
 * A Kilosort folder's cluster labels: Phy's curated {@code cluster_group.tsv} (columns cluster_id, group) when it
 * exists, otherwise Kilosort's automatic {@code cluster_KSLabel.tsv} (cluster_id, KSLabel). Labels are lower-cased
 * ("good", "mua", "noise").
 */
final class PhyClusterLabels {
    static final String CURATED = "cluster_group.tsv";
    static final String AUTOMATIC = "cluster_KSLabel.tsv";

    private PhyClusterLabels() {
    }

    /** Cluster id → label; fails, naming the folder, when neither file exists. */
    static Map<Long, String> read(String folder, Configuration conf) {
        HadoopFiles files = new HadoopFiles(conf);
        for (String name : List.of(CURATED, AUTOMATIC)) {
            String path = folder + "/" + name;
            if (files.exists(path)) {
                return parse(path, files);
            }
        }
        throw new UserInputException("Kilosort folder " + folder + " has neither " + CURATED + " nor " + AUTOMATIC
                + ", which dataset.neural.kilosort.cluster-groups needs to select clusters");
    }

    private static Map<Long, String> parse(String path, HadoopFiles files) {
        List<String[]> rows;
        try (Reader in = new InputStreamReader(files.open(path), StandardCharsets.UTF_8)) {
            TsvParserSettings settings = new TsvParserSettings();
            settings.setLineSeparatorDetectionEnabled(true);
            rows = new TsvParser(settings).parseAll(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
        Map<Long, String> labels = new HashMap<>();
        for (int line = 1; line < rows.size(); line++) {
            String[] row = rows.get(line);
            if (row.length < 2 || row[0] == null || row[1] == null) {
                throw new UserInputException(path + " line " + (line + 1) + ": expected a cluster id and a label");
            }
            try {
                labels.put(Long.parseLong(row[0].trim()), row[1].trim().toLowerCase(java.util.Locale.ROOT));
            } catch (NumberFormatException e) {
                throw new UserInputException(path + " line " + (line + 1) + ": cluster id '" + row[0]
                        + "' is not an integer");
            }
        }
        return labels;
    }
}
