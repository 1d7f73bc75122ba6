package org.ete.simulator;

import java.util.List;
import java.util.Locale;
import org.ete.contracts.Disability;
import org.ete.contracts.Ethnicity;
import org.ete.contracts.Gender;

/**
 * A demographic group the analysis service can break down by ({@code by=disability}, {@code by=ethnicity},
 * {@code by=gender}) whose needs the simulated service does not meet: {@code dimension=value}, e.g.
 * {@code disability=yes}. The value is the referral's wire value, so the group is exactly the row the platform shows.
 */
record NeedsGroup(String dimension, String value) {

    static final List<String> DIMENSIONS = List.of("disability", "ethnicity", "gender");

    NeedsGroup {
        List<String> values = switch (dimension) {
            case "disability" -> Disability.wireNames();
            case "ethnicity" -> Ethnicity.wireNames();
            case "gender" -> Gender.wireNames();
            default -> throw new IllegalArgumentException("--unmet-needs: dimension must be one of " + DIMENSIONS
                    + ", got '" + dimension + "'");
        };
        if (!values.contains(value)) {
            throw new IllegalArgumentException("--unmet-needs: " + dimension + " is one of " + values + ", got '"
                    + value + "'");
        }
    }

    /** {@code dimension=value}, or null for {@code none}. */
    static NeedsGroup parse(String text) {
        if (text == null || text.isBlank() || text.trim().equalsIgnoreCase("none")) {
            return null;
        }
        int eq = text.indexOf('=');
        if (eq < 0) {
            throw new IllegalArgumentException("--unmet-needs must be dimension=value (e.g. disability=yes) or none, "
                    + "got '" + text + "'");
        }
        return new NeedsGroup(text.substring(0, eq).trim().toLowerCase(Locale.ROOT), text.substring(eq + 1).trim());
    }

    boolean contains(Person p) {
        return switch (dimension) {
            case "disability" -> p.disability != null && p.disability.wire().equals(value);
            case "ethnicity" -> p.ethnicity != null && p.ethnicity.wire().equals(value);
            default -> p.gender != null && p.gender.wire().equals(value);
        };
    }

    @Override
    public String toString() {
        return dimension + "=" + value;
    }
}
