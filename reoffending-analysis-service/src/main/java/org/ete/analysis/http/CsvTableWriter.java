package org.ete.analysis.http;

import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@link CsvTable} with Jackson's CSV module (quoting and escaping are the library's, not ours), with every
 * text cell that a spreadsheet would run as a formula neutralised (CSV injection, OWASP "CSV Injection").
 * <p>
 * The rule, decided once for every export: a <em>text</em> cell (a {@link CharSequence}) that begins with {@code =},
 * {@code +}, {@code -}, {@code @}, a tab or a carriage return gets a single quote in front, so a spreadsheet shows
 * it as text and never evaluates it; the library then quotes it, because a cell that starts with {@code '} is always
 * quoted by its quoting check (every character below {@code -} makes it quote), and doubles any quote inside. Text
 * cells are where partner-supplied values land (team, office, region, contract area are free text from the referral;
 * the group labels of every breakdown). <em>Numeric</em> cells (a {@link Number} or {@link Boolean}) are written by
 * the platform itself, from its own arithmetic, and are left as they are, so a negative difference or z-score stays
 * the number {@code -1.5}, readable and summable in a spreadsheet; a number the platform wants neutralised must be
 * passed as text, and no export does that. Null cells stay empty.
 */
@Provider
@Produces(CsvTable.MEDIA_TYPE)
public class CsvTableWriter implements MessageBodyWriter<CsvTable> {
    private static final CsvMapper CSV = new CsvMapper();

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return CsvTable.class.isAssignableFrom(type);
    }

    @Override
    public void writeTo(CsvTable table, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                        MultivaluedMap<String, Object> headers, OutputStream out) throws IOException {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        table.columns().forEach(c -> schema.addColumn(neutralise(c)));
        List<List<Object>> rows = new ArrayList<>(table.rows().size());
        for (List<Object> row : table.rows()) {
            List<Object> safe = new ArrayList<>(row.size());
            for (Object cell : row) {
                safe.add(cell instanceof CharSequence text ? neutralise(text.toString()) : cell);
            }
            rows.add(safe);
        }
        CSV.writer(schema.build()).writeValues(out).writeAll(rows).close();
    }

    /** The text as a spreadsheet cannot evaluate it: a leading {@code '} if it begins like a formula. */
    static String neutralise(String text) {
        if (text.isEmpty()) {
            return text;
        }
        return switch (text.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + text;
            default -> text;
        };
    }
}
