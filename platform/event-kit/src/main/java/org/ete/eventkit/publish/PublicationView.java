package org.ete.eventkit.publish;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * SPI of data minimisation on the way out (ADR 0009): what the relay publishes of one event type, when the contract
 * says the topic carries less than the service stores ({@link org.ete.contracts.EventType#hasPublishedView()}). The
 * producing service that owns the type contributes one CDI bean per such type; {@link PublicationViews} checks them
 * at start and the relay applies them to every event it sends, so what is stored (and read back on the service's
 * read side) is unchanged and what is published is the view.
 *
 * <p>A view is a pure function of the stored data in its current shape (after upcasting): no I/O, no clock, the same
 * answer every time (a sweep may publish an event again). It receives a private copy it may change and returns the
 * data of the type's published schema ({@link org.ete.contracts.EventType#publishedSchemaResource()}).
 */
public interface PublicationView {

    /** The CloudEvent {@code type} this view publishes, e.g. {@code ete.referral.received.v1}. */
    String type();

    /** The published data of a stored event of {@link #type()} (a copy owned by the callee). */
    ObjectNode publish(ObjectNode stored);

    /**
     * The published data of a stored event of {@link #type()}, given also the values the service derived at the
     * append ({@code derived}, null if none; a copy owned by the callee): a view that publishes a derived value takes
     * it from here, fixed at the append, rather than computing it again. By default {@link #publish(ObjectNode)}.
     */
    default ObjectNode publish(ObjectNode stored, ObjectNode derived) {
        return publish(stored);
    }
}
