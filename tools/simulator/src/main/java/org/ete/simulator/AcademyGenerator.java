package org.ete.simulator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.ete.contracts.Level;
import org.ete.contracts.Route;

/**
 * One replica of the Academy (the lived experience evaluation, 2023): peer mentor intakes from July 2021, the
 * applications of graduates, volunteer peer mentors and members of the public, hires, promotions, leavers and
 * sickness, up to the evaluation's snapshot (30 June 2023; nothing is dated later, so the figures read the same
 * whatever the as-of date). Built to reproduce exactly: 107 graduates and 43 in training; 56 employees with lived
 * experience, 48 entry, 7 intermediate (one promotion), 1 managerial (two promotions); hired per application
 * 26.09% (60/230) with lived experience against 6.72% (84/1,250) without; 15 against 20 working days from
 * appointment to start; over the last 12 months 4/60 against 19/84 leavers (3.4 times less likely) and 14% fewer
 * sick days per employee.
 */
final class AcademyGenerator {

    static final class Training {
        String intakeId;
        int startedOn;
        int graduatedOn = -1;
        int withdrewOn = -1;
        String withdrawReason;
    }

    static final class Application {
        String id;
        String role;
        Level level;
        boolean livedExperience;
        Route route;
        int submittedOn;
    }

    static final class Hire {
        Application application;
        int appointedOn;
        int startedOn;
    }

    record Promotion(Level level, int promotedOn) {
    }

    record Sickness(int firstDay, int days) {
    }

    static final class Candidate {
        final int no;
        final String ref;
        final boolean livedExperience;
        final List<Training> trainings = new ArrayList<>(1);
        final List<Application> applications = new ArrayList<>(1);
        Hire hire;
        final List<Promotion> promotions = new ArrayList<>(0);
        int leftOn = -1;
        String leaveReason;
        final List<Sickness> sickness = new ArrayList<>(0);

        Candidate(int no, String ref, boolean livedExperience) {
            this.no = no;
            this.ref = ref;
            this.livedExperience = livedExperience;
        }

        boolean graduated() {
            return trainings.stream().anyMatch(t -> t.graduatedOn >= 0);
        }

        int graduatedOn() {
            return trainings.stream().filter(t -> t.graduatedOn >= 0).mapToInt(t -> t.graduatedOn).findFirst().orElse(-1);
        }
    }

    /** Intakes whose mentors have finished by the snapshot, then the intake in training at it. */
    static final int[] INTAKES = {Days.of(2021, 7, 5), Days.of(2021, 10, 4), Days.of(2022, 1, 10), Days.of(2022, 4, 4),
        Days.of(2022, 7, 4), Days.of(2022, 10, 3), Days.of(2023, 1, 9), Days.of(2023, 4, 3)};
    static final String[] INTAKE_IDS = {"ACAD-2021-JUL", "ACAD-2021-OCT", "ACAD-2022-JAN", "ACAD-2022-APR",
        "ACAD-2022-JUL", "ACAD-2022-OCT", "ACAD-2023-JAN", "ACAD-2023-APR"};
    /** Mentors who withdrew from the current intake before the snapshot. */
    static final int CURRENT_INTAKE_WITHDREW = 6;
    /** LE hires by route: academy graduates and volunteer peer mentors ("almost all" graduated). */
    static final int HIRES_ACADEMY = 55;
    static final int HIRES_PEER_MENTOR = Targets.LE_HIRES - HIRES_ACADEMY;

    private final int replica;
    private final Rng rng;
    private final List<Candidate> candidates = new ArrayList<>();
    private final int asOf = Targets.ACADEMY_AS_OF;
    private int applicationCounter;

    AcademyGenerator(long seed, int replica) {
        this.replica = replica;
        this.rng = Rng.of(seed, 2, replica);
    }

    /** HR candidate reference, e.g. {@code HR001-00042}. */
    static String ref(int replica, int no) {
        return String.format("HR%03d-%05d", replica % 1000, no);
    }

    List<Candidate> generate() {
        List<Candidate> graduates = mentors();
        livedExperienceApplications(graduates);
        publicApplications();
        sickness();
        return candidates;
    }

    private Candidate candidate(boolean livedExperience) {
        Candidate c = new Candidate(candidates.size(), ref(replica, candidates.size()), livedExperience);
        candidates.add(c);
        return c;
    }

    // ---- mentor training ----

