package org.ete.analysis.reoffending;

import org.ete.analysis.breakdown.Dimension;
import org.ete.analysis.projection.PersonState;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DOMAIN.md's index date by setting and asOf as a snapshot, person by person and through the cube. */
class MeasurementTest {
    static final LocalDate TAKE_UP = LocalDate.parse("2019-03-10");

    static PersonState person(String setting, List<LocalDate> releases, List<PersonState.Reconviction> reconvictions,
                              List<PersonState.Job> jobs) {
        PersonState.Referral referral = new PersonState.Referral(TAKE_UP.minusDays(5), setting, "Area", "Region",
                "Team", "Office", "male", 30, "30-39", "white", "no", "violence", 0.4);
        return new PersonState("p-" + setting + releases.size() + reconvictions.size() + jobs.size(), referral,
                TAKE_UP, releases, reconvictions, jobs, List.of(), null);
    }

    static LocalDate d(String s) {
        return LocalDate.parse(s);
    }

    @Test
    void aCommunityParticipantWhoReoffendsAndIsJailedKeepsTheTakeUpAsIndexDateAndTheReoffenceCounts() {
        PersonState p = person("community", List.of(d("2019-09-01")),
                List.of(new PersonState.Reconviction(d("2019-05-01"), d("2019-06-15"), "theft")), List.of());
        Measurement m = Measurement.of(p, Cohort.ETE, MeasuredFrom.INDEX).orElseThrow();
        assertEquals(TAKE_UP, m.indexDate());
        assertTrue(m.reoffended());
    }

    @Test
    void aCustodyParticipantIsMeasuredFromTheFirstReleaseOnOrAfterTakeUp() {
        PersonState p = person("custody", List.of(d("2019-08-01"), d("2020-02-01")), List.of(), List.of());
        assertEquals(d("2019-08-01"), Measurement.indexDate(p, null).orElseThrow());
        // as of a date before the release the person is still inside: no index date, awaiting release
        assertEquals(Optional.empty(), Measurement.indexDate(p, d("2019-07-31")));
        assertEquals(Optional.of(d("2019-08-01")), Measurement.indexDate(p, d("2019-08-01")));
    }

    @Test
    void aCustodyParticipantReleasedBeforeTakeUpWasAlreadyOut() {
        PersonState p = person("custody", List.of(d("2019-01-01")), List.of(), List.of());
        assertEquals(TAKE_UP, Measurement.indexDate(p, null).orElseThrow());
    }

    @Test
    void aCustodyParticipantWithNoReleaseIsAwaitingRelease() {
        PersonState p = person("custody", List.of(), List.of(), List.of());
        assertEquals(Optional.empty(), Measurement.of(p, Cohort.ETE, MeasuredFrom.INDEX));
        List<Measurement.Episode> episodes = Measurement.episodes(p, Cohort.ETE, MeasuredFrom.INDEX);
        assertEquals(1, episodes.size());
        assertTrue(episodes.get(0).awaitingRelease());
        assertEquals(TAKE_UP, episodes.get(0).validFrom());
    }

    @Test
    void episodesSplitAtTheReleaseAndTheJobStart() {
        PersonState p = person("custody", List.of(d("2019-08-01")), List.of(),
                List.of(new PersonState.Job("j", "retail", d("2019-11-20"), d("2020-02-19"), null)));
        List<Measurement.Episode> ete = Measurement.episodes(p, Cohort.ETE, MeasuredFrom.INDEX);
        assertEquals(2, ete.size());
        assertTrue(ete.get(0).awaitingRelease());
        assertEquals(d("2019-08-01"), ete.get(0).validUntil());
        assertEquals(d("2019-08-01"), ete.get(1).measurement().indexDate());
        assertEquals(null, ete.get(1).validUntil());

        List<Measurement.Episode> found = Measurement.episodes(p, Cohort.FOUND_WORK, MeasuredFrom.JOB_START);
        // awaiting release, then out but not in work (no episode), then in the found-work cohort from the job start
        assertEquals(2, found.size());
        assertTrue(found.get(0).awaitingRelease());
        assertEquals(d("2019-11-20"), found.get(1).validFrom());
        assertEquals(d("2019-11-20"), found.get(1).measurement().start());

        List<Measurement.Episode> sustained = Measurement.episodes(p, Cohort.SUSTAINED_WORK, MeasuredFrom.INDEX);
        assertEquals(d("2020-02-19"), sustained.get(sustained.size() - 1).validFrom());
        assertEquals(d("2019-08-01"), sustained.get(sustained.size() - 1).measurement().start());
    }

