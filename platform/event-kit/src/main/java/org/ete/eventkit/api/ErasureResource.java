package org.ete.eventkit.api;

import jakarta.annotation.security.RolesAllowed;
import org.ete.tokens.Roles;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.core.StreamReadFeature;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ete.contracts.SubjectKind;
import org.ete.eventkit.erasure.ErasureService;
import org.ete.servicekit.problem.FieldError;
import org.ete.servicekit.problem.Problem;
import org.ete.servicekit.problem.ProblemException;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * {@code POST /v1/privacy/erasures}: erase a person from the platform (role {@code privacy}). Every producing service
 * has it, and one request is enough: the erasure reaches the other services and the analysis through
 * {@code privacy.erasures.v1}. 202 with the erasure id when recorded now, 200 with the same id when this person was
 * erased before. The answer and the record hold no case reference.
 */
@Path("/v1/privacy/erasures")
@Tag(name = "Privacy", description = "Erasure of a person")
@RolesAllowed(Roles.PRIVACY)
public class ErasureResource {
    static final int MAX_BYTES = 4 * 1024;
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /** The answer: the erasure's id and when it was recorded; {@code duplicate} for a repeated request. */
    public record ErasureAccepted(String erasureId, Instant erasedAt, boolean duplicate, long deletedEvents) {
    }

    private final ErasureService erasures;

    public ErasureResource(ErasureService erasures) {
        this.erasures = erasures;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Erase a person: their events in every producing service and their projections",
            description = "Body {\"caseReference\": \"X123456\"} (a CRN or an HR candidate reference). 202 when "
                    + "recorded, 200 when the person was erased before (the same erasureId); problem+json for bad "
                    + "input. The other services and the analysis apply it from privacy.erasures.v1 within seconds.")
    public Response erase(byte[] body) {
        String caseReference = caseReference(body);
        ErasureService.Erased e = erasures.erase(caseReference);
        return Response.status(e.created() ? 202 : 200)
                .entity(new ErasureAccepted(e.erasure().erasureId(), e.erasure().erasedAt(), !e.created(),
                        e.deletedEvents()))
                .build();
    }

    static String caseReference(byte[] body) {
        if (body == null || body.length == 0) {
            throw invalid("A JSON body is required", new FieldError("", "required", "a JSON body is required"));
        }
        if (body.length > MAX_BYTES) {
            throw new ProblemException(Problem.of(413, "payload-too-large", "Payload Too Large",
                    "An erasure request may be at most " + MAX_BYTES + " bytes"));
        }
        JsonNode n;
        try {
            n = STRICT.readTree(body);
        } catch (JsonProcessingException e) {
            throw invalid("The body is not valid JSON", new FieldError("", "json-syntax", e.getOriginalMessage()));
        } catch (IOException e) {
            throw invalid("The body could not be read", new FieldError("", "json-syntax", e.getMessage()));
        }
        if (n == null || !n.isObject()) {
            throw invalid("The body must be a JSON object", new FieldError("", "type", "expected an object"));
        }
        List<FieldError> errors = new ArrayList<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!f.equals("caseReference")) {
                errors.add(new FieldError("/" + f.replace("~", "~0").replace("/", "~1"), "additionalProperties",
                        "unknown field"));
            }
        }
        JsonNode ref = n.get("caseReference");
        if (ref == null || ref.isNull()) {
            errors.add(new FieldError("/caseReference", "required", "caseReference is required"));
        } else if (!ref.isTextual()) {
            errors.add(new FieldError("/caseReference", "type", "caseReference must be a string"));
        } else if (!SubjectKind.CRN.matches(ref.textValue())
                && !SubjectKind.HR_CANDIDATE_REFERENCE.matches(ref.textValue())) {
            errors.add(new FieldError("/caseReference", "pattern", "caseReference must be "
                    + SubjectKind.CRN.description() + ", or " + SubjectKind.HR_CANDIDATE_REFERENCE.description()));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(new Problem(Problem.TYPE_BASE + "invalid-request", "The request is invalid", 400,
                    "The erasure request is invalid", null, null, errors));
        }
        return ref.textValue();
    }

    private static ProblemException invalid(String detail, FieldError error) {
        return new ProblemException(new Problem(Problem.TYPE_BASE + "invalid-request", "The request is invalid", 400,
                detail, null, null, List.of(error)));
    }
}
