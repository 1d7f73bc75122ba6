package org.ete.simulator;

import java.util.ArrayList;
import java.util.List;

/**
 * The simulator's people for studies outside it (the bench's funnel flag-rate study): the matured ETE cohort of one
 * full block (12,525 people taken up April 2018 - March 2021, index date by 2021-04-02, as of 2022-10-01), generated
 * in memory by the same code as the NDJSON files, with no outlier team and no unmet-needs group. Who they are
 * (contract area, team, OGRS3 probability as the platform takes it) is the simulator's; whether they reoffend is
 * left to the study.
 */
public final class MaturedCohort {

    /** One matured person: the contract area and team of their referral, and their OGRS3 one-year probability. */
    public record Member(String contractArea, String team, double p) {
    }

    private MaturedCohort() {
    }

    /** The matured cohort of the block that {@code seed} generates (the seeds' replica for seed 2021). */
    public static List<Member> generate(long seed) {
        SimConfig config = SimConfig.defaults().withSeed(seed).withOutlier(null, SimConfig.DEFAULT_OUTLIER_RATIO)
                .withUnmetNeeds(null, 1.0).withThreads(1);
        Person[] people = new BlockGenerator(config, 0, Targets.TOOK_UP).generate();
        List<Member> out = new ArrayList<>(Targets.MATURED_ETE);
        for (Person person : people) {
            if (person.group == Person.Group.MAIN && !person.late) {
                out.add(new Member(person.contractArea, Geography.TEAMS.get(person.team).name(), person.p));
            }
        }
        return out;
    }

    /** The 27 teams, in the simulator's order. */
    public static List<String> teams() {
        return Geography.teamNames();
    }

    /** The team of the simulator's default outlier scenario. */
    public static String defaultOutlierTeam() {
        return Geography.DEFAULT_OUTLIER_TEAM;
    }
}
