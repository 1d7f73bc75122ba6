package org.ete.analysis.reoffending;

import org.ete.analysis.projection.PersonState;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.ete.analysis.reoffending.MeasurementTest.d;
import static org.ete.analysis.reoffending.MeasurementTest.person;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each person who took up in the window falls under exactly one reason (take-up 2019-03-10 in every case). */
class CohortReconciliationTest {
    static final LocalDate FROM = d("2019-01-01");
    static final LocalDate TO = d("2019-12-31");

    @Test
    void communityParticipantsAreMaturedOrPending() {
        PersonState p = person("community", List.of(), List.of(), List.of());
        // matures 547 days after 2019-03-10: 2020-09-08
        assertEquals(CohortReconciliation.Reason.PENDING, CohortReconciliation.reason(p, TO, d("2020-09-01")));
        assertEquals(CohortReconciliation.Reason.MATURED, CohortReconciliation.reason(p, TO, d("2020-10-01")));
    }

    @Test
    void custodyParticipantsWaitForTheirReleaseAndMayLeaveTheWindow() {
        PersonState inside = person("custody", List.of(), List.of(), List.of());
        assertEquals(CohortReconciliation.Reason.AWAITING_RELEASE,
                CohortReconciliation.reason(inside, TO, d("2022-01-01")));
        PersonState releasedLate = person("custody", List.of(d("2020-02-01")), List.of(), List.of());
        assertEquals(CohortReconciliation.Reason.AWAITING_RELEASE,
                CohortReconciliation.reason(releasedLate, TO, d("2020-01-01")));
        assertEquals(CohortReconciliation.Reason.INDEX_AFTER_WINDOW,
                CohortReconciliation.reason(releasedLate, TO, d("2020-03-01")));
    }

    @Test
    void peopleWithoutAReferralOrPrediction() {
        PersonState noReferral = new PersonState("x", null, MeasurementTest.TAKE_UP, List.of(), List.of(), List.of(),
                List.of(), null);
        assertEquals(CohortReconciliation.Reason.NO_REFERRAL,
                CohortReconciliation.reason(noReferral, TO, d("2022-01-01")));
        PersonState p = person("community", List.of(), List.of(), List.of());
        PersonState noScore = new PersonState("y", new PersonState.Referral(p.referral().referralDate(), "community",
                "A", "R", "T", "O", "male", 30, "30-39", "white", "no", "violence", null), p.tookUpOn(), List.of(),
                List.of(), List.of(), List.of(), null);
        assertEquals(CohortReconciliation.Reason.NO_PREDICTION,
                CohortReconciliation.reason(noScore, TO, d("2022-01-01")));
    }

    @Test
    void aCustodyParticipantWhoTookUpBeforeTheWindowAndWasReleasedIntoItIsAddedBack() {
        PersonState p = person("custody", List.of(d("2019-05-01")), List.of(), List.of());
        LocalDate from = d("2019-04-01");
        assertTrue(CohortReconciliation.releasedIntoWindow(p, from, TO, d("2021-01-01")));
        assertFalse(CohortReconciliation.releasedIntoWindow(p, from, TO, d("2020-10-01")), "not matured yet");
        assertFalse(CohortReconciliation.releasedIntoWindow(p, FROM, TO, d("2021-01-01")), "took up in the window");
    }
}
