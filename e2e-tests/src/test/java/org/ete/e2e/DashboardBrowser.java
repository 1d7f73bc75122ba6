package org.ete.e2e;

import io.restassured.path.json.JsonPath;
import org.ete.testsupport.TestTokens;
import org.ete.tokens.Roles;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.stream.Stream;

import static org.ete.testsupport.AuthorizedRequests.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The analyst dashboard (/dashboard/ on the analysis service) driven in headless Chromium through Selenium and
 * Debian's chromedriver: the controls are selected and clicked as an analyst would, and what the page then shows is
 * read from its DOM and checked against the API's answer for the same parameters (fetched here, not by the page).
 * Screenshots go to {@code e2e-tests/target/screenshots}.
 */
final class DashboardBrowser implements AutoCloseable {
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration RENDER = Duration.ofSeconds(90);

    private final ChromeDriver driver;
    private final String analysis;
    private final Path downloads;

    private DashboardBrowser(ChromeDriver driver, String analysis, Path downloads) {
        this.driver = driver;
        this.analysis = analysis;
        this.downloads = downloads;
    }

    /** The Chromium binary and Debian's chromedriver, when both are installed (.ci/run installs them). */
    static Optional<Path[]> installed() {
        Optional<Path> browser = Stream.of("/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser",
                "/usr/bin/google-chrome").map(Path::of).filter(Files::isExecutable).findFirst();
        Optional<Path> driver = Stream.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver").map(Path::of)
                .filter(Files::isExecutable).findFirst();
        return browser.isPresent() && driver.isPresent() ? Optional.of(new Path[] {browser.get(), driver.get()})
                : Optional.empty();
    }

