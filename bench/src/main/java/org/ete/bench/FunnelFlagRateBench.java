package org.ete.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.ete.analysis.stats.FunnelPlot;
import org.ete.simulator.MaturedCohort;

/**
 * Funnel alerts: flag rates (issue 14). A simulation study, not a test: how often the team alerts flag a team that
 * really is worse than its peers, and how often they flag teams that are not, before (centred on O/E = 1, Poisson
 * variance, tau^2 from any k >= 2) and after (the analysis service's {@link FunnelPlot}, centred on the pooled ratio,
 * binomial variance, tau^2 only from k >= 10) the change DOMAIN.md "Team and area alerts" describes.
 *
 * <p>Each data set is shaped like the seeds: the matured ETE cohort of one simulator block ({@link MaturedCohort},
 * the simulator's own generator with data set d's seed: 12,525 people in the 27 teams of its Geography, with the
 * team sizes and the per-person OGRS3 probabilities it draws). Who reoffends is drawn here, independently per
 * person: P(reoffend) = min(1, theta m p), where m is the scenario's multiplier (the outlier team's, or the worse
 * area's) and theta makes the service's expected O/E 0.761 (27.1% actual against 35.6% predicted). So a normal team's
 * O varies as a binomial sum around its peers' level, as real teams' would with no real difference between them;
 * the simulator's own files instead share reoffenders out to teams exactly, for reproducible tables.
 *
 * <p>Scenarios: no outlier; the outlier team (default the simulator's, Nottingham City North, about 250 people) at
 * 1.25, 1.45 and 2 times its peers; and by contract area, DLNR 30% worse than SWM. For each: the share of data sets
 * in which the outlier (or the worse area) is flagged (alert or alarm), with its Monte Carlo standard error, and the
 * mean share of the other teams flagged (false positives). Deterministic: data set d uses simulator seed
 * {@code --seed + d} and outcome stream (seed, d, scenario).
 *
 * <p>Usage: {@code bench/run funnel [--datasets N (200)] [--seed S (1)] [--team NAME]}.
 */
public final class FunnelFlagRateBench {

    /** The service-wide O/E of the seeds: 27.1% actual against 35.6% predicted. */
    static final double SERVICE_RATIO = 0.271 / 0.356;
    static final double[] TEAM_RATIOS = {1.0, 1.25, 1.45, 2.0};
    static final String WORSE_AREA = "DLNR";
    static final double AREA_RATIO = 1.3;

    private FunnelFlagRateBench() {
    }

    /** Flag counts of one scenario over the data sets. */
    static final class Tally {
        final String label;
        int datasets;
        double realisedVsPeers;
        double size;
        double expected;
        int beforeFlagged;
        int afterFlagged;
        double beforeOthers;
        double afterOthers;
        double beforeOthersBetter;
        double afterOthersBetter;
        double beforeTau2;
        double afterTau2;
        /** Sum of the outlier's detectable ratio (relative to theta0, 80% power at the upper 95% limit). */
        double detectable;

        Tally(String label) {
            this.label = label;
        }
    }

