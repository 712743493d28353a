package dev.scriptexecuter.execution.boundary;

import dev.scriptexecuter.execution.entity.RunHook;

import java.time.Instant;

/**
 * A trigger URL as listed: never its token. {@code token} is set only in the answer that made or rotated
 * it (the one time it is shown); {@code url} is {@code /hooks/{token}} on the address the request came to.
 */
public record HookView(String id, String scriptId, String name, int perMinute, Instant createdAt, String createdBy,
                       Instant rotatedAt, Instant calledAt, String token, String url) {

    static HookView of(RunHook hook) {
        return new HookView(hook.id(), hook.script().id(), hook.name(), hook.perMinute(), hook.createdAt(),
                hook.createdBy(), hook.rotatedAt(), hook.calledAt(), null, null);
    }

    HookView withToken(String text) {
        return new HookView(id, scriptId, name, perMinute, createdAt, createdBy, rotatedAt, calledAt, text, null);
    }

    /** With the address to call, for the token this view carries. */
    public HookView withUrl(String address) {
        return new HookView(id, scriptId, name, perMinute, createdAt, createdBy, rotatedAt, calledAt, token, address);
    }
}
