package org.ete.simulator;

import java.util.EnumMap;
import java.util.Map;
import org.ete.contracts.Qualification;
import org.ete.contracts.Sector;

/**
 * Free-text values: providers, employers, reasons, roles. All invented (no real organisation is named), short, and
 * within the contract's 1-200 character limit.
 */
final class Vocabulary {
    private Vocabulary() {
    }

    private static final Map<Qualification, String[]> PROVIDERS = new EnumMap<>(Qualification.class);
    private static final Map<Qualification, int[]> COURSE_DAYS = new EnumMap<>(Qualification.class);
    private static final Map<Sector, String[]> EMPLOYERS = new EnumMap<>(Sector.class);

    static {
        PROVIDERS.put(Qualification.CSCS, new String[] {"Midlands Construction Skills", "Trent Site Safety Training",
            "Black Country Build Academy"});
        PROVIDERS.put(Qualification.VOCATIONAL, new String[] {"East Midlands Skills Centre", "Forge Vocational College",
            "Severn & Trent Adult Learning"});
        PROVIDERS.put(Qualification.NVQ, new String[] {"Peak Valley NVQ Centre", "Forge Vocational College",
            "Mercia Work-Based Learning"});
        PROVIDERS.put(Qualification.FORK_LIFT, new String[] {"Midlands Lift Truck Training", "Hub Logistics Academy"});
        PROVIDERS.put(Qualification.HEALTH_AND_SAFETY, new String[] {"SafeStart Training", "Midlands Construction Skills"});
        PROVIDERS.put(Qualification.PERSONAL_TRACK_SAFETY, new String[] {"Railway Route Skills", "Trackside Training Midlands"});
        PROVIDERS.put(Qualification.FUNCTIONAL_SKILLS, new String[] {"Community Learning Hub", "Second Chance Literacy",
            "City Adult Education Service"});
        PROVIDERS.put(Qualification.OTHER, new String[] {"Community Learning Hub", "Fresh Start Enterprise Programme",
            "Countryside Skills Partnership"});
        COURSE_DAYS.put(Qualification.CSCS, new int[] {1, 5});
        COURSE_DAYS.put(Qualification.VOCATIONAL, new int[] {10, 60});
        COURSE_DAYS.put(Qualification.NVQ, new int[] {60, 240});
        COURSE_DAYS.put(Qualification.FORK_LIFT, new int[] {3, 10});
        COURSE_DAYS.put(Qualification.HEALTH_AND_SAFETY, new int[] {1, 3});
        COURSE_DAYS.put(Qualification.PERSONAL_TRACK_SAFETY, new int[] {1, 3});
        COURSE_DAYS.put(Qualification.FUNCTIONAL_SKILLS, new int[] {20, 90});
        COURSE_DAYS.put(Qualification.OTHER, new int[] {5, 60});

        EMPLOYERS.put(Sector.WAREHOUSING, new String[] {"Trentside Distribution", "Midshires Logistics",
            "Hub 42 Fulfilment", "Crossroads Parcel Centre", "Central Pick & Pack"});
        EMPLOYERS.put(Sector.CONSTRUCTION, new String[] {"Oakfield Build Ltd", "Three Counties Groundworks",
            "Ironbridge Scaffolding", "New Homes Midlands", "Canal Street Contractors"});
        EMPLOYERS.put(Sector.RETAIL, new String[] {"Value Corner Stores", "Market Square Discount", "High Street Home"});
        EMPLOYERS.put(Sector.PRODUCTION, new String[] {"Riverside Foods", "Pennine Packaging", "Crestline Bakeries"});
        EMPLOYERS.put(Sector.DRIVING, new String[] {"Swift Midlands Couriers", "Arrow Van Hire & Delivery",
            "County Waste Collections"});
        EMPLOYERS.put(Sector.HOSPITALITY, new String[] {"Second Helpings Cafe", "The Forge Kitchen", "Station Hotel"});
        EMPLOYERS.put(Sector.MANUFACTURING, new String[] {"Anvil Engineering", "Black Country Castings",
            "Precision Plastics Midlands"});
        EMPLOYERS.put(Sector.CLEANING, new String[] {"Sparkle Facilities", "Clearview Commercial Cleaning"});
        EMPLOYERS.put(Sector.OTHER, new String[] {"Greenway Grounds Maintenance", "Community Recycling Project",
            "Midlands Security Services", "Call Centre Solutions"});
    }

