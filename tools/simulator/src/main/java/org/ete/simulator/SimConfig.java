package org.ete.simulator;

/**
 * What to generate.
 *
 * @param seed         the run's seed: same seed (and people) = byte-identical output and the same event ids
 * @param people       take-ups in April 2018 - March 2021 (13,923 reproduces the seed; the rest scales with it)
 * @param outlierTeam  the team whose actual reoffending is well above its peers', or null for none
 * @param outlierRatio that team's O/E as a multiple of the other teams' pooled O/E (1.4: it reoffends 40% more
 *                     than teams with people like its own), in every stratum of the calibration
 * @param unmetNeeds   the demographic group whose needs the service does not meet (it reoffends more than its
 *                     peers within every team), or null for none
 * @param unmetNeedsRatio that group's O/E as a multiple of everyone else's pooled O/E
 * @param today        the run date: no generated date is later
 * @param threads      worker threads (the output does not depend on it)
 */
record SimConfig(long seed, int people, String outlierTeam, double outlierRatio, NeedsGroup unmetNeeds,
                 double unmetNeedsRatio, int today, int threads) {

    static final long DEFAULT_SEED = 2021;
    /**
     * A realistic under-performer: 40% more reoffending than its peers with people like its own (the old default,
     * twice OGRS3's prediction, was 2.6 times its peers, which any method flags).
     */
    static final double DEFAULT_OUTLIER_RATIO = 1.4;
    static final NeedsGroup DEFAULT_UNMET_NEEDS = NeedsGroup.parse("disability=yes");
    static final double DEFAULT_UNMET_NEEDS_RATIO = 1.3;
    static final int DEFAULT_TODAY = Days.of(2026, 11, 23);

    SimConfig {
        if (people < 1) {
            throw new IllegalArgumentException("--people must be at least 1");
        }
        long blocks = (people + Targets.TOOK_UP - 1L) / Targets.TOOK_UP;
        if (blocks * BlockGenerator.CAPACITY > 26_000_000L) {
            throw new IllegalArgumentException("--people " + people + " needs more CRNs than exist (26,000,000: "
                    + "a letter and six digits); at most " + maxPeople());
        }
        if (outlierTeam != null && Geography.teamIndex(outlierTeam) < 0) {
            throw new IllegalArgumentException("unknown team '" + outlierTeam + "'; teams: " + Geography.teamNames());
        }
        if (!(outlierRatio > 0) || outlierRatio > 10) {
            throw new IllegalArgumentException("--outlier-ratio must be above 0 and at most 10");
        }
        if (!(unmetNeedsRatio > 0) || unmetNeedsRatio > 10) {
            throw new IllegalArgumentException("--unmet-needs-ratio must be above 0 and at most 10");
        }
        if (today < Targets.ACADEMY_AS_OF + 365 * 2) {
            throw new IllegalArgumentException("--today must be 2025-07-01 or later (the histories run to then)");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1");
        }
    }

    static SimConfig defaults() {
        return new SimConfig(DEFAULT_SEED, Targets.TOOK_UP, Geography.DEFAULT_OUTLIER_TEAM, DEFAULT_OUTLIER_RATIO,
                DEFAULT_UNMET_NEEDS, DEFAULT_UNMET_NEEDS_RATIO, DEFAULT_TODAY,
                Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    SimConfig withPeople(int n) {
        return new SimConfig(seed, n, outlierTeam, outlierRatio, unmetNeeds, unmetNeedsRatio, today, threads);
    }

    SimConfig withSeed(long s) {
        return new SimConfig(s, people, outlierTeam, outlierRatio, unmetNeeds, unmetNeedsRatio, today, threads);
    }

    SimConfig withThreads(int n) {
        return new SimConfig(seed, people, outlierTeam, outlierRatio, unmetNeeds, unmetNeedsRatio, today, n);
    }

    SimConfig withOutlier(String team, double ratio) {
        return new SimConfig(seed, people, team, ratio, unmetNeeds, unmetNeedsRatio, today, threads);
    }

    SimConfig withUnmetNeeds(NeedsGroup group, double ratio) {
        return new SimConfig(seed, people, outlierTeam, outlierRatio, group, ratio, today, threads);
    }

    static int maxPeople() {
        return (int) (26_000_000L / BlockGenerator.CAPACITY) * Targets.TOOK_UP;
    }

    /** Number of blocks: full blocks of 13,923 take-ups, the last one possibly partial. */
    int blocks() {
        return (people + Targets.TOOK_UP - 1) / Targets.TOOK_UP;
    }

    int blockSize(int block) {
        int rest = people - block * Targets.TOOK_UP;
        return Math.min(Targets.TOOK_UP, rest);
    }

    /** Academy replicas: one per 13,923 take-ups (rounded), at least one. */
    int academyReplicas() {
        return Math.max(1, (int) Math.round(people / (double) Targets.TOOK_UP));
    }
}