    private List<Candidate> mentors() {
        int finished = INTAKES.length - 1;
        double[] growth = new double[finished];
        for (int i = 0; i < finished; i++) {
            growth[i] = 1.0 + 0.2 * i;
        }
        int[] graduates = Targets.apportion(Targets.MENTORS_GRADUATED, growth);
        List<Candidate> graduated = new ArrayList<>();
        List<Candidate> withdrawn = new ArrayList<>();
        for (int i = 0; i < finished; i++) {
            int withdrew = (int) Math.round(graduates[i] * 0.22);
            // From the fifth intake on, one graduate is a returner: someone who withdrew from an earlier intake.
            boolean returner = i >= 4 && !withdrawn.isEmpty();
            for (int g = 0; g < graduates[i]; g++) {
                Candidate c;
                if (g == 0 && returner) {
                    c = withdrawn.remove(rng.nextInt(withdrawn.size()));
                } else {
                    c = candidate(true);
                }
                Training t = training(c, i);
                t.graduatedOn = Days.weekdayOnOrAfter(t.startedOn + 91 + rng.between(0, 4));
                graduated.add(c);
            }
            for (int w = 0; w < withdrew; w++) {
                Candidate c = candidate(true);
                Training t = training(c, i);
                t.withdrewOn = Days.weekdayOnOrAfter(t.startedOn + rng.between(7, 80));
                t.withdrawReason = Vocabulary.pick(rng, Vocabulary.MENTOR_WITHDREW);
                withdrawn.add(c);
            }
        }
        int current = INTAKES.length - 1;
        for (int k = 0; k < Targets.MENTORS_IN_TRAINING; k++) {
            training(candidate(true), current);
        }
        for (int k = 0; k < CURRENT_INTAKE_WITHDREW; k++) {
            Candidate c = candidate(true);
            Training t = training(c, current);
            t.withdrewOn = Math.min(asOf, Days.weekdayOnOrAfter(t.startedOn + rng.between(7, 80)));
            t.withdrawReason = Vocabulary.pick(rng, Vocabulary.MENTOR_WITHDREW);
        }
        return graduated;
    }

    private Training training(Candidate c, int intake) {
        Training t = new Training();
        t.intakeId = INTAKE_IDS[intake];
        t.startedOn = INTAKES[intake];
        c.trainings.add(t);
        return t;
    }

    // ---- applications, hires, promotions, leavers ----

    private Application apply(Candidate c, Level level, Route route, int submittedOn) {
        Application a = new Application();
        a.id = String.format("APP-%03d-%05d", replica % 1000, ++applicationCounter);
        a.level = level;
        a.role = role(level);
        a.livedExperience = c.livedExperience;
        a.route = route;
        a.submittedOn = submittedOn;
        c.applications.add(a);
        return a;
    }

    private String role(Level level) {
        return switch (level) {
            case ENTRY -> Vocabulary.pick(rng, Vocabulary.ENTRY_ROLES);
            case INTERMEDIATE -> Vocabulary.pick(rng, Vocabulary.INTERMEDIATE_ROLES);
            case MANAGERIAL -> Vocabulary.pick(rng, Vocabulary.MANAGERIAL_ROLES);
        };
    }

    /** A weekday submission date in [from, to]. */
    private int submission(int from, int to) {
        int d = Days.weekdayOnOrAfter(rng.between(from, Math.max(from, to)));
        return d > to ? Days.weekdayOnOrBefore(to) : d;
    }

