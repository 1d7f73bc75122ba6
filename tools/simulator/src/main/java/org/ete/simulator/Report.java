package org.ete.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.ete.contracts.Gender;
import org.ete.contracts.OffenceCategory;
import org.ete.contracts.Ogrs3;
import org.ete.contracts.Qualification;
import org.ete.contracts.Sector;

/**
 * {@code --report}: the headline figures computed from the NDJSON files alone (its own parsing, nothing shared with
 * the generator but the seed targets and the contract's OGRS3 calculator for referrals that send the factors),
 * following DOMAIN.md's definitions, printed next to the seeds' figures. Counts are compared with the seed's
 * scaled by the number of take-ups found (13,923 = 1); rates within 0.5 percentage points pass.
 */
final class Report {

    static final double RATE_TOLERANCE = 0.005;
    /** Teams with fewer expected reoffenders are too small for their O/E to be compared (small --people). */
    static final double MIN_EXPECTED_FOR_TEAM_CHECK = 50;

    /** One compared figure. */
    record Figure(String section, String name, double generated, double target, boolean ok, String shown,
                  String expected) {
    }

    /**
     * One group on a funnel plot (ETE cohort, matured, from the index date): a team, or a group of the unmet-needs
     * group's dimension. {@code vsPeers} is its O/E over the pooled O/E of all the other groups.
     */
    record TeamRow(String team, long matured, long observed, double expected, double ratio, double vsPeers,
                   String status) {
    }

