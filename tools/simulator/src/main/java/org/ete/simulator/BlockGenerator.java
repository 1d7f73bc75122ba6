package org.ete.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ete.contracts.Gender;
import org.ete.contracts.Qualification;
import org.ete.contracts.Sector;
import org.ete.contracts.Setting;

/**
 * One block of the population: {@code n} take-ups in the evaluation window (13,923 for a full block, so each full
 * block is a complete replica of the ETE evaluation), plus the earlier participants and the referrals never taken
 * up that go with them. Every block is generated from its own random stream, so blocks are independent and the
 * output does not depend on the number of threads.
 *
 * <p>Calibration (each step an exact quota, randomised within it; see README "Calibration"):
 * <ol>
 *   <li>OGRS3 factors are drawn, scored with the contract's calculator and nudged (one sanction more or less for
 *       random people) until the group's mean one-year score is the seed's 35.6%.</li>
 *   <li>The people whose index date falls after 2021-04-02 (released from custody later, so pending at the
 *       as-of date 2022-10-01) are chosen with the same mean score: 13,923 - 12,525 of a full block.</li>
 *   <li>In each of the matured, pending and earlier groups: who found work (exact count, mean score 30.4%), who
 *       of them sustained it (62.8%-based count, mean score 28.6%), and who reoffended within the window,
 *       separately for sustained / found-but-not-sustained / the rest, so that the nested cohorts' actual rates
 *       are 17.7%, 20.0% and 27.1%. Reoffenders are shared out over teams in proportion to their predicted
 *       reoffending (the outlier team at its ratio times its peers'), split within each team so that the
 *       unmet-needs group reoffends at its ratio times its teammates', and drawn with probability ~ p.</li>
 *   <li>Figures 1 and 2: exactly the seed's achieved course completions by qualification and job starts by
 *       sector dated in April 2016 - March 2021, the earlier participants supplying the jobs the main cohort
 *       does not.</li>
 * </ol>
 */
final class BlockGenerator {

    /** Earlier participants (April 2016 - March 2018) per take-up of the main window. */
    static final double HISTORICAL_RATIO = 0.565;
    /** Referrals never taken up, per take-up of the main window. */
    static final double NOT_TAKEN_UP_RATIO = 0.12;
    /** Person numbers reserved per block (a full block's people). */
    static final int CAPACITY = capacity(Targets.TOOK_UP);
    /** Job starts in 2016-21 per earlier participant who finds work: one, so Figure 2's jobs are also people. */
    static final double JOBS_PER_FINDER = 1.0;

    static int historical(int n) {
        return (int) Math.round(n * HISTORICAL_RATIO);
    }

    static int notTakenUp(int n) {
        return (int) Math.round(n * NOT_TAKEN_UP_RATIO);
    }

    static int capacity(int n) {
        return n + historical(n) + notTakenUp(n);
    }

    private final SimConfig config;
    private final int n;
    private final double f;
    private final Rng rng;
    private final Person[] people;
    private final double[] p;
    private final int outlierTeam;

    BlockGenerator(SimConfig config, int block, int n) {
        this.config = config;
        this.n = n;
        this.f = (double) n / Targets.TOOK_UP;
        this.rng = Rng.of(config.seed(), 1, block);
        int h = historical(n);
        int u = notTakenUp(n);
        this.people = new Person[n + h + u];
        this.p = new double[people.length];
        this.outlierTeam = config.outlierTeam() == null ? -1 : Geography.teamIndex(config.outlierTeam());
        int[] numbers = new int[CAPACITY];
        for (int i = 0; i < CAPACITY; i++) {
            numbers[i] = i;
        }
        rng.shuffle(numbers); // CRNs do not give away who is who
        long base = (long) block * CAPACITY;
        for (int i = 0; i < people.length; i++) {
            Person.Group g = i < n ? Person.Group.MAIN : i < n + h ? Person.Group.HISTORICAL : Person.Group.NOT_TAKEN_UP;
            people[i] = new Person(i, base + numbers[i], g);
        }
    }

