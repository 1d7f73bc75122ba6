package org.ete.analysis.http;

import org.ete.analysis.definitions.Definitions;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/** A view's rows as a table, written as CSV (RFC 4180, header first) when the client asks for text/csv. */
public record CsvTable(List<String> columns, List<List<Object>> rows) {
    public static final String MEDIA_TYPE = "text/csv";

    /**
     * The trailing columns every reoffending CSV row carries, so a file read on its own still says what it is: the
     * cohort, what follow-up is measured from, the window, the as-of date, the disclosure threshold, the definitions'
     * version and the caveats (DOMAIN.md "What the figures are not"). Trailing, so existing readers' columns keep
     * their positions.
     */
    public static final List<String> LABEL_COLUMNS = List.of("cohort", "measuredFrom", "from", "to", "asOf",
            "suppressionThreshold", "definitionsVersion", "caveats");

    /** The values of {@link #LABEL_COLUMNS}; null dates (an open window) stay empty cells. */
    public static List<Object> labels(String cohort, String measuredFrom, LocalDate from, LocalDate to, LocalDate asOf,
                                      long threshold) {
        return Arrays.asList(cohort, measuredFrom, text(from), text(to), text(asOf), threshold, Definitions.VERSION,
                Definitions.caveatsCell());
    }

    private static String text(LocalDate date) {
        return date == null ? null : date.toString();
    }

    /** CSV only when the client asks for it explicitly; JSON stays the default for a wildcard Accept. */
    public static boolean wanted(jakarta.ws.rs.core.HttpHeaders headers) {
        return headers.getAcceptableMediaTypes().stream()
                .anyMatch(m -> m.getType().equals("text") && m.getSubtype().equals("csv"));
    }
}
