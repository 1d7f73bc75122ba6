package org.ete.analysis.reoffending;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.ete.analysis.stats.Wilson;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The answer of GET /v1/reoffending: one row per group, a total row, and the definitions used. */
public record ReoffendingReport(String cohort, String measuredFrom, String measuredFromDefinition, LocalDate from,
                                LocalDate to, LocalDate asOf, List<String> by, int suppressionThreshold,
                                List<Row> rows, Row total, Map<String, String> definitions, String definitionsVersion,
                                List<String> caveats) {

    /**
     * One group's figures. When {@code suppressed} is true every figure is null (disclosure control); rates are
     * fractions, {@code differencePoints} is percentage points. {@code awaitingRelease}: custody participants who
     * took up in the window and are not released as of asOf (in no cohort yet). {@code fewerReoffendedCi95}: E - O
     * +- 1.96 sqrt(sum p(1-p)), the spread chance alone gives E - O under the prediction.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Row(Map<String, String> group, Long people, Long matured, Long pending, Long reoffended,
                      Double actualRate, Wilson.Interval actualRateCi95, Double predictedRate,
                      Double differencePoints, Double observedOverExpected, Double fewerReoffended, Double z,
                      Double pValue, boolean suppressed, Long awaitingRelease,
                      Wilson.Interval fewerReoffendedCi95) {

        static Row suppressed(Map<String, String> group) {
            return new Row(group, null, null, null, null, null, null, null, null, null, null, null, null, true, null,
                    null);
        }
    }
}
