package org.ete.analysis.projection;

import org.ete.contracts.EventType;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the views need about one person, derived from the set of their facts and nothing else
 * (DESIGN.md "the one rule"): facts are sorted into a canonical order first, so duplicates and arrival order
 * cannot change the result. Where a fact repeats a fact of the same kind (a second take-up), the earliest wins.
 */
public record PersonState(String personId, Referral referral, LocalDate tookUpOn, List<LocalDate> releases,
                          List<Reconviction> reconvictions, List<Job> jobs, List<Course> courses,
                          AcademyRecord academy) {

    /**
     * The referral's attributes: the breakdown dimensions and the OGRS3 one-year probability (0..1, unrounded). The
     * age is the published age at referral (whole years on the referral date) and its band; never a date of birth.
     */
    public record Referral(LocalDate referralDate, String setting, String contractArea, String region, String team,
                           String office, String gender, Integer ageAtReferral, String ageBand, String ethnicity,
                           String disability, String offenceCategory, Double ogrs3OneYear) {
    }

    public record Reconviction(LocalDate offenceDate, LocalDate sentenceDate, String offenceCategory) {
    }

    public record Job(String jobId, String sector, LocalDate startedOn, LocalDate sustainedOn, LocalDate endedOn) {
    }

    public record Course(String courseId, String qualification, LocalDate startedOn, LocalDate completedOn,
                         Boolean achieved, LocalDate withdrawnOn) {
    }

    static final Comparator<Fact> CANONICAL = Comparator.comparing(Fact::occurredAt)
            .thenComparing(Fact::type).thenComparing(Fact::key);

    public static PersonState derive(String personId, List<Fact> facts) {
        List<Fact> ordered = new ArrayList<>(facts);
        ordered.sort(CANONICAL);
        Referral referral = null;
        LocalDate tookUpOn = null;
        List<LocalDate> releases = new ArrayList<>();
        List<Reconviction> reconvictions = new ArrayList<>();
        Map<String, Job> jobs = new LinkedHashMap<>();
        Map<String, LocalDate> sustained = new LinkedHashMap<>();
        Map<String, LocalDate> ended = new LinkedHashMap<>();
        Map<String, Course> courses = new LinkedHashMap<>();
        Map<String, Fact> completions = new LinkedHashMap<>();
        Map<String, LocalDate> withdrawals = new LinkedHashMap<>();
        AcademyRecord.Builder academy = new AcademyRecord.Builder();
        for (Fact f : ordered) {
            Optional<EventType> type = EventType.fromType(f.type());
            if (type.isEmpty()) {
                continue;
            }
            switch (type.get()) {
                case REFERRAL_RECEIVED -> referral = referral != null ? referral : referral(f);
                case SERVICE_TAKEN_UP -> tookUpOn = tookUpOn != null ? tookUpOn : f.occurredAt();
                case RELEASED_FROM_CUSTODY -> releases.add(f.occurredAt());
                case RECONVICTION_RECORDED -> reconvictions.add(new Reconviction(f.date("offenceDate"),
                        f.date("sentenceDate"), f.text("offenceCategory")));
                case JOB_STARTED -> jobs.putIfAbsent(f.text("jobId"),
                        new Job(f.text("jobId"), f.text("sector"), f.occurredAt(), null, null));
                case JOB_SUSTAINED -> sustained.putIfAbsent(f.text("jobId"), f.occurredAt());
                case JOB_ENDED -> ended.putIfAbsent(f.text("jobId"), f.occurredAt());
                case COURSE_STARTED -> courses.putIfAbsent(f.text("courseId"), new Course(f.text("courseId"),
                        f.text("qualification"), f.occurredAt(), null, null, null));
                case COURSE_COMPLETED -> completions.putIfAbsent(f.text("courseId"), f);
                case COURSE_WITHDRAWN -> withdrawals.putIfAbsent(f.text("courseId"), f.occurredAt());
                default -> academy.add(type.get(), f);
            }
        }
        // Topics are not ordered across services (or even within one, on replays): join parts at the end.
        List<Job> joinedJobs = jobs.values().stream()
                .map(j -> new Job(j.jobId(), j.sector(), j.startedOn(), sustained.get(j.jobId()), ended.get(j.jobId())))
                .sorted(Comparator.comparing(Job::startedOn).thenComparing(Job::jobId))
                .toList();
        List<Course> joinedCourses = courses.values().stream()
                .map(c -> {
                    Fact done = completions.get(c.courseId());
                    return new Course(c.courseId(), c.qualification(), c.startedOn(),
                            done == null ? null : done.occurredAt(),
                            done == null ? null : done.data().path("achieved").asBoolean(),
                            withdrawals.get(c.courseId()));
                })
                .sorted(Comparator.comparing(Course::startedOn).thenComparing(Course::courseId))
                .toList();
        return new PersonState(personId, referral, tookUpOn, List.copyOf(releases), List.copyOf(reconvictions),
                joinedJobs, joinedCourses, academy.build());
    }

    private static Referral referral(Fact received) {
        Fact f = ReferralAge.minimised(received); // a record published before ADR 0009 carries the date of birth
        return new Referral(f.occurredAt(), shared(f, "setting"), shared(f, "contractArea"), shared(f, "region"),
                shared(f, "team"), shared(f, "office"), shared(f, "gender"),
                f.data().hasNonNull(ReferralAge.AGE_AT_REFERRAL) ? f.data().get(ReferralAge.AGE_AT_REFERRAL).asInt() : null,
                shared(f, ReferralAge.AGE_BAND), shared(f, "ethnicity"),
                f.data().has("disability") ? shared(f, "disability") : "not-stated", shared(f, "offenceCategory"),
                Ogrs3Probability.oneYear(f));
    }

    /**
     * A breakdown attribute, one instance per distinct value: every person's referral holds a dozen of them, of a few
     * dozen values in all, and the index holds every person (a copy each is ten strings of ~50 bytes a person).
     */
    private static String shared(Fact f, String field) {
        String value = f.text(field);
        return value == null ? null : value.intern();
    }

    /** Jobs that count as ETE outputs: started on or after take-up. */
    public List<Job> jobsSinceTakeUp() {
        if (tookUpOn == null) {
            return List.of();
        }
        return jobs.stream().filter(j -> !j.startedOn().isBefore(tookUpOn)).toList();
    }

    public boolean foundWork() {
        return !jobsSinceTakeUp().isEmpty();
    }

    public boolean sustainedWork() {
        return jobsSinceTakeUp().stream().anyMatch(j -> j.sustainedOn() != null);
    }
}
