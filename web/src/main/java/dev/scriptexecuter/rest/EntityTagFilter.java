package dev.scriptexecuter.rest;

import dev.scriptexecuter.infrastructure.EntityTags;
import dev.scriptexecuter.infrastructure.Precondition;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import java.util.List;

/**
 * Gives every answer that is one JSON document of ours (a record: a script,
 * a run, a user, a page of them) its strong {@code ETag}, and answers a
 * {@code GET} whose {@code If-None-Match} names that tag with
 * {@code 304 Not Modified} and no body. Writes check {@code If-Match} in
 * their boundary ({@link Preconditions}); the tag is the same function of the
 * same view there and here.
 */
@Provider
public class EntityTagFilter implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        int status = response.getStatus();
        if (!(response.getEntity() instanceof Record view) || status != 200 && status != 201
                || response.getHeaders().containsKey(HttpHeaders.ETAG)) {
            return;
        }
        String tag = EntityTags.of(view);
        response.getHeaders().putSingle(HttpHeaders.ETAG, tag);
        response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "private, no-cache");
        boolean read = HttpMethod.GET.equals(request.getMethod()) || HttpMethod.HEAD.equals(request.getMethod());
        if (read && status == 200 && names(request.getHeaderString(HttpHeaders.IF_NONE_MATCH), tag)) {
            response.setStatus(304);
            response.setEntity(null);
            response.getHeaders().remove(HttpHeaders.CONTENT_TYPE);
        }
    }

    /** Weak comparison, as If-None-Match wants; a header that is not a list of tags names nothing. */
    private static boolean names(String ifNoneMatch, String tag) {
        if (ifNoneMatch == null) {
            return false;
        }
        try {
            List<String> tags = Precondition.tags("If-None-Match", ifNoneMatch, true);
            return tags.contains(Precondition.ANY) || tags.contains(tag);
        } catch (RuntimeException malformed) {
            return false;
        }
    }
}
