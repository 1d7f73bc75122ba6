package org.ete.referral.domain;

import org.ete.contracts.Ogrs3Derivation;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import org.ete.contracts.EventType;
import org.ete.contracts.Payloads;
import org.ete.contracts.ReferralReceived;
import org.ete.eventkit.publish.PublicationView;

import java.util.Optional;

/**
 * What the referral service publishes of a referral (data minimisation, ADR 0009): the referral less the date of
 * birth, with the age at referral and its reporting band ({@link ReferralReceived#published()}, published schema
 * version 2). The date of birth stays in this service's store, where the rules (adult-at-referral) and the read side
 * use it; the analysis needs only the age on the referral date, which is also the OGRS3 assessment age.
 *
 * <p>A referral with factors is published with {@code ogrs3Computed} (published schema version 3, ADR 0015): the score
 * stored beside it at the append ({@link Ogrs3Derivation#computed}) and its coefficient version, so a republish after
 * a coefficient change sends the score as it was given, never one recomputed with the new set.
 */
@ApplicationScoped
public class ReferralPublication implements PublicationView {

    @Override
    public String type() {
        return EventType.REFERRAL_RECEIVED.type();
    }

    @Override
    public ObjectNode publish(ObjectNode stored) {
        return publish(stored, null);
    }

    @Override
    public ObjectNode publish(ObjectNode stored, ObjectNode derived) {
        ReferralReceived referral = (ReferralReceived) Payloads.read(EventType.REFERRAL_RECEIVED, stored);
        Optional<ReferralReceived.Ogrs3Computed> computed = referral.ogrs3Factors().isPresent()
                ? Ogrs3Derivation.computed(derived) : Optional.empty();
        return Payloads.write(referral.published(computed));
    }
}
