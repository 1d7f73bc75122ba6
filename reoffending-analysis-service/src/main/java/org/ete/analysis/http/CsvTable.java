package org.ete.analysis.http;

import java.util.List;

/** A view's rows as a table, written as CSV (RFC 4180, header first) when the client asks for text/csv. */
public record CsvTable(List<String> columns, List<List<Object>> rows) {
    public static final String MEDIA_TYPE = "text/csv";

    /** CSV only when the client asks for it explicitly; JSON stays the default for a wildcard Accept. */
    public static boolean wanted(jakarta.ws.rs.core.HttpHeaders headers) {
        return headers.getAcceptableMediaTypes().stream()
                .anyMatch(m -> m.getType().equals("text") && m.getSubtype().equals("csv"));
    }
}
