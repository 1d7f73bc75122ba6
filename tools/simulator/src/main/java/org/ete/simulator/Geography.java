package org.ete.simulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.ete.contracts.Gender;
import org.ete.contracts.Setting;

/**
 * Where people are supervised: the two contract areas of the Reducing Reoffending Partnership, their regions, and
 * 27 probation teams with their offices (51 places; the seed mentions 36 ETE locations). Community and unpaid-work
 * cases go to the local (geographic) teams; custody cases to the area's custody in-reach team, at a prison (women
 * to a women's prison); approved-premises cases to the area's approved-premises team. The names are of real
 * places; the teams are invented.
 */
final class Geography {

    enum Kind { LOCAL, CUSTODY, APPROVED_PREMISES }

    /** One office of a team; {@code women} marks a women's prison. */
    record Office(String name, boolean women) {
    }

    /** A team; {@code weight} is its share of the area's cases of its kind. */
    record Team(int index, String contractArea, String region, String name, Kind kind, List<Office> offices,
                double weight) {
    }

    static final String DLNR = "DLNR";
    static final String SWM = "SWM";
    static final String EAST_MIDLANDS = "East Midlands";
    static final String WEST_MIDLANDS = "West Midlands";
    /** The default team of the outlier scenario (a small city team, so the rest stays near the seed). */
    static final String DEFAULT_OUTLIER_TEAM = "Nottingham City North";

    static final List<Team> TEAMS;
    private static final double[] AREA_CUMULATIVE = Rng.cumulative(0.45, 0.55);

    static {
        List<Team> t = new ArrayList<>();
        // DLNR: Derbyshire, Leicestershire, Nottinghamshire & Rutland (East Midlands)
        local(t, DLNR, "Derby City", 1.2, "Derby");
        local(t, DLNR, "Derbyshire North", 0.9, "Chesterfield", "Buxton");
        local(t, DLNR, "Derbyshire South", 0.7, "Ilkeston", "Swadlincote");
        local(t, DLNR, "Nottingham City North", 0.55, "Nottingham Central", "Bulwell");
        local(t, DLNR, "Nottingham City South", 1.0, "Nottingham Central", "Clifton");
        local(t, DLNR, "Nottinghamshire North", 0.9, "Mansfield", "Worksop");
        local(t, DLNR, "Nottinghamshire South", 0.6, "Newark", "Beeston");
        local(t, DLNR, "Leicester West", 1.0, "Leicester");
        local(t, DLNR, "Leicester East", 0.9, "Leicester", "Oadby");
        local(t, DLNR, "Leicestershire & Rutland County", 0.8, "Loughborough", "Hinckley", "Oakham");
        team(t, DLNR, "DLNR Custody In-Reach", Kind.CUSTODY, 1.0,
                new Office("HMP Nottingham", false), new Office("HMP Leicester", false),
                new Office("HMP Lowdham Grange", false), new Office("HMP Foston Hall", true));
        team(t, DLNR, "DLNR Approved Premises", Kind.APPROVED_PREMISES, 1.0,
                new Office("Derby Approved Premises", false), new Office("Nottingham Approved Premises", false),
                new Office("Leicester Approved Premises", false));
        // SWM: Staffordshire & West Midlands
        local(t, SWM, "Birmingham Central", 1.2, "Birmingham Central");
        local(t, SWM, "Birmingham North & East", 1.1, "Erdington", "Saltley");
        local(t, SWM, "Birmingham South & West", 1.0, "Northfield", "Selly Oak");
        local(t, SWM, "Solihull", 0.5, "Solihull");
        local(t, SWM, "Coventry", 1.0, "Coventry");
        local(t, SWM, "Wolverhampton", 0.9, "Wolverhampton");
        local(t, SWM, "Walsall", 0.8, "Walsall");
        local(t, SWM, "Dudley", 0.8, "Dudley", "Brierley Hill");
        local(t, SWM, "Sandwell", 0.9, "West Bromwich", "Oldbury");
        local(t, SWM, "Stoke-on-Trent", 0.9, "Hanley");
        local(t, SWM, "Staffordshire North", 0.7, "Stafford", "Newcastle-under-Lyme");
        local(t, SWM, "Staffordshire South", 0.8, "Cannock", "Burton upon Trent", "Tamworth");
        team(t, SWM, "Birmingham Custody In-Reach", Kind.CUSTODY, 1.0, new Office("HMP Birmingham", false));
        team(t, SWM, "Staffordshire & Black Country Custody In-Reach", Kind.CUSTODY, 1.0,
                new Office("HMP Oakwood", false), new Office("HMP Featherstone", false),
                new Office("HMP Stafford", false), new Office("HMP Drake Hall", true));
        team(t, SWM, "SWM Approved Premises", Kind.APPROVED_PREMISES, 1.0,
                new Office("Birmingham Approved Premises", false), new Office("Wolverhampton Approved Premises", false),
                new Office("Stoke Approved Premises", false));
        TEAMS = Collections.unmodifiableList(t);
    }

