/**
 * Who may publish and subscribe: publisher API keys kept as SHA-256 hashes
 * ({@link io.incidentstream.adapters.auth.HashedPublisherKeys}) and subscriber JWTs checked with
 * nimbus-jose-jwt ({@link io.incidentstream.adapters.auth.JwtTokenVerifier}), behind the
 * application's {@code PublisherKeys} and {@code TokenVerifier} ports.
 *
 * <p>No key, secret or token is ever logged or printed; refusals carry a short reason
 * ({@code token expired}, {@code bad signature}, {@code wrong audience}...) and nothing of the token.
 */
package io.incidentstream.adapters.auth;
