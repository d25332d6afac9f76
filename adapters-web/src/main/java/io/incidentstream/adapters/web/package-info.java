/**
 * The incident board: a web page, served from the jar, that shows the stream to people. The page is
 * plain HTML, CSS and JavaScript modules (no build step) on top of the reference client, and speaks
 * only the public protocol ({@code /ws} with snapshot and resume, and the read API), so this adapter
 * needs nothing from the application: it serves files and one small configuration document.
 */
package io.incidentstream.adapters.web;
