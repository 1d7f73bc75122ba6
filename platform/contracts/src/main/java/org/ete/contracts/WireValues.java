package org.ete.contracts;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Look-ups shared by the contract's enumerations. Unknown values are rejected, never mapped to "other". */
public final class WireValues {

    private WireValues() {
    }

    /** The wire names of an enumeration, in declaration (= contract) order. */
    public static <E extends Enum<E> & WireValue> List<String> names(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(WireValue::wire).toList();
    }

    /** The constant with this wire name, if any (exact, case-sensitive match). */
    public static <E extends Enum<E> & WireValue> Optional<E> find(Class<E> type, String wire) {
        if (wire == null) {
            return Optional.empty();
        }
        for (E e : type.getEnumConstants()) {
            if (e.wire().equals(wire)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /**
     * The constant with this wire name.
     *
     * @throws IllegalArgumentException naming the enumeration and the allowed values if there is none
     */
    public static <E extends Enum<E> & WireValue> E require(Class<E> type, String wire) {
        return find(type, wire).orElseThrow(() -> new IllegalArgumentException(
                "unknown " + type.getSimpleName() + " '" + wire + "'; allowed: " + names(type)));
    }
}
