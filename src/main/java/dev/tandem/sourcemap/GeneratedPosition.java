package dev.tandem.sourcemap;

/**
 * A generated position of an original one, as Mozilla's {@code allGeneratedPositionsFor}.
 *
 * @param line       1-based
 * @param column     0-based
 * @param lastColumn the last column the mapping covers, or -1 when it runs to the end of the line
 */
public record GeneratedPosition(int line, int column, int lastColumn) {}