    private static final int[] HOURS_TENTHS = {160, 200, 240, 250, 300, 350, 375, 390, 400, 425, 450};
    private static final double[] HOURS_CUM = Rng.cumulative(6, 6, 3, 4, 9, 8, 16, 8, 22, 6, 12);

    private static final String[] JOB_END = {"Contract ended", "Resigned", "Dismissed", "Temporary role finished",
        "Health reasons", "Moved to a new job", "Recalled to custody"};
    private static final double[] JOB_END_CUM = Rng.cumulative(25, 25, 10, 20, 6, 10, 4);

    private static final String[] CLOSE = {"Support completed", "Disengaged", "Order ended", "Moved out of the area",
        "Recalled to custody", "Transferred to another provider"};
    private static final double[] CLOSE_CUM = Rng.cumulative(50, 18, 18, 5, 6, 3);

    private static final String[] NOT_TAKEN_UP = {"Did not take up the service", "Declined ETE support",
        "Unable to contact", "Already in work"};
    private static final double[] NOT_TAKEN_UP_CUM = Rng.cumulative(45, 25, 20, 10);

    private static final String[] WITHDRAW = {"Started full-time work", "Health reasons", "Recalled to custody",
        "Lost contact", "Moved out of the area", "Childcare"};
    private static final double[] WITHDRAW_CUM = Rng.cumulative(30, 15, 10, 25, 10, 10);

    static final String[] ENTRY_ROLES = {"Peer Support Worker", "Community Support Worker", "Personal Wellbeing Mentor",
        "Dependency and Recovery Navigator", "Health Trainer", "Business Support Officer", "Youth Diversion Worker"};
    static final String[] INTERMEDIATE_ROLES = {"Senior Wellbeing Advisor", "Accommodation Advisor",
        "Finance, Benefit and Debt Advisor", "Employment Advisor"};
    static final String[] MANAGERIAL_ROLES = {"Team Leader", "Service Manager", "Regional Mentor Co-ordinator"};

    static final String[] LEAVE = {"Resigned to take another post", "End of fixed-term contract", "Relocated",
        "Personal reasons"};
    static final String[] MENTOR_WITHDREW = {"Moved out of the area", "Found full-time work", "Health reasons",
        "Personal circumstances", "Recalled to custody"};

    static String provider(Rng rng, Qualification q) {
        String[] a = PROVIDERS.get(q);
        return a[rng.nextInt(a.length)];
    }

    static int courseDays(Rng rng, Qualification q) {
        int[] r = COURSE_DAYS.get(q);
        return rng.between(r[0], r[1]);
    }

    static String employer(Rng rng, Sector s) {
        String[] a = EMPLOYERS.get(s);
        return a[rng.nextInt(a.length)];
    }

    static int hours(Rng rng) {
        return HOURS_TENTHS[rng.pick(HOURS_CUM)];
    }

    static String jobEndReason(Rng rng) {
        return JOB_END[rng.pick(JOB_END_CUM)];
    }

    static String closeReason(Rng rng, boolean foundWork) {
        if (foundWork && rng.chance(0.7)) {
            return "Found work";
        }
        return CLOSE[rng.pick(CLOSE_CUM)];
    }

    static String notTakenUpReason(Rng rng) {
        return NOT_TAKEN_UP[rng.pick(NOT_TAKEN_UP_CUM)];
    }

    static String withdrawReason(Rng rng) {
        return WITHDRAW[rng.pick(WITHDRAW_CUM)];
    }

    static String pick(Rng rng, String[] values) {
        return values[rng.nextInt(values.length)];
    }
}
