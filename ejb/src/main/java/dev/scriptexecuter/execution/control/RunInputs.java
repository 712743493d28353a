package dev.scriptexecuter.execution.control;

import dev.scriptexecuter.infrastructure.RequestRejected;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;

/** The one limit on what a run may be given, however it is asked for (the API, a trigger URL, a chain). */
@ApplicationScoped
public class RunInputs {

    /** The largest input a run may be given, in bytes of JSON. */
    @Inject
    @ConfigProperty(name = "ses.run.max-input-bytes", defaultValue = "1048576")
    long maxInputBytes;

    /**
     * The input's text (null for none); larger than {@code ses.run.max-input-bytes} is refused (413, naming
     * {@code field}).
     */
    public String text(JsonObject input, String field) {
        String json = input == null ? null : input.toString();
        long bytes = json == null ? 0 : json.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxInputBytes) {
            throw RequestRejected.tooLarge("\"" + field + "\" is " + bytes + " bytes of JSON; a run's input may have "
                    + maxInputBytes + " (setting ses.run.max-input-bytes).").with("field", field)
                    .with("limit", maxInputBytes);
        }
        return json;
    }

    public long maxBytes() {
        return maxInputBytes;
    }
}
