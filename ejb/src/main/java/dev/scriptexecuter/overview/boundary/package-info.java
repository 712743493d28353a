/**
 * The overview: what the dashboard's home shows at a glance (runs of the last day by outcome, scripts failing now,
 * open incidents, the next runs due, the nodes seen working).
 *
 * The way in: services (which check the caller's role), the records they take and give, and the events other
 * components observe.
 *
 * May use: incident, execution, script, infrastructure (their boundaries; see docs/ARCHITECTURE.md).
 */
package dev.scriptexecuter.overview.boundary;
