package dev.tandem.sourcemap;

import dev.tandem.route.RoutePolicy;
import dev.tandem.route.Router;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A parsed source map (Source Map v3, ECMA-426), regular or index, for Java programs: the Java
 * API of what {@code tandem.sourcemap} gives Python, with the same checks and semantics
 * (Mozilla's source-map: 1-based lines, 0-based columns, lookups that stay on their line).
 *
 * <pre>{@code
 * SourceMap map = SourceMap.parse(Path.of("app.min.js.map"));
 * map.originalPositionFor(1, 2048, Bias.GREATEST_LOWER_BOUND)     // Optional[OriginalPosition[...]]
 *    .ifPresent(p -> System.out.println(p.source() + ":" + p.line() + ":" + p.column()));
 * map.generatedPositionsFor("src/app.ts", 10);                     // every generated position of line 10
 * }</pre>
 *
 * <p>The JSON is read with jackson-core; the mappings are decoded by the backend of
 * {@code sourcemap.decode} that the {@link Router} picks under {@code auto} (java, unless
 * {@code tandem calibrate} measured rust faster; {@link #parse(String, RoutePolicy)} takes
 * another policy): the same kernels Python scripts use. Immutable and safe to share between threads.
 */
public final class SourceMap {
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final String DECODE = "sourcemap.decode";
    private static final String KERNEL_PREFIX = DECODE + ": ";

    private final String file;
    private final String sourceRoot;
    private final List<String> sources;
    private final List<String> sourcesContent;
    private final List<String> names;
    private final List<Integer> ignoreList;
    private final String debugId;
    /** The decoded mappings of a regular map; null for an index map. */
    private final DecodedMappings mappings;
    /** The sections of an index map, in order; empty for a regular map. */
    private final List<Section> sections;
    /** The map's {@code scopes} field as JSON gave it (null when absent), decoded on first use. */
    private final Object scopesField;
    private volatile Scopes scopes;

    /** A section of an index map: its 0-based generated offset and its map. */
    private record Section(int line, int column, SourceMap map) {}

    private SourceMap(String file, String sourceRoot, List<String> sources, List<String> sourcesContent,
            List<String> names, List<Integer> ignoreList, String debugId, DecodedMappings mappings,
            List<Section> sections, Object scopesField) {
        this.file = file;
        this.sourceRoot = sourceRoot;
        this.sources = sources;
        this.sourcesContent = sourcesContent;
        this.names = names;
        this.ignoreList = ignoreList;
        this.debugId = debugId;
        this.mappings = mappings;
        this.sections = sections;
        this.scopesField = scopesField;
    }

    /** Parses a source map from its JSON text (an XSSI guard line {@code )]}'} in front is skipped). */
    public static SourceMap parse(String json) {
        return parseText(json, AutoDecoder.DECODER);
    }

    /**
     * {@link #parse(String)} with the mappings decoded by the backend {@code policy} routes
     * {@code sourcemap.decode} to; {@link dev.tandem.route.BackendUnavailableException} when it
     * names one that cannot run here (python, which runs in {@code tandem.sourcemap}, never can).
     */
    public static SourceMap parse(String json, RoutePolicy policy) {
        return parseText(json, decoder(policy));
    }

    /**
     * The routed backend of {@code sourcemap.decode}, whose handle this API holds by the methods
     * kernels.json declares for it ({@link DecodedMappings}), as Python holds it.
     */
    private static Router.HandleKernel<DecodedMappings> decoder(RoutePolicy policy) {
        Router router = AutoDecoder.ROUTER;
        return router.bindHandle(router.route(DECODE, policy), DecodedMappings.class);
    }

    /** The router of this API, and its decoder under auto, made on first use. */
    private static final class AutoDecoder {
        static final Router ROUTER = Router.builtin("SourceMap runs on the host; tandem.sourcemap runs the python backend");
        static final Router.HandleKernel<DecodedMappings> DECODER = decoder(RoutePolicy.AUTO);
    }

    /** For a backend's {@code parse} host method ({@link SourcemapJava#parse}): {@link #parse(String)} with its own decoder. */
    static SourceMap parseWith(String json, MappingsDecoder decoder) {
        return parseText(json, Router.HandleKernel.of(DecodedMappings.class,
                arguments -> decoder.decode((String) arguments[0], (long) arguments[1], (long) arguments[2])));
    }

    private static SourceMap parseText(String json, Router.HandleKernel<DecodedMappings> decoder) {
        String text = json;
        if (text.startsWith(")]}")) { // the guard line goes, up to and with its line break
            int lineBreak = text.indexOf('\n');
            text = lineBreak < 0 ? "" : text.substring(lineBreak + 1);
        }
        return fromJson(JsonTree.parse(text), "", decoder);
    }

    /** Parses a source map from its JSON text in UTF-8. */
    public static SourceMap parse(byte[] json) {
        if (json.length >= 3 && json[0] == ')' && json[1] == ']' && json[2] == '}') {
            return parse(new String(json, java.nio.charset.StandardCharsets.UTF_8));
        }
        return fromJson(JsonTree.parse(json), "", AutoDecoder.DECODER);
    }

    /** Parses the source map file at {@code path}. */
    public static SourceMap parse(Path path) throws IOException {
        return parse(Files.readAllBytes(path));
    }

    public Optional<String> file() {
        return Optional.ofNullable(file);
    }

    /** The sources, with the sourceRoot in front (an entry may be null, as the format allows). */
    public List<String> sources() {
        return sources;
    }

    /** The original texts, by source index; shorter than {@link #sources()} or null entries when the map lacks them. */
    public List<String> sourcesContent() {
        return sourcesContent;
    }

    public List<String> names() {
        return names;
    }

    /** The indices into {@link #sources()} of the sources a debugger should skip (ignoreList). */
    public List<Integer> ignoreList() {
        return ignoreList;
    }

    /** The debugId when it is a UUID. */
    public Optional<String> debugId() {
        return Optional.ofNullable(debugId);
    }

    /** Whether this is an index map (sections of maps) rather than a regular one. */
    public boolean isIndexMap() {
        return mappings == null;
    }

    /** The number of mappings (of every section, for an index map). */
    public long mappingCount() {
        return mappings != null ? mappings.count() : sections.stream().mapToLong(s -> s.map.mappingCount()).sum();
    }

    /**
     * Where generated ({@code line}, 1-based; {@code column}, 0-based) comes from; empty when
     * nothing maps there or the mapping has no source.
     *
     * @throws IllegalArgumentException when {@code line < 1} or {@code column < 0} (Mozilla's checks)
     */
    public Optional<OriginalPosition> originalPositionFor(int line, int column, Bias bias) {
        checkPosition(line, column);
        if (mappings == null) {
            return inSection(line, column, (map, at, from) -> map.originalPositionFor(at, from, bias));
        }
        long index = mappings.lookup(line - 1, column, bias.code());
        if (index < 0) {
            return Optional.empty();
        }
        int[] row = mappings.mapping(index);
        if (row[2] < 0) {
            return Optional.empty();
        }
        return Optional.of(new OriginalPosition(sources.get(row[2]), row[3] + 1, row[4],
                row[5] >= 0 ? names.get(row[5]) : null));
    }

    /**
     * The original name of the function around generated ({@code line}, 1-based; {@code column},
     * 0-based UTF-16 units) from the map's ECMA-426 {@code scopes} (for an index map, the scopes of
     * the section there): empty when no scope names a function there or it is anonymous. This is
     * the first step of Python's {@code original_function_name}; the second, the scan of the
     * generated code, is Python's only (docs/sourcemaps.md).
     *
     * @throws SourceMapException when the scopes field cannot be read (the message names the offset)
     * @throws IllegalArgumentException when {@code line < 1} or {@code column < 0}
     */
    public Optional<String> originalFunctionName(int line, int column) {
        checkPosition(line, column);
        if (mappings == null) {
            return inSection(line, column, SourceMap::originalFunctionName);
        }
        Scopes decoded = scopes;
        if (decoded == null) {
            decoded = Scopes.of(scopesField, names);
            scopes = decoded;
        }
        String name = decoded.functionAt(line - 1, column);
        return name == null || name.isEmpty() ? Optional.empty() : Optional.of(name);
    }

    /**
     * {@link #originalPositionFor} of many generated positions at once, as ints, for embedders
     * that look up positions by the million (Python's {@code SourceMap.lookup_packed}): query i
     * is {@code lines[i]}, {@code columns[i]}, both <b>0-based</b>; its answer is the 4 ints at
     * {@code 4 * i}: the index into {@link #sources()}, the original line and column (0-based)
     * and the index into {@link #names()}, -1 where there is none, and four -1s where nothing
     * maps or the mapping has no source. No object per query, one call into the backend.
     *
     * @throws IllegalArgumentException when the arrays differ in length or hold a negative value
     */
    public int[] lookupPacked(int[] lines, int[] columns, Bias bias) {
        if (lines.length != columns.length) {
            throw new IllegalArgumentException(lines.length + " lines but " + columns.length + " columns");
        }
        for (int i = 0; i < lines.length; i++) {
            if (lines[i] < 0) {
                throw new IllegalArgumentException("Line numbers must be >= 0 (lookupPacked takes 0-based lines)");
            }
            if (columns[i] < 0) {
                throw new IllegalArgumentException("Column numbers must be >= 0");
            }
        }
        if (mappings != null) {
            return mappings.lookup_packed(lines, columns, lines.length, bias.code(), null);
        }
        // An index map: one section lookup per query; indices into the sections' concatenated
        // sources and names, the first entry with the value (as Python's IndexedSourceMap).
        int[] out = new int[4 * lines.length];
        for (int i = 0; i < lines.length; i++) {
            Optional<OriginalPosition> found = lines[i] == Integer.MAX_VALUE ? Optional.empty()
                    : originalPositionFor(lines[i] + 1, columns[i], bias);
            int at = 4 * i;
            out[at] = found.map(p -> sources.indexOf(p.source())).orElse(-1);
            out[at + 1] = found.map(p -> p.line() - 1).orElse(-1);
            out[at + 2] = found.map(OriginalPosition::column).orElse(-1);
            out[at + 3] = found.filter(p -> p.name() != null).map(p -> names.indexOf(p.name())).orElse(-1);
        }
        return out;
    }

    /** Every generated position of original {@code source}, {@code line} (1-based), as Mozilla's allGeneratedPositionsFor without a column. */
    public List<GeneratedPosition> generatedPositionsFor(String source, int line) {
        return generatedPositions(source, line, 0, false);
    }

    /** Every generated position of original {@code source}, {@code line} (1-based), {@code column} (0-based). */
    public List<GeneratedPosition> generatedPositionsFor(String source, int line, int column) {
        return generatedPositions(source, line, column, true);
    }

    /** The original text of {@code source} (a name as in {@link #sources()} or without the sourceRoot). */
    public Optional<String> sourceContent(String source) {
        if (mappings == null) {
            return sections.stream().map(s -> s.map.sourceContent(source)).flatMap(Optional::stream).findFirst();
        }
        int index = sourceIndex(source);
        return index >= 0 && index < sourcesContent.size() ? Optional.ofNullable(sourcesContent.get(index))
                : Optional.empty();
    }

    private List<GeneratedPosition> generatedPositions(String source, int line, int column, boolean hasColumn) {
        checkPosition(line, column);
        if (mappings == null) {
            return indexGeneratedPositions(source, line, column, hasColumn);
        }
        int index = sourceIndex(source);
        if (index < 0) {
            return List.of();
        }
        int[] flat = mappings.generated_for(index, line - 1, column, hasColumn);
        List<GeneratedPosition> out = new ArrayList<>(flat.length / 3);
        for (int i = 0; i < flat.length; i += 3) {
            out.add(new GeneratedPosition(flat[i] + 1, flat[i + 1], flat[i + 2]));
        }
        return out;
    }

    /** As Mozilla (and python/tandem/sourcemap/__init__.py's IndexedSourceMap): from the first section that has the source. */
    private List<GeneratedPosition> indexGeneratedPositions(String source, int line, int column, boolean hasColumn) {
        for (int s = 0; s < sections.size(); s++) {
            Section section = sections.get(s);
            if (section.map.sourceIndex(source) < 0) {
                continue;
            }
            Section following = s + 1 < sections.size() ? sections.get(s + 1) : null;
            List<GeneratedPosition> shifted = new ArrayList<>();
            for (GeneratedPosition p : section.map.generatedPositions(source, line, column, hasColumn)) {
                int generatedColumn = p.column();
                int lastColumn = p.lastColumn();
                if (p.line() == 1) {
                    generatedColumn += section.column;
                    lastColumn = lastColumn < 0 ? -1 : lastColumn + section.column;
                }
                // Mozilla compares the section-relative line with the next section's absolute one.
                if (lastColumn < 0 && following != null && p.line() == following.line + 1) {
                    lastColumn = following.column - 1;
                }
                shifted.add(new GeneratedPosition(p.line() + section.line, generatedColumn, lastColumn));
            }
            return shifted;
        }
        return List.of();
    }

    /** A question about one generated position, asked of a map in its own coordinates. */
    private interface PositionQuery<T> {
        Optional<T> ask(SourceMap map, int line, int column);
    }

    /**
     * For an index map: {@code query} of the section at generated ({@code line}, 1-based;
     * {@code column}), in the section's coordinates; empty when no section starts before it.
     */
    private <T> Optional<T> inSection(int line, int column, PositionQuery<T> query) {
        Section section = sectionAt(line - 1, column);
        if (section == null) {
            return Optional.empty();
        }
        int shift = line - 1 == section.line ? section.column : 0;
        return query.ask(section.map, line - section.line, column - shift);
    }

    private Section sectionAt(int line, int column) {
        Section found = null;
        for (Section section : sections) {
            if (section.line > line || (section.line == line && section.column > column)) {
                break;
            }
            found = section;
        }
        return found;
    }

    /** As Mozilla finds a source: the name as {@link #sources()} gives it, or relative to the sourceRoot. */
    private int sourceIndex(String source) {
        int index = sources.indexOf(source);
        if (index >= 0 || source == null) {
            return index;
        }
        index = sources.indexOf(resolve("", source));
        return index >= 0 ? index : sources.indexOf(resolve(sourceRoot, source));
    }

    private static void checkPosition(int line, int column) {
        if (line < 1) {
            throw new IllegalArgumentException("Line numbers must be >= 1");
        }
        if (column < 0) {
            throw new IllegalArgumentException("Column numbers must be >= 0");
        }
    }

    // --- reading: the checks and messages of python/tandem/sourcemap/__init__.py's _from_json ---------

    private static SourceMap fromJson(Object json, String where, Router.HandleKernel<DecodedMappings> decoder) {
        if (!(json instanceof Map<?, ?> data)) {
            throw new SourceMapException(where + "the source map is not a JSON object");
        }
        Object version = data.get("version");
        if (!(version instanceof Long v) || v != 3) {
            String found = data.containsKey("version") ? JsonTree.show(version) : "missing";
            throw new SourceMapException(where + "version is " + found + "; only version 3 is supported");
        }
        String file = optionalString(data, "file", where);
        if (data.containsKey("sections")) {
            if (!where.isEmpty()) {
                throw new SourceMapException(where + "an index map cannot be nested in a section");
            }
            if (data.containsKey("mappings")) {
                throw new SourceMapException("an index map has sections, not mappings");
            }
            List<Section> sections = sections(data.get("sections"), decoder);
            List<String> sources = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (Section section : sections) {
                sources.addAll(section.map.sources);
                names.addAll(section.map.names);
            }
            return new SourceMap(file, "", unmodifiable(sources), List.of(), unmodifiable(names), List.of(),
                    debugId(data), null, List.copyOf(sections), null);
        }
        List<String> sources = strings(data, "sources", where, true, true);
        List<String> contents = strings(data, "sourcesContent", where, true, false);
        List<String> names = strings(data, "names", where, false, false);
        String root = optionalString(data, "sourceRoot", where);
        root = root == null ? "" : root;
        Object mappings = data.get("mappings");
        if (!(mappings instanceof String text)) {
            throw new SourceMapException(where + "mappings is " + (mappings == null ? "missing" : "not a string"));
        }
        String ignoreKey = data.containsKey("ignoreList") ? "ignoreList" : "x_google_ignoreList";
        List<Integer> ignoreList = ignoreList(data, ignoreKey, where, sources.size());
        DecodedMappings decoded = decoder.call(message -> new SourceMapException(where
                + (message.startsWith(KERNEL_PREFIX) ? message.substring(KERNEL_PREFIX.length()) : message)),
                text, (long) sources.size(), (long) names.size());
        List<String> resolved = new ArrayList<>(sources.size());
        for (String source : sources) {
            resolved.add(resolve(root, source));
        }
        return new SourceMap(file, root, unmodifiable(resolved), unmodifiable(contents), unmodifiable(names),
                List.copyOf(ignoreList), debugId(data), decoded, List.of(), data.get("scopes"));
    }

    private static List<Section> sections(Object value, Router.HandleKernel<DecodedMappings> decoder) {
        if (!(value instanceof List<?> list)) {
            throw new SourceMapException("sections is not a list");
        }
        List<Section> parsed = new ArrayList<>();
        long[] previous = null;
        for (int position = 0; position < list.size(); position++) {
            String where = "sections[" + position + "]";
            Object section = list.get(position);
            Object offset = section instanceof Map<?, ?> m ? m.get("offset") : null;
            if (!(offset instanceof Map<?, ?> at)) {
                throw new SourceMapException(where + ".offset is missing or not an object");
            }
            long[] here = new long[2];
            String[] keys = {"line", "column"};
            for (int k = 0; k < 2; k++) {
                if (!(at.get(keys[k]) instanceof Long n) || n < 0 || n > Integer.MAX_VALUE) {
                    throw new SourceMapException(where + ".offset." + keys[k] + " is not a non-negative integer");
                }
                here[k] = n;
            }
            if (previous != null && (here[0] < previous[0] || (here[0] == previous[0] && here[1] <= previous[1]))) {
                throw new SourceMapException(where + ".offset (" + here[0] + ", " + here[1]
                        + ") does not come after the previous section's (" + previous[0] + ", " + previous[1] + ")");
            }
            previous = here;
            Map<?, ?> sectionMap = (Map<?, ?>) section;
            if (!sectionMap.containsKey("map")) {
                throw new SourceMapException(where + ".map is missing");
            }
            parsed.add(new Section((int) here[0], (int) here[1], fromJson(sectionMap.get("map"), where + ".map: ", decoder)));
        }
        return parsed;
    }

    private static String optionalString(Map<?, ?> data, String key, String where) {
        Object value = data.get(key);
        if (value != null && !(value instanceof String)) {
            throw new SourceMapException(where + key + " is not a str");
        }
        return (String) value;
    }

    /** A list of strings (and nulls when {@code nulls}); empty when absent and not {@code required}. */
    private static List<String> strings(Map<?, ?> data, String key, String where, boolean nulls, boolean required) {
        Object value = data.get(key);
        if (value == null) {
            if (required) {
                throw new SourceMapException(where + key + " is missing");
            }
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new SourceMapException(where + key + " is not a list");
        }
        List<String> out = new ArrayList<>(list.size());
        for (int position = 0; position < list.size(); position++) {
            Object item = list.get(position);
            if (!(item instanceof String) && !(nulls && item == null)) {
                throw new SourceMapException(where + key + "[" + position + "] is " + JsonTree.show(item)
                        + ", which is not " + (nulls ? "a string or null" : "a string"));
            }
            out.add((String) item);
        }
        return out;
    }

    private static List<Integer> ignoreList(Map<?, ?> data, String key, String where, int sourceCount) {
        Object value = data.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new SourceMapException(where + key + " is not a list");
        }
        List<Integer> out = new ArrayList<>(list.size());
        for (int position = 0; position < list.size(); position++) {
            Object item = list.get(position);
            if (!JsonTree.isInteger(item)) {
                throw new SourceMapException(where + key + "[" + position + "] is " + JsonTree.show(item)
                        + ", which is not an integer");
            }
            if (!(item instanceof Long index) || index < 0 || index >= sourceCount) {
                throw new SourceMapException(where + key + " refers to source " + item + ", but the map has "
                        + sourceCount + " sources");
            }
            out.add((int) (long) index);
        }
        return out;
    }

    private static String debugId(Map<?, ?> data) {
        return data.get("debugId") instanceof String id && UUID.matcher(id).matches() ? id : null;
    }

    /** A source's URL as Mozilla's consumer gives it: joined to sourceRoot, normalised ({@link SourceUrls}). */
    private static String resolve(String root, String source) {
        return source == null ? null : SourceUrls.computeSourceUrl(root, source, null);
    }

    /** An unmodifiable view that allows null entries (List.copyOf does not). */
    private static List<String> unmodifiable(List<String> list) {
        return java.util.Collections.unmodifiableList(list);
    }

    /**
     * For the kernels' {@code parse} ({@link SourcemapJava#parse}), which tandem.sourcemap
     * (Python) calls: a regular map's fields in one crossing: file, sourceRoot; the sources (resolved) and names packed as one String and the code-point length of each
     * (-1 for null), since Python converts one String far faster than hundreds of array
     * elements; the number of sources; sourcesContent (String[], which Python reads lazily);
     * ignoreList (int[]), debugId and the decoded mappings. Null for an index map, which Python
     * reads itself.
     */
    Object[] packedFields() {
        if (mappings == null) {
            return null;
        }
        StringBuilder packed = new StringBuilder();
        int[] lengths = new int[sources.size() + names.size()];
        int at = 0;
        for (List<String> strings : List.of(sources, names)) {
            for (String s : strings) {
                lengths[at++] = s == null ? -1 : s.codePointCount(0, s.length());
                packed.append(s == null ? "" : s);
            }
        }
        return new Object[] {file, sourceRoot, packed.toString(), lengths, sources.size(),
            sourcesContent.toArray(String[]::new), ignoreList.stream().mapToInt(Integer::intValue).toArray(), debugId,
            mappings};
    }

    @Override
    public String toString() {
        return mappings == null ? "<SourceMap: index map, " + sections.size() + " sections>"
                : "<SourceMap: " + mappings.count() + " mappings, " + sources.size() + " sources>";
    }
}
