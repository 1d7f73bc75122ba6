package org.ete.contracts;

import java.util.regex.Pattern;

/** What the CloudEvent {@code subject} of an event type holds, and the shape it must have. */
public enum SubjectKind {

    /** The probation case reference number: an upper-case letter and six digits, e.g. {@code X123456}. */
    CRN("^[A-Z][0-9]{6}$", "the probation CRN: an upper-case letter and six digits"),

    /** The Academy's HR candidate reference: 4 to 20 of A-Z, 0-9 and hyphen. */
    HR_CANDIDATE_REFERENCE("^[A-Z0-9-]{4,20}$", "the HR candidate reference: 4 to 20 of A-Z, 0-9 and hyphen"),

    /**
     * Not a person: the group an alert is about, written {@code <by>/<group>} (see {@link #alertSubject}), e.g.
     * {@code team/Nottingham City North}. Used by the analysis service's alert events.
     */
    ALERT_GROUP("^[a-z0-9]+(-[a-z0-9]+)*/[^\\p{Cntrl}]{1,200}$",
            "the alert's group: <by>/<group>, by lower-case with hyphens, group 1-200 characters");

    private final Pattern pattern;
    private final String description;

    SubjectKind(String regex, String description) {
        this.pattern = Pattern.compile(regex);
        this.description = description;
    }

    /** The regular expression a subject of this kind must match in full. */
    public Pattern pattern() {
        return pattern;
    }

    /** A sentence for error messages, e.g. "the probation CRN: an upper-case letter and six digits". */
    public String description() {
        return description;
    }

    /** Whether {@code subject} has this kind's shape (null is never valid). */
    public boolean matches(String subject) {
        return subject != null && pattern.matcher(subject).matches();
    }

    /** The subject of an alert event for the group {@code group} of dimension {@code by}. */
    public static String alertSubject(String by, String group) {
        return by + "/" + group;
    }
}