    /** Builds every person's story. */
    Person[] generate() {
        int[] main = range(0, n);
        int[] historical = range(n, n + historical(n));
        int[] notTakenUp = range(n + historical(n), people.length);

        takeUps(main, monthlyCounts(n, Targets.WINDOW_FROM, 36, true));
        takeUps(historical, monthlyCounts(historical.length, Targets.HISTORICAL_FROM, 24, false));
        for (int i : concat(main, historical)) {
            describe(people[i]);
        }
        nudgeMeanScore(main, Targets.PREDICTED_ETE);
        nudgeMeanScore(historical, Targets.PREDICTED_ETE);

        // Who is still in custody (or back in it) until after 2021-04-02: pending at the as-of date.
        int lateCount = Math.max(0, n - Targets.scale(Targets.MATURED_ETE, f));
        int[] late = chooseLate(main, lateCount);
        for (int i : late) {
            people[i].late = true;
        }
        int[] matured = without(main, late);
        for (int i : matured) {
            indexDate(people[i], Targets.WINDOW_TO);
        }
        for (int i : late) {
            lateRelease(people[i]);
        }
        for (int i : historical) {
            indexDate(people[i], Targets.HISTORICAL_TO);
        }

        // Work and reoffending, cohort by cohort.
        int foundMatured = Math.min(matured.length, Targets.scale(Targets.MATURED_FOUND_WORK, f));
        int foundLate = Math.max(0, Math.min(late.length, Targets.scale(Targets.FOUND_WORK, f) - foundMatured));
        int sustainedMatured = Math.min(foundMatured, Targets.scale(Targets.MATURED_SUSTAINED, f));
        int sustainedLate = Math.max(0, Math.min(foundLate, Targets.scale(Targets.SUSTAINED, f) - sustainedMatured));
        outcomes(matured, foundMatured, sustainedMatured);
        outcomes(late, foundLate, sustainedLate);
        for (int i : main) {
            jobs(people[i], config.today(), 0.15);
        }

        // Figure 2: the earlier participants supply the job starts of 2016-21 the main cohort does not.
        int jobsTarget = Targets.scale(Targets.JOBS, f);
        int mainJobsInPeriod = 0;
        for (int i : main) {
            for (Person.Job j : people[i].jobs) {
                if (inFigures(j.startedOn)) {
                    mainJobsInPeriod++;
                }
            }
        }
        int historicalJobs = Math.max(0, jobsTarget - mainJobsInPeriod);
        int historicalFinders = (int) Math.min(Math.min(historicalJobs, historical.length),
                Math.max(historicalJobs > 0 ? 1 : 0, Math.round(historicalJobs / JOBS_PER_FINDER)));
        int historicalSustained = (int) Math.round(historicalFinders * ((double) Targets.SUSTAINED / Targets.FOUND_WORK));
        outcomes(historical, historicalFinders, historicalSustained);
        historicalJobs(historical, historicalJobs);

        for (int i : concat(main, historical)) {
            reconvictions(people[i]);
            closure(people[i]);
        }
        courses(concat(main, historical));
        sectors(concat(main, historical), jobsTarget);
        for (int i : notTakenUp) {
            notTakenUp(people[i]);
        }
        return people;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Take-ups, referrals, who the people are

    /** Take-ups per month: slight growth, a December dip, and the first Covid-19 lockdown (spring 2020). */
    private static int[] monthlyCounts(int count, int from, int months, boolean main) {
        double[] w = new double[months];
        for (int m = 0; m < months; m++) {
            int month = Days.date(from).plusMonths(m).getMonthValue();
            int year = Days.date(from).plusMonths(m).getYear();
            double x = (main ? 1.0 : 0.85) + 0.004 * m;
            if (month == 12) {
                x *= 0.8;
            }
            if (month == 8) {
                x *= 0.92;
            }
            if (year == 2020 && month == 4) {
                x *= 0.55;
            } else if (year == 2020 && month == 5) {
                x *= 0.7;
            } else if (year == 2020 && month == 6) {
                x *= 0.85;
            }
            w[m] = x;
        }
        int[] counts = Targets.apportion(count, w);
        int[] out = new int[months + 1];
        out[0] = from;
        System.arraycopy(counts, 0, out, 1, months);
        return out;
    }

    private void takeUps(int[] group, int[] monthly) {
        int from = monthly[0];
        int k = 0;
        for (int m = 1; m < monthly.length; m++) {
            int first = Days.of(Days.date(from).plusMonths(m - 1));
            int last = Days.of(Days.date(from).plusMonths(m)) - 1;
            for (int c = 0; c < monthly[m]; c++) {
                Person person = people[group[k++]];
                int d = Days.weekdayOnOrAfter(rng.between(first, last));
                if (d > last) {
                    d = Days.weekdayOnOrBefore(last);
                }
                person.takenUpOn = d;
                int lag = rng.chance(0.3) ? 0 : Math.min(60, (int) Math.round(rng.exponential(12)));
                person.referralDate = Days.weekdayOnOrBefore(d - lag);
            }
        }
    }

    private void describe(Person person) {
        person.setting = Demography.setting(rng);
        person.contractArea = Geography.area(rng);
        Demography.people(person, rng);
        Geography.Team team = person.setting == Setting.CUSTODY
                ? Geography.custodyTeamFor(rng, person.contractArea, person.gender)
                : Geography.team(rng, person.contractArea, person.setting);
        person.team = team.index();
        person.office = Geography.office(rng, team, person.gender);
        Demography.factors(person, rng);
        p[person.local] = person.p;
    }

    /**
     * Brings the group's mean one-year score to {@code target} by giving random people one sanction more or less
     * (each step kept only if it brings the mean closer), then re-scoring them with the contract's calculator.
     */
    private void nudgeMeanScore(int[] group, double target) {
        if (group.length == 0) {
            return;
        }
        double sum = 0;
        for (int i : group) {
            sum += p[i];
        }
        double goal = target * group.length;
        double tolerance = Selection.MEAN_TOLERANCE * group.length / 4;
        long attempts = 0;
        long max = 40L * group.length + 1000;
        while (Math.abs(sum - goal) > tolerance && attempts++ < max) {
            Person person = people[group[rng.nextInt(group.length)]];
            int before = person.sanctions;
            if (before == 1) {
                continue; // first offenders stay first offenders
            }
            int after = sum > goal ? before - 1 : before + 1;
            if (after < 2 || after > 150) {
                continue;
            }
            double old = p[person.local];
            int oneYear = person.oneYearTenths;
            int twoYear = person.twoYearTenths;
            person.sanctions = after;
            Demography.score(person);
            double next = sum - old + person.p;
            if (Math.abs(next - goal) < Math.abs(sum - goal)) {
                sum = next;
                p[person.local] = person.p;
            } else {
                person.sanctions = before;
                person.oneYearTenths = oneYear;
                person.twoYearTenths = twoYear;
                person.p = old;
            }
        }
    }

    /**
     * Who is released only after the last matured index date: people in custody only (DOMAIN.md: only a custody
     * referral's index date waits for a release; for every other setting it is the take-up), the later they took up,
     * the likelier; with the mean score of the whole group, so the matured keep it.
     */
    private int[] chooseLate(int[] main, int count) {
        int[] custody = java.util.Arrays.stream(main).filter(i -> people[i].setting == Setting.CUSTODY).toArray();
        double[] extra = new double[custody.length];
        double span = Math.max(1, Targets.WINDOW_TO - Targets.WINDOW_FROM);
        for (int k = 0; k < custody.length; k++) {
            double frac = (people[custody[k]].takenUpOn - Targets.WINDOW_FROM) / span;
            extra[k] = Math.exp(2.5 * frac);
        }
        return Selection.withMean(custody, p, extra, Math.min(count, custody.length), Selection.mean(main, p), rng);
    }

    /**
     * Index date for someone who is not late: capped at {@code lastIndex} (the window's end). As DOMAIN.md defines
     * it: in custody, the first release on or after take-up, or the take-up if the release came before it (everyone
     * in custody here has a release recorded: one still inside would be awaiting release, in no cohort, and the
     * seed's 13,923 are all matured or pending); in every other setting the take-up, even after a recall and a new
     * release.
     */
    private void indexDate(Person person, int lastIndex) {
        int takeUp = person.takenUpOn;
        person.indexDate = takeUp;
        if (person.setting == Setting.CUSTODY) {
            double u = rng.nextDouble();
            if (u < 0.80) {
                int gap = (int) Math.round(rng.logNormal(45, 0.9));
                int release = Math.min(takeUp + gap, lastIndex);
                release = Math.max(takeUp, Days.weekdayOnOrBefore(release));
                person.releases.add(release);
                person.indexDate = release;
            } else if (person.referralDate < takeUp) {
                // released between referral and take-up: take-up is the index date
                int release = Days.weekdayOnOrBefore(rng.between(person.referralDate, takeUp - 1));
                person.releases.add(Math.max(release, person.referralDate));
            } else {
                // referred and taken up on the day of release: release and index date are the take-up
                person.releases.add(takeUp);
            }
        } else if (rng.chance(0.02)) {
            // recalled to custody after taking up, and released again: the index date stays the take-up
            int release = Math.min(takeUp + rng.between(30, 300), lastIndex);
            release = Math.max(takeUp, Days.weekdayOnOrBefore(release));
            person.releases.add(release);
        }
    }

    /** Released after 2021-04-02 (a long sentence, or a recall): pending at the as-of date 2022-10-01. */
    private void lateRelease(Person person) {
        int earliest = Math.max(Targets.LAST_MATURED_INDEX + 1, person.takenUpOn + 14);
        int latest = Math.min(Targets.AS_OF - 1, person.takenUpOn + 760);
        if (latest < earliest) {
            earliest = Targets.LAST_MATURED_INDEX + 1;
            latest = Days.of(2022, 6, 30);
        }
        int release = Days.weekdayOnOrAfter(rng.between(earliest, latest));
        if (release > Targets.AS_OF - 1) {
            release = Days.weekdayOnOrBefore(Targets.AS_OF - 1);
        }
        person.releases.add(release);
        person.indexDate = release;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Work and reoffending

    /** Found work, sustained it, reoffended: exact counts and mean scores for one group (see class comment). */
    private void outcomes(int[] group, int found, int sustained) {
        if (group.length == 0) {
            return;
        }
        double[] extra = new double[group.length];
        for (int k = 0; k < group.length; k++) {
            Person person = people[group[k]];
            double w = 1.0;
            if (person.setting == Setting.CUSTODY) {
                w *= 0.85;
            } else if (person.setting == Setting.APPROVED_PREMISES) {
                w *= 0.8;
            }
            int age = Days.age(person.dateOfBirth, person.indexDate);
            if (age >= 50) {
                w *= 0.6;
            }
            if (person.gender == Gender.FEMALE) {
                w *= 0.9;
            }
            extra[k] = w;
        }
        int[] foundWork = Selection.withMean(group, p, extra, found, Targets.PREDICTED_FOUND_WORK, rng);
        int[] kept = Selection.withMean(foundWork, p, null, sustained, Targets.PREDICTED_SUSTAINED, rng);
        for (int i : foundWork) {
            people[i].foundWork = true;
        }
        for (int i : kept) {
            people[i].sustained = true;
        }
        int[] foundNotKept = without(foundWork, kept);
        int[] noWork = without(group, foundWork);
        int inSustained = clamp((int) Math.round(Targets.ACTUAL_SUSTAINED * kept.length), kept.length);
        int inFound = (int) Math.round(Targets.ACTUAL_FOUND_WORK * foundWork.length);
        int inAll = (int) Math.round(Targets.ACTUAL_ETE * group.length);
        reoffenders(kept, inSustained);
        reoffenders(foundNotKept, clamp(inFound - inSustained, foundNotKept.length));
        reoffenders(noWork, clamp(inAll - inFound, noWork.length));
    }

    /**
     * Exactly {@code count} reoffenders among {@code stratum}. The outlier team's share makes its O/E the outlier ratio
     * times the other teams' pooled O/E in this stratum: with E_o its predicted number and E_r the others',
     * q_o = r count E_o / (E_r + r E_o), so q_o / E_o = r (count - q_o) / E_r. The rest is shared over the other
     * teams in proportion to their predicted numbers (so every normal team's O/E is the stratum's peer level). Within
     * a team, the unmet-needs group's share makes its O/E the unmet-needs ratio times its teammates' (the same split
     * of the team's quota), so no team's total moves; then reoffenders are drawn with probability about
     * proportional to the OGRS3 score.
     */
    private void reoffenders(int[] stratum, int count) {
        if (count <= 0 || stratum.length == 0) {
            return;
        }
        int teams = Geography.TEAMS.size();
        List<List<Integer>> byTeam = new ArrayList<>(teams);
        for (int t = 0; t < teams; t++) {
            byTeam.add(new ArrayList<>());
        }
        double[] expected = new double[teams];
        double total = 0;
        for (int i : stratum) {
            byTeam.get(people[i].team).add(i);
            expected[people[i].team] += p[i];
            total += p[i];
        }
        int[] quota = new int[teams];
        int rest = count;
        if (outlierTeam >= 0 && !byTeam.get(outlierTeam).isEmpty()) {
            double r = config.outlierRatio();
            double eOutlier = expected[outlierTeam];
            double share = r * eOutlier / (total - eOutlier + r * eOutlier);
            quota[outlierTeam] = Math.min(Math.min(byTeam.get(outlierTeam).size(), rest),
                    (int) Math.round(share * count));
            rest -= quota[outlierTeam];
            expected[outlierTeam] = 0;
        }
        // Share the rest in proportion to E, never more than a team has (re-shared if a cap bites).
        boolean[] full = new boolean[teams];
        if (outlierTeam >= 0) {
            full[outlierTeam] = true;
        }
        while (rest > 0) {
            double[] w = new double[teams];
            for (int t = 0; t < teams; t++) {
                w[t] = full[t] ? 0 : expected[t];
            }
            int[] share = Targets.apportion(rest, w);
            boolean capped = false;
            int given = 0;
            for (int t = 0; t < teams; t++) {
                int room = byTeam.get(t).size() - quota[t];
                int take = Math.min(room, share[t]);
                if (take < share[t]) {
                    capped = true;
                    full[t] = true;
                }
                quota[t] += take;
                given += take;
            }
            rest -= given;
            if (!capped || given == 0) {
                break;
            }
        }
        int[] needsQuota = unmetNeedsQuotas(byTeam, quota);
        for (int t = 0; t < teams; t++) {
            List<Integer> members = byTeam.get(t);
            if (quota[t] == 0) {
                continue;
            }
            if (needsQuota == null) {
                draw(members, quota[t]);
                continue;
            }
            List<Integer> inGroup = new ArrayList<>();
            List<Integer> others = new ArrayList<>();
            for (int i : members) {
                (config.unmetNeeds().contains(people[i]) ? inGroup : others).add(i);
            }
            draw(inGroup, needsQuota[t]);
            draw(others, quota[t] - needsQuota[t]);
        }
    }

    /**
     * How many of each team's {@code quota} reoffenders are in the unmet-needs group: g_t = q_t u E_g / (E_o + u E_g)
     * (E_g, E_o: the group's and its teammates' predicted numbers, u the ratio), rounded so that the stratum's sum
     * is the rounded sum of the exact shares (largest remainder), and within what each side of the team has. Null
     * when there is no such group (the draw is then the team's alone).
     */
    private int[] unmetNeedsQuotas(List<List<Integer>> byTeam, int[] quota) {
        NeedsGroup group = config.unmetNeeds();
        if (group == null || config.unmetNeedsRatio() == 1.0) {
            return null;
        }
        double u = config.unmetNeedsRatio();
        int teams = quota.length;
        double[] exact = new double[teams];
        int[] inGroup = new int[teams];
        int[] others = new int[teams];
        double sum = 0;
        for (int t = 0; t < teams; t++) {
            double eGroup = 0;
            double eOthers = 0;
            for (int i : byTeam.get(t)) {
                if (group.contains(people[i])) {
                    eGroup += p[i];
                    inGroup[t]++;
                } else {
                    eOthers += p[i];
                    others[t]++;
                }
            }
            double denominator = eOthers + u * eGroup;
            exact[t] = denominator > 0 ? quota[t] * u * eGroup / denominator : 0;
            sum += exact[t];
        }
        int[] out = Targets.apportion((int) Math.round(sum), exact);
        for (int t = 0; t < teams; t++) {
            // within what each side has: at most the group's members, at least what its teammates cannot take
            out[t] = Math.max(quota[t] - others[t], Math.min(Math.min(out[t], inGroup[t]), quota[t]));
        }
        return out;
    }

    /** Exactly {@code k} reoffenders among {@code members}, with probability about proportional to the score. */
    private void draw(List<Integer> members, int k) {
        if (k <= 0 || members.isEmpty()) {
            return;
        }
        int[] cand = members.stream().mapToInt(Integer::intValue).toArray();
        double[] w = new double[cand.length];
        for (int j = 0; j < cand.length; j++) {
            w[j] = p[cand[j]];
        }
        for (int i : Selection.weighted(cand, w, k, rng)) {
            people[i].reoffends = true;
        }
    }

    private static int clamp(int v, int max) {
        return Math.max(0, Math.min(v, max));
    }

    /** Jobs of someone who found work: all start on or after the index date (after release from custody). */
    private void jobs(Person person, int lastDay, double secondJobChance) {
        if (!person.foundWork) {
            return;
        }
        int delay = 1 + (int) Math.min(700, Math.round(rng.logNormal(55, 0.85)));
        int start = Math.min(lastDay, Days.weekdayOnOrAfter(person.indexDate + delay));
        start = Math.max(start, person.indexDate);
        Person.Job job = startJob(person, start);
        if (person.sustained) {
            job.sustainedOn = Math.min(config.today(), start + 91 + rng.between(0, 10));
            if (rng.chance(0.45)) {
                job.endedOn = Math.min(config.today(), job.sustainedOn + rng.between(0, 500));
                job.endReason = Vocabulary.jobEndReason(rng);
            }
        } else {
            job.endedOn = Math.min(config.today(), start + rng.between(1, 90));
            job.endReason = Vocabulary.jobEndReason(rng);
        }
        if (rng.chance(secondJobChance) && job.endedOn >= 0 && addJob(person, lastDay)) {
            // Figure 2 counts job starts in 2016-21 and the people who started them as one: one such job a person.
            Person.Job second = person.jobs.get(person.jobs.size() - 1);
            if (inFigures(job.startedOn) && inFigures(second.startedOn)) {
                person.jobs.remove(person.jobs.size() - 1);
            }
        }
    }

    private Person.Job startJob(Person person, int start) {
        Person.Job job = new Person.Job(person.jobs.size() + 1);
        job.startedOn = start;
        job.hoursTenths = Vocabulary.hours(rng);
        person.jobs.add(job);
        return job;
    }

    /** A further job after the last one ended (ending it first if it is still open), starting by {@code lastDay}. */
    private boolean addJob(Person person, int lastDay) {
        Person.Job previous = person.jobs.get(person.jobs.size() - 1);
        if (previous.endedOn < 0) {
            int earliestEnd = previous.sustainedOn >= 0 ? previous.sustainedOn : previous.startedOn + 1;
            if (earliestEnd >= lastDay) {
                return false;
            }
            previous.endedOn = rng.between(earliestEnd, Math.min(lastDay - 1, earliestEnd + 300));
            previous.endReason = "Moved to a new job";
        }
        int from = previous.endedOn + 1;
        if (from > lastDay) {
            return false;
        }
        int start = Math.min(lastDay, from + (int) Math.round(rng.exponential(60)));
        Person.Job job = startJob(person, start);
        // A later job of someone who never sustained one never lasts 13 weeks either.
        if (person.sustained && rng.chance(0.5)) {
            job.sustainedOn = Math.min(config.today(), start + 91 + rng.between(0, 10));
            if (rng.chance(0.4)) {
                job.endedOn = Math.min(config.today(), job.sustainedOn + rng.between(0, 400));
                job.endReason = Vocabulary.jobEndReason(rng);
            }
        } else {
            job.endedOn = start + rng.between(1, 90);
            job.endReason = Vocabulary.jobEndReason(rng);
        }
        return true;
    }

    /** Jobs of the earlier participants: exactly {@code total} starts, all within April 2016 - March 2021. */
    private void historicalJobs(int[] historical, int total) {
        List<Person> finders = new ArrayList<>();
        for (int i : historical) {
            Person person = people[i];
            if (person.foundWork) {
                jobs(person, Targets.FIGURES_TO - 200, 0);
                finders.add(person);
            }
        }
        int extra = total - finders.size();
        int guard = 0;
        while (extra > 0 && !finders.isEmpty() && guard++ < 100 * (total + 1)) {
            Person person = finders.get(rng.nextInt(finders.size()));
            if (person.jobs.size() < 4 && addJob(person, Targets.FIGURES_TO)) {
                extra--;
            }
        }
    }

    private static boolean inFigures(int day) {
        return day >= Targets.FIGURES_FROM && day <= Targets.FIGURES_TO;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Reconvictions, closures, courses, sectors

    private void reconvictions(Person person) {
        int index = person.indexDate;
        int today = config.today();
        if (person.reoffends) {
            // Most reoffending comes early in the year.
            int offence = index + 1 + (int) Math.floor(364.999 * Math.pow(rng.nextDouble(), 1.6));
            int sentence = sentencing(offence, index + Targets.MATURITY_DAYS);
            person.reconvictions.add(new Person.Reconviction(offence, sentence, reoffence(person)));
            if (rng.chance(0.25)) {
                int second = sentence + rng.between(30, 700);
                if (second < today - 200) {
                    person.reconvictions.add(new Person.Reconviction(second, sentencing(second, today), reoffence(person)));
                }
            }
        } else if (rng.chance(0.16)) {
            double u = rng.nextDouble();
            if (u < 0.4) {
                // before the index date (e.g. between referral and release): not a proven reoffence
                int offence = rng.between(Math.max(person.referralDate - 120, index - 300), index);
                int sentence = Math.max(sentencing(offence, offence + 182), person.referralDate);
                sentence = Math.max(sentence, offence);
                person.reconvictions.add(new Person.Reconviction(offence, sentence, reoffence(person)));
            } else if (u < 0.8) {
                // after the one-year window
                int offence = index + Targets.FOLLOW_UP_DAYS + rng.between(1, 700);
                if (offence < today - 190) {
                    person.reconvictions.add(new Person.Reconviction(offence, sentencing(offence, today), reoffence(person)));
                }
            } else {
                // within the year, but sentenced after the 182-day wait: not counted
                int offence = index + rng.between(200, Targets.FOLLOW_UP_DAYS);
                int sentence = Days.weekdayOnOrAfter(index + Targets.MATURITY_DAYS + rng.between(1, 170));
                person.reconvictions.add(new Person.Reconviction(offence, Math.min(sentence, today), reoffence(person)));
            }
        }
    }

    /** A sentence date after {@code offence}, on a weekday, not after {@code latest}. */
    private int sentencing(int offence, int latest) {
        int delay = (int) Math.min(182, Math.round(rng.logNormal(55, 0.7)));
        int s = Days.weekdayOnOrAfter(offence + delay);
        if (s > latest) {
            s = Days.weekdayOnOrBefore(latest);
        }
        return Math.max(s, offence);
    }

    private org.ete.contracts.OffenceCategory reoffence(Person person) {
        return rng.chance(0.45) ? person.offence : Demography.offence(rng);
    }

    private void closure(Person person) {
        int closed = Math.max(person.takenUpOn + rng.between(90, 200), person.indexDate + rng.between(14, 90));
        if (!person.jobs.isEmpty()) {
            closed = Math.max(closed, person.jobs.get(0).startedOn + rng.between(0, 91));
        }
        person.closedOn = Math.min(config.today(), Days.weekdayOnOrAfter(closed));
        person.closeReason = Vocabulary.closeReason(rng, person.foundWork);
    }

    private void notTakenUp(Person person) {
        person.referralDate = Days.weekdayOnOrAfter(rng.between(Targets.FIGURES_FROM, Targets.WINDOW_TO));
        describe(person);
        person.closedOn = Days.weekdayOnOrAfter(person.referralDate + rng.between(14, 90));
        person.closeReason = Vocabulary.notTakenUpReason(rng);
        if (rng.chance(0.1)) {
            int offence = person.referralDate + rng.between(1, 700);
            person.reconvictions.add(new Person.Reconviction(offence, sentencing(offence, config.today()),
                    reoffence(person)));
        }
    }

    /**
     * Courses: 0-3 per participant; exactly the seed's number of achieved completions dated April 2016 - March
     * 2021, with the seed's qualification mix, one per person (so courses completed, qualifications achieved and
     * people who completed one are the same number), chosen among the courses started in that period. The other
     * courses of the period are withdrawn.
     */
    private void courses(int[] participants) {
        Map<Integer, List<Person.Course>> byPerson = new java.util.LinkedHashMap<>();
        double[] countCum = Rng.cumulative(0.62, 0.27, 0.08, 0.03);
        for (int i : participants) {
            Person person = people[i];
            int count = rng.pick(countCum);
            int day = person.takenUpOn + rng.between(0, 150);
            for (int c = 0; c < count && day < config.today() - 400; c++) {
                Person.Course course = newCourse(person, Days.weekdayOnOrAfter(day));
                if (inFigures(course.startedOn)) {
                    byPerson.computeIfAbsent(i, k -> new ArrayList<>()).add(course);
                }
                day = course.endedOn + rng.between(7, 120);
            }
        }
        int target = Targets.scale(Targets.COURSES_COMPLETED, f);
        int guard = 0;
        while (byPerson.size() < target && guard++ < 20 * (target + 1)) {
            int i = participants[rng.nextInt(participants.length)];
            Person person = people[i];
            int day = Days.weekdayOnOrAfter(Math.max(person.takenUpOn, Targets.FIGURES_FROM) + rng.between(0, 200));
            if (day <= Targets.FIGURES_TO && !byPerson.containsKey(i)) {
                byPerson.computeIfAbsent(i, k -> new ArrayList<>()).add(newCourse(person, day));
            }
        }
        // Choose the people, one achieved completion each, then give them the seed's qualifications in random order.
        List<List<Person.Course>> lists = new ArrayList<>(byPerson.values());
        int[] idx = range(0, lists.size());
        rng.shuffle(idx);
        Qualification[] quals = quota(Targets.FIG1, target);
        for (int k = 0; k < idx.length; k++) {
            List<Person.Course> courses = lists.get(idx[k]);
            int achieved = k < Math.min(target, quals.length) ? rng.nextInt(courses.size()) : -1;
            for (int c = 0; c < courses.size(); c++) {
                Person.Course course = courses.get(c);
                if (c == achieved) {
                    course.qualification = quals[k];
                    course.provider = Vocabulary.provider(rng, course.qualification);
                    int end = Math.min(course.startedOn + Vocabulary.courseDays(rng, course.qualification),
                            Targets.FIGURES_TO);
                    course.endedOn = Math.max(course.startedOn, end);
                    course.completed = true;
                    course.achieved = true;
                    course.withdrawReason = null;
                } else if (course.endedOn <= Targets.FIGURES_TO) {
                    course.achieved = false;
                    course.completed = false;
                    course.endedOn = rng.between(course.startedOn, course.endedOn);
                    course.withdrawReason = Vocabulary.withdrawReason(rng);
                }
            }
        }
    }

    private Person.Course newCourse(Person person, int start) {
        Person.Course course = new Person.Course(person.courses.size() + 1);
        course.qualification = drawQualification();
        course.provider = Vocabulary.provider(rng, course.qualification);
        course.startedOn = start;
        course.endedOn = start + Vocabulary.courseDays(rng, course.qualification);
        double u = rng.nextDouble();
        if (u < 0.62) {
            course.completed = true;
            course.achieved = true;
        } else if (u < 0.74) {
            course.completed = true;
            course.achieved = false;
        } else {
            course.completed = false;
            course.endedOn = rng.between(start, course.endedOn);
            course.withdrawReason = Vocabulary.withdrawReason(rng);
        }
        course.endedOn = Math.min(course.endedOn, config.today());
        person.courses.add(course);
        return course;
    }

    private Qualification drawQualification() {
        Qualification[] q = Targets.FIG1.keySet().toArray(new Qualification[0]);
        double[] w = new double[q.length];
        for (int i = 0; i < q.length; i++) {
            w[i] = Targets.FIG1.get(q[i]);
        }
        return q[rng.pick(Rng.cumulative(w))];
    }

    /** Sectors: the seed's Figure 2 mix exactly for jobs started in 2016-21, drawn from it for the rest. */
    private void sectors(int[] participants, int target) {
        List<Person.Job> inPeriod = new ArrayList<>();
        List<Person.Job> others = new ArrayList<>();
        for (int i : participants) {
            for (Person.Job j : people[i].jobs) {
                (inFigures(j.startedOn) ? inPeriod : others).add(j);
            }
        }
        Sector[] labels = quota(Targets.FIG2, target);
        int[] idx = range(0, inPeriod.size());
        rng.shuffle(idx);
        Sector[] all = Targets.FIG2.keySet().toArray(new Sector[0]);
        double[] w = new double[all.length];
        for (int i = 0; i < all.length; i++) {
            w[i] = Targets.FIG2.get(all[i]);
        }
        double[] cum = Rng.cumulative(w);
        for (int k = 0; k < idx.length; k++) {
            Person.Job job = inPeriod.get(idx[k]);
            job.sector = k < labels.length ? labels[k] : all[rng.pick(cum)];
            job.employer = Vocabulary.employer(rng, job.sector);
        }
        for (Person.Job job : others) {
            job.sector = all[rng.pick(cum)];
            job.employer = Vocabulary.employer(rng, job.sector);
        }
    }

    /** {@code total} labels in the proportions of {@code counts} (largest remainder), in declaration order. */
    @SuppressWarnings("unchecked")
    private static <T> T[] quota(Map<T, Integer> counts, int total) {
        List<T> keys = new ArrayList<>(counts.keySet());
        double[] w = new double[keys.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = counts.get(keys.get(i));
        }
        int[] share = Targets.apportion(total, w);
        Object[] out = new Object[Math.max(0, total)];
        int k = 0;
        for (int i = 0; i < share.length; i++) {
            for (int c = 0; c < share[i]; c++) {
                out[k++] = keys.get(i);
            }
        }
        T[] typed = (T[]) java.lang.reflect.Array.newInstance(keys.get(0).getClass(), out.length);
        for (int i = 0; i < out.length; i++) {
            typed[i] = (T) out[i];
        }
        return typed;
    }

    // ------------------------------------------------------------------------------------------------------------

    private static int[] range(int from, int to) {
        int[] r = new int[Math.max(0, to - from)];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] r = new int[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private int[] without(int[] all, int[] some) {
        boolean[] drop = new boolean[people.length];
        for (int i : some) {
            drop[i] = true;
        }
        int[] r = new int[all.length - countIn(all, drop)];
        int k = 0;
        for (int i : all) {
            if (!drop[i]) {
                r[k++] = i;
            }
        }
        return r;
    }

    private static int countIn(int[] all, boolean[] mark) {
        int c = 0;
        for (int i : all) {
            if (mark[i]) {
                c++;
            }
        }
        return c;
    }
}
