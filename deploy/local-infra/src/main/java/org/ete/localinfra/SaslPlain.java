package org.ete.localinfra;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The one user of a SASL/PLAIN client listener ({@code --kafka-sasl-plain USER:PASSWORD}): what the broker needs to
 * accept it and what a client (the launcher's own admin client included) needs to log in as it.
 */
record SaslPlain(String username, String password) {

    static final String PROTOCOL = "SASL_PLAINTEXT";
    static final String MECHANISM = "PLAIN";
    private static final String LOGIN_MODULE = "org.apache.kafka.common.security.plain.PlainLoginModule";
    /**
     * The broker's JAAS config names each user in an unquoted option key ({@code user_<name>}), which Kafka's JAAS
     * parser reads as a word: letters, digits, '-' and '_' are safe there.
     */
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_-]+");

    SaslPlain {
        if (!USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("--kafka-sasl-plain: the user name must be letters, digits, '-' or '_'");
        }
        if (password.isEmpty()) {
            throw new IllegalArgumentException("--kafka-sasl-plain: the password must not be empty");
        }
    }

    /** {@code USER:PASSWORD}; the password may contain ':'. */
    static SaslPlain parse(String userColonPassword) {
        int colon = userColonPassword.indexOf(':');
        if (colon < 0) throw new IllegalArgumentException("--kafka-sasl-plain: expected USER:PASSWORD");
        return new SaslPlain(userColonPassword.substring(0, colon), userColonPassword.substring(colon + 1));
    }

    /** Logs in as this user. */
    String clientJaasConfig() {
        return LOGIN_MODULE + " required username=" + quoted(username) + " password=" + quoted(password) + ";";
    }

    /**
     * Accepts this user ({@code user_<name>}) and logs the broker in as the same user on its own inter-broker
     * listener, which is this listener: a single node has no other to offer its clients.
     */
    String brokerJaasConfig() {
        return LOGIN_MODULE + " required username=" + quoted(username) + " password=" + quoted(password)
                + " user_" + username + "=" + quoted(password) + ";";
    }

    /** The connection settings of a client of this listener, in Kafka's client config names. */
    Map<String, Object> clientSettings() {
        return Map.of("security.protocol", PROTOCOL, "sasl.mechanism", MECHANISM,
                "sasl.jaas.config", clientJaasConfig());
    }

    /** Never the password: a record would print it. */
    @Override
    public String toString() {
        return "SaslPlain[" + username + "]";
    }

    /** A JAAS option value: Kafka's parser reads backslash escapes inside double quotes. */
    private static String quoted(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
