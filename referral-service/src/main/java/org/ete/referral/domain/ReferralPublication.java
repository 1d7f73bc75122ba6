package org.ete.referral.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import org.ete.contracts.EventType;
import org.ete.contracts.Payloads;
import org.ete.contracts.ReferralReceived;
import org.ete.eventkit.publish.PublicationView;

/**
 * What the referral service publishes of a referral (data minimisation, ADR 0009): the referral less the date of
 * birth, with the age at referral and its reporting band ({@link ReferralReceived#published()}, published schema
 * version 2). The date of birth stays in this service's store, where the rules (adult-at-referral) and the read side
 * use it; the analysis needs only the age on the referral date, which is also the OGRS3 assessment age.
 */
@ApplicationScoped
public class ReferralPublication implements PublicationView {

    @Override
    public String type() {
        return EventType.REFERRAL_RECEIVED.type();
    }

    @Override
    public ObjectNode publish(ObjectNode stored) {
        ReferralReceived referral = (ReferralReceived) Payloads.read(EventType.REFERRAL_RECEIVED, stored);
        return Payloads.write(referral.published());
    }
}