    private void livedExperienceApplications(List<Candidate> graduates) {
        int latestHireSubmission = asOf - 100;
        // Graduates who were hired: the earliest-graduating first (they had the time).
        List<Candidate> byGraduation = new ArrayList<>(graduates);
        byGraduation.sort(Comparator.comparingInt(Candidate::graduatedOn).thenComparingInt(c -> c.no));
        List<Candidate> eligible = new ArrayList<>();
        for (Candidate c : byGraduation) {
            if (c.graduatedOn() + 5 <= latestHireSubmission) {
                eligible.add(c);
            }
        }
        int[] pick = pickIndices(eligible.size(), Math.min(HIRES_ACADEMY, eligible.size()));
        List<Candidate> hiredLe = new ArrayList<>();
        boolean[] taken = new boolean[eligible.size()];
        for (int k : pick) {
            taken[k] = true;
            hiredLe.add(eligible.get(k));
        }
        List<Candidate> peerMentors = new ArrayList<>();
        for (int k = 0; k < HIRES_PEER_MENTOR; k++) {
            Candidate c = candidate(true);
            peerMentors.add(c);
            hiredLe.add(c);
        }
        // The unsuccessful applications: 60 by people later hired, the rest by others who applied.
        int unsuccessful = Targets.LE_APPLICATIONS - Targets.LE_HIRES;
        int byHired = Math.min(unsuccessful, Targets.LE_HIRES);
        int[] priorFailures = new int[hiredLe.size()];
        for (int k = 0; k < byHired; k++) {
            priorFailures[rng.nextInt(hiredLe.size())]++;
        }
        int[] daysToStart = symmetric(hiredLe.size(), (int) Targets.DAYS_TO_START_LE, 7);
        for (int k = 0; k < hiredLe.size(); k++) {
            Candidate c = hiredLe.get(k);
            Route route = c.trainings.isEmpty() ? Route.PEER_MENTOR : Route.ACADEMY;
            int from = c.trainings.isEmpty() ? Days.of(2021, 8, 2) : c.graduatedOn() + 1;
            int day = submission(from, Math.min(latestHireSubmission - 10 * priorFailures[k], from + 200));
            for (int f = 0; f < priorFailures[k]; f++) {
                apply(c, rng.chance(0.85) ? Level.ENTRY : Level.INTERMEDIATE, route, day);
                day = Days.weekdayOnOrAfter(day + rng.between(7, 10));
            }
            Application won = apply(c, Level.ENTRY, route, Math.min(day, latestHireSubmission));
            hire(c, won, daysToStart[k]);
        }
        // Others: graduates not (yet) hired, and volunteer peer mentors who applied without success.
        List<Candidate> notHired = new ArrayList<>();
        for (int k = 0; k < eligible.size(); k++) {
            if (!taken[k]) {
                notHired.add(eligible.get(k));
            }
        }
        int others = unsuccessful - byHired;
        int extraPeerMentors = 18;
        for (int k = 0; k < extraPeerMentors; k++) {
            notHired.add(candidate(true));
        }
        for (int k = 0; k < others && !notHired.isEmpty(); k++) {
            Candidate c = notHired.get(rng.nextInt(notHired.size()));
            Route route = c.trainings.isEmpty() ? Route.PEER_MENTOR : Route.ACADEMY;
            int from = c.trainings.isEmpty() ? Days.of(2021, 8, 2) : c.graduatedOn() + 1;
            apply(c, rng.chance(0.85) ? Level.ENTRY : Level.INTERMEDIATE, route, submission(from, asOf - 5));
        }
        promotionsAndLeavers(hiredLe, Targets.LE_INTERMEDIATE, Targets.LE_MANAGERIAL, Targets.LE_LEAVERS, true);
    }

    private void publicApplications() {
        int hires = Targets.NON_LE_HIRES;
        int apps = Targets.NON_LE_APPLICATIONS;
        int[] levelCounts = Targets.apportion(hires, new double[] {58, 19, 7});
        int[] daysToStart = symmetric(hires, (int) Targets.DAYS_TO_START_NON_LE, 8);
        List<Candidate> hired = new ArrayList<>();
        int k = 0;
        for (int l = 0; l < 3; l++) {
            Level level = Level.values()[l];
            for (int c = 0; c < levelCounts[l]; c++) {
                Candidate cand = candidate(false);
                Application a = apply(cand, level, Route.PUBLIC, submission(Targets.ACADEMY_START, asOf - 100));
                hire(cand, a, daysToStart[k++]);
                hired.add(cand);
            }
        }
        // The unsuccessful: about one in five applicants tries twice.
        List<Candidate> applicants = new ArrayList<>();
        for (int left = apps - hires; left > 0; ) {
            Candidate cand = rng.chance(0.2) && !applicants.isEmpty()
                    ? applicants.get(rng.nextInt(applicants.size())) : candidate(false);
            if (!applicants.contains(cand)) {
                applicants.add(cand);
            }
            double u = rng.nextDouble();
            Level level = u < 0.7 ? Level.ENTRY : u < 0.92 ? Level.INTERMEDIATE : Level.MANAGERIAL;
            apply(cand, level, Route.PUBLIC, submission(Targets.ACADEMY_START, asOf - 5));
            left--;
        }
        promotionsAndLeavers(hired, 0, 0, Targets.NON_LE_LEAVERS, false);
    }