    private Geography() {
    }

    private static void local(List<Team> t, String area, String name, double weight, String... offices) {
        Office[] o = new Office[offices.length];
        for (int i = 0; i < offices.length; i++) {
            o[i] = new Office(offices[i], false);
        }
        team(t, area, name, Kind.LOCAL, weight, o);
    }

    private static void team(List<Team> t, String area, String name, Kind kind, double weight, Office... offices) {
        String region = area.equals(DLNR) ? EAST_MIDLANDS : WEST_MIDLANDS;
        t.add(new Team(t.size(), area, region, name, kind, List.of(offices), weight));
    }

    static int teamIndex(String name) {
        for (Team t : TEAMS) {
            if (t.name().equals(name)) {
                return t.index();
            }
        }
        return -1;
    }

    static List<String> teamNames() {
        return TEAMS.stream().map(Team::name).toList();
    }

    static String area(Rng rng) {
        return rng.pick(AREA_CUMULATIVE) == 0 ? DLNR : SWM;
    }

    /** Teams by area (0 DLNR, 1 SWM) and kind, with cumulative weights, for drawing. */
    private static final Team[][][] CHOICE = new Team[2][Kind.values().length][];
    private static final double[][][] CHOICE_CUM = new double[2][Kind.values().length][];

    static {
        for (int a = 0; a < 2; a++) {
            String area = a == 0 ? DLNR : SWM;
            for (Kind kind : Kind.values()) {
                List<Team> fit = TEAMS.stream().filter(t -> t.contractArea().equals(area) && t.kind() == kind).toList();
                CHOICE[a][kind.ordinal()] = fit.toArray(new Team[0]);
                CHOICE_CUM[a][kind.ordinal()] = Rng.cumulative(fit.stream().mapToDouble(Team::weight).toArray());
            }
        }
    }

    /** The team for a case of {@code setting} in {@code area}. */
    static Team team(Rng rng, String area, Setting setting) {
        Kind kind = switch (setting) {
            case CUSTODY -> Kind.CUSTODY;
            case APPROVED_PREMISES -> Kind.APPROVED_PREMISES;
            default -> Kind.LOCAL;
        };
        int a = area.equals(DLNR) ? 0 : 1;
        return CHOICE[a][kind.ordinal()][rng.pick(CHOICE_CUM[a][kind.ordinal()])];
    }

    /** The office of a case in {@code team}: women in custody go to the area's women's prison. */
    static int office(Rng rng, Team team, Gender gender) {
        List<Office> offices = team.offices();
        if (team.kind() == Kind.CUSTODY) {
            List<Integer> fit = new ArrayList<>();
            for (int i = 0; i < offices.size(); i++) {
                if (offices.get(i).women() == (gender == Gender.FEMALE)) {
                    fit.add(i);
                }
            }
            if (!fit.isEmpty()) {
                return fit.get(rng.nextInt(fit.size()));
            }
        }
        // The first office is the team's main office: twice as busy as each of the others.
        int n = offices.size();
        int r = rng.nextInt(n + 1);
        return r == n ? 0 : r;
    }

    /** Custody teams by area: women in SWM custody are supervised by the team of the women's prison. */
    static Team custodyTeamFor(Rng rng, String area, Gender gender) {
        if (gender == Gender.FEMALE) {
            for (Team t : TEAMS) {
                if (t.contractArea().equals(area) && t.kind() == Kind.CUSTODY
                        && t.offices().stream().anyMatch(Office::women)) {
                    return t;
                }
            }
        }
        return team(rng, area, Setting.CUSTODY);
    }
}
