package org.ete.bench.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ete.analysis.projection.Fact;
import org.ete.contracts.AgeBand;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Synthetic people for the breakdown benchmark, about eight events each: a referral in its published shape (age at
 * referral and its band, no date of birth: ADR 0009), a take-up, sometimes a release, two courses, sometimes a job,
 * and reconvictions. Seeded, so every run and both sides of the comparison see the same events.
 * <p>
 * Releases follow DOMAIN.md's index-date rule exactly where the service's {@code Measurement.indexDate} also does:
 * a custody in-reach referral is released on or after take-up (its index date moves to the release), and some
 * community referrals carry a release from before take-up (index date stays the take-up). The two cases where the
 * service and DOMAIN.md part (a community release after take-up, a custody referral never released) are left out,
 * so the DuckDB query can follow DOMAIN.md and still be compared with the cube exactly.
 */
public final class SyntheticPeople {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    private final Random random;

    public SyntheticPeople(long seed) {
        this.random = new Random(seed);
    }

    /** A 64-hex-digit id like the producers' HMAC-SHA-256 pseudonyms. */
    public static String personId(int i) {
        return "0".repeat(56) + HEX.toHexDigits(i);
    }

    /** The next person's facts. */
    public List<Fact> person(int i) {
        Random r = random;
        List<Fact> facts = new ArrayList<>(12);
        LocalDate referral = LocalDate.parse("2018-03-01").plusDays(r.nextInt(1100));
        LocalDate takeUp = referral.plusDays(5 + r.nextInt(30));
        boolean custody = r.nextInt(5) == 0;
        int age = AgeBand.ADULT_AGE + r.nextInt(45);
        facts.add(fact(i, 0, "ete.referral.received.v1", referral, "referralDate", referral.toString(),
                "team", "Team " + r.nextInt(60), "contractArea", r.nextBoolean() ? "DLNR" : "SWM",
                "region", "R" + r.nextInt(4), "office", "O" + r.nextInt(40),
                "setting", custody ? "custody" : "community", "gender", r.nextInt(10) < 8 ? "male" : "female",
                "ageAtReferral", age, "ageBand", AgeBand.of(age).wire(), "ethnicity", "white", "disability", "no",
                "offenceCategory", "violence", "ogrs3OneYearPercent", 10 + r.nextInt(6000) / 100.0));
        facts.add(fact(i, 1, "ete.referral.service-taken-up.v1", takeUp));
        int n = 2;
        if (custody) {
            facts.add(fact(i, n++, "ete.referral.released-from-custody.v1", takeUp.plusDays(r.nextInt(60))));
        } else if (r.nextInt(10) == 0) {
            facts.add(fact(i, n++, "ete.referral.released-from-custody.v1", referral.minusDays(1 + r.nextInt(300))));
        }
        for (int c = 0; c < 2; c++) {
            LocalDate start = takeUp.plusDays(r.nextInt(120));
            facts.add(fact(i, n++, "ete.training.course-started.v1", start, "courseId", "C" + c, "qualification", "cscs"));
            facts.add(fact(i, n++, "ete.training.course-completed.v1", start.plusDays(10), "courseId", "C" + c,
                    "achieved", true));
        }
        if (r.nextInt(4) == 0) {
            LocalDate job = takeUp.plusDays(r.nextInt(200));
            facts.add(fact(i, n++, "ete.employment.job-started.v1", job, "jobId", "J", "sector", "retail"));
            if (r.nextBoolean()) {
                facts.add(fact(i, n++, "ete.employment.job-sustained.v1", job.plusDays(91), "jobId", "J"));
            }
        }
        while (facts.size() < 9) {
            LocalDate offence = takeUp.plusDays(1 + r.nextInt(700));
            LocalDate sentence = offence.plusDays(r.nextInt(200));
            facts.add(fact(i, n++, "ete.referral.reconviction-recorded.v1", sentence, "offenceDate", offence.toString(),
                    "sentenceDate", sentence.toString(), "offenceCategory", "violence"));
            if (r.nextInt(3) > 0) {
                break;
            }
        }
        return facts;
    }

    private static Fact fact(int person, int n, String type, LocalDate occurred, Object... kv) {
        ObjectNode data = JSON.createObjectNode();
        for (int k = 0; k < kv.length; k += 2) {
            data.set((String) kv[k], JSON.valueToTree(kv[k + 1]));
        }
        return new Fact("urn:bench " + person + "-" + n, type, occurred, Instant.EPOCH, data);
    }
}
