/**
 * The reader: R7RS lexical syntax to source data.
 *
 * <p>Source data are ordinary Java objects ({@link dev.lurcher.scheme.reader.Pair}, {@link
 * dev.lurcher.scheme.reader.Sym}, {@code Long}, …): they are the compiler's input, never values of
 * a running program. Quoted constants are copied to the Lurcher heap when a program is loaded.
 */
package dev.lurcher.scheme.reader;
