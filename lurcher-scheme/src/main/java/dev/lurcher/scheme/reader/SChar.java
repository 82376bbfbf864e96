package dev.lurcher.scheme.reader;

/** A character in source data, as a Unicode code point. */
public record SChar(int codePoint) {}
