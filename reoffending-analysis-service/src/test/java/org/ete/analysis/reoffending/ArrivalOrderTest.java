package org.ete.analysis.reoffending;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ete.analysis.breakdown.Dimension;
import org.ete.analysis.projection.Fact;
import org.ete.analysis.projection.PersonState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * DESIGN.md's one rule, end to end through the aggregates: the same set of events delivered in any order, with
 * redeliveries, gives bit-identical reoffending figures for every cohort, follow-up start and breakdown. Each
 * delivery goes through what the live path does: the person's fact set (a repeat is a no-op), the derived state,
 * and the cube's subtract-old / add-new update.
 */
class ArrivalOrderTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<List<Dimension>> BREAKDOWNS = List.of(List.of(), List.of(Dimension.TEAM),
            List.of(Dimension.GENDER, Dimension.AGE_BAND), List.of(Dimension.INDEX_QUARTER, Dimension.OFFENCE_CATEGORY));
    static final LocalDate AS_OF = LocalDate.parse("2022-10-01");

    record Delivery(String person, Fact fact) {
    }

    static Stream<Long> seeds() {
        return LongStream.rangeClosed(1, 40).boxed();
    }

    @ParameterizedTest(name = "shuffle seed {0}")
    @MethodSource("seeds")
    void anyArrivalOrderWithRepeatsGivesIdenticalFigures(long seed) {
        List<Delivery> events = population(new Random(2021));
        Map<String, Object> inOrder = figures(events);
        org.junit.jupiter.api.Assertions.assertTrue(inOrder.size() > 100, "the population fills many groups");

        Random random = new Random(seed);
        List<Delivery> shuffled = new ArrayList<>(events);
        for (int i = 0; i < events.size() / 5; i++) {
            shuffled.add(events.get(random.nextInt(events.size()))); // redeliveries
        }
        Collections.shuffle(shuffled, random);
        assertEquals(inOrder, figures(shuffled));
    }

    /** Applies deliveries as the projection does, then answers every cohort x follow-up x breakdown. */
    static Map<String, Object> figures(List<Delivery> deliveries) {
        Map<String, ReoffendingCube> cubes = new TreeMap<>();
        for (Cohort c : Cohort.values()) {
            for (MeasuredFrom m : MeasuredFrom.values()) {
                for (List<Dimension> by : BREAKDOWNS) {
                    cubes.put(c + "/" + m + "/" + by, new ReoffendingCube(c, m, by));
                }
            }
        }
        Map<String, Set<Fact>> facts = new HashMap<>();
        Map<String, PersonState> states = new HashMap<>();
        for (Delivery d : deliveries) {
            Set<Fact> set = facts.computeIfAbsent(d.person(), k -> new LinkedHashSet<>());
            if (!set.add(d.fact())) {
                continue; // a repeat changes nothing
            }
            PersonState after = PersonState.derive(d.person(), List.copyOf(set));
            PersonState before = states.put(d.person(), after);
            for (ReoffendingCube cube : cubes.values()) {
                cube.add(before, -1);
                cube.add(after, +1);
            }
        }
        Map<String, Object> out = new TreeMap<>();
        cubes.forEach((key, cube) -> cube.query(LocalDate.parse("2018-04-01"), LocalDate.parse("2021-03-31"), AS_OF)
                .forEach((group, sums) -> out.put(key + " " + group, List.of(
                        sums.all().people(), sums.all().reoffended(), sums.all().expected(), sums.all().variance(),
                        sums.matured().people(), sums.matured().reoffended(), sums.matured().expected(),
                        sums.matured().variance()))));
        return out;
    }

    static List<Delivery> population(Random r) {
        List<Delivery> out = new ArrayList<>();
        for (int p = 0; p < 150; p++) {
            String person = String.format("%064x", p);
            LocalDate referral = LocalDate.parse("2018-03-01").plusDays(r.nextInt(1100));
            LocalDate takeUp = referral.plusDays(3 + r.nextInt(20));
            int n = 0;
            out.add(fact(person, n++, "ete.referral.received.v1", referral, "team", "T" + r.nextInt(4),
                    "contractArea", "DLNR", "region", "EM", "office", "O", "setting", "custody",
                    "gender", r.nextBoolean() ? "male" : "female",
                    "dateOfBirth", referral.minusYears(18 + r.nextInt(40)).toString(), "ethnicity", "white",
                    "offenceCategory", r.nextBoolean() ? "violence" : "burglary-domestic",
                    "ogrs3OneYearPercent", 5 + r.nextInt(80) + r.nextInt(10) / 10.0));
            out.add(fact(person, n++, "ete.referral.service-taken-up.v1", takeUp));
            if (r.nextInt(3) == 0) { // a second take-up: the earliest counts
                out.add(fact(person, n++, "ete.referral.service-taken-up.v1", takeUp.plusDays(30)));
            }
            if (r.nextInt(4) == 0) {
                out.add(fact(person, n++, "ete.referral.released-from-custody.v1", takeUp.plusDays(r.nextInt(40))));
            }
            for (int j = 0; j < r.nextInt(3); j++) {
                LocalDate start = takeUp.plusDays(r.nextInt(300) - 30);
                out.add(fact(person, n++, "ete.employment.job-started.v1", start, "jobId", "J" + j, "sector", "retail"));
                if (r.nextBoolean()) {
                    out.add(fact(person, n++, "ete.employment.job-sustained.v1", start.plusDays(91 + r.nextInt(30)),
                            "jobId", "J" + j));
                }
            }
            for (int k = 0; k < r.nextInt(3); k++) {
                LocalDate offence = takeUp.plusDays(r.nextInt(500) - 20);
                LocalDate sentence = offence.plusDays(r.nextInt(300));
                out.add(fact(person, n++, "ete.referral.reconviction-recorded.v1", sentence,
                        "offenceDate", offence.toString(), "sentenceDate", sentence.toString(),
                        "offenceCategory", "violence"));
            }
        }
        return out;
    }

    static Delivery fact(String person, int n, String type, LocalDate occurred, Object... kv) {
        ObjectNode data = JSON.createObjectNode();
        for (int k = 0; k < kv.length; k += 2) {
            data.set((String) kv[k], JSON.valueToTree(kv[k + 1]));
        }
        return new Delivery(person, new Fact("urn:test " + person + "-" + n, type, occurred, Instant.EPOCH, data));
    }
}
