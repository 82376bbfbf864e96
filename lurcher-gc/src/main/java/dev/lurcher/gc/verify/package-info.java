/**
 * The heap verifier: checks headers, sizes and every reachable reference after a collection (option
 * {@code verify=true}, always on in the differential harness).
 *
 * <p>May use {@code api}, {@code memory} and the {@code collectors} root set.
 */
package dev.lurcher.gc.verify;