    private void hire(Candidate c, Application a, int workingDays) {
        Hire h = new Hire();
        h.application = a;
        h.appointedOn = Days.weekdayOnOrAfter(a.submittedOn + rng.between(14, 40));
        h.startedOn = Days.addWorkingDays(h.appointedOn, workingDays);
        if (h.startedOn > asOf) {
            throw new IllegalStateException("a hire would start after the snapshot: " + Days.iso(h.startedOn));
        }
        c.hire = h;
    }

    /**
     * LE: exactly {@code oncePromoted} promoted once and {@code twicePromoted} twice (the earliest starters, who had
     * time), and {@code leavers} leaving in the last 12 months (from the others). Non-LE: a few promotions.
     */
    private void promotionsAndLeavers(List<Candidate> hired, int oncePromoted, int twicePromoted, int leavers,
                                      boolean livedExperience) {
        List<Candidate> byStart = new ArrayList<>(hired);
        byStart.sort(Comparator.comparingInt((Candidate c) -> c.hire.startedOn).thenComparingInt(c -> c.no));
        List<Candidate> promotable = new ArrayList<>();
        for (Candidate c : byStart) {
            if (c.hire.startedOn <= asOf - 320) {
                promotable.add(c);
            }
        }
        List<Candidate> promoted = new ArrayList<>();
        int twice = Math.min(twicePromoted, promotable.size());
        int once = Math.min(oncePromoted, promotable.size() - twice);
        if (!livedExperience) {
            once = Math.min(6, promotable.size());
        }
        for (int k : pickIndices(promotable.size(), twice + once)) {
            promoted.add(promotable.get(k));
        }
        for (int k = 0; k < promoted.size(); k++) {
            Candidate c = promoted.get(k);
            Level from = c.hire.application.level;
            if (from == Level.MANAGERIAL) {
                continue;
            }
            int first = Days.weekdayOnOrAfter(c.hire.startedOn + rng.between(120, 200));
            Level next = from == Level.ENTRY ? Level.INTERMEDIATE : Level.MANAGERIAL;
            c.promotions.add(new Promotion(next, first));
            if (k < twice && next == Level.INTERMEDIATE) {
                int second = Days.weekdayOnOrAfter(first + rng.between(90, Math.max(90, asOf - first - 5)));
                c.promotions.add(new Promotion(Level.MANAGERIAL, Math.min(second, Days.weekdayOnOrBefore(asOf))));
            }
        }
        // Leavers, all in the last 12 months, chosen so that both ways of reading "less likely to leave" hold:
        // leavers in the last 12 months per employee, and leaving within 12 months of starting among those who
        // started at least 12 months before the snapshot. Without lived experience they are early leavers of the
        // first year's intake; with lived experience one is, the others started in the last 12 months.
        int yearAgo = Days.of(Days.date(asOf).minusYears(1));
        List<Candidate> early = new ArrayList<>();
        List<Candidate> recent = new ArrayList<>();
        for (Candidate c : byStart) {
            if (!c.promotions.isEmpty()) {
                continue;
            }
            if (c.hire.startedOn <= yearAgo && anniversary(c.hire.startedOn) - 1 >= leaveFrom(c)) {
                early.add(c);
            } else if (c.hire.startedOn > yearAgo && c.hire.startedOn <= asOf - 45) {
                recent.add(c);
            }
        }
        int fromEarly = livedExperience ? Math.min(1, leavers) : leavers;
        List<Candidate> leaving = new ArrayList<>();
        for (int k : pickIndices(early.size(), Math.min(fromEarly, early.size()))) {
            leaving.add(early.get(k));
        }
        for (int k : pickIndices(recent.size(), Math.min(leavers - leaving.size(), recent.size()))) {
            leaving.add(recent.get(k));
        }
        for (Candidate c : leaving) {
            int from = leaveFrom(c);
            int to = Math.min(asOf, anniversary(c.hire.startedOn) - 1);
            int day = Days.weekdayOnOrBefore(rng.between(from, Math.max(from, to)));
            c.leftOn = Math.max(from, day);
            c.leaveReason = Vocabulary.pick(rng, Vocabulary.LEAVE);
        }
    }

    private static int leaveFrom(Candidate c) {
        return Math.max(c.hire.startedOn + 30, Targets.ACADEMY_YEAR_FROM);
    }

