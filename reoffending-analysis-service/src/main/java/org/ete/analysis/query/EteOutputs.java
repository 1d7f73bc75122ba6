package org.ete.analysis.query;

import java.time.LocalDate;

/**
 * ETE outputs for people who took up the service in a window: found work = took up and started a job on or
 * after take-up; sustained = of those, such a job sustained 13 weeks. Rates are fractions, null when their
 * denominator is zero.
 */
public record EteOutputs(LocalDate from, LocalDate to, long tookUp, long foundWork, Double foundWorkRate,
                         long sustained, Double sustainedRate) {
}
