package org.ete.analysis.academy;

import org.ete.analysis.projection.AcademyRecord;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

class AcademyFiguresTest {
    static LocalDate d(String iso) {
        return LocalDate.parse(iso);
    }

    static AcademyRecord mentor(String started, String graduated, String withdrew) {
        return new AcademyRecord(started == null ? null : d(started), graduated == null ? null : d(graduated),
                withdrew == null ? null : d(withdrew), List.of(), List.of(), List.of(), null, List.of());
    }

    static AcademyRecord.Application application(String id, boolean lived, String submitted) {
        return new AcademyRecord.Application(id, "Peer Support Worker", "entry", lived, "academy", d(submitted));
    }

    static AcademyRecord.Hire hire(String id, Boolean lived, String appointed, String started) {
        return new AcademyRecord.Hire(id, "Peer Support Worker", "entry", d(appointed), d(started), lived);
    }

    static AcademyRecord employee(boolean lived, String appointed, String started, String left,
                            List<AcademyRecord.Promotion> promotions, List<AcademyRecord.Sickness> sickness) {
        return new AcademyRecord(null, null, null, List.of(application("A", lived, appointed)),
                List.of(hire("A", lived, appointed, started)), promotions, left == null ? null : d(left), sickness);
    }

    @Test
    void mentorsInTrainingAsOfAndGraduatedOrWithdrawnInTheWindow() {
        List<AcademyRecord> people = List.of(
                mentor("2014-01-06", null, null),                 // in training
                mentor("2014-01-06", "2014-04-04", null),         // graduated in the window
                mentor("2014-01-06", "2014-07-04", null),         // graduates after asOf: still in training
                mentor("2014-01-06", null, "2014-02-01"),         // withdrew in the window
                mentor("2013-01-07", "2013-04-05", null),         // graduated before the window
                mentor("2014-07-01", null, null));                // starts after asOf
        AcademyFigures.Result r = AcademyFigures.compute(people, d("2014-01-01"), d("2014-12-31"), d("2014-06-30"));
        assertEquals(Map.of("in-training", 2L, "graduated", 1L, "withdrew", 1L), r.mentors());
        // Without a window, flows count everything up to asOf.
        r = AcademyFigures.compute(people, null, null, d("2014-06-30"));
        assertEquals(Map.of("in-training", 2L, "graduated", 2L, "withdrew", 1L), r.mentors());
    }

    @Test
    void recruitmentCountsApplicationsInTheWindowAndTheirHiresByAsOf() {
        AcademyRecord twoApplications = new AcademyRecord(null, null, null,
                List.of(application("A1", true, "2014-02-01"), application("A2", true, "2014-03-01")),
                List.of(hire("A2", true, "2014-04-01", "2014-04-20")), List.of(), null, List.of());
        AcademyRecord hiredLate = new AcademyRecord(null, null, null, List.of(application("B", false, "2014-02-01")),
                List.of(hire("B", false, "2014-08-01", "2014-08-20")), List.of(), null, List.of());
        AcademyRecord notHired = new AcademyRecord(null, null, null, List.of(application("C", false, "2014-05-01")),
                List.of(), List.of(), null, List.of());
        AcademyRecord outside = new AcademyRecord(null, null, null, List.of(application("D", true, "2013-05-01")),
                List.of(hire("D", true, "2013-06-01", "2013-06-20")), List.of(), null, List.of());
        AcademyFigures.Result r = AcademyFigures.compute(List.of(twoApplications, hiredLate, notHired, outside),
                d("2014-01-01"), d("2014-12-31"), d("2014-06-30"));
        assertEquals(new AcademyFigures.Recruitment(1, 2, 1), r.recruitment().get("yes"));
        assertEquals(new AcademyFigures.Recruitment(2, 2, 0), r.recruitment().get("no"), "hired after asOf");
        assertEquals(new AcademyFigures.Recruitment(3, 4, 1), r.recruitment().get("total"));
        assertFalse(r.recruitment().containsKey("not-known"));
    }

    @Test
    void workingDaysFromAppointmentToStartForHiresAppointedInTheWindow() {
        // 2014-01-06 was a Monday.
        List<AcademyRecord> people = List.of(
                employee(true, "2014-01-06", "2014-01-27", null, List.of(), List.of()),   // 15 working days
                employee(true, "2014-01-10", "2014-01-13", null, List.of(), List.of()),   // Fri -> Mon: 1
                employee(true, "2014-01-06", "2014-01-13", null, List.of(), List.of()),   // 5
                employee(false, "2014-01-06", "2014-02-03", null, List.of(), List.of()),  // 20
                employee(false, "2014-06-02", "2014-07-07", null, List.of(), List.of()),  // starts after asOf
                employee(false, "2013-12-02", "2014-01-06", null, List.of(), List.of()));  // appointed before
        AcademyFigures.Result r = AcademyFigures.compute(people, d("2014-01-01"), null, d("2014-06-30"));
        assertEquals(new AcademyFigures.TimeToStart(3, List.of(15L, 1L, 5L)), r.timeToStart().get("yes"));
        assertEquals(new AcademyFigures.TimeToStart(1, List.of(20L)), r.timeToStart().get("no"));
        assertEquals(4, r.timeToStart().get("total").people());
    }

