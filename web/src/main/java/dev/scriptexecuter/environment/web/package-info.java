/**
 * Virtualenvs built from requirements.txt, shared by the scripts that ask for the same packages, and cleaned up
 * when unused.
 *
 * The dashboard's beans for this component's pages: they call its boundary and never hold business rules.
 *
 * Part of the web module: it is to reach the core through boundaries only (docs/ARCHITECTURE.md says where
 * it does not yet).
 */
package dev.scriptexecuter.environment.web;
