package io.zsync.examples.microservice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.zsync.http.Response;

/** The services' JSON, by Jackson: one mapper (thread-safe once built), and responses of JSON. */
final class Json {

    /** Refuses properties a record does not have ({@code FAIL_ON_UNKNOWN_PROPERTIES}, Jackson's default). */
    static final ObjectMapper MAPPER = JsonMapper.builder().build();
    private static final String TYPE = "application/json";

    private Json() {
    }

    /** {@code value} as JSON, with {@code status}. */
    static Response response(int status, Object value) throws JsonProcessingException {
        return Response.of(status).contentType(TYPE).body(MAPPER.writeValueAsBytes(value));
    }

    /** {@code {"error": message}} with {@code status}. */
    static Response error(int status, String message) throws JsonProcessingException {
        return response(status, new Problem(message));
    }

    /** Whether a request's {@code Content-Type} (possibly absent) says JSON. */
    static boolean isJson(String contentType) {
        return contentType == null || contentType.regionMatches(true, 0, TYPE, 0, TYPE.length());
    }

    /** The body of an error response. */
    record Problem(String error) {
    }
}
