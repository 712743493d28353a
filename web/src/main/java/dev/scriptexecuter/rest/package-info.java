/**
 * What every REST resource shares: the strict JSON reader, one problem+json answer per
 * family of errors, preconditions and entity tags, paging, the application's path.
 *
 * May use the core's boundaries and infrastructure (today it needs only infrastructure),
 * never a component's adapter; the OpenAPI document, which names every resource, is in
 * {@code openapi} above it.
 */
package dev.scriptexecuter.rest;
