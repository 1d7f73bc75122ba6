package org.ete.simulator;

import org.ete.contracts.EventType;
import org.ete.contracts.Service;

/**
 * Turns stories into CloudEvents. Event ids are {@code s<seed>-p<person>-<n>} (Academy:
 * {@code s<seed>-a<replica>-<candidate>-<n>}), n counting the person's events in story order: the same seed gives
 * the same ids, so posting a regenerated file again yields duplicates, not new events.
 */
final class Emitter {
    /** Academy candidates get sort-key person numbers above every CRN's. */
    static final long ACADEMY_KEY_BASE = 26_000_000L;
    static final int ACADEMY_KEYS_PER_REPLICA = 4_000;

    private final String prefix;
    private final EventWriter w = new EventWriter();

    Emitter(long seed) {
        this.prefix = "s" + seed + "-";
    }

    private final class Ids {
        final String base;
        final long person;
        final String subject;
        int n;

        Ids(String base, long person, String subject) {
            this.base = base;
            this.person = person;
            this.subject = subject;
        }

        void add(EventBatch out, Service service, int day, EventWriter line) {
            out.add(service, EventBatch.key(day, person, n - 1), line.bytes(), line.length());
        }

        EventWriter begin(EventType type) {
            return w.begin(type, base, n++, subject);
        }
    }

    void person(Person p, EventBatch out) {
        Ids ids = new Ids(prefix + "p" + p.no + "-", p.no, p.crn());
        Geography.Team team = Geography.TEAMS.get(p.team);
        EventWriter e = ids.begin(EventType.REFERRAL_RECEIVED)
                .date("referralDate", p.referralDate)
                .str("setting", p.setting.wire())
                .str("contractArea", team.contractArea())
                .str("region", team.region())
                .str("team", team.name())
                .str("office", team.offices().get(p.office).name())
                .str("gender", p.gender.wire())
                .date("dateOfBirth", p.dateOfBirth)
                .str("ethnicity", p.ethnicity.wire());
        if (p.disability != null) {
            e.str("disability", p.disability.wire());
        }
        e.str("offenceCategory", p.offence.wire());
        if (p.sendsFactors) {
            e.object("ogrs3Factors")
                    .integer("sanctions", p.sanctions)
                    .integer("ageAtFirstSanction", p.ageAtFirstSanction)
                    .integer("ageAtCurrentConviction", p.ageAtCurrentConviction)
                    .endObject();
        } else {
            e.tenths("ogrs3OneYearPercent", p.oneYearTenths).tenths("ogrs3TwoYearPercent", p.twoYearTenths);
        }
        ids.add(out, Service.REFERRAL, p.referralDate, e.end());
        if (p.tookUp()) {
            ids.add(out, Service.REFERRAL, p.takenUpOn,
                    ids.begin(EventType.SERVICE_TAKEN_UP).date("takenUpOn", p.takenUpOn).end());
        }
        for (int release : p.releases) {
            ids.add(out, Service.REFERRAL, release,
                    ids.begin(EventType.RELEASED_FROM_CUSTODY).date("releasedOn", release).end());
        }
        for (Person.Reconviction r : p.reconvictions) {
            ids.add(out, Service.REFERRAL, r.sentenceDate(), ids.begin(EventType.RECONVICTION_RECORDED)
                    .date("offenceDate", r.offenceDate())
                    .date("sentenceDate", r.sentenceDate())
                    .str("offenceCategory", r.category().wire()).end());
        }
        if (p.closedOn >= 0) {
            ids.add(out, Service.REFERRAL, p.closedOn, ids.begin(EventType.REFERRAL_CLOSED)
                    .date("closedOn", p.closedOn).str("reason", p.closeReason).end());
        }
        for (Person.Course c : p.courses) {
            String courseId = "CRS-" + p.no + "-" + c.no;
            ids.add(out, Service.TRAINING, c.startedOn, ids.begin(EventType.COURSE_STARTED)
                    .str("courseId", courseId)
                    .str("qualification", c.qualification.wire())
                    .str("provider", c.provider)
                    .date("startedOn", c.startedOn).end());
            if (c.completed) {
                ids.add(out, Service.TRAINING, c.endedOn, ids.begin(EventType.COURSE_COMPLETED)
                        .str("courseId", courseId)
                        .date("completedOn", c.endedOn)
                        .bool("achieved", c.achieved).end());
            } else {
                e = ids.begin(EventType.COURSE_WITHDRAWN).str("courseId", courseId).date("withdrawnOn", c.endedOn);
                if (c.withdrawReason != null) {
                    e.str("reason", c.withdrawReason);
                }
                ids.add(out, Service.TRAINING, c.endedOn, e.end());
            }
        }
        for (Person.Job j : p.jobs) {
            String jobId = "JOB-" + p.no + "-" + j.no;
            ids.add(out, Service.EMPLOYMENT, j.startedOn, ids.begin(EventType.JOB_STARTED)
                    .str("jobId", jobId)
                    .str("sector", j.sector.wire())
                    .str("employer", j.employer)
                    .tenths("hoursPerWeek", j.hoursTenths)
                    .date("startedOn", j.startedOn).end());
            if (j.sustainedOn >= 0) {
                ids.add(out, Service.EMPLOYMENT, j.sustainedOn, ids.begin(EventType.JOB_SUSTAINED)
                        .str("jobId", jobId).date("sustainedOn", j.sustainedOn).end());
            }
            if (j.endedOn >= 0) {
                e = ids.begin(EventType.JOB_ENDED).str("jobId", jobId).date("endedOn", j.endedOn);
                if (j.endReason != null) {
                    e.str("reason", j.endReason);
                }
                ids.add(out, Service.EMPLOYMENT, j.endedOn, e.end());
            }
        }
    }

