package org.ete.bench.query;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.ete.analysis.projection.Fact;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Figure 4's baseline: the same events the platform derived its people from, written to a DuckDB table through its
 * Appender, exported as Parquet, and the breakdown answered by SQL over {@code read_parquet}: what an analyst with
 * the event log and DuckDB would run instead of the platform. The SQL derives each person's cohort membership, index
 * date, predicted probability and reoffended flag from the events by DOMAIN.md's definitions, then groups.
 */
public final class DuckDbBaseline implements AutoCloseable {
    /** One group's exact figures: people in the window, matured, reoffended among the matured, sum of p (matured). */
    public record Figures(long people, long matured, long observed, double expected) {
    }

    /** Writes events to a DuckDB table; {@link #toParquet} exports them. */
    public static final class Export implements AutoCloseable {
        private final Connection db;
        private final DuckDBAppender appender;
        private long rows;

        Export(Path spill) throws SQLException {
            // In memory: appending to a database file flushes every 2,048 rows to disk, 20 times slower here.
            db = DriverManager.getConnection("jdbc:duckdb:");
            try (Statement s = db.createStatement()) {
                s.execute("SET memory_limit = '6GB'");
                s.execute("SET temp_directory = '" + spill + "'");
                s.execute("""
                        CREATE TABLE events (
                          person_id VARCHAR, event_key VARCHAR, type VARCHAR, occurred_at DATE,
                          setting VARCHAR, contract_area VARCHAR, region VARCHAR, team VARCHAR, office VARCHAR,
                          gender VARCHAR, age_at_referral INTEGER, age_band VARCHAR, ethnicity VARCHAR,
                          disability VARCHAR, offence_category VARCHAR, ogrs3_one_year_percent DOUBLE,
                          offence_date DATE, sentence_date DATE, course_id VARCHAR, qualification VARCHAR,
                          achieved BOOLEAN, job_id VARCHAR, sector VARCHAR)""");
            }
            appender = ((DuckDBConnection) db).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "events");
        }

        /** One event of {@code personId} as a row: the envelope and every data field the views read, typed. */
        public void add(String personId, Fact f) throws SQLException {
            appender.beginRow()
                    .append(personId).append(f.key()).append(f.type()).append(f.occurredAt())
                    .append(f.text("setting")).append(f.text("contractArea")).append(f.text("region"))
                    .append(f.text("team")).append(f.text("office")).append(f.text("gender"));
            appendInteger(f, "ageAtReferral");
            appender.append(f.text("ageBand")).append(f.text("ethnicity")).append(f.text("disability"))
                    .append(f.text("offenceCategory"));
            if (f.data().hasNonNull("ogrs3OneYearPercent")) {
                appender.append(f.data().get("ogrs3OneYearPercent").asDouble());
            } else {
                appender.appendNull();
            }
            appendDate(f.date("offenceDate"));
            appendDate(f.date("sentenceDate"));
            appender.append(f.text("courseId")).append(f.text("qualification"));
            if (f.data().hasNonNull("achieved")) {
                appender.append(f.data().get("achieved").asBoolean());
            } else {
                appender.appendNull();
            }
            appender.append(f.text("jobId")).append(f.text("sector")).endRow();
            rows++;
        }

        private void appendInteger(Fact f, String field) throws SQLException {
            if (f.data().hasNonNull(field)) {
                appender.append(f.data().get(field).asInt());
            } else {
                appender.appendNull();
            }
        }

        private void appendDate(LocalDate d) throws SQLException {
            if (d == null) {
                appender.appendNull();
            } else {
                appender.append(d);
            }
        }

        /** Flushes the appender and writes the table to {@code parquet}; returns the rows written. */
        public long toParquet(Path parquet) throws SQLException {
            appender.close();
            try (Statement s = db.createStatement()) {
                s.execute("COPY events TO '" + parquet + "' (FORMAT PARQUET)");
                try (ResultSet r = s.executeQuery("SELECT count(*) FROM read_parquet('" + parquet + "')")) {
                    r.next();
                    if (r.getLong(1) != rows) {
                        throw new IllegalStateException("Parquet holds " + r.getLong(1) + " rows, appended " + rows);
                    }
                }
            }
            return rows;
        }

