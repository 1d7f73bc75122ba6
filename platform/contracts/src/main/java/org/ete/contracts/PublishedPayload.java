package org.ete.contracts;

/**
 * The published {@code data} of an event type whose topic shape differs from what partners send
 * ({@link EventType#publishedSchemaVersion()} above 1): one record per such type, with exactly the properties of its
 * published schema ({@link EventType#publishedSchemaResource()}). Types whose published data is the data as received
 * have none (their {@link EventPayload} is both).
 */
public sealed interface PublishedPayload permits ReferralReceived.Published {
}