    @Test
    void theCubeIsASnapshotAsOfItsDate() {
        PersonState custody = person("custody", List.of(d("2019-08-01")), List.of(),
                List.of(new PersonState.Job("j", "retail", d("2019-11-20"), null, null)));
        ReoffendingCube ete = new ReoffendingCube(Cohort.ETE, MeasuredFrom.INDEX, List.of(Dimension.TEAM));
        ReoffendingCube found = new ReoffendingCube(Cohort.FOUND_WORK, MeasuredFrom.INDEX, List.of(Dimension.TEAM));
        ete.add(custody, +1);
        found.add(custody, +1);
        LocalDate from = d("2019-01-01");
        LocalDate to = d("2019-12-31");

        // As of 2019-07-01: taken up, still inside.
        Map<List<String>, ReoffendingCube.GroupSums> july = ete.query(from, to, d("2019-07-01"));
        assertEquals(0, july.get(List.of("Team")).all().people());
        assertEquals(1, july.get(List.of("Team")).awaitingRelease().people());
        // As of 2019-09-01: released on 2019-08-01, in the cohort, pending.
        ReoffendingCube.GroupSums september = ete.query(from, to, d("2019-09-01")).get(List.of("Team"));
        assertEquals(1, september.all().people());
        assertEquals(0, september.matured().people());
        assertEquals(0, september.awaitingRelease().people());
        // Matured 547 days after the release: 2021-01-30, so from the as-of month 2021-02.
        assertEquals(0, ete.query(from, to, d("2021-01-01")).get(List.of("Team")).matured().people());
        assertEquals(1, ete.query(from, to, d("2021-02-01")).get(List.of("Team")).matured().people());
        // The job started 2019-11-20: not in found-work as of 2019-11-01, in it as of 2019-12-01.
        assertFalse(found.query(from, to, d("2019-11-01")).getOrDefault(List.of("Team"),
                new ReoffendingCube.GroupSums(new ReoffendingCube.Sums(), new ReoffendingCube.Sums(),
                        new ReoffendingCube.Sums())).all().people() > 0);
        assertEquals(1, found.query(from, to, d("2019-12-01")).get(List.of("Team")).all().people());
        // A take-up after asOf is not a participant at all, not a pending one.
        assertTrue(ete.query(from, to, d("2019-03-01")).isEmpty());

        ete.add(custody, -1);
        assertTrue(ete.query(from, to, d("2021-02-01")).isEmpty());
    }

    @Test
    void theSkewSumIsKeptPerCell() {
        PersonState p = person("community", List.of(), List.of(), List.of());
        ReoffendingCube cube = new ReoffendingCube(Cohort.ETE, MeasuredFrom.INDEX, List.of());
        cube.add(p, +1);
        ReoffendingCube.Sums s = cube.query(null, null, d("2021-12-01")).get(List.of()).matured();
        // p = 0.4: p(1-p) = 0.24, p(1-p)(1-2p) = 0.048, p^2 = 0.16
        assertEquals(0.24, s.variance(), 1e-12);
        assertEquals(0.048, s.skew(), 1e-12);
        assertEquals(0.16, s.expectedSquares(), 1e-12);
    }
}
