package dev.tandem.sourcemap;

/**
 * A backend of {@code sourcemap.decode} ({@code SourcemapJava::decode}, {@code SourcemapRust::decode}):
 * the {@code mappings} string of a map with that many sources and names, as
 * {@link dev.tandem.sourcemap.DecodedMappings}, or for bad input the error message (a String).
 */
@FunctionalInterface
interface MappingsDecoder {
    Object decode(String mappings, long sourceCount, long nameCount);
}
