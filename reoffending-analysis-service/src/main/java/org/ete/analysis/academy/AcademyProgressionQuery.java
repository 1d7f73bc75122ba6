package org.ete.analysis.academy;

import jakarta.enterprise.context.ApplicationScoped;
import org.ete.analysis.disclosure.DisclosureConfig;
import org.ete.analysis.disclosure.DisclosureControl;
import org.ete.analysis.stats.Median;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Academy progression: mentors, recruitment and employment of people with and without lived experience, as the
 * 2023 evaluation reports them, disclosure-controlled. Scans the Academy people only ({@link AcademyRoster}: hundreds),
 * see {@link AcademyFigures}.
 */
@ApplicationScoped
public class AcademyProgressionQuery {
    public static final Map<String, String> DEFINITIONS = definitions();

    private final AcademyRoster roster;
    private final int threshold;

    AcademyProgressionQuery(AcademyRoster roster, DisclosureConfig disclosure) {
        this.roster = roster;
        this.threshold = disclosure.threshold();
    }

    public AcademyProgression progression(LocalDate from, LocalDate to, LocalDate asOf) {
        return report(AcademyFigures.compute(roster.snapshot(), from, to, asOf), from, to, asOf, threshold);
    }

    /** Applies disclosure control to the figures and shapes the answer; pure. */
    static AcademyProgression report(AcademyFigures.Result f, LocalDate from, LocalDate to, LocalDate asOf,
                                     int threshold) {
        return new AcademyProgression(from, to, asOf, threshold, mentors(f.mentors(), threshold),
                recruitment(f.recruitment(), threshold), timeToStart(f.timeToStart(), threshold),
                retention(f.retention(), threshold), promotions(f.promotions(), threshold),
                sickness(f.sickness(), threshold), levels(f.livedExperienceByLevel(), threshold), DEFINITIONS);
    }

    static AcademyProgression.Mentors mentors(Map<String, Long> mentors, int threshold) {
        List<String> order = List.of(AcademyFigures.IN_TRAINING, AcademyFigures.GRADUATED, AcademyFigures.WITHDREW);
        List<DisclosureControl.Row> sizes = order.stream()
                .map(s -> new DisclosureControl.Row(s, mentors.getOrDefault(s, 0L))).toList();
        // No total row is published (a stock and two flows do not add up), so there is nothing to subtract from:
        // a suppressed total (size 0) tells DisclosureControl that no secondary suppression is needed.
        DisclosureControl.Result d = DisclosureControl.apply(sizes, 0, threshold);
        List<AcademyProgression.MentorRow> rows = new ArrayList<>();
        for (String s : order) {
            boolean hidden = d.group(s).suppressed();
            rows.add(new AcademyProgression.MentorRow(s, hidden ? null : mentors.getOrDefault(s, 0L), hidden));
        }
        return new AcademyProgression.Mentors(rows);
    }

    static AcademyProgression.Recruitment recruitment(Map<String, AcademyFigures.Recruitment> r, int threshold) {
        Table<AcademyProgression.RecruitmentRow> t = table(r, AcademyFigures.GROUPS,
                AcademyFigures.Recruitment::applicants, threshold, (g, x) -> new AcademyProgression.RecruitmentRow(g,
                        x.applicants(), x.applications(), x.hires(), rate(x.hires(), x.applications()), false),
                g -> new AcademyProgression.RecruitmentRow(g, null, null, null, null, true));
        return new AcademyProgression.Recruitment(t.rows(), t.total());
    }

    static AcademyProgression.TimeToStart timeToStart(Map<String, AcademyFigures.TimeToStart> r, int threshold) {
        Table<AcademyProgression.TimeToStartRow> t = table(r, AcademyFigures.GROUPS, AcademyFigures.TimeToStart::people,
                threshold, (g, x) -> new AcademyProgression.TimeToStartRow(g, x.people(),
                        (long) x.workingDays().size(), Median.of(x.workingDays()), false),
                g -> new AcademyProgression.TimeToStartRow(g, null, null, null, true));
        return new AcademyProgression.TimeToStart(t.rows(), t.total());
    }

    static AcademyProgression.Retention retention(Map<String, AcademyFigures.Retention> r, int threshold) {
        Table<AcademyProgression.RetentionRow> t = table(r, AcademyFigures.GROUPS, AcademyFigures.Retention::people,
                threshold, (g, x) -> new AcademyProgression.RetentionRow(g, x.people(), x.leftWithin12Months(),
                        rate(x.leftWithin12Months(), x.people()), false),
                g -> new AcademyProgression.RetentionRow(g, null, null, null, true));
        return new AcademyProgression.Retention(t.rows(), t.total());
    }

    static AcademyProgression.Promotions promotions(Map<String, AcademyFigures.Promotions> r, int threshold) {
        Table<AcademyProgression.PromotionRow> t = table(r, AcademyFigures.GROUPS, AcademyFigures.Promotions::people,
                threshold, (g, x) -> new AcademyProgression.PromotionRow(g, x.people(), x.promotions(), false),
                g -> new AcademyProgression.PromotionRow(g, null, null, true));
        return new AcademyProgression.Promotions(t.rows(), t.total());
    }

