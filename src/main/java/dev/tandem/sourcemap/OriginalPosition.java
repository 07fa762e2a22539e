package dev.tandem.sourcemap;

/**
 * Where a generated position comes from, as Mozilla's {@code originalPositionFor} reports it.
 *
 * @param source the source's name, with the map's sourceRoot in front (null where the map's sources list has null)
 * @param line   1-based
 * @param column 0-based
 * @param name   the mapping's name, or null when it has none
 */
public record OriginalPosition(String source, int line, int column, String name) {}
