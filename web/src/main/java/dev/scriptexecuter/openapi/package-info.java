/**
 * The API's OpenAPI document, read from every component's REST resources, and the servlet that serves it.
 *
 * On top of the web module: it may use every component's {@code rest} package, the shared {@code rest} package
 * and infrastructure; nothing uses it.
 */
package dev.scriptexecuter.openapi;
