package org.ete.analysis.academy;

import org.ete.analysis.projection.AcademyRecord;
import org.ete.analysis.stats.WorkingDays;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The Academy progression figures before disclosure control, computed from the Academy records of every Academy
 * person. This scans the people: the Academy has hundreds of people (the 2023 evaluation: 150 mentors, 56
 * employees with lived experience), not the tens of thousands of service users, and {@link AcademyRoster} keeps just
 * them, so a scan per query is cheap and keeps the definitions plain. Pure: no I/O, unit-tested directly.
 *
 * <p>Flow figures count events dated in the window [from, to] cut at asOf (what was known as of then); stock figures
 * (in training, employees by level) are as of asOf. Groups of lived experience are {@link #YES}, {@link #NO},
 * {@link #NOT_KNOWN}, plus {@link #TOTAL} (people counted once however many groups they fall in).
 */
public final class AcademyFigures {
    public static final String YES = "yes";
    public static final String NO = "no";
    public static final String NOT_KNOWN = "not-known";
    public static final String TOTAL = "total";
    /** The order rows are published in. */
    public static final List<String> GROUPS = List.of(YES, NO, NOT_KNOWN);
    public static final List<String> LEVELS = List.of("entry", "intermediate", "managerial");
    public static final String IN_TRAINING = "in-training";
    public static final String GRADUATED = "graduated";
    public static final String WITHDREW = "withdrew";
    /** Days in an employee-year (the mean calendar year). */
    public static final double DAYS_PER_YEAR = 365.25;
    static final int RETENTION_MONTHS = 12;

    /** Applications submitted in the window, those that led to a hire by asOf, and the distinct applicants. */
    public record Recruitment(long applicants, long applications, long hires) {
    }

    /** Working days from appointment to start, one per hire appointed in the window; {@code people} distinct. */
    public record TimeToStart(long people, List<Long> workingDays) {
    }

    /** Employees who started in the window at least 12 months before asOf, and those who left within 12 months. */
    public record Retention(long people, long leftWithin12Months) {
    }

    /** Promotions dated in the window and the distinct people promoted. */
    public record Promotions(long people, long promotions) {
    }

    /** Employees employed in the period, their sickness days and employed calendar days within it. */
    public record Sickness(long people, long sicknessDays, long employedDays) {
        public double employeeYears() {
            return employedDays / DAYS_PER_YEAR;
        }
    }

    /**
     * @param mentors        people per mentor status: in-training (as of asOf), graduated, withdrew (in the window)
     * @param recruitment    per lived-experience group of the application, and total
     * @param timeToStart    per lived-experience group of the hire, and total
     * @param retention      per lived-experience group of the person, and total
     * @param promotions     per lived-experience group of the person, and total
     * @param sickness       per lived-experience group of the person, and total
     * @param livedExperienceByLevel employees with lived experience on asOf, per level as of asOf (no total key)
     */
    public record Result(Map<String, Long> mentors, Map<String, Recruitment> recruitment,
                         Map<String, TimeToStart> timeToStart, Map<String, Retention> retention,
                         Map<String, Promotions> promotions, Map<String, Sickness> sickness,
                         Map<String, Long> livedExperienceByLevel) {
    }

    private AcademyFigures() {
    }

    /**
     * @param people the Academy records (one per person)
     * @param from   first date of the window, inclusive, or null (unbounded)
     * @param to     last date of the window, inclusive, or null (up to asOf)
     * @param asOf   the date the figures are as of
     */
    public static Result compute(Collection<AcademyRecord> people, LocalDate from, LocalDate to, LocalDate asOf) {
        Objects.requireNonNull(asOf, "asOf");
        Window w = new Window(from, to == null || to.isAfter(asOf) ? asOf : to);
        Map<String, Long> mentors = new HashMap<>(Map.of(IN_TRAINING, 0L, GRADUATED, 0L, WITHDREW, 0L));
        Map<String, long[]> recruitment = new HashMap<>();
        Map<String, Long> timeToStartPeople = new HashMap<>();
        Map<String, List<Long>> workingDays = new HashMap<>();
        Map<String, long[]> retention = new HashMap<>();
        Map<String, long[]> promotions = new HashMap<>();
        Map<String, long[]> sickness = new HashMap<>();
        Map<String, Long> levels = new HashMap<>();

        for (AcademyRecord a : people) {
            if (a == null) {
                continue;
            }
            // Mentors.
            if (onOrBefore(a.mentorTrainingStartedOn(), asOf) && !onOrBefore(a.graduatedOn(), asOf)
                    && !onOrBefore(a.mentorWithdrewOn(), asOf)) {
                mentors.merge(IN_TRAINING, 1L, Long::sum);
            }
            if (w.contains(a.graduatedOn())) {
                mentors.merge(GRADUATED, 1L, Long::sum);
            }
            if (w.contains(a.mentorWithdrewOn())) {
                mentors.merge(WITHDREW, 1L, Long::sum);
            }

            // Recruitment: each application in the window, in the group it declared.
            Set<String> applied = new LinkedHashSet<>();
            for (AcademyRecord.Application app : a.applications()) {
                if (!w.contains(app.submittedOn())) {
                    continue;
                }
                String g = app.livedExperience() ? YES : NO;
                boolean hired = a.hires().stream().anyMatch(h -> app.applicationId().equals(h.applicationId())
                        && onOrBefore(h.appointedOn(), asOf));
                for (String key : List.of(g, TOTAL)) {
                    long[] r = recruitment.computeIfAbsent(key, k -> new long[3]);
                    r[1]++;
                    r[2] += hired ? 1 : 0;
                }
                applied.add(g);
            }
            countPeople(recruitment, applied, 0);

            // Time to start: each hire appointed in the window that started by asOf.
            Set<String> started = new LinkedHashSet<>();
            for (AcademyRecord.Hire h : a.hires()) {
                if (!w.contains(h.appointedOn()) || h.startedOn() == null || h.startedOn().isAfter(asOf)
                        || h.startedOn().isBefore(h.appointedOn())) {
                    continue;
                }
                String g = hireGroup(a, h);
                long days = WorkingDays.between(h.appointedOn(), h.startedOn());
                workingDays.computeIfAbsent(g, k -> new ArrayList<>()).add(days);
                workingDays.computeIfAbsent(TOTAL, k -> new ArrayList<>()).add(days);
                started.add(g);
            }
            for (String g : started) {
                timeToStartPeople.merge(g, 1L, Long::sum);
            }
            if (!started.isEmpty()) {
                timeToStartPeople.merge(TOTAL, 1L, Long::sum);
            }

            String group = personGroup(a);
            LocalDate start = employmentStart(a);

            // Retention: started in the window, 12 months or more before asOf.
            if (start != null && w.contains(start) && !start.plusMonths(RETENTION_MONTHS).isAfter(asOf)) {
                boolean left = a.leftOn() != null && a.leftOn().isBefore(start.plusMonths(RETENTION_MONTHS));
                for (String key : List.of(group, TOTAL)) {
                    long[] r = retention.computeIfAbsent(key, k -> new long[2]);
                    r[0]++;
                    r[1] += left ? 1 : 0;
                }
            }

            // Promotions dated in the window.
            long promoted = a.promotions().stream().filter(p -> w.contains(p.promotedOn())).count();
            if (promoted > 0) {
                for (String key : List.of(group, TOTAL)) {
                    long[] p = promotions.computeIfAbsent(key, k -> new long[2]);
                    p[0]++;
                    p[1] += promoted;
                }
            }

            // Sickness: employed days within the period and sickness spells starting in them.
            if (start != null && !start.isAfter(w.to())) {
                LocalDate lo = w.from() == null || start.isAfter(w.from()) ? start : w.from();
                LocalDate hi = a.leftOn() == null || a.leftOn().isAfter(w.to()) ? w.to() : a.leftOn();
                if (!hi.isBefore(lo)) {
                    long employed = hi.toEpochDay() - lo.toEpochDay() + 1;
                    long sick = a.sickness().stream()
                            .filter(s -> !s.firstDay().isBefore(lo) && !s.firstDay().isAfter(hi))
                            .mapToLong(AcademyRecord.Sickness::days).sum();
                    for (String key : List.of(group, TOTAL)) {
                        long[] s = sickness.computeIfAbsent(key, k -> new long[3]);
                        s[0]++;
                        s[1] += sick;
                        s[2] += employed;
                    }
                }
            }

            // Employees with lived experience on asOf, by their level then.
            if (YES.equals(group) && start != null && !start.isAfter(asOf)
                    && (a.leftOn() == null || !a.leftOn().isBefore(asOf))) {
                levels.merge(levelOn(a, asOf), 1L, Long::sum);
            }
        }

        Map<String, Recruitment> recruitmentOut = new HashMap<>();
        recruitment.forEach((k, r) -> recruitmentOut.put(k, new Recruitment(r[0], r[1], r[2])));
        Map<String, TimeToStart> timeToStartOut = new HashMap<>();
        workingDays.forEach((k, days) -> timeToStartOut.put(k, new TimeToStart(timeToStartPeople.get(k),
                List.copyOf(days))));
        Map<String, Retention> retentionOut = new HashMap<>();
        retention.forEach((k, r) -> retentionOut.put(k, new Retention(r[0], r[1])));
        Map<String, Promotions> promotionsOut = new HashMap<>();
        promotions.forEach((k, p) -> promotionsOut.put(k, new Promotions(p[0], p[1])));
        Map<String, Sickness> sicknessOut = new HashMap<>();
        sickness.forEach((k, s) -> sicknessOut.put(k, new Sickness(s[0], s[1], s[2])));
        return new Result(Map.copyOf(mentors), recruitmentOut, timeToStartOut, retentionOut, promotionsOut,
                sicknessOut, levels);
    }

    /** Counts a person once in each group they fall in and once in the total ({@code index} of the people slot). */
    private static void countPeople(Map<String, long[]> sums, Set<String> groups, int index) {
        for (String g : groups) {
            sums.get(g)[index]++;
        }
        if (!groups.isEmpty()) {
            sums.get(TOTAL)[index]++;
        }
    }

    /**
     * The person's lived experience: as declared on the application of their first hire; failing that (the
     * application unseen, or not hired), yes if any of their applications declared it, no if they all declined it;
     * not-known without any application.
     */
    static String personGroup(AcademyRecord a) {
        if (!a.hires().isEmpty() && a.hires().get(0).livedExperience() != null) {
            return a.hires().get(0).livedExperience() ? YES : NO;
        }
        if (a.applications().isEmpty()) {
            return NOT_KNOWN;
        }
        return a.livedExperience() ? YES : NO;
    }

    /** A hire's lived experience: as declared on its application, else the person's. */
    static String hireGroup(AcademyRecord a, AcademyRecord.Hire h) {
        if (h.livedExperience() != null) {
            return h.livedExperience() ? YES : NO;
        }
        return personGroup(a);
    }

    /** The start of the person's employment: their first hire's (by appointment) start date, or null. */
    static LocalDate employmentStart(AcademyRecord a) {
        return a.hires().isEmpty() ? null : a.hires().get(0).startedOn();
    }

    /** The level on a date: the latest promotion dated on or before it, else the first hire's level. */
    static String levelOn(AcademyRecord a, LocalDate on) {
        AcademyRecord.Promotion latest = null;
        for (AcademyRecord.Promotion p : a.promotions()) {
            if (!p.promotedOn().isAfter(on) && (latest == null || !p.promotedOn().isBefore(latest.promotedOn()))) {
                latest = p;
            }
        }
        return latest != null ? latest.level() : a.hires().get(0).level();
    }

    private static boolean onOrBefore(LocalDate date, LocalDate limit) {
        return date != null && !date.isAfter(limit);
    }

    /** [from, to] with from possibly open; to is already cut at asOf. */
    private record Window(LocalDate from, LocalDate to) {
        boolean contains(LocalDate d) {
            return d != null && (from == null || !d.isBefore(from)) && !d.isAfter(to);
        }
    }
}
