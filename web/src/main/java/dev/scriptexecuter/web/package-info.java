/**
 * What every dashboard page shares: messages, formats, lazy tables, the error page and the
 * handling of expired views.
 *
 * Uses the core's boundaries and infrastructure.
 */
package dev.scriptexecuter.web;
