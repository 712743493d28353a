/**
 * The ground: what every component needs and none owns. JSON read strictly and written
 * plainly, refusals of requests, preconditions and entity tags, times, the clock, the node,
 * the work directory, the schema migration, the roles.
 *
 * Depends on no component (tested by the architecture tests).
 */
package dev.scriptexecuter.infrastructure;
