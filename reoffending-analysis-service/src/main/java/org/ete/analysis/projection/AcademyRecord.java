package org.ete.analysis.projection;

import org.ete.contracts.EventType;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A person's Academy record (subject = HR candidate reference): mentor training, applications, hires, promotions,
 * leaving and sickness. Null on a {@link PersonState} that has no Academy facts.
 */
public record AcademyRecord(LocalDate mentorTrainingStartedOn, LocalDate graduatedOn, LocalDate mentorWithdrewOn,
                      List<Application> applications, List<Hire> hires, List<Promotion> promotions, LocalDate leftOn,
                      List<Sickness> sickness) {

    public record Application(String applicationId, String role, String level, boolean livedExperience, String route,
                              LocalDate submittedOn) {
    }

    /** A hire, with the lived experience of the application it came from (null if that application is unseen). */
    public record Hire(String applicationId, String role, String level, LocalDate appointedOn, LocalDate startedOn,
                       Boolean livedExperience) {
    }

    public record Promotion(String level, LocalDate promotedOn) {
    }

    public record Sickness(LocalDate firstDay, int days) {
    }

    /** The level now: the last promotion's, else the first hire's. */
    public String currentLevel() {
        if (!promotions.isEmpty()) {
            return promotions.get(promotions.size() - 1).level();
        }
        return hires.isEmpty() ? null : hires.get(0).level();
    }

    /** Lived experience as the person declared it on any application. */
    public boolean livedExperience() {
        return applications.stream().anyMatch(Application::livedExperience);
    }

    /** Folds Academy facts given in canonical order; the earliest of a repeated kind wins. */
    static final class Builder {
        private LocalDate trainingStarted, graduated, withdrew, left;
        private final Map<String, Application> applications = new LinkedHashMap<>();
        private final Map<String, Fact> hires = new LinkedHashMap<>();
        private final List<Promotion> promotions = new ArrayList<>();
        private final List<Sickness> sickness = new ArrayList<>();
        private boolean any;

        void add(EventType type, Fact f) {
            switch (type) {
                case MENTOR_TRAINING_STARTED -> trainingStarted = trainingStarted != null ? trainingStarted : f.occurredAt();
                case MENTOR_GRADUATED -> graduated = graduated != null ? graduated : f.occurredAt();
                case MENTOR_WITHDREW -> withdrew = withdrew != null ? withdrew : f.occurredAt();
                case APPLICATION_SUBMITTED -> applications.putIfAbsent(f.text("applicationId"),
                        new Application(f.text("applicationId"), f.text("role"), f.text("level"),
                                f.data().path("livedExperience").asBoolean(), f.text("route"), f.occurredAt()));
                case CANDIDATE_HIRED -> hires.putIfAbsent(f.text("applicationId"), f);
                case EMPLOYEE_PROMOTED -> promotions.add(new Promotion(f.text("level"), f.occurredAt()));
                case EMPLOYEE_LEFT -> left = left != null ? left : f.occurredAt();
                case SICKNESS_RECORDED -> sickness.add(new Sickness(f.occurredAt(), f.data().path("days").asInt()));
                default -> {
                    return;
                }
            }
            any = true;
        }

        AcademyRecord build() {
            if (!any) {
                return null;
            }
            List<Hire> joined = hires.values().stream().map(f -> {
                Application a = applications.get(f.text("applicationId"));
                return new Hire(f.text("applicationId"), f.text("role"), f.text("level"), f.date("appointedOn"),
                        f.date("startedOn"), a == null ? null : a.livedExperience());
            }).sorted(java.util.Comparator.comparing(Hire::appointedOn).thenComparing(Hire::applicationId)).toList();
            return new AcademyRecord(trainingStarted, graduated, withdrew, List.copyOf(applications.values()), joined,
                    List.copyOf(promotions), left, List.copyOf(sickness));
        }
    }
}
