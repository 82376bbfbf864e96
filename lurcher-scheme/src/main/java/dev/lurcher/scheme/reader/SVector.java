package dev.lurcher.scheme.reader;

import java.util.List;

/** A vector literal {@code #(...)} in source data. */
public record SVector(List<Object> elements) {}