    void candidate(int replica, AcademyGenerator.Candidate c, EventBatch out) {
        long keyPerson = ACADEMY_KEY_BASE + (long) replica * ACADEMY_KEYS_PER_REPLICA + c.no;
        Ids ids = new Ids(prefix + "a" + replica + "-" + c.no + "-", keyPerson, c.ref);
        Service s = Service.PEER_MENTOR;
        for (AcademyGenerator.Training t : c.trainings) {
            ids.add(out, s, t.startedOn, ids.begin(EventType.MENTOR_TRAINING_STARTED)
                    .str("intakeId", t.intakeId).date("startedOn", t.startedOn).end());
            if (t.graduatedOn >= 0) {
                ids.add(out, s, t.graduatedOn, ids.begin(EventType.MENTOR_GRADUATED)
                        .date("graduatedOn", t.graduatedOn).end());
            } else if (t.withdrewOn >= 0) {
                EventWriter e = ids.begin(EventType.MENTOR_WITHDREW).date("withdrewOn", t.withdrewOn);
                if (t.withdrawReason != null) {
                    e.str("reason", t.withdrawReason);
                }
                ids.add(out, s, t.withdrewOn, e.end());
            }
        }
        for (AcademyGenerator.Application a : c.applications) {
            ids.add(out, s, a.submittedOn, ids.begin(EventType.APPLICATION_SUBMITTED)
                    .str("applicationId", a.id)
                    .str("role", a.role)
                    .str("level", a.level.wire())
                    .bool("livedExperience", a.livedExperience)
                    .str("route", a.route.wire())
                    .date("submittedOn", a.submittedOn).end());
        }
        if (c.hire != null) {
            AcademyGenerator.Hire h = c.hire;
            ids.add(out, s, h.appointedOn, ids.begin(EventType.CANDIDATE_HIRED)
                    .str("applicationId", h.application.id)
                    .str("role", h.application.role)
                    .str("level", h.application.level.wire())
                    .date("appointedOn", h.appointedOn)
                    .date("startedOn", h.startedOn).end());
            for (AcademyGenerator.Promotion pr : c.promotions) {
                ids.add(out, s, pr.promotedOn(), ids.begin(EventType.EMPLOYEE_PROMOTED)
                        .str("level", pr.level().wire()).date("promotedOn", pr.promotedOn()).end());
            }
            for (AcademyGenerator.Sickness sk : c.sickness) {
                ids.add(out, s, sk.firstDay(), ids.begin(EventType.SICKNESS_RECORDED)
                        .date("firstDay", sk.firstDay()).integer("days", sk.days()).end());
            }
            if (c.leftOn >= 0) {
                EventWriter e = ids.begin(EventType.EMPLOYEE_LEFT).date("leftOn", c.leftOn);
                if (c.leaveReason != null) {
                    e.str("reason", c.leaveReason);
                }
                ids.add(out, s, c.leftOn, e.end());
            }
        }
    }
}