    /** Opens the dashboard as an analyst does: with their token in the URL fragment (never sent to the server). */
    static DashboardBrowser open(String analysis, Path[] installed) throws IOException {
        // The driver is Debian's: Selenium Manager must not try to download one (the network is closed).
        System.setProperty("webdriver.chrome.driver", installed[1].toString());
        Path downloads = Files.createTempDirectory("dashboard-downloads-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(installed[0].toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1400,1000", "--lang=en-GB");
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(installed[1].toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        try {
            driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath",
                    downloads.toString()));
            DashboardBrowser page = new DashboardBrowser(driver, analysis, downloads);
            driver.get(analysis + "/dashboard/#token=" + TestTokens.forRole(Roles.ANALYST));
            page.awaitRenders(1);
            return page;
        } catch (RuntimeException | Error e) {
            driver.quit();
            throw e;
        }
    }

    /**
     * The whole scenario: the default view against the API, the live refresh, then cohort and measured-from, two
     * breakdowns, the window and the as-of date changed through the controls, a suppressed cell, the CSV download.
     */
    void drivesEveryControl(String outlierTeam) throws IOException {
        // 1. Live refresh: at every 5 s the page re-fetches on its own; then it is switched off, so that no redraw
        // replaces the DOM while the checks below read it.
        String before = text("last-refresh");
        long renders = renders();
        new Select(driver.findElement(By.id("every"))).selectByValue("5");
        awaitRenders(renders + 1);
        assertNotEquals(before, text("last-refresh"), "the last refresh time moved");
        assertTrue(text("last-refresh").contains("live: every 5 s"), text("last-refresh"));
        driver.findElement(By.id("live")).click();
        assertTrue(text("last-refresh").endsWith("live refresh off"), text("last-refresh"));
        awaitIdle();

        // 2. The default view (the seed's window and as-of date): every cohort, job cohorts both ways.
        assertNoPanelError();
        Map<String, List<String>> cohorts = rowsByFirstCell("cohort-table");
        for (String[] c : new String[][] {{"ete", "index", "All ETE participants (measured from the index date)"},
                {"found-work", "index", "Found work (measured from the index date)"},
                {"found-work", "job-start", "Found work (measured from the job start)"},
                {"sustained-work", "index", "Sustained work 13 weeks (measured from the index date)"},
                {"sustained-work", "job-start", "Sustained work 13 weeks (measured from the job start)"}}) {
            JsonPath api = api("/v1/reoffending?cohort=" + c[0] + "&measuredFrom=" + c[1]
                    + "&from=2018-04-01&to=2021-03-31&asOf=2022-10-01");
            List<String> row = cohorts.get(c[2]);
            assertTrue(row != null, "the cohort table has a row " + c[2] + ": " + cohorts.keySet());
            assertEquals(thousands(api.getLong("total.matured")), row.get(1), c[2] + " matured");
            assertEquals(percent(api.getDouble("total.actualRate")), cell(row, "cohort-table", "actual"),
                    c[2] + " actual");
            assertEquals(percent(api.getDouble("total.predictedRate")), cell(row, "cohort-table", "predicted"),
                    c[2] + " predicted");
        }
        // The default breakdown is by team, ETE cohort: the outlier team is flagged in the table and under the funnel.
        Map<String, List<String>> teams = rowsByFirstCell("breakdown-table");
        String status = cell(teams.get(outlierTeam), "breakdown-table", "funnel status");
        assertTrue(status.equals("alert") || status.equals("alarm"), outlierTeam + " is " + status);
        assertTrue(text("funnel-flagged").startsWith("Flagged: " + outlierTeam + " (al"), text("funnel-flagged"));
        // The caveats beside the figures: the API's own where it states them, else the domain's two.
        JsonPath byTeam = api("/v1/reoffending?by=team&cohort=ete&from=2018-04-01&to=2021-03-31&asOf=2022-10-01");
        List<String> caveats = driver.findElements(By.cssSelector("#breakdown-caveats li")).stream()
                .map(WebElement::getText).toList();
        List<String> served = byTeam.getList("caveats");
        if (served != null && !served.isEmpty()) {
            assertTrue(caveats.containsAll(served), "the API's caveats " + served + " are shown: " + caveats);
        } else {
            assertTrue(String.join(" ", caveats).contains("not a causal estimate")
                    && String.join(" ", caveats).contains("cautions"), "the domain's two caveats: " + caveats);
        }
        // Where the alerts state each team's detectable ratio, the page shows it (as toFixed(2) writes it).
        JsonPath teamAlerts = api("/v1/reoffending/alerts?by=team&cohort=ete&from=2018-04-01&to=2021-03-31"
                + "&asOf=2022-10-01");
        Object detectable = teamAlerts.get("rows.find { it.group == '" + outlierTeam + "' }.detectableRatio");
        if (detectable != null) {
            assertEquals(new BigDecimal(((Number) detectable).doubleValue()).setScale(2, RoundingMode.HALF_UP)
                    .toPlainString(), cell(teams.get(outlierTeam), "breakdown-table",
                    "smallest O/E vs peers this team would be flagged at, 80% power"), "detectable ratio");
        }
        assertTrue(driver.findElement(By.cssSelector("#funnel-chart canvas")).isDisplayed(), "the funnel is drawn");
        // The ETE outputs (in the window, as of the as-of date) and the Academy (as of July 2023), as the API serves them.
        JsonPath outputs = api("/v1/ete/outputs?from=2018-04-01&to=2021-03-31&asOf=2022-10-01");
        List<String> outputKpis = driver.findElements(By.cssSelector("#outputs-kpis .value")).stream()
                .map(WebElement::getText).toList();
        assertEquals(List.of(thousands(outputs.getLong("tookUp")), percent(outputs.getDouble("foundWorkRate")),
                percent(outputs.getDouble("sustainedRate"))), outputKpis, "ETE outputs");
        JsonPath academy = api("/v1/academy/progression?asOf=2023-07-01");
        List<String> academyKpis = driver.findElements(By.cssSelector("#academy-kpis .value")).stream()
                .map(WebElement::getText).toList();
        assertEquals(List.of(thousands(academy.getLong("mentors.rows.find { it.status == 'graduated' }.people")),
                thousands(academy.getLong("mentors.rows.find { it.status == 'in-training' }.people")),
                thousands(academy.getLong("employeesWithLivedExperience.total.people"))), academyKpis.subList(0, 3),
                "Academy");
        // Levels under the threshold (the API suppresses them) show as suppressed in the Academy table.
        for (String level : List.of("intermediate", "managerial")) {
            if (Boolean.TRUE.equals(academy.get("employeesWithLivedExperience.rows.find { it.level == '" + level
                    + "' }.suppressed"))) {
                assertEquals("suppressed", rowsByFirstCell("academy-table")
                        .get("employees with lived experience at " + level + " level").get(1), level);
            }
        }
        screenshot("01-default-ete-by-team");

        // The funnel's centre: OGRS3's own level (O/E = 1) instead of the service's, then back.
        choose("centre", "one");
        assertTrue(text("breakdown-about").contains("funnel centre: one"), text("breakdown-about"));
        choose("centre", "pooled");

        // 3. Cohort and measured-from: found work measured from the job start, still by team.
        choose("cohort", "found-work");
        choose("measured-from", "job-start");
        assertTrue(text("breakdown-title").equals("Found work (measured from the job start), by team"),
                text("breakdown-title"));
        JsonPath foundWorkByTeam = api("/v1/reoffending?by=team&cohort=found-work&measuredFrom=job-start"
                + "&from=2018-04-01&to=2021-03-31&asOf=2022-10-01");
        List<String> total = rowsByFirstCell("breakdown-table").get("total");
        assertEquals(thousands(foundWorkByTeam.getLong("total.matured")), cell(total, "breakdown-table", "matured"));
        assertEquals(percent(foundWorkByTeam.getDouble("total.actualRate")), cell(total, "breakdown-table", "actual"));
        screenshot("02-found-work-job-start-by-team");

        // 4. A second breakdown: gender, every row against the API.
        choose("by", "gender");
        JsonPath byGender = api("/v1/reoffending?by=gender&cohort=found-work&measuredFrom=job-start"
                + "&from=2018-04-01&to=2021-03-31&asOf=2022-10-01");
        assertRowsMatch(byGender, "gender");
        screenshot("03-found-work-job-start-by-gender");

        // 5. Window and as-of date: one quarter's index dates, as of July 2022, by team again. Found-work teams of a
        // quarter are small: some fall under the disclosure threshold and must show as suppressed.
        choose("from", "2019-01");
        choose("to", "2019-03");
        choose("as-of", "2022-07");
        choose("by", "team");
        String quarter = "/v1/reoffending?by=team&cohort=found-work&measuredFrom=job-start&from=2019-01-01"
                + "&to=2019-03-31&asOf=2022-07-01";
        JsonPath small = api(quarter);
        assertTrue(small.getList("rows.findAll { it.suppressed }").size() > 0, "a quarter has suppressed teams");
        assertRowsMatch(small, "team");
        screenshot("04-one-quarter-suppressed-teams");

        // 6. The CSV of the table on screen: the header block, then the table's header and rows.
        List<String> csv = downloadCsv();
        JsonPath alerts = api(quarter.replace("/v1/reoffending?", "/v1/reoffending/alerts?"));
        String version = Optional.ofNullable(small.getString("definitionsVersion"))
                .orElse(Optional.ofNullable(alerts.getString("definitionsVersion")).orElse("not stated"));
        assertEquals(List.of("cohort,found-work (Found work)", "measured from,job-start", "breakdown,team",
                "window,2019-01-01 to 2019-03-31", "as of,2022-07-01",
                "suppression threshold," + small.getInt("suppressionThreshold") + " matured people",
                "funnel centre," + Optional.ofNullable(alerts.getString("centre")).orElse("pooled"),
                "definitions version," + version, ""), csv.subList(0, 9), String.join("\n", csv));
        List<String> headers = driver.findElements(By.cssSelector("#breakdown-table th")).stream()
                .map(WebElement::getText).toList();
        assertEquals(String.join(",", headers.stream().map(DashboardBrowser::csvField).toList()), csv.get(9));
        List<WebElement> shownRows = driver.findElements(By.cssSelector("#breakdown-table tr"));
        assertEquals(shownRows.size(), csv.size() - 9, "one CSV line per table row");
        assertTrue(csv.stream().anyMatch(line -> line.contains(",suppressed,")), "suppressed cells in the CSV");

        // 7. Back to the seed's window, the ETE cohort by team: the screenshot for the README.
        choose("from", "2018-04");
        choose("to", "2021-03");
        choose("as-of", "2022-10");
        choose("cohort", "ete");
        choose("by", "team");
        assertNoPanelError();
        assertTrue(driver.findElement(By.id("measured-from")).getDomProperty("disabled").equals("true"),
                "the ETE cohort has no job start to measure from");
        screenshot("05-overview");
        assertNoCspViolation();
    }

    private void assertRowsMatch(JsonPath api, String dimension) {
        Map<String, List<String>> shown = rowsByFirstCell("breakdown-table");
        List<Map<String, Object>> rows = api.getList("rows");
        assertEquals(rows.size() + 1, shown.size(), "a row per group and the total: " + shown.keySet());
        for (Map<String, Object> row : rows) {
            @SuppressWarnings("unchecked")
            String group = ((Map<String, String>) row.get("group")).get(dimension);
            List<String> cells = shown.get(group);
            assertTrue(cells != null, group + " is shown");
            if (Boolean.TRUE.equals(row.get("suppressed"))) {
                assertEquals("suppressed", cell(cells, "breakdown-table", "matured"), group + " is suppressed");
                assertEquals("suppressed", cell(cells, "breakdown-table", "actual"), group + " is suppressed");
                assertTrue(driver.findElements(By.xpath("//table[@id='breakdown-table']//tr[td[1][text()="
                        + xpathLiteral(group) + "]]/td[@class='suppressed']")).size() >= 2,
                        group + "'s cells are marked suppressed");
            } else {
                assertEquals(thousands(((Number) row.get("matured")).longValue()),
                        cell(cells, "breakdown-table", "matured"), group + " matured");
                assertEquals(percent(((Number) row.get("actualRate")).doubleValue()),
                        cell(cells, "breakdown-table", "actual"), group + " actual");
            }
        }
    }

    /** Selects an option of one of the page's selects, as a user does, and waits for the page to redraw. */
    private void choose(String selectId, String value) {
        long renders = renders();
        WebElement select = driver.findElement(By.id(selectId));
        if (value.equals(select.getDomProperty("value"))) {
            return; // selecting the current option fires no change
        }
        new Select(select).selectByValue(value);
        awaitRenders(renders + 1);
        assertNoPanelError();
    }

    private List<String> downloadCsv() throws IOException {
        try (Stream<Path> old = Files.list(downloads)) {
            assertEquals(0, old.count(), "no download yet");
        }
        driver.findElement(By.id("download-csv")).click();
        // Chromium writes a .crdownload and renames it; the file is whole when it ends with the last row's CRLF.
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> {
            try (Stream<Path> files = Files.list(downloads)) {
                return files.filter(f -> f.toString().endsWith(".csv")).anyMatch(f -> {
                    try {
                        return Files.readString(f, StandardCharsets.UTF_8).endsWith("\r\n");
                    } catch (IOException e) {
                        return false;
                    }
                });
            } catch (IOException e) {
                return false;
            }
        });
        Path file;
        try (Stream<Path> files = Files.list(downloads)) {
            file = files.filter(f -> f.toString().endsWith(".csv")).findFirst().orElseThrow();
        }
        assertEquals("reoffending_found-work_job-start_team_2019-01-01_2019-03-31_asof_2022-07-01.csv",
                file.getFileName().toString());
        Files.copy(file, Files.createDirectories(SCREENSHOTS).resolve(file.getFileName()),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    private void awaitRenders(long atLeast) {
        new WebDriverWait(driver, RENDER).until(d -> renders() >= atLeast
                && "true".equals(driver.findElement(By.tagName("body")).getDomAttribute("data-ready")));
    }

    /** A refresh the live timer started just before it was switched off may still be drawing. */
    private void awaitIdle() {
        new WebDriverWait(driver, RENDER).until(d ->
                "true".equals(driver.findElement(By.tagName("body")).getDomAttribute("data-ready")));
    }

    private long renders() {
        return Long.parseLong(driver.findElement(By.tagName("body")).getDomAttribute("data-renders"));
    }

    private String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    /** The rows of a table, keyed by their first cell; each row's cells' text. */
    private Map<String, List<String>> rowsByFirstCell(String tableId) {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (WebElement tr : driver.findElements(By.cssSelector("#" + tableId + " tr"))) {
            List<String> cells = new ArrayList<>();
            for (WebElement td : tr.findElements(By.tagName("td"))) {
                cells.add(td.getText());
            }
            if (!cells.isEmpty()) {
                rows.put(cells.get(0), cells);
            }
        }
        return rows;
    }

    /** A row's cell under the column headed {@code header}. */
    private String cell(List<String> row, String tableId, String header) {
        List<String> headers = driver.findElements(By.cssSelector("#" + tableId + " th")).stream()
                .map(WebElement::getText).toList();
        int column = headers.indexOf(header);
        assertTrue(column >= 0, tableId + " has a column " + header + ": " + headers);
        return row.get(column);
    }

    private void assertNoPanelError() {
        List<String> errors = driver.findElements(By.cssSelector(".error")).stream().map(WebElement::getText).toList();
        assertTrue(errors.isEmpty(), "no panel failed: " + errors);
    }

    private void assertNoCspViolation() {
        List<String> violations = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy") || m.contains("Refused to")).toList();
        assertTrue(violations.isEmpty(), "no CSP violation: " + violations);
    }

    /** The whole page, not only the window (Chromium's own full-page capture, through chromedriver's CDP bridge). */
    void screenshot(String name) throws IOException {
        Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        @SuppressWarnings("unchecked")
        Map<String, Number> size = (Map<String, Number>) metrics.get("cssContentSize");
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", size.get("width"),
                        "height", size.get("height"), "scale", 1)));
        Files.write(Files.createDirectories(SCREENSHOTS).resolve(name + ".png"),
                Base64.getDecoder().decode((String) shot.get("data")));
    }

    private JsonPath api(String pathAndQuery) {
        return given().get(analysis + pathAndQuery).then().statusCode(200).extract().jsonPath();
    }

    /** As the page writes a count: en-GB thousands separators. */
    static String thousands(long n) {
        return String.format(Locale.UK, "%,d", n);
    }

    /**
     * As the page writes a rate: JavaScript's {@code (100 * v).toFixed(1) + '%'}, which rounds the exact binary value
     * of 100 v half up; BigDecimal of the same double does the same.
     */
    static String percent(double fraction) {
        return new BigDecimal(100 * fraction).setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
    }

    private static String csvField(String text) {
        return text.matches("(?s).*[\",\n\r].*|^[=+\\-@].*") ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    private static String xpathLiteral(String s) {
        return s.contains("'") ? "\"" + s + "\"" : "'" + s + "'";
    }

    @Override
    public void close() {
        driver.quit();
    }
}