    /**
     * @param needs rows of the unmet-needs group's dimension (empty without such a group)
     */
    record Result(List<Figure> figures, List<TeamRow> teams, double tau2, String outlierTeam, List<TeamRow> needs,
                  NeedsGroup unmetNeeds) {
        boolean allOk() {
            return figures.stream().allMatch(Figure::ok);
        }

        Figure figure(String name) {
            return figures.stream().filter(f -> f.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no figure " + name));
        }
    }

    // ---- what is read from the files ----

    private static final class Referred {
        int referralDate;
        String team;
        boolean custody;
        /** The value of the unmet-needs group's dimension ("(not given)" if the referral leaves it out). */
        String needsValue;
        Double p;
        int takenUpOn = -1;
        final List<Integer> releases = new ArrayList<>(1);
        final List<int[]> reconvictions = new ArrayList<>(1);
        final Map<String, int[]> jobs = new HashMap<>(2); // jobId -> {startedOn, sustained 0/1}
    }

    private static final class Candidate {
        final List<int[]> trainings = new ArrayList<>(1); // {start, graduated, withdrew}
        final Map<String, Boolean> applications = new HashMap<>();
        String hiredApplication;
        String hireLevel;
        int appointedOn = -1;
        int startedOn = -1;
        final TreeMap<Integer, String> promotions = new TreeMap<>();
        int leftOn = -1;
        final List<int[]> sickness = new ArrayList<>();
    }

    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<String, Referred> referred = new HashMap<>();
    private final Map<String, Candidate> academy = new HashMap<>();
    private final Map<String, String> courseQualification = new HashMap<>();
    private final Map<String, Integer> figure1 = new LinkedHashMap<>();
    private final Map<String, Integer> figure2 = new LinkedHashMap<>();
    private final List<Object[]> completions = new ArrayList<>(); // {subject|courseId, completedOn, achieved, subject}
    private final java.util.Set<String> jobPeople = new java.util.HashSet<>();
    private final int asOf;
    private final String outlierTeam;
    private final NeedsGroup unmetNeeds;

    private Report(int asOf, String outlierTeam, NeedsGroup unmetNeeds) {
        this.asOf = asOf;
        this.outlierTeam = outlierTeam;
        this.unmetNeeds = unmetNeeds;
    }

    /** {@link #compute(Path, int, String, NeedsGroup)} without an unmet-needs group to check. */
    static Result compute(Path dir, int asOf, String outlierTeam) {
        return compute(dir, asOf, outlierTeam, null);
    }

    /**
     * Reads the four files in {@code dir} and computes the figures as of {@code asOf} (default 2022-10-01); checks
     * that {@code outlierTeam} and {@code unmetNeeds} (each null for none) are flagged and nothing else is.
     */
    static Result compute(Path dir, int asOf, String outlierTeam, NeedsGroup unmetNeeds) {
        Report r = new Report(asOf, outlierTeam, unmetNeeds);
        r.read(dir.resolve("referral.ndjson"), r::referral);
        r.read(dir.resolve("training.ndjson"), r::training);
        r.read(dir.resolve("employment.ndjson"), r::employment);
        r.read(dir.resolve("peer-mentor.ndjson"), r::peerMentor);
        return r.figures();
    }

    private interface LineHandler {
        void handle(String type, String subject, JsonNode data);
    }

    private void read(Path file, LineHandler handler) {
        if (!Files.exists(file)) {
            return;
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode e = mapper.readTree(line);
                handler.handle(e.path("type").asText(), e.path("subject").asText(), e.path("data"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static int day(JsonNode data, String field) {
        return Days.parse(data.path(field).asText());
    }

    private void referral(String type, String subject, JsonNode d) {
        Referred r = referred.computeIfAbsent(subject, s -> new Referred());
        switch (type) {
            case "ete.referral.received.v1" -> {
                r.referralDate = day(d, "referralDate");
                r.team = d.path("team").asText();
                r.custody = "custody".equals(d.path("setting").asText());
                if (unmetNeeds != null) {
                    JsonNode v = d.path(unmetNeeds.dimension());
                    r.needsValue = v.isTextual() ? v.asText() : "(not given)";
                }
                if (d.has("ogrs3OneYearPercent")) {
                    r.p = d.get("ogrs3OneYearPercent").asDouble() / 100.0;
                } else {
                    JsonNode f = d.path("ogrs3Factors");
                    r.p = Ogrs3.compute(new Ogrs3.Input(Gender.fromWire(d.path("gender").asText()),
                            Days.date(day(d, "dateOfBirth")), Days.date(r.referralDate),
                            OffenceCategory.fromWire(d.path("offenceCategory").asText()), f.path("sanctions").asInt(),
                            f.path("ageAtFirstSanction").asInt(), f.path("ageAtCurrentConviction").asInt())).oneYear();
                }
            }
            case "ete.referral.service-taken-up.v1" -> {
                int t = day(d, "takenUpOn");
                r.takenUpOn = r.takenUpOn < 0 ? t : Math.min(r.takenUpOn, t);
            }
            case "ete.referral.released-from-custody.v1" -> r.releases.add(day(d, "releasedOn"));
            case "ete.referral.reconviction-recorded.v1" ->
                    r.reconvictions.add(new int[] {day(d, "offenceDate"), day(d, "sentenceDate")});
            default -> {
            }
        }
    }

    private void employment(String type, String subject, JsonNode d) {
        Referred r = referred.computeIfAbsent(subject, s -> new Referred());
        String jobId = d.path("jobId").asText();
        switch (type) {
            case "ete.employment.job-started.v1" -> {
                int start = day(d, "startedOn");
                r.jobs.computeIfAbsent(jobId, j -> new int[] {start, 0})[0] = start;
                if (start >= Targets.FIGURES_FROM && start <= Targets.FIGURES_TO) {
                    figure2.merge(d.path("sector").asText(), 1, Integer::sum);
                    jobPeople.add(subject);
                }
            }
            case "ete.employment.job-sustained.v1" -> r.jobs.computeIfAbsent(jobId, j -> new int[] {-1, 0})[1] = 1;
            default -> {
            }
        }
    }

    private void training(String type, String subject, JsonNode d) {
        String key = subject + "|" + d.path("courseId").asText();
        switch (type) {
            case "ete.training.course-started.v1" -> courseQualification.put(key, d.path("qualification").asText());
            case "ete.training.course-completed.v1" ->
                    completions.add(new Object[] {key, day(d, "completedOn"), d.path("achieved").asBoolean(), subject});
            default -> {
            }
        }
    }

    private void peerMentor(String type, String subject, JsonNode d) {
        Candidate c = academy.computeIfAbsent(subject, s -> new Candidate());
        switch (type) {
            case "ete.academy.mentor-training-started.v1" -> c.trainings.add(new int[] {day(d, "startedOn"), -1, -1});
            case "ete.academy.mentor-graduated.v1" -> lastOpen(c)[1] = day(d, "graduatedOn");
            case "ete.academy.mentor-withdrew.v1" -> lastOpen(c)[2] = day(d, "withdrewOn");
            case "ete.academy.application-submitted.v1" ->
                    c.applications.put(d.path("applicationId").asText(), d.path("livedExperience").asBoolean());
            case "ete.academy.candidate-hired.v1" -> {
                c.hiredApplication = d.path("applicationId").asText();
                c.hireLevel = d.path("level").asText();
                c.appointedOn = day(d, "appointedOn");
                c.startedOn = day(d, "startedOn");
            }
            case "ete.academy.employee-promoted.v1" -> c.promotions.put(day(d, "promotedOn"), d.path("level").asText());
            case "ete.academy.employee-left.v1" -> c.leftOn = day(d, "leftOn");
            case "ete.academy.sickness-recorded.v1" ->
                    c.sickness.add(new int[] {day(d, "firstDay"), d.path("days").asInt()});
            default -> {
            }
        }
    }

    private static int[] lastOpen(Candidate c) {
        for (int i = c.trainings.size() - 1; i >= 0; i--) {
            int[] t = c.trainings.get(i);
            if (t[1] < 0 && t[2] < 0) {
                return t;
            }
        }
        return c.trainings.isEmpty() ? new int[3] : c.trainings.get(c.trainings.size() - 1);
    }

    // ---- the figures ----

    private Result figures() {
        List<Figure> out = new ArrayList<>();
        // ETE outputs: took up in the window; a job started on or after take-up; such a job sustained.
        long tookUp = 0;
        long found = 0;
        long sustained = 0;
        for (Referred r : referred.values()) {
            if (r.takenUpOn < Targets.WINDOW_FROM || r.takenUpOn > Targets.WINDOW_TO) {
                continue;
            }
            tookUp++;
            boolean f = false;
            boolean s = false;
            for (int[] j : r.jobs.values()) {
                if (j[0] >= r.takenUpOn) {
                    f = true;
                    s |= j[1] == 1;
                }
            }
            found += f ? 1 : 0;
            sustained += s ? 1 : 0;
        }
        double scale = tookUp / (double) Targets.TOOK_UP;
        String ete = "ETE outputs (took up 2018-04-01..2021-03-31)";
        out.add(count(ete, "took up", tookUp, Targets.scale(Targets.TOOK_UP, scale)));
        out.add(count(ete, "found work", found, Targets.scale(Targets.FOUND_WORK, scale)));
        out.add(rate(ete, "found work rate", ratio(found, tookUp), Targets.FOUND_WORK / (double) Targets.TOOK_UP));
        out.add(count(ete, "sustained 13 weeks", sustained, Targets.scale(Targets.SUSTAINED, scale)));
        out.add(rate(ete, "sustained rate", ratio(sustained, found), Targets.SUSTAINED / (double) Targets.FOUND_WORK));

        // Reoffending, measured from the index date, among people who took up in the window.
        long[] n = new long[3];
        long[] o = new long[3];
        double[] e = new double[3];
        long[] pending = new long[3];
        long awaiting = 0; // in custody, no release yet: in no cohort
        Map<String, double[]> teams = new TreeMap<>(); // team -> {n, O, E, sum p^2}
        Map<String, double[]> needs = new TreeMap<>(); // value of the unmet-needs dimension -> {n, O, E, sum p^2}
        for (Referred r : referred.values()) {
            if (r.takenUpOn < Targets.WINDOW_FROM || r.takenUpOn > Targets.WINDOW_TO || r.p == null) {
                continue;
            }
            int index = indexDate(r);
            if (index < 0) {
                awaiting++;
                continue;
            }
            boolean f = false;
            boolean s = false;
            for (int[] j : r.jobs.values()) {
                if (j[0] >= index) {
                    f = true;
                    s |= j[1] == 1;
                }
            }
            boolean[] in = {true, f, s};
            boolean matured = asOf >= index + Targets.MATURITY_DAYS;
            boolean reoffended = false;
            for (int[] rc : r.reconvictions) {
                if (rc[0] > index && rc[0] <= index + Targets.FOLLOW_UP_DAYS
                        && rc[1] <= index + Targets.MATURITY_DAYS) {
                    reoffended = true;
                    break;
                }
            }
            for (int c = 0; c < 3; c++) {
                if (!in[c]) {
                    continue;
                }
                if (!matured) {
                    pending[c]++;
                    continue;
                }
                n[c]++;
                o[c] += reoffended ? 1 : 0;
                e[c] += r.p;
            }
            if (matured) {
                double[] t = teams.computeIfAbsent(r.team, k -> new double[4]);
                t[0]++;
                t[1] += reoffended ? 1 : 0;
                t[2] += r.p;
                t[3] += r.p * r.p;
                if (unmetNeeds != null) {
                    double[] g = needs.computeIfAbsent(r.needsValue, k -> new double[4]);
                    g[0]++;
                    g[1] += reoffended ? 1 : 0;
                    g[2] += r.p;
                    g[3] += r.p * r.p;
                }
            }
        }
        // The same measure over everyone who took up, April 2016 on (the earlier participants are calibrated to the
        // same rates, so a query without a window start reads the same rates; only the counts differ).
        long allN = 0;
        long allO = 0;
        double allE = 0;
        for (Referred r : referred.values()) {
            if (r.takenUpOn < 0 || r.p == null) {
                continue;
            }
            int index = indexDate(r);
            if (index < 0) {
                continue;
            }
            if (asOf < index + Targets.MATURITY_DAYS) {
                continue;
            }
            allN++;
            allE += r.p;
            for (int[] rc : r.reconvictions) {
                if (rc[0] > index && rc[0] <= index + Targets.FOLLOW_UP_DAYS && rc[1] <= index + Targets.MATURITY_DAYS) {
                    allO++;
                    break;
                }
            }
        }
        String[] names = {"ete", "found work", "sustained work"};
        int[] maturedTarget = {Targets.MATURED_ETE, Targets.MATURED_FOUND_WORK, Targets.MATURED_SUSTAINED};
        double[] actualTarget = {Targets.ACTUAL_ETE, Targets.ACTUAL_FOUND_WORK, Targets.ACTUAL_SUSTAINED};
        double[] predictedTarget = {Targets.PREDICTED_ETE, Targets.PREDICTED_FOUND_WORK, Targets.PREDICTED_SUSTAINED};
        String reo = "One-year reconviction, measured from the index date, as of " + Days.iso(asOf);
        for (int c = 0; c < 3; c++) {
            if (asOf == Targets.AS_OF) {
                out.add(count(reo, names[c] + ": matured", n[c], Targets.scale(maturedTarget[c], scale)));
            } else {
                // the seed's matured counts are those of 2022-10-01; at another date only the rates compare
                out.add(new Figure(reo, names[c] + ": matured", n[c], Double.NaN, true,
                        String.format(Locale.ROOT, "%,d", n[c]), "(as of 2022-10-01 only)"));
            }
            out.add(new Figure(reo, names[c] + ": pending", pending[c], Double.NaN, true,
                    String.format(Locale.ROOT, "%,d", pending[c]), "-"));
            out.add(rate(reo, names[c] + ": actual", ratio(o[c], n[c]), actualTarget[c]));
            out.add(rate(reo, names[c] + ": predicted", n[c] == 0 ? 0 : e[c] / n[c], predictedTarget[c]));
        }

        // Everyone in custody has a release recorded by 2022-10-01 (the seed's 13,923 are all matured or pending).
        out.add(new Figure(reo, "ete: awaiting release", awaiting, 0, asOf < Targets.AS_OF || awaiting == 0,
                String.format(Locale.ROOT, "%,d", awaiting), "0"));
        String every = "Every take-up since April 2016 (window start omitted), ete, as of " + Days.iso(asOf);
        out.add(new Figure(every, "matured", allN, Double.NaN, true, String.format(Locale.ROOT, "%,d", allN), "-"));
        out.add(rate(every, "all take-ups: actual", ratio(allO, allN), Targets.ACTUAL_ETE));
        out.add(rate(every, "all take-ups: predicted", allN == 0 ? 0 : allE / allN, Targets.PREDICTED_ETE));

        // Figures 1 and 2.
        long completedAny = 0;
        java.util.Set<String> completers = new java.util.HashSet<>();
        for (Object[] c : completions) {
            int d = (Integer) c[1];
            if (d >= Targets.FIGURES_FROM && d <= Targets.FIGURES_TO) {
                completedAny++;
                if ((Boolean) c[2]) {
                    figure1.merge(courseQualification.getOrDefault((String) c[0], "unknown"), 1, Integer::sum);
                    completers.add((String) c[3]);
                }
            }
        }
        String f1 = "Fig. 1 courses completed (achieved), 2016-04-01..2021-03-31";
        int coursesTarget = Targets.scale(Targets.COURSES_COMPLETED, scale);
        out.add(count(f1, "courses completed", figure1.values().stream().mapToInt(Integer::intValue).sum(),
                coursesTarget));
        out.add(count(f1, "  completions, achieved or not", completedAny, coursesTarget));
        out.add(count(f1, "  people who completed one", completers.size(), coursesTarget));
        for (Map.Entry<Qualification, Integer> q : Targets.FIG1.entrySet()) {
            out.add(count(f1, q.getKey().wire(), figure1.getOrDefault(q.getKey().wire(), 0),
                    Targets.scale(q.getValue(), scale)));
        }
        String f2 = "Fig. 2 jobs started, 2016-04-01..2021-03-31";
        out.add(count(f2, "jobs", figure2.values().stream().mapToInt(Integer::intValue).sum(),
                Targets.scale(Targets.JOBS, scale)));
        out.add(count(f2, "  people who started one", jobPeople.size(), Targets.scale(Targets.JOBS, scale)));
        for (Map.Entry<Sector, Integer> s : Targets.FIG2.entrySet()) {
            out.add(count(f2, s.getKey().wire(), figure2.getOrDefault(s.getKey().wire(), 0),
                    Targets.scale(s.getValue(), scale)));
        }

        academyFigures(out, Math.max(1, (int) Math.round(scale)));

        // Teams: funnel plot of O/E against E (ETE, matured), as DOMAIN.md describes it.
        Funnelled byTeam = funnel(teams);
        List<TeamRow> rows = byTeam.rows();
        double overall = e[0] == 0 ? 0 : o[0] / e[0];
        String teamSection = "Teams (ete, matured): O/E; the outlier scenario";
        double worstNormal = 0;
        boolean othersOk = true;
        for (TeamRow row : rows) {
            if (!row.team().equals(outlierTeam)) {
                othersOk &= !flagged(row);
                if (row.expected() >= MIN_EXPECTED_FOR_TEAM_CHECK) {
                    worstNormal = Math.max(worstNormal, Math.abs(row.ratio() - overall));
                }
            }
        }
        out.add(new Figure(teamSection, "normal teams (E >= 50): max |O/E - overall|", worstNormal, 0.05,
                worstNormal <= 0.05, String.format(Locale.ROOT, "%.3f (overall %.3f)", worstNormal, overall),
                "<= 0.050 (seed " + String.format(Locale.ROOT, "%.3f", Targets.ACTUAL_ETE / Targets.PREDICTED_ETE) + ")"));
        out.add(new Figure(teamSection, "normal teams: none alert or alarm", othersOk ? 1 : 0, 1, othersOk,
                othersOk ? "none" : "some", "none"));
        if (outlierTeam != null) {
            TeamRow row = rows.stream().filter(r -> r.team().equals(outlierTeam)).findFirst().orElse(null);
            out.add(new Figure(teamSection, "outlier " + outlierTeam + ": O/E", row == null ? 0 : row.ratio(), 1,
                    row != null && flagged(row), row == null ? "absent"
                            : String.format(Locale.ROOT, "%.3f = %.2f x peers (%s)", row.ratio(), row.vsPeers(),
                                    row.status()), "above its peers, alert or alarm"));
        }
        List<TeamRow> needsRows = List.of();
        if (unmetNeeds != null) {
            needsRows = funnel(needs).rows();
            String section = "Unmet needs (ete, matured): funnel by " + unmetNeeds.dimension();
            TeamRow row = needsRows.stream().filter(r -> r.team().equals(unmetNeeds.value())).findFirst().orElse(null);
            out.add(new Figure(section, unmetNeeds + ": O/E", row == null ? 0 : row.ratio(), 1,
                    row != null && flagged(row), row == null ? "absent"
                            : String.format(Locale.ROOT, "%.3f = %.2f x peers (%s)", row.ratio(), row.vsPeers(),
                                    row.status()), "above its peers, alert or alarm"));
            boolean restOk = needsRows.stream().filter(r -> !r.team().equals(unmetNeeds.value()))
                    .noneMatch(Report::flagged);
            out.add(new Figure(section, "other " + unmetNeeds.dimension() + " groups: none alert or alarm",
                    restOk ? 1 : 0, 1, restOk, restOk ? "none" : "some", "none"));
        }
        return new Result(out, rows, byTeam.tau2(), outlierTeam, needsRows, unmetNeeds);
    }

    private record Funnelled(List<TeamRow> rows, double tau2) {
    }

    /** The funnel over groups {key -> {n, O, E, sum p^2}}, each row with its O/E against its peers'. */
    private static Funnelled funnel(Map<String, double[]> groups) {
        List<String> keys = new ArrayList<>(groups.keySet());
        double[] obs = new double[keys.size()];
        double[] exp = new double[keys.size()];
        double[] squares = new double[keys.size()];
        double sumO = 0;
        double sumE = 0;
        for (int i = 0; i < keys.size(); i++) {
            double[] g = groups.get(keys.get(i));
            obs[i] = g[1];
            exp[i] = g[2];
            squares[i] = g[3];
            sumO += g[1];
            sumE += g[2];
        }
        Funnel funnel = Funnel.of(obs, exp, squares);
        List<TeamRow> rows = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            double[] g = groups.get(keys.get(i));
            double ratio = g[2] == 0 ? 0 : g[1] / g[2];
            double peers = sumE - g[2] == 0 ? 0 : (sumO - g[1]) / (sumE - g[2]);
            rows.add(new TeamRow(keys.get(i), (long) g[0], (long) g[1], g[2], ratio, peers == 0 ? 0 : ratio / peers,
                    funnel.status(i)));
        }
        return new Funnelled(rows, funnel.tau2());
    }

    private static boolean flagged(TeamRow row) {
        return row.status().equals("alert") || row.status().equals("alarm");
    }

    private void academyFigures(List<Figure> out, int replicas) {
        int yearFrom = Targets.ACADEMY_YEAR_FROM;
        int snapshot = Targets.ACADEMY_AS_OF;
        int yearAgo = Days.of(Days.date(snapshot).minusYears(1));
        long graduated = 0;
        long inTraining = 0;
        long[] current = new long[3]; // entry, intermediate, managerial (lived experience)
        long[] apps = new long[2]; // [non-LE, LE]
        long[] hires = new long[2];
        List<List<Integer>> days = List.of(new ArrayList<>(), new ArrayList<>());
        long[] atRisk = new long[2];
        long[] leavers = new long[2];
        long[] firstYearCohort = new long[2];
        long[] firstYearLeavers = new long[2];
        long[] sickYear = new long[2];
        double[] yearsYear = new double[2];
        long[] sickAll = new long[2];
        double[] yearsAll = new double[2];
        for (Candidate c : academy.values()) {
            boolean grad = false;
            for (int[] t : c.trainings) {
                grad |= t[1] >= 0 && t[1] <= snapshot;
            }
            graduated += grad ? 1 : 0;
            if (!c.trainings.isEmpty()) {
                int[] last = c.trainings.get(c.trainings.size() - 1);
                boolean ended = (last[1] >= 0 && last[1] <= snapshot) || (last[2] >= 0 && last[2] <= snapshot);
                inTraining += last[0] <= snapshot && !ended ? 1 : 0;
            }
            for (boolean le : c.applications.values()) {
                apps[le ? 1 : 0]++;
            }
            if (c.hiredApplication == null) {
                continue;
            }
            boolean le = Boolean.TRUE.equals(c.applications.get(c.hiredApplication));
            int g = le ? 1 : 0;
            hires[g]++;
            days.get(g).add(Days.workingDaysBetween(c.appointedOn, c.startedOn));
            boolean employed = c.startedOn <= snapshot && (c.leftOn < 0 || c.leftOn > snapshot);
            if (employed && le) {
                Map.Entry<Integer, String> last = c.promotions.floorEntry(snapshot);
                String level = last == null ? c.hireLevel : last.getValue();
                current[level.equals("entry") ? 0 : level.equals("intermediate") ? 1 : 2]++;
            }
            if (c.startedOn <= snapshot && (c.leftOn < 0 || c.leftOn >= yearFrom)) {
                atRisk[g]++;
                if (c.leftOn >= yearFrom && c.leftOn <= snapshot) {
                    leavers[g]++;
                }
            }
            if (c.startedOn <= yearAgo) {
                firstYearCohort[g]++;
                if (c.leftOn >= 0 && c.leftOn < Days.of(Days.date(c.startedOn).plusYears(1))) {
                    firstYearLeavers[g]++;
                }
            }
            int end = c.leftOn >= 0 ? Math.min(c.leftOn, snapshot) : snapshot;
            yearsYear[g] += Math.max(0, end - Math.max(c.startedOn, yearFrom) + 1) / 365.25;
            yearsAll[g] += Math.max(0, end - c.startedOn + 1) / 365.25;
            for (int[] s : c.sickness) {
                if (s[0] >= c.startedOn && s[0] <= end) {
                    sickAll[g] += s[1];
                    if (s[0] >= yearFrom) {
                        sickYear[g] += s[1];
                    }
                }
            }
        }
        String sec = "Academy (as of " + Days.iso(snapshot) + ")" + (replicas > 1 ? ", " + replicas + " replicas" : "");
        out.add(count(sec, "mentors graduated", graduated, (long) Targets.MENTORS_GRADUATED * replicas));
        out.add(count(sec, "mentors in training", inTraining, (long) Targets.MENTORS_IN_TRAINING * replicas));
        out.add(count(sec, "employees with lived experience", current[0] + current[1] + current[2],
                (long) Targets.LE_EMPLOYEES * replicas));
        out.add(count(sec, "  entry", current[0], (long) Targets.LE_ENTRY * replicas));
        out.add(count(sec, "  intermediate", current[1], (long) Targets.LE_INTERMEDIATE * replicas));
        out.add(count(sec, "  managerial", current[2], (long) Targets.LE_MANAGERIAL * replicas));
        out.add(rate(sec, "hired per application, lived experience", ratio(hires[1], apps[1]), Targets.HIRE_RATE_LE));
        out.add(rate(sec, "hired per application, without", ratio(hires[0], apps[0]), Targets.HIRE_RATE_NON_LE));
        String[] who = {"without", "lived experience"};
        double[] target = {Targets.DAYS_TO_START_NON_LE, Targets.DAYS_TO_START_LE};
        for (int g = 1; g >= 0; g--) {
            double mean = days.get(g).stream().mapToInt(Integer::intValue).average().orElse(0);
            double median = median(days.get(g));
            out.add(new Figure(sec, "working days to start, " + who[g] + ": mean", mean, target[g],
                    Math.abs(mean - target[g]) <= 0.5, String.format(Locale.ROOT, "%.2f", mean),
                    String.format(Locale.ROOT, "%.0f", target[g])));
            out.add(new Figure(sec, "working days to start, " + who[g] + ": median", median, target[g],
                    Math.abs(median - target[g]) <= 0.5, String.format(Locale.ROOT, "%.1f", median),
                    String.format(Locale.ROOT, "%.0f", target[g])));
        }
        double leLeave = ratio(leavers[1], atRisk[1]);
        double otherLeave = ratio(leavers[0], atRisk[0]);
        double leaveRatio = otherLeave == 0 ? Double.NaN : leLeave / otherLeave;
        out.add(new Figure(sec, "left in the last 12 months, LE/other", leaveRatio, Targets.LEAVING_RATIO_MAX,
                leaveRatio < Targets.LEAVING_RATIO_MAX,
                String.format(Locale.ROOT, "%.2f (%.1f%% vs %.1f%%)", leaveRatio, 100 * leLeave, 100 * otherLeave),
                "< 0.33 (3x less likely)"));
        double leFirst = ratio(firstYearLeavers[1], firstYearCohort[1]);
        double otherFirst = ratio(firstYearLeavers[0], firstYearCohort[0]);
        double firstRatio = otherFirst == 0 ? Double.NaN : leFirst / otherFirst;
        out.add(new Figure(sec, "left within 12 months of starting, LE/other", firstRatio, Targets.LEAVING_RATIO_MAX,
                firstRatio < Targets.LEAVING_RATIO_MAX,
                String.format(Locale.ROOT, "%.2f (%.1f%% vs %.1f%%)", firstRatio, 100 * leFirst, 100 * otherFirst),
                "< 0.33 (3x less likely)"));
        sickness(out, sec, "fewer sick days per employee-year, last 12 months", sickYear, yearsYear);
        sickness(out, sec, "fewer sick days per employee-year, since hired", sickAll, yearsAll);
    }

    private static void sickness(List<Figure> out, String sec, String name, long[] days, double[] years) {
        double le = years[1] == 0 ? 0 : days[1] / years[1];
        double other = years[0] == 0 ? 0 : days[0] / years[0];
        double fewer = other == 0 ? 0 : 1 - le / other;
        out.add(new Figure(sec, name, fewer, Targets.FEWER_SICK_DAYS, Math.abs(fewer - Targets.FEWER_SICK_DAYS) <= 0.01,
                String.format(Locale.ROOT, "%.1f%% (%.2f vs %.2f)", 100 * fewer, le, other), "14%"));
    }

    private static double median(List<Integer> values) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Integer> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }

    /**
     * DOMAIN.md's index date as of the report's date: the take-up, except in custody, where it is the first release
     * on or after take-up, or the take-up if a release came before it; -1 for someone in custody with no release
     * yet (awaiting release: in no cohort).
     */
    private int indexDate(Referred r) {
        if (!r.custody) {
            return r.takenUpOn;
        }
        int first = Integer.MAX_VALUE;
        boolean before = false;
        for (int rel : r.releases) {
            if (rel > asOf) {
                continue;
            }
            if (rel >= r.takenUpOn) {
                first = Math.min(first, rel);
            } else {
                before = true;
            }
        }
        return first != Integer.MAX_VALUE ? first : before ? r.takenUpOn : -1;
    }

    private static double ratio(long a, long b) {
        return b == 0 ? 0 : a / (double) b;
    }

    private static Figure count(String section, String name, long generated, long target) {
        boolean ok = Math.abs(generated - target) <= Math.max(1, 0.01 * target);
        return new Figure(section, name, generated, target, ok, String.format(Locale.ROOT, "%,d", generated),
                String.format(Locale.ROOT, "%,d", target));
    }

    private static Figure rate(String section, String name, double generated, double target) {
        boolean ok = Math.abs(generated - target) <= RATE_TOLERANCE;
        return new Figure(section, name, generated, target, ok, String.format(Locale.ROOT, "%.2f%%", 100 * generated),
                String.format(Locale.ROOT, "%.2f%%", 100 * target));
    }

    static void print(Result result, PrintStream out) {
        String section = null;
        for (Figure f : result.figures()) {
            if (!f.section().equals(section)) {
                section = f.section();
                out.println();
                out.printf(Locale.ROOT, "%s%n", section);
                out.printf(Locale.ROOT, "  %-52s %26s %26s%n", "", "generated", "seed");
            }
            out.printf(Locale.ROOT, "  %-52s %26s %26s  %s%n", f.name(), f.shown(), f.expected(), f.ok() ? "ok" : "OFF");
        }
        out.println();
        out.printf(Locale.ROOT, "Funnel plot by team (ete, matured, from the index date; tau^2 = %.4f)%n", result.tau2());
        out.printf(Locale.ROOT, "  %-48s %8s %8s %10s %7s %8s  %s%n", "team", "matured", "O", "E", "O/E", "vs peers",
                "status");
        for (TeamRow r : result.teams()) {
            out.printf(Locale.ROOT, "  %-48s %,8d %,8d %,10.1f %7.3f %8.3f  %s%s%n", r.team(), r.matured(), r.observed(),
                    r.expected(), r.ratio(), r.vsPeers(), r.status(),
                    r.team().equals(result.outlierTeam()) ? "  <- outlier scenario" : "");
        }
        if (result.unmetNeeds() != null) {
            out.println();
            out.printf(Locale.ROOT, "Funnel plot by %s (ete, matured, from the index date)%n",
                    result.unmetNeeds().dimension());
            for (TeamRow r : result.needs()) {
                out.printf(Locale.ROOT, "  %-48s %,8d %,8d %,10.1f %7.3f %8.3f  %s%s%n", r.team(), r.matured(),
                        r.observed(), r.expected(), r.ratio(), r.vsPeers(), r.status(),
                        r.team().equals(result.unmetNeeds().value()) ? "  <- unmet needs" : "");
            }
        }
        long off = result.figures().stream().filter(f -> !f.ok()).count();
        out.println();
        out.println(off == 0 ? "calibration: all " + result.figures().size() + " figures within tolerance"
                : "calibration: " + off + " of " + result.figures().size() + " figures OFF tolerance");
    }
}
