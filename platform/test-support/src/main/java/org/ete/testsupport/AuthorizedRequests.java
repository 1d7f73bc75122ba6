package org.ete.testsupport;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/**
 * {@code given()} for tests that are not about authorisation: RestAssured's request with a bearer token that has
 * every role and every source. Import {@code org.ete.testsupport.AuthorizedRequests.given} where a test used
 * {@code RestAssured.given}; tests about authorisation build their own requests with {@link TestTokens}.
 */
public final class AuthorizedRequests {
    private AuthorizedRequests() {
    }

    public static RequestSpecification given() {
        return RestAssured.given().auth().oauth2(TestTokens.everyRole());
    }

    /** The header value, for clients other than RestAssured. */
    public static String bearer() {
        return "Bearer " + TestTokens.everyRole();
    }
}
