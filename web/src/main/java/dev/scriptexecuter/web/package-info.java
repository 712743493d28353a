/**
 * What every dashboard page shares: messages, formats, lazy tables, the error page and the
 * handling of expired views, who is logged in and what the pages may offer them, JSON data as
 * people read and edit it.
 *
 * May use the core's boundaries and infrastructure, never a component's adapter.
 */
package dev.scriptexecuter.web;
