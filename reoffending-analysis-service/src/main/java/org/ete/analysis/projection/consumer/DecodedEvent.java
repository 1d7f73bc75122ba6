package org.ete.analysis.projection.consumer;

import org.ete.analysis.projection.Fact;

/**
 * A record read as a partner event: its CloudEvents {@code id}, the person it is about ({@code subject}, the
 * pseudonymised person id) and the fact the projection keeps.
 */
public record DecodedEvent(String id, String subject, Fact fact) {
}
