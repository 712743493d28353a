package dev.scriptexecuter.rest;

import dev.scriptexecuter.infrastructure.JsonBinder;
import dev.scriptexecuter.infrastructure.JsonText;
import dev.scriptexecuter.infrastructure.RequestRejected;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * The one way the API reads a JSON request body, in place of the platform's
 * lenient readers: at most {@code ses.api.max-body-bytes}, strict UTF-8 and
 * JSON ({@link JsonText}), bound to the endpoint's record without guessing
 * ({@link JsonBinder}). Every refusal is a 400 (413 when too large) naming
 * the field. It declares {@code Record}, not {@code Object}: the platform
 * picks the reader whose declared type is nearest to the parameter's, and its
 * own JSON-B reader declares {@code Object}. Endpoints whose body is free-form
 * JSON or optional take the bytes and call {@link #object} or {@link #optional}.
 */
@Provider
@Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json", "application/*+json"})
public class StrictJsonReader implements MessageBodyReader<Record> {

    private static final int MAX_BYTES = setting("ses.api.max-body-bytes", 16 * 1024 * 1024);
    private static final JsonText TEXT = new JsonText(setting("ses.api.max-json-depth", 64));

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type.isRecord();
    }

    @Override
    public Record readFrom(Class<Record> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                           MultivaluedMap<String, String> headers, InputStream body) throws IOException {
        return JsonBinder.bind(TEXT.read(bytes(body)), type);
    }

    /** The whole body, refused as soon as it is larger than the limit. */
    private static byte[] bytes(InputStream body) throws IOException {
        return limited(body.readNBytes(MAX_BYTES + 1));
    }

    /**
     * For an endpoint whose body may be left out, whatever its content type
     * says: it takes the raw bytes and reads them here, by the same rules.
     *
     * @return null for an empty body
     */
    public static <T> T optional(byte[] body, Class<T> type) {
        if (body == null || body.length == 0) {
            return null;
        }
        JsonValue value = TEXT.read(limited(body));
        if (value != null && value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw RequestRejected.invalid("The request body must be empty or a JSON object.");
        }
        return JsonBinder.bind(value, type);
    }

    /** A body that must be a JSON object of any shape, such as a merge patch. */
    public static JsonObject object(byte[] body, String expected) {
        JsonValue value = body == null || body.length == 0 ? null : TEXT.read(limited(body));
        if (!(value instanceof JsonObject object)) {
            throw RequestRejected.invalid("The request body must be " + expected + ".");
        }
        return object;
    }

    private static byte[] limited(byte[] body) {
        if (body.length > MAX_BYTES) {
            throw RequestRejected.tooLarge("The request body is larger than " + MAX_BYTES
                    + " bytes (setting ses.api.max-body-bytes).");
        }
        return body;
    }

    private static int setting(String key, int fallback) {
        return ConfigProvider.getConfig().getOptionalValue(key, Integer.class).orElse(fallback);
    }
}
