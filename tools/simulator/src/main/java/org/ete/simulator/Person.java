package org.ete.simulator;

import java.util.ArrayList;
import java.util.List;
import org.ete.contracts.Disability;
import org.ete.contracts.Ethnicity;
import org.ete.contracts.Gender;
import org.ete.contracts.OffenceCategory;
import org.ete.contracts.Qualification;
import org.ete.contracts.Sector;
import org.ete.contracts.Setting;

/** One simulated service user and their whole story, as the generator builds it (dates are epoch days). */
final class Person {

    enum Group {
        /** Took up ETE support in the evaluation window (April 2018 - March 2021): the calibrated cohort. */
        MAIN,
        /** Took up April 2016 - March 2018: contributes to Figures 1 and 2 (2016-21) only. */
        HISTORICAL,
        /** Referred but never took the service up. */
        NOT_TAKEN_UP
    }

    static final class Job {
        final int no;
        Sector sector;
        String employer;
        int hoursTenths;
        int startedOn;
        int sustainedOn = -1;
        int endedOn = -1;
        String endReason;

        Job(int no) {
            this.no = no;
        }
    }

    static final class Course {
        final int no;
        Qualification qualification;
        String provider;
        int startedOn;
        /** Completion or withdrawal date. */
        int endedOn;
        /** true = completed, false = withdrawn. */
        boolean completed;
        boolean achieved;
        String withdrawReason;

        Course(int no) {
            this.no = no;
        }
    }

    record Reconviction(int offenceDate, int sentenceDate, OffenceCategory category) {
    }

    /** Index within its block. */
    final int local;
    /** Global person number: the CRN is derived from it. */
    final long no;
    final Group group;

    Setting setting;
    String contractArea;
    int team;
    int office;
    Gender gender;
    int dateOfBirth;
    Ethnicity ethnicity;
    /** null: not sent (the field is optional). */
    Disability disability;
    OffenceCategory offence;

    int sanctions;
    int ageAtFirstSanction;
    int ageAtCurrentConviction;
    /** Sends ogrs3Factors instead of the percentages. */
    boolean sendsFactors;
    /** OGRS3 one-year probability exactly as the platform will take it (given % / 100, or computed). */
    double p;
    /** Percent in tenths, as sent (when {@link #sendsFactors} is false). */
    int oneYearTenths;
    int twoYearTenths;

    int referralDate;
    int takenUpOn = -1;
    int closedOn = -1;
    String closeReason;
    final List<Integer> releases = new ArrayList<>(1);
    /** Index date (take-up or first release on/after it); -1 if never taken up. */
    int indexDate = -1;
    /** Index date after {@link Targets#LAST_MATURED_INDEX}: pending at the as-of date. */
    boolean late;

    boolean foundWork;
    boolean sustained;
    boolean reoffends;

    final List<Reconviction> reconvictions = new ArrayList<>(1);
    final List<Job> jobs = new ArrayList<>(0);
    final List<Course> courses = new ArrayList<>(0);

    Person(int local, long no, Group group) {
        this.local = local;
        this.no = no;
        this.group = group;
    }

    boolean tookUp() {
        return takenUpOn >= 0;
    }

    /** The probation case reference: an upper-case letter and six digits, from the person number. */
    static String crn(long no) {
        if (no < 0 || no >= 26_000_000L) {
            throw new IllegalArgumentException("person number out of the CRN range: " + no);
        }
        char letter = (char) ('A' + (int) (no / 1_000_000L));
        int digits = (int) (no % 1_000_000L);
        char[] c = new char[7];
        c[0] = letter;
        for (int i = 6; i >= 1; i--) {
            c[i] = (char) ('0' + digits % 10);
            digits /= 10;
        }
        return new String(c);
    }

    String crn() {
        return crn(no);
    }
}