    /** The first anniversary of a start (leaving before it is leaving within 12 months). */
    private static int anniversary(int start) {
        return Days.of(Days.date(start).plusYears(1));
    }

    // ---- sickness ----

    /**
     * Sickness: in each of two periods (before the last 12 months, and the last 12 months), exactly
     * {@link Targets#SICK_DAYS_NON_LE} days per employee-year without lived experience and 14% fewer with it, shared
     * over the employees in proportion to their time employed in the period (with noise), as spells that start on
     * weekdays within their employment. So the difference reads 14% per employee-year for any window that is one
     * of the periods or both, and per employee for the last 12 months (whose headcounts are all employed).
     */
    private void sickness() {
        List<Candidate> le = new ArrayList<>();
        List<Candidate> other = new ArrayList<>();
        for (Candidate c : candidates) {
            if (c.hire != null) {
                (c.livedExperience ? le : other).add(c);
            }
        }
        int[][] periods = {{Targets.ACADEMY_START, Targets.ACADEMY_YEAR_FROM - 1}, {Targets.ACADEMY_YEAR_FROM, asOf}};
        double leRate = Targets.SICK_DAYS_NON_LE * (1 - Targets.FEWER_SICK_DAYS);
        for (int[] period : periods) {
            spread(le, period[0], period[1], leRate);
            spread(other, period[0], period[1], Targets.SICK_DAYS_NON_LE);
        }
        for (Candidate c : candidates) {
            c.sickness.sort(Comparator.comparingInt(Sickness::firstDay));
        }
    }

    /** Employed calendar days of {@code c} within [from, to]. */
    static int exposure(Candidate c, int from, int to) {
        int a = Math.max(c.hire.startedOn, from);
        int b = Math.min(c.leftOn >= 0 ? c.leftOn : to, to);
        return Math.max(0, b - a + 1);
    }

    private void spread(List<Candidate> employees, int from, int to, double daysPerYear) {
        double years = 0;
        double[] w = new double[employees.size()];
        for (int k = 0; k < w.length; k++) {
            int e = exposure(employees.get(k), from, to);
            years += e / 365.25;
            w[k] = e == 0 ? 0 : e * (0.3 + rng.gamma(1.2));
        }
        int total = (int) Math.round(daysPerYear * years);
        int[] days = Targets.apportion(total, w);
        for (int k = 0; k < days.length; k++) {
            if (days[k] == 0) {
                continue;
            }
            Candidate c = employees.get(k);
            int a = Math.max(c.hire.startedOn, from);
            int b = Math.min(c.leftOn >= 0 ? c.leftOn : to, to);
            List<Integer> weekdays = new ArrayList<>();
            for (int d = a; d <= b; d++) {
                if (Days.isWeekday(d)) {
                    weekdays.add(d);
                }
            }
            if (weekdays.isEmpty()) {
                weekdays.add(a);
            }
            int spells = Math.max(1, Math.min(weekdays.size(), (int) Math.ceil(days[k] / 3.0)));
            int[] split = Targets.apportion(days[k], randomWeights(spells));
            int[] chosen = pickIndices(weekdays.size(), spells);
            java.util.Arrays.sort(chosen);
            for (int sp = 0; sp < spells; sp++) {
                if (split[sp] > 0) {
                    c.sickness.add(new Sickness(weekdays.get(chosen[sp]), Math.min(366, split[sp])));
                }
            }
        }
    }

    private double[] randomWeights(int n) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 0.2 + rng.exponential(1);
        }
        return w;
    }

    /** {@code k} distinct indices of [0, n), in random order. */
    private int[] pickIndices(int n, int k) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        rng.shuffle(all);
        return java.util.Arrays.copyOf(all, Math.max(0, Math.min(k, n)));
    }

    /**
     * {@code n} working-day counts whose mean and median are both exactly {@code centre}: pairs centre - d and
     * centre + d (d from 0 to {@code spread}), in random order, and the centre itself if n is odd.
     */
    private int[] symmetric(int n, int centre, int spread) {
        int[] v = new int[n];
        for (int i = 0; i + 1 < n; i += 2) {
            int d = Math.min(spread, (int) Math.round(Math.abs(rng.normal()) * spread / 2.0));
            v[i] = centre - d;
            v[i + 1] = centre + d;
        }
        if (n % 2 == 1) {
            v[n - 1] = centre;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = v[i];
            v[i] = v[j];
            v[j] = t;
        }
        return v;
    }
}
