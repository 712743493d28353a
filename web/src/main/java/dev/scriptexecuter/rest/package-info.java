/**
 * What every REST resource shares: the strict JSON reader, one problem+json answer per
 * family of errors, preconditions and entity tags, paging, the OpenAPI document.
 *
 * Uses the core's boundaries and infrastructure.
 */
package dev.scriptexecuter.rest;