    static AcademyProgression.Sickness sickness(Map<String, AcademyFigures.Sickness> r, int threshold) {
        Table<AcademyProgression.SicknessRow> t = table(r, AcademyFigures.GROUPS, AcademyFigures.Sickness::people,
                threshold, (g, x) -> new AcademyProgression.SicknessRow(g, x.people(), x.sicknessDays(),
                        x.employeeYears(), x.employedDays() == 0 ? null : x.sicknessDays() / x.employeeYears(), false),
                g -> new AcademyProgression.SicknessRow(g, null, null, null, null, true));
        return new AcademyProgression.Sickness(t.rows(), t.total());
    }

    static AcademyProgression.EmployeesWithLivedExperience levels(Map<String, Long> byLevel, int threshold) {
        Map<String, Long> withTotal = new LinkedHashMap<>(byLevel);
        withTotal.put(AcademyFigures.TOTAL, byLevel.values().stream().mapToLong(Long::longValue).sum());
        List<String> order = new ArrayList<>(AcademyFigures.LEVELS);
        byLevel.keySet().stream().filter(l -> !order.contains(l)).sorted().forEach(order::add);
        Table<AcademyProgression.LevelRow> t = table(withTotal, order, Long::longValue, threshold,
                (l, n) -> new AcademyProgression.LevelRow(l, n, false),
                l -> new AcademyProgression.LevelRow(l, null, true));
        return new AcademyProgression.EmployeesWithLivedExperience(t.rows(), t.total());
    }

    record Table<R>(List<R> rows, R total) {
    }

    /**
     * One breakdown: rows for the groups present (in {@code order}) plus the {@link AcademyFigures#TOTAL} row,
     * disclosure-controlled on {@code size} (primary below the threshold, secondary as {@link DisclosureControl}).
     * Groups with nobody are left out, as in the other views.
     */
    static <S, R> Table<R> table(Map<String, S> figures, List<String> order, ToLongFunction<S> size, int threshold,
                                 BiFunction<String, S, R> shown, Function<String, R> hidden) {
        List<String> present = order.stream().filter(figures::containsKey).toList();
        List<DisclosureControl.Row> sizes = present.stream()
                .map(g -> new DisclosureControl.Row(g, size.applyAsLong(figures.get(g)))).toList();
        S total = figures.get(AcademyFigures.TOTAL);
        DisclosureControl.Result d = DisclosureControl.apply(sizes, total == null ? 0 : size.applyAsLong(total),
                threshold);
        List<R> rows = new ArrayList<>();
        for (String g : present) {
            rows.add(d.group(g).suppressed() ? hidden.apply(g) : shown.apply(g, figures.get(g)));
        }
        R totalRow = d.totalSuppressed() || total == null ? hidden.apply(AcademyFigures.TOTAL)
                : shown.apply(AcademyFigures.TOTAL, total);
        return new Table<>(rows, totalRow);
    }

    private static Double rate(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }

    private static Map<String, String> definitions() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("window", "from/to, both inclusive, either may be left out; flows count events dated in the window "
                + "and on or before asOf (to is cut at asOf); stocks are as of asOf and ignore the window. asOf "
                + "defaults to today");
        d.put("livedExperience", "yes / no as declared on the application (for a hire, the application it came "
                + "from); for a person, the application of their first hire, else any application declaring it; "
                + "not-known for a person with no application seen");
        d.put("mentors.in-training", "stock as of asOf: mentor training started on or before asOf and neither "
                + "graduated nor withdrawn on or before asOf");
        d.put("mentors.graduated", "people whose graduation is dated in the window");
        d.put("mentors.withdrew", "people whose withdrawal from training is dated in the window");
        d.put("recruitment", "window on the application's submission date: applications submitted in the window, "
                + "by the lived experience they declare; hires = those applications with a hire appointed on or "
                + "before asOf; hireRate = hires / applications (hires per application); people = distinct applicants");
        d.put("timeToStart", "window on the appointment date: hires appointed in the window that started on or "
                + "before asOf; medianWorkingDaysToStart = median over those hires of the Mon-Fri days d with "
                + "appointedOn < d <= startedOn (bank holidays not excluded); people = distinct people hired");
        d.put("retention", "window on the employment start date (the first hire's startedOn): employees who started "
                + "in the window and at least 12 months before asOf; leftWithin12Months = those whose last working "
                + "day (leftOn) is before the first anniversary of their start; leftWithin12MonthsRate = "
                + "leftWithin12Months / people");
        d.put("promotions", "window on the promotion date: promotions dated in the window; people = distinct people "
                + "promoted");
        d.put("sickness", "the period is the window cut at asOf (from the employee's start if from is left out); "
                + "people = employees employed on any day of it (from their first hire's start to their last working "
                + "day, or still employed); employeeYears = sum of their employed calendar days within the period / "
                + AcademyFigures.DAYS_PER_YEAR + "; sicknessDays = sum of the days of sickness spells whose first day "
                + "falls within the person's employed days in the period (the whole spell counts); "
                + "sicknessDaysPerEmployeeYear = sicknessDays / employeeYears");
        d.put("employeesWithLivedExperience", "stock as of asOf: people with lived experience whose employment "
                + "started on or before asOf and who had not left before asOf, by their level on asOf (the latest "
                + "promotion on or before asOf, else the level they were hired at)");
        d.put("people", "the number of people a row describes: the size disclosure control applies to");
        d.put("suppressed", "disclosure control: a row of fewer people than suppressionThreshold shows no figures; "
                + "if exactly one group of a table is suppressed and its total is shown, the next smallest group is "
                + "suppressed too (the total, if there is no other group). Mentor rows have no total, so only the "
                + "first rule applies to them");
        return d;
    }
}
