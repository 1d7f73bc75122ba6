package org.ete.analysis.disclosure;

import static org.ete.analysis.disclosure.DisclosureControl.Suppression.NONE;
import static org.ete.analysis.disclosure.DisclosureControl.Suppression.PRIMARY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.ete.analysis.disclosure.DisclosureControl.Cell;
import org.ete.analysis.disclosure.DisclosureControl.Result;
import org.ete.analysis.disclosure.DisclosureControl.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Secondary suppression of two- and three-way breakdowns against the margins the coarser breakdowns publish. */
class DisclosureControlTableTest {

    static Cell cell(long size, String... key) {
        return new Cell(List.of(key), size);
    }

    @Test
    void aSmallTeamByGenderCellIsNotTheTeamsTotalMinusTheCellShown() {
        // team x gender; by=team publishes each team's total and by=gender each gender's total.
        List<Cell> cells = List.of(cell(20, "north", "male"), cell(3, "north", "female"),
                cell(15, "south", "male"), cell(14, "south", "female"),
                cell(30, "west", "male"), cell(25, "west", "female"));
        Result r = DisclosureControl.applyTable(cells, 2, 107, 10);
        assertEquals(PRIMARY, r.group(DisclosureControl.key(List.of("north", "female"))));
        assertTrue(r.group(DisclosureControl.key(List.of("north", "male"))).suppressed(),
                "north's total (23, shown by team) minus north-male would give north-female");
        // The one-way breakdowns alone suppress nothing here (every team and gender is 10 or more).
        assertEquals(NONE, DisclosureControl.apply(List.of(new Row("north", 23), new Row("south", 29),
                new Row("west", 55)), 107).group("north"));
        assertMarginsProtect(cells, 2, 107, r, 10);
        // north-male hidden leaves the male line with one hidden cell: a second male cell, and so on round a
        // rectangle: four cells in all, two per line.
        assertEquals(4, r.groups().stream().filter(DisclosureControl.RowDecision::suppressed).count());
    }

    @Test
    void aMarginTheCoarserBreakdownHidesIsNotRebuiltFromShownCells() {
        // by=team: east (5) is primary, so the next smallest team, south (24), is hidden there. Here south's cells
        // (12 and 12) are each large enough, but showing both would give south's hidden total, and east's by
        // subtraction in by=team.
        List<Cell> cells = List.of(cell(40, "north", "male"), cell(30, "north", "female"),
                cell(3, "east", "male"), cell(2, "east", "female"),
                cell(12, "south", "male"), cell(12, "south", "female"),
                cell(20, "west", "male"), cell(20, "west", "female"));
        Result oneWay = DisclosureControl.apply(List.of(new Row("east", 5), new Row("north", 70),
                new Row("south", 24), new Row("west", 40)), 139);
        assertTrue(oneWay.group("south").suppressed());
        Result r = DisclosureControl.applyTable(cells, 2, 139, 10);
        assertTrue(r.group(DisclosureControl.key(List.of("south", "male"))).suppressed()
                || r.group(DisclosureControl.key(List.of("south", "female"))).suppressed());
        assertMarginsProtect(cells, 2, 139, r, 10);
    }

    @Test
    void oneDimensionIsTheOneWayRule() {
        List<Cell> cells = List.of(cell(40, "north"), cell(4, "east"), cell(12, "west"), cell(30, "south"));
        Result table = DisclosureControl.applyTable(cells, 1, 86, 10);
        Result oneWay = DisclosureControl.apply(List.of(new Row("north", 40), new Row("east", 4),
                new Row("west", 12), new Row("south", 30)), 86);
        assertEquals(oneWay, table);
    }

    /** Seeded random full tables of 2 and 3 dimensions (ADR 0005): the margins never isolate a hidden cell. */
    @ParameterizedTest
    @MethodSource("randomTables")
    void noPublishedMarginMinusTheShownCellsIsolatesASuppressedCell(List<Cell> cells, int dims) {
        long total = cells.stream().mapToLong(Cell::size).sum();
        Result r = DisclosureControl.applyTable(cells, dims, total, 10);
        assertMarginsProtect(cells, dims, total, r, 10);
    }

    static Stream<Object[]> randomTables() {
        Random random = new Random(0x5ECD_2026L);
        List<Object[]> out = new ArrayList<>();
        for (int c = 0; c < 300; c++) {
            int dims = 2 + c % 2;
            int[] values = IntStream.range(0, dims).map(d -> 2 + random.nextInt(4)).toArray();
            List<Cell> cells = new ArrayList<>();
            fill(cells, new ArrayList<>(), values, random);
            out.add(new Object[] {cells, dims});
        }
        return out.stream();
    }

    private static void fill(List<Cell> cells, List<String> prefix, int[] values, Random random) {
        if (prefix.size() == values.length) {
            long size = random.nextInt(4) == 0 ? 1 + random.nextInt(9) : 1 + random.nextInt(60);
            cells.add(new Cell(prefix, size));
            return;
        }
        for (int v = 0; v < values[prefix.size()]; v++) {
            List<String> next = new ArrayList<>(prefix);
            next.add("d" + prefix.size() + "v" + v);
            fill(cells, next, values, random);
        }
    }

    /**
     * The attacker's view: for every line (cells differing in one dimension), the margin the coarser breakdown
     * publishes (decided by that breakdown's own query, i.e. the same rules on the margins); shown margin minus
     * shown cells must never leave exactly one unknown; a hidden margin must not be the sum of shown cells.
     */
    static void assertMarginsProtect(List<Cell> cells, int dims, long total, Result r, long threshold) {
        long hiddenAll = r.groups().stream().filter(DisclosureControl.RowDecision::suppressed).count();
        if (!r.totalSuppressed()) {
            assertNotEquals(1, hiddenAll, "the total minus the shown cells isolates one");
        }
        for (int d = 0; d < dims; d++) {
            Map<List<String>, List<Cell>> lines = new LinkedHashMap<>();
            for (Cell c : cells) {
                List<String> margin = new ArrayList<>(c.key());
                margin.remove(d);
                lines.computeIfAbsent(margin, k -> new ArrayList<>()).add(c);
            }
            List<Cell> margins = new ArrayList<>();
            lines.forEach((m, members) -> margins.add(new Cell(m, members.stream().mapToLong(Cell::size).sum())));
            Result coarser = dims - 1 == 1
                    ? DisclosureControl.apply(margins.stream().map(m -> new Row(m.key().get(0), m.size())).toList(),
                    total, threshold)
                    : DisclosureControl.applyTable(margins, dims - 1, total, threshold);
            for (var line : lines.entrySet()) {
                boolean marginShown = !coarser.group(DisclosureControl.key(line.getKey())).suppressed();
                long hidden = line.getValue().stream()
                        .filter(c -> r.group(DisclosureControl.key(c.key())).suppressed()).count();
                if (marginShown) {
                    assertNotEquals(1, hidden, "margin " + line.getKey() + " minus its shown cells isolates one: "
                            + line.getValue());
                } else {
                    assertTrue(hidden > 0, "the shown cells of " + line.getKey() + " rebuild its hidden margin");
                }
            }
        }
    }
}
