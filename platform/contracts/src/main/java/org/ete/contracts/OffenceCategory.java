package org.ete.contracts;

import java.util.List;

/**
 * The 20 OGRS3 offence categories, in the order of the OGRS3 table in DOMAIN.md (the order the schemas list them).
 * Used by {@code offenceCategory} of {@code ete.referral.received.v1} and {@code ete.referral.reconviction-recorded.v1}.
 * The OGRS3 coefficient of each is in {@code contracts/ogrs3-coefficients.json}, keyed by {@link #wire()}.
 */
public enum OffenceCategory implements WireValue {
    VIOLENCE("violence", "violence"),
    ROBBERY("robbery", "robbery"),
    PUBLIC_ORDER("public-order", "public order"),
    SEXUAL_NOT_CHILD("sexual-not-child", "sexual (not against a child)"),
    SEXUAL_CHILD("sexual-child", "sexual (against a child)"),
    SOLICITING("soliciting", "soliciting or prostitution"),
    BURGLARY_DOMESTIC("burglary-domestic", "burglary (domestic)"),
    BURGLARY_OTHER("burglary-other", "burglary (other)"),
    THEFT_NON_MOTOR("theft-non-motor", "theft (non-motor)"),
    HANDLING_STOLEN_GOODS("handling-stolen-goods", "handling stolen goods"),
    ABSCONDING_BAIL("absconding-bail", "absconding or bail"),
    TAKING_DRIVING_AWAY("taking-driving-away", "taking and driving away"),
    THEFT_FROM_VEHICLE("theft-from-vehicle", "theft from vehicles"),
    DRINK_DRIVING("drink-driving", "drink driving"),
    OTHER_MOTORING("other-motoring", "other motoring"),
    CRIMINAL_DAMAGE("criminal-damage", "criminal damage"),
    DRUG_IMPORT_EXPORT_PRODUCTION("drug-import-export-production", "drug import, export or production"),
    DRUG_POSSESSION_SUPPLY("drug-possession-supply", "drug possession or supply"),
    OTHER("other", "other"),
    FRAUD_FORGERY("fraud-forgery", "fraud and forgery");

    private final String wire;
    private final String label;

    OffenceCategory(String wire, String label) {
        this.wire = wire;
        this.label = label;
    }

    @Override
    public String wire() {
        return wire;
    }

    /** The human-readable name, as in the OGRS3 table of DOMAIN.md. */
    public String label() {
        return label;
    }

    /** The constant for a wire name; {@link IllegalArgumentException} if unknown. */
    public static OffenceCategory fromWire(String wire) {
        return WireValues.require(OffenceCategory.class, wire);
    }

    /** All wire names, in contract order. */
    public static List<String> wireNames() {
        return WireValues.names(OffenceCategory.class);
    }
}