    @Test
    void leaversWithin12MonthsAmongThoseWhoStarted12MonthsBeforeAsOf() {
        List<AcademyRecord> people = List.of(
                employee(true, "2013-01-02", "2013-01-14", "2014-01-13", List.of(), List.of()), // left within
                employee(true, "2013-01-02", "2013-01-14", "2014-01-14", List.of(), List.of()), // on the anniversary
                employee(true, "2013-03-01", "2013-03-11", null, List.of(), List.of()),
                employee(false, "2013-05-01", "2013-05-13", "2013-06-01", List.of(), List.of()),
                employee(false, "2013-09-02", "2013-09-16", null, List.of(), List.of()));     // < 12 months
        AcademyFigures.Result r = AcademyFigures.compute(people, d("2013-01-01"), d("2013-12-31"), d("2014-06-30"));
        assertEquals(new AcademyFigures.Retention(3, 1), r.retention().get("yes"));
        assertEquals(new AcademyFigures.Retention(1, 1), r.retention().get("no"));
        assertEquals(new AcademyFigures.Retention(4, 2), r.retention().get("total"));
    }

    @Test
    void sicknessDaysPerEmployedDaysWithinThePeriod() {
        List<AcademyRecord> people = List.of(
                // employed the whole of 2014: 365 days; one spell in, one before the period
                employee(true, "2013-06-01", "2013-06-10", null, List.of(),
                        List.of(new AcademyRecord.Sickness(d("2014-03-03"), 4),
                                new AcademyRecord.Sickness(d("2013-12-30"), 2))),
                // starts 2014-07-01: 184 days to 2014-12-31
                employee(true, "2014-06-01", "2014-07-01", null, List.of(),
                        List.of(new AcademyRecord.Sickness(d("2014-09-01"), 3))),
                // left 2014-01-31: 31 days; a spell after leaving does not count
                employee(false, "2012-01-01", "2012-01-09", "2014-01-31", List.of(),
                        List.of(new AcademyRecord.Sickness(d("2014-01-20"), 5),
                                new AcademyRecord.Sickness(d("2014-02-10"), 7))),
                // left before the period
                employee(false, "2012-01-01", "2012-01-09", "2013-12-31", List.of(),
                        List.of(new AcademyRecord.Sickness(d("2013-12-01"), 9))));
        AcademyFigures.Result r = AcademyFigures.compute(people, d("2014-01-01"), d("2014-12-31"), d("2015-06-30"));
        assertEquals(new AcademyFigures.Sickness(2, 7, 365 + 184), r.sickness().get("yes"));
        assertEquals(new AcademyFigures.Sickness(1, 5, 31), r.sickness().get("no"));
        assertEquals(new AcademyFigures.Sickness(3, 12, 365 + 184 + 31), r.sickness().get("total"));
        assertEquals((365 + 184) / 365.25, r.sickness().get("yes").employeeYears(), 1e-12);
        // asOf cuts the period.
        r = AcademyFigures.compute(people, d("2014-01-01"), d("2014-12-31"), d("2014-01-10"));
        assertEquals(new AcademyFigures.Sickness(1, 0, 10), r.sickness().get("yes"));
    }

    @Test
    void employeesWithLivedExperienceByLevelOnAsOfAndPromotionsInTheWindow() {
        List<AcademyRecord.Promotion> once = List.of(new AcademyRecord.Promotion("intermediate", d("2014-03-01")));
        List<AcademyRecord.Promotion> twice = List.of(new AcademyRecord.Promotion("intermediate", d("2013-03-01")),
                new AcademyRecord.Promotion("managerial", d("2014-04-01")));
        List<AcademyRecord.Promotion> later = List.of(new AcademyRecord.Promotion("intermediate", d("2014-09-01")));
        List<AcademyRecord> people = List.of(
                employee(true, "2012-01-02", "2012-01-16", null, List.of(), List.of()),
                employee(true, "2012-01-02", "2012-01-16", null, once, List.of()),
                employee(true, "2012-01-02", "2012-01-16", null, twice, List.of()),
                employee(true, "2012-01-02", "2012-01-16", null, later, List.of()),        // entry on asOf
                employee(true, "2012-01-02", "2012-01-16", "2014-06-30", List.of(), List.of()), // left on asOf: in
                employee(true, "2012-01-02", "2012-01-16", "2014-06-29", List.of(), List.of()), // left before
                employee(true, "2014-06-02", "2014-07-01", null, List.of(), List.of()),    // not started yet
                employee(false, "2012-01-02", "2012-01-16", null, once, List.of()));        // no lived experience
        AcademyFigures.Result r = AcademyFigures.compute(people, d("2014-01-01"), d("2014-12-31"), d("2014-06-30"));
        assertEquals(Map.of("entry", 3L, "intermediate", 1L, "managerial", 1L), r.livedExperienceByLevel());
        assertEquals(new AcademyFigures.Promotions(2, 2), r.promotions().get("yes"), "the 2013 and later ones are out");
        assertEquals(new AcademyFigures.Promotions(1, 1), r.promotions().get("no"));
        assertEquals(new AcademyFigures.Promotions(3, 3), r.promotions().get("total"));
    }

    @Test
    void livedExperienceFallsBackToTheApplicationsThenNotKnown() {
        AcademyRecord unseenApplication = new AcademyRecord(null, null, null,
                List.of(application("X", true, "2014-01-01")),
                List.of(hire("H", null, "2014-01-06", "2014-01-13")), List.of(), null, List.of());
        AcademyRecord noApplication = new AcademyRecord(null, null, null, List.of(),
                List.of(hire("H", null, "2014-01-06", "2014-01-13")), List.of(), null, List.of());
        assertEquals("yes", AcademyFigures.personGroup(unseenApplication));
        assertEquals("not-known", AcademyFigures.personGroup(noApplication));
        AcademyFigures.Result r = AcademyFigures.compute(List.of(noApplication), null, null, d("2014-06-30"));
        assertEquals(new AcademyFigures.TimeToStart(1, List.of(5L)), r.timeToStart().get("not-known"));
        assertNull(r.recruitment().get("total"));
    }
}
