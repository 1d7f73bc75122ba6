package org.ete.analysis.projection.consumer;

/** First and end offset of a partition (end = the offset the next record will get). */
public record OffsetRange(long beginning, long end) {
}