    public static void main(String[] args) {
        int datasets = 200;
        long seed = 1;
        String team = MaturedCohort.defaultOutlierTeam();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--datasets" -> datasets = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--team" -> team = args[++i];
                default -> throw new IllegalArgumentException(
                        "usage: FunnelFlagRateBench [--datasets N] [--seed S] [--team NAME]");
            }
        }
        List<String> teams = MaturedCohort.teams();
        if (!teams.contains(team)) {
            throw new IllegalArgumentException("unknown team '" + team + "'; teams: " + teams);
        }
        int outlier = teams.indexOf(team);
        Map<String, Tally> tallies = new LinkedHashMap<>();
        for (double r : TEAM_RATIOS) {
            tallies.put("team " + r, new Tally(r == 1.0 ? "no outlier team"
                    : String.format(Locale.ROOT, "%s at %.2fx its peers", team, r)));
        }
        Tally area = new Tally(String.format(Locale.ROOT, "by contract area: %s at %.1fx SWM", WORSE_AREA, AREA_RATIO));
        tallies.put("area", area);

        long started = System.nanoTime();
        for (int d = 0; d < datasets; d++) {
            List<MaturedCohort.Member> cohort = MaturedCohort.generate(seed + d);
            int n = cohort.size();
            int[] teamOf = new int[n];
            int[] areaOf = new int[n];
            double[] p = new double[n];
            for (int i = 0; i < n; i++) {
                MaturedCohort.Member m = cohort.get(i);
                teamOf[i] = teams.indexOf(m.team());
                areaOf[i] = m.contractArea().equals(WORSE_AREA) ? 0 : 1;
                p[i] = m.p();
            }
            for (int s = 0; s < TEAM_RATIOS.length; s++) {
                double r = TEAM_RATIOS[s];
                double[] multiplier = new double[n];
                for (int i = 0; i < n; i++) {
                    multiplier[i] = teamOf[i] == outlier ? r : 1.0;
                }
                long[] reoffended = draw(p, multiplier, new SplittableRandom(mix(seed, d, s)));
                assess(tallies.get("team " + r), teams, teamOf, p, reoffended, r == 1.0 ? -1 : outlier);
            }
            double[] multiplier = new double[n];
            for (int i = 0; i < n; i++) {
                multiplier[i] = areaOf[i] == 0 ? AREA_RATIO : 1.0;
            }
            long[] reoffended = draw(p, multiplier, new SplittableRandom(mix(seed, d, TEAM_RATIOS.length)));
            assess(area, List.of(WORSE_AREA, "SWM"), areaOf, p, reoffended, 0);
            if ((d + 1) % 50 == 0) {
                System.err.printf(Locale.ROOT, "%d of %d data sets, %.0f s%n", d + 1, datasets,
                        (System.nanoTime() - started) / 1e9);
            }
        }
        print(tallies, datasets, seed, team);
    }

    /** Who reoffends: person i with probability min(1, theta m_i p_i), theta giving the service O/E 0.761. */
    static long[] draw(double[] p, double[] multiplier, SplittableRandom rng) {
        double sumE = 0;
        double sumMP = 0;
        for (int i = 0; i < p.length; i++) {
            sumE += p[i];
            sumMP += multiplier[i] * p[i];
        }
        double theta = SERVICE_RATIO * sumE / sumMP;
        long[] out = new long[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = rng.nextDouble() < Math.min(1.0, theta * multiplier[i] * p[i]) ? 1 : 0;
        }
        return out;
    }

    /** One data set of one scenario: both methods over the groups, then the counts of who is flagged. */
    static void assess(Tally tally, List<String> keys, int[] groupOf, double[] p, long[] reoffended, int outlier) {
        int k = keys.size();
        long[] o = new long[k];
        double[] e = new double[k];
        double[] e2 = new double[k];
        long[] members = new long[k];
        for (int i = 0; i < p.length; i++) {
            int g = groupOf[i];
            o[g] += reoffended[i];
            e[g] += p[i];
            e2[g] += p[i] * p[i];
            members[g]++;
        }
        List<FunnelPlot.Group> groups = new ArrayList<>(k);
        for (int g = 0; g < k; g++) {
            groups.add(new FunnelPlot.Group(keys.get(g), o[g], e[g], e2[g]));
        }
        FunnelPlot.Result after = FunnelPlot.compute(groups, Set.of(), FunnelPlot.Centre.POOLED);
        String[] afterStatus = new String[k];
        for (FunnelPlot.Point point : after.points()) {
            int g = keys.indexOf(point.key());
            afterStatus[g] = point.status().name();
            if (g == outlier) {
                tally.detectable += point.detectableRatio();
            }
        }
        OldFunnel.Result before = OldFunnel.compute(o, e);
        String[] beforeStatus = before.statuses();

        tally.datasets++;
        tally.beforeTau2 += before.tau2();
        tally.afterTau2 += after.tau2();
        int others = 0;
        int beforeOthers = 0;
        int afterOthers = 0;
        int beforeBetter = 0;
        int afterBetter = 0;
        for (int g = 0; g < k; g++) {
            if (g == outlier) {
                tally.beforeFlagged += flagged(beforeStatus[g]) ? 1 : 0;
                tally.afterFlagged += flagged(afterStatus[g]) ? 1 : 0;
                long restO = Arrays.stream(o).sum() - o[g];
                double restE = Arrays.stream(e).sum() - e[g];
                tally.realisedVsPeers += (o[g] / e[g]) / (restO / restE);
                tally.size += members[g];
                tally.expected += e[g];
            } else {
                others++;
                beforeOthers += flagged(beforeStatus[g]) ? 1 : 0;
                afterOthers += flagged(afterStatus[g]) ? 1 : 0;
                beforeBetter += beforeStatus[g].equals("BETTER") ? 1 : 0;
                afterBetter += afterStatus[g].equals("BETTER") ? 1 : 0;
            }
        }
        tally.beforeOthers += beforeOthers / (double) others;
        tally.afterOthers += afterOthers / (double) others;
        tally.beforeOthersBetter += beforeBetter / (double) others;
        tally.afterOthersBetter += afterBetter / (double) others;
    }

    static boolean flagged(String status) {
        return status.equals("ALERT") || status.equals("ALARM");
    }

    static long mix(long seed, int dataset, int scenario) {
        return seed * 0x9E3779B97F4A7C15L + dataset * 1_000_003L + scenario;
    }

    static void print(Map<String, Tally> tallies, int datasets, long seed, String team) {
        Tally any = tallies.values().iterator().next();
        System.out.printf(Locale.ROOT, "%nFunnel alerts: flag rates over %d data sets (simulator seeds %d..%d: the matured "
                + "ETE cohort of 12,525 people, 27 teams; service O/E %.3f); flagged = alert or alarm%n",
                datasets, seed, seed + datasets - 1, SERVICE_RATIO);
        Tally t = tallies.get("team 1.45");
        System.out.printf(Locale.ROOT, "outlier team %s: %.0f matured people, E %.1f on average%n", team,
                t.size / t.datasets, t.expected / t.datasets);
        System.out.printf(Locale.ROOT, "%n| scenario | realised O/E vs peers | before: flagged | before: others flagged "
                + "| before: others `better` | after: flagged | after: detectable ratio | after: others flagged "
                + "| after: others `better` | mean tau² before / after |%n|---|---|---|---|---|---|---|---|---|---|%n");
        for (Tally x : tallies.values()) {
            boolean hasOutlier = x.expected > 0;
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %.3f | %.3f | %s | %s | %.3f | %.3f | %.4f / %.4f |%n",
                    x.label,
                    hasOutlier ? String.format(Locale.ROOT, "%.3f", x.realisedVsPeers / x.datasets) : "-",
                    hasOutlier ? share(x.beforeFlagged, x.datasets) : "-", x.beforeOthers / x.datasets,
                    x.beforeOthersBetter / x.datasets,
                    hasOutlier ? share(x.afterFlagged, x.datasets) : "-",
                    hasOutlier ? String.format(Locale.ROOT, "%.3f", x.detectable / x.datasets) : "-",
                    x.afterOthers / x.datasets,
                    x.afterOthersBetter / x.datasets, x.beforeTau2 / x.datasets, x.afterTau2 / x.datasets);
        }
        System.out.println();
        for (Map.Entry<String, Tally> en : tallies.entrySet()) {
            Tally x = en.getValue();
            String name = en.getKey().equals("area") ? "funnel-area-" + AREA_RATIO + "x"
                    : "funnel-team-" + en.getKey().substring(5) + "x";
            if (x.expected > 0) {
                System.out.printf(Locale.ROOT, "RATIO 14 %s-flagged: after %.3f vs before %.3f (others flagged: after "
                                + "%.3f vs before %.3f; %d data sets)%n", name, x.afterFlagged / (double) x.datasets,
                        x.beforeFlagged / (double) x.datasets, x.afterOthers / x.datasets,
                        x.beforeOthers / x.datasets, x.datasets);
            } else {
                System.out.printf(Locale.ROOT, "RATIO 14 %s-false-positives: after %.3f vs before %.3f (share of the 27 "
                        + "teams flagged; %d data sets)%n", name, x.afterOthers / x.datasets,
                        x.beforeOthers / x.datasets, x.datasets);
            }
        }
    }

    private static String share(int flagged, int datasets) {
        double q = flagged / (double) datasets;
        return String.format(Locale.ROOT, "%.3f ± %.3f", q, Math.sqrt(q * (1 - q) / datasets));
    }

    /**
     * The method before issue 14 (the analysis service's FunnelPlot until then), kept here as the study's reference
     * since the service no longer has it: for the groups with E > 0, s = sqrt(1 / E) (Poisson), z = ln(max(O, 0.5) /
     * E) / s (centred on O/E = 1, OGRS3's national level), z winsorised at its 10th and 90th percentiles (type 7),
     * phi = mean of their squares, tau^2 = max(0, (k phi - (k - 1)) / (sum w - sum w^2 / sum w)) with w = E whenever
     * k >= 2, limits exp(+-c sqrt(1 / E + tau^2)) at c = 1.96 and 3.09, status from O / E (alarm above the upper
     * 99.8% limit, alert above the upper 95% one, better below the lower 95% one, ok otherwise).
     */
    static final class OldFunnel {
        private OldFunnel() {
        }

        record Result(String[] statuses, double tau2) {
        }

        static Result compute(long[] observed, double[] expected) {
            int k = 0;
            for (double e : expected) {
                k += e > 0 ? 1 : 0;
            }
            double[] z = new double[k];
            double sw = 0;
            double sw2 = 0;
            int j = 0;
            for (int g = 0; g < expected.length; g++) {
                if (expected[g] > 0) {
                    z[j++] = Math.log(Math.max(observed[g], 0.5) / expected[g]) / Math.sqrt(1 / expected[g]);
                    sw += expected[g];
                    sw2 += expected[g] * expected[g];
                }
            }
            double tau2 = 0;
            if (k >= 2) {
                double[] sorted = z.clone();
                Arrays.sort(sorted);
                double lo = quantile7(sorted, 0.10);
                double hi = quantile7(sorted, 0.90);
                double phi = 0;
                for (double v : z) {
                    double w = Math.min(Math.max(v, lo), hi);
                    phi += w * w;
                }
                phi /= k;
                double denominator = sw - sw2 / sw;
                tau2 = denominator > 0 ? Math.max(0, (k * phi - (k - 1)) / denominator) : 0;
            }
            String[] out = new String[expected.length];
            for (int g = 0; g < expected.length; g++) {
                if (expected[g] <= 0) {
                    out[g] = "NOT_ASSESSED";
                    continue;
                }
                double se = Math.sqrt(1 / expected[g] + tau2);
                double ratio = observed[g] / expected[g];
                out[g] = ratio > Math.exp(3.09 * se) ? "ALARM" : ratio > Math.exp(1.96 * se) ? "ALERT"
                        : ratio < Math.exp(-1.96 * se) ? "BETTER" : "OK";
            }
            return new Result(out, tau2);
        }

        /** Type-7 quantile of sorted values. */
        static double quantile7(double[] sorted, double q) {
            double h = (sorted.length - 1) * q;
            int f = (int) Math.floor(h);
            int c = Math.min(sorted.length - 1, f + 1);
            return sorted[f] + (h - f) * (sorted[c] - sorted[f]);
        }
    }
}
