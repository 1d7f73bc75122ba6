package org.ete.analysis.ete;

import org.ete.analysis.projection.PersonState;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** asOf as a snapshot of the ETE outputs (DOMAIN.md "As of a date"): nothing dated after it counts yet. */
class EteOutputsAsOfTest {
    static final LocalDate TAKE_UP = LocalDate.parse("2019-03-10");

    static EteOutputsCube.Counts at(EteOutputsCube cube, String asOf) {
        Map<List<String>, EteOutputsCube.Counts> r = cube.query(LocalDate.parse("2019-01-01"),
                LocalDate.parse("2019-12-31"), asOf == null ? null : LocalDate.parse(asOf));
        return r.getOrDefault(List.of(), new EteOutputsCube.Counts());
    }

    @Test
    void takeUpJobStartAndSustainmentCountFromTheirOwnDates() {
        PersonState p = new PersonState("p", null, TAKE_UP, List.of(), List.of(),
                List.of(new PersonState.Job("j", "retail", LocalDate.parse("2019-04-15"),
                        LocalDate.parse("2019-07-15"), null)), List.of(), null);
        EteOutputsCube cube = new EteOutputsCube(List.of());
        cube.add(p, +1);
        assertEquals(new EteOutputsCube.Counts(0, 0, 0), at(cube, "2019-03-01")); // not taken up yet
        assertEquals(new EteOutputsCube.Counts(1, 0, 0), at(cube, "2019-04-01"));
        assertEquals(new EteOutputsCube.Counts(1, 1, 0), at(cube, "2019-05-01"));
        assertEquals(new EteOutputsCube.Counts(1, 1, 0), at(cube, "2019-07-01"));
        assertEquals(new EteOutputsCube.Counts(1, 1, 1), at(cube, "2019-08-01"));
        assertEquals(new EteOutputsCube.Counts(1, 1, 1), at(cube, null)); // everything recorded
        cube.add(p, -1);
        assertEquals(new EteOutputsCube.Counts(0, 0, 0), at(cube, null));
    }

    @Test
    void asOfIsAWholeMonth() {
        EteOutputsCube cube = new EteOutputsCube(List.of());
        assertThrows(IllegalArgumentException.class, () -> cube.query(null, null, LocalDate.parse("2019-03-02")));
    }
}