        @Override
        public void close() throws SQLException {
            db.close();
        }
    }

    /**
     * The breakdown in one pass over the events: one aggregate per person (the referral's attributes, the first
     * take-up, the releases and reconvictions as lists), then the index date, the window, maturity and the
     * reoffended flag per person by DOMAIN.md, then the groups. Placeholders: parquet, from, to, asOf.
     */
    static final String BREAKDOWN_SQL = """
            WITH person AS (
              SELECT person_id,
                     arg_min(team, occurred_at) FILTER (WHERE type = 'ete.referral.received.v1') AS team,
                     arg_min(age_band, occurred_at) FILTER (WHERE type = 'ete.referral.received.v1') AS age_band,
                     arg_min(setting, occurred_at) FILTER (WHERE type = 'ete.referral.received.v1') AS setting,
                     arg_min(ogrs3_one_year_percent, occurred_at)
                       FILTER (WHERE type = 'ete.referral.received.v1') / 100.0 AS p,
                     min(occurred_at) FILTER (WHERE type = 'ete.referral.service-taken-up.v1') AS took_up,
                     list(occurred_at) FILTER (WHERE type = 'ete.referral.released-from-custody.v1') AS releases,
                     list({offence: offence_date, sentence: sentence_date})
                       FILTER (WHERE type = 'ete.referral.reconviction-recorded.v1') AS reconvictions
              FROM read_parquet('%1$s')
              GROUP BY person_id),
            indexed AS (
              -- custody in-reach: the first release on or after take-up; else take-up if a release came before it;
              -- else still in custody (no index date). Any other setting: take-up.
              SELECT *, CASE WHEN setting IS DISTINCT FROM 'custody' THEN took_up
                             WHEN list_min(list_filter(releases, lambda d: d >= took_up)) IS NOT NULL
                               THEN list_min(list_filter(releases, lambda d: d >= took_up))
                             WHEN len(releases) > 0 THEN took_up END AS index_date
              FROM person
              WHERE p IS NOT NULL AND took_up IS NOT NULL),
            measured AS (
              SELECT team, age_band, p, index_date + 547 <= DATE '%4$s' AS matured,
                     coalesce(len(list_filter(reconvictions, lambda c: c.offence > index_date
                       AND c.offence <= index_date + 365 AND c.sentence <= index_date + 547)) > 0, false) AS reoffended
              FROM indexed
              WHERE index_date BETWEEN DATE '%2$s' AND DATE '%3$s')
            SELECT team, age_band, count(*) AS people, count(*) FILTER (WHERE matured) AS matured,
                   count(*) FILTER (WHERE matured AND reoffended) AS observed,
                   coalesce(sum(p) FILTER (WHERE matured), 0) AS expected
            FROM measured
            GROUP BY team, age_band""";

    private final Connection db;
    private final String sql;

    /** A fresh in-memory DuckDB reading {@code parquet}, the window and as-of fixed. */
    public DuckDbBaseline(Path parquet, LocalDate from, LocalDate to, LocalDate asOf) throws SQLException {
        db = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = db.createStatement()) {
            // Below DuckDB's default (80% of RAM, on a machine others share), above what the 10M-event query needs:
            // at 3 GB it spilled and took a third longer.
            s.execute("SET memory_limit = '8GB'");
        }
        sql = BREAKDOWN_SQL.formatted(parquet, from, to, asOf);
    }

    /** @param spill where DuckDB may spill the table if it outgrows its memory limit */
    public static Export export(Path spill) throws SQLException {
        return new Export(spill);
    }

    /** The breakdown by (team, age band). */
    public Map<List<String>, Figures> query() throws SQLException {
        Map<List<String>, Figures> out = new HashMap<>();
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                out.put(List.of(r.getString(1), r.getString(2)),
                        new Figures(r.getLong(3), r.getLong(4), r.getLong(5), r.getDouble(6)));
            }
        }
        return out;
    }

    /** DuckDB's threads (it uses every core by default; the platform's query is one thread). */
    public long threads() throws SQLException {
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT current_setting('threads')")) {
            r.next();
            return r.getLong(1);
        }
    }

    public static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws SQLException {
        db.close();
    }
}
