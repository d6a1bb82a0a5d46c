package org.latentspark.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Opens a run's HTML report in headless Chromium (Debian's chromium and chromium-driver packages, which .ci/run
 * installs) as a reader would, and checks what the reader gets: no console errors (a blocked request is one),
 * every picture decoded, and the page's metrics equal to the evaluation table's. A full-page screenshot is kept
 * under target/report-screenshots/.
 */
public final class ReportInBrowser {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "report-screenshots");

    private ReportInBrowser() {
    }

    /** What the browser saw: console errors, each picture's decoded size, each metric cell. */
    public record Page(List<String> errors, List<long[]> images, List<Map<String, String>> cells, String title) {
    }

    /**
     * Asserts a run's report against its evaluation table, keeping its screenshot as {@code <name>.png}.
     *
     * @param minImages the pictures the report must at least hold for this modality
     */
    public static void check(Outputs outputs, String runId, String name, int minImages) {
        checkPage(outputs.run(runId).resolve("report/index.html"), finals(outputs, runId, ""), name, minImages);
    }

    /** Asserts a page comparing runs: a column per run and model, the runs' curves. */
    public static void checkComparison(Outputs outputs, Path html, List<String> runIds, String name) {
        Map<String, Double> expected = new HashMap<>();
        for (String runId : runIds) {
            expected.putAll(finals(outputs, runId, runId + " / "));
        }
        checkPage(html, expected, name, 3);
    }

    /** The final rows of a run's evaluation table, keyed as the page's cells are (column prefixed). */
    private static Map<String, Double> finals(Outputs outputs, String runId, String prefix) {
        Map<String, Double> out = new HashMap<>();
        outputs.evaluation(runId).forEach((key, value) -> {
            if (key.endsWith("/-")) {
                out.put(prefix + key, value);
            }
        });
        return out;
    }

    private static void checkPage(Path html, Map<String, Double> finals, String name, int minImages) {
        assertTrue(Files.isRegularFile(html), "no report at " + html);
        Page page = open(html, SCREENSHOTS.resolve(name + ".png"));
        assertEquals(List.of(), page.errors(), "console errors in " + html);
        assertTrue(page.images().size() >= minImages, page.images().size() + " pictures in " + html);
        for (long[] size : page.images()) {
            assertTrue(size[0] > 0 && size[1] > 0, "a picture did not decode: " + size[0] + "×" + size[1]);
        }
        assertEquals(finals.size(), page.cells().size(), "metric cells on the page vs final rows in the table");
        for (Map<String, String> cell : page.cells()) {
            String dim = cell.get("dim");
            String key = Outputs.key(cell.get("column"), cell.get("split"), cell.get("metric"),
                    dim.isEmpty() ? null : Integer.valueOf(dim), null);
            assertTrue(finals.containsKey(key), "the page shows " + key + ", which the table does not hold");
            double value = finals.get(key);
            assertEquals(value, Double.parseDouble(cell.get("value")), "exact value of " + key);
            String text = cell.get("text").replace("✓", "").trim();
            if (Double.isFinite(value)) {
                double shown = Double.parseDouble(text);
                assertTrue(Math.abs(shown - value) <= 5e-4 * Math.abs(value) + 1e-12,
                        key + " shown as " + text + ", is " + value);
            }
        }
    }

    /** Loads the page, collects what it shows and saves a full-page screenshot. */
    public static Page open(Path html, Path screenshot) {
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
        // The flags this machine's Chromium needs headless as root with no network (see the machine notes).
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1100,900");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        try {
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
            driver.get(html.toUri().toString());
            @SuppressWarnings("unchecked")
            List<List<Number>> sizes = (List<List<Number>>) driver.executeScript(
                    "return Array.from(document.images).map(i => [i.complete ? i.naturalWidth : 0,"
                            + " i.complete ? i.naturalHeight : 0]);");
            List<long[]> images = new ArrayList<>();
            for (List<Number> s : sizes) {
                images.add(new long[] {s.get(0).longValue(), s.get(1).longValue()});
            }
            List<Map<String, String>> cells = new ArrayList<>();
            for (WebElement td : driver.findElements(org.openqa.selenium.By.cssSelector("td.value"))) {
                cells.add(Map.of("column", td.getDomAttribute("data-column"), "metric",
                        td.getDomAttribute("data-metric"), "split", td.getDomAttribute("data-split"), "dim",
                        String.valueOf(td.getDomAttribute("data-dim") == null ? "" : td.getDomAttribute("data-dim")),
                        "value", td.getDomAttribute("data-value"), "text", td.getAttribute("textContent")));
            }
            Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot",
                    Map.of("format", "png", "captureBeyondViewport", true));
            Files.createDirectories(screenshot.toAbsolutePath().getParent());
            Files.write(screenshot, Base64.getDecoder().decode((String) shot.get("data")));
            List<String> errors = new ArrayList<>();
            for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
                if (entry.getLevel().intValue() >= Level.WARNING.intValue()) {
                    errors.add(entry.getLevel() + " " + entry.getMessage());
                }
            }
            return new Page(errors, images, cells, driver.getTitle());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.quit();
        }
    }
}
