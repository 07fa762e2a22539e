"""Source maps (Source Map v3, ECMA-426): parse, look up, iterate, show the original source.

Two APIs over one parsed map:

- python-sourcemap's: ``loads(text)``, ``discover(js_text)``, ``index.lookup(line, column)``
  giving a ``Token`` (dst_line, dst_col, src, src_line, src_col, name; all 0-based),
  iteration over every mapping in generated order, and ``raw`` (the map's JSON as Python
  values, parsed on first use when the host read the map); inside Tandem ``import sourcemap``
  gives this module when python-sourcemap is not installed;
- Mozilla source-map's: ``original_position_for(line, column, bias=...)`` (and
  ``original_positions_for(positions, bias=...)`` for many at once, in one call),
  ``generated_position_for(source, line, column, bias=...)`` and
  ``generated_positions_for(source, line, column=None)``, with 1-based lines, 0-based
  columns and None where nothing maps; ``loads(text, source_map_url)`` resolves the sources
  against the map's own URL, as Mozilla's consumer does when given one;
- a bulk form for callers that want numbers, not objects: ``lookup_packed(lines, columns,
  bias=...)`` takes two equally long lists of 0-based generated lines and columns and gives
  one flat list of 4 ints per query: source index, original line, original column, name
  index, all 0-based, -1 where the map has none (all four -1 when nothing maps). It is
  ``original_positions_for`` without an object per position: the backend (the kernel's
  ``lookup_packed``) writes the 4 ints per query itself, on the Java and Rust backends
  straight into the list returned, with no Python loop per query.

The JSON and its fields are read and checked here, once, in Python, on the python backend of
``sourcemap.decode``. On the Java and Rust backends the host reads the whole map (jackson-core
for the JSON, then the backend decodes the mappings) and hands over its fields in one
crossing; when it finds anything wrong, or the map is an index map, the text is read here
instead, so every error has this module's message on every backend. The mappings, the part
that is large and hot, stay on the far side (Java or Rust when routed there) as compact
columns; a lookup crosses with two ints, and a batch of lookups crosses once, as two int
lists out and one back.
Its reference is ``tandem.sourcemap._mappings``, which also documents the semantics.
"""

import json
import re
from bisect import bisect_left
from collections import namedtuple
from itertools import repeat
from collections.abc import Sequence

from tandem.sourcemap import _function_names, _scopes
from tandem.sourcemap import _mappings as _reference
from tandem.sourcemap import _urls
from tandem._route import INT64, KernelError, _int_list, handle, java_ints, kernel

GREATEST_LOWER_BOUND = _reference.GREATEST_LOWER_BOUND
LEAST_UPPER_BOUND = _reference.LEAST_UPPER_BOUND

__all__ = ["GREATEST_LOWER_BOUND", "LEAST_UPPER_BOUND", "SourceMapError", "SourceMapDecodeError", "Token",
           "SourceMap", "SourceMapIndex", "IndexedSourceMap", "loads", "load", "discover"]


class SourceMapError(KernelError):
    """A source map that cannot be read; the message says what and where."""


#: python-sourcemap's name for the same error.
SourceMapDecodeError = SourceMapError

OriginalPosition = namedtuple("OriginalPosition", "source line column name")
GeneratedPosition = namedtuple("GeneratedPosition", "line column last_column")
SourceContext = namedtuple("SourceContext", "pre_lines line post_lines")


class Token(namedtuple("Token", "dst_line dst_col src src_line src_col name", defaults=(0, 0, "", 0, 0, None))):
    """One mapping as python-sourcemap gives it (all positions 0-based).

    A tuple underneath, so that a map's Tokens are made by builtins alone (``tuple.__new__``
    over ``zip``, see ``_Table``): no Python code runs per Token, which is what a cold
    GraalPy pays most for. It equals only another Token, as python-sourcemap's."""

    __slots__ = ()

    def __eq__(self, other):
        return isinstance(other, Token) and tuple.__eq__(self, other)

    def __ne__(self, other):
        return not self == other

    __hash__ = tuple.__hash__

    def __repr__(self):
        return (f"<Token: src={self.src!r} dst_line={self.dst_line} dst_col={self.dst_col} "
                f"src_line={self.src_line} src_col={self.src_col} name={self.name!r}>")


# --- the kernel ------------------------------------------------------------------------------

class _HostMappings:
    """A Java or Rust ``Mappings`` object seen through the reference's interface (Python values).

    The host reports bad input as a value (its message, a str), since the script cannot catch
    a Java exception under sandboxed host access; the checks the reference makes on the
    queries are made here, before crossing, so that the messages are the reference's.
    """

    __slots__ = ("_host",)

    def __new__(cls, host):
        if isinstance(host, str):
            raise KernelError(host)
        return super().__new__(cls)

    def __init__(self, host):
        self._host = handle("sourcemap.decode", host)  # only the methods kernels.json declares

    def count(self):
        return int(self._host.count())

    def flat(self):
        return _int_list(self._host.flat())

    def mapping(self, index):
        _reference.check_index(index, self.count())
        return list(self._host.mapping(int(index)))  # int(): a bool is no number to the host

    def lookup(self, line, column, bias):
        _reference.check_bias(bias)
        _reference.check_position(line, column)
        if not (0 <= line <= _reference.INT32_MAX and 0 <= column <= _reference.INT32_MAX):
            (line,), (column,) = _reference.int32_queries([line], [column], bias)  # as the host takes them
        return int(self._host.lookup(int(line), int(column), bias))

    def lookup_many(self, lines, columns, bias):
        java_lines, java_columns = self._host_queries(lines, columns, bias)
        return _int_list(self._host.lookup_many(java_lines, java_columns, len(lines), bias))

    def lookup_packed(self, lines, columns, bias):
        java_lines, java_columns = self._host_queries(lines, columns, bias)
        if not lines:
            return []
        # The host writes the 4 ints per query straight into the Java int[] behind a fresh
        # Python list: no copy. Without such storage it returns a new int[], copied once.
        out = [0] * (4 * len(lines))
        storage = java_ints(out)
        if storage is out:
            return _int_list(self._host.lookup_packed(java_lines, java_columns, len(lines), bias, None))
        self._host.lookup_packed(java_lines, java_columns, len(lines), bias, storage)
        return out

    @staticmethod
    def _host_queries(lines, columns, bias):
        """The checked queries as the host's int[] arguments (see ``lookup_many`` in the reference)."""
        _reference.check_bias(bias)
        _reference.check_lengths(lines, columns)
        java_lines, java_columns = java_ints(lines), java_ints(columns)
        if java_lines is lines or java_columns is columns:
            # Not both Java int[]s (which hold only 32-bit ints, the host's range): narrow first.
            lines, columns = _reference.int32_queries(lines, columns, bias)
            java_lines, java_columns = java_ints(lines), java_ints(columns)
        return java_lines, java_columns

    def generated_for(self, source, line, column, has_column):
        if not (0 <= line <= _reference.INT32_MAX and 0 <= column <= _reference.INT32_MAX):
            return []  # past every map's 32-bit lines and columns, as the reference finds
        return _int_list(self._host.generated_for(source, int(line), int(column), has_column))

    def line_starts(self):
        return _int_list(self._host.line_starts())

    def __eq__(self, other):
        return callable(getattr(other, "flat", None)) and self.flat() == other.flat()

    def __repr__(self):
        return f"<Mappings: {self.count()} mappings>"


def _handle_cases():
    """Maps and calls of each handle method for the differential harness: hits and misses
    under both biases, a source without mappings, and arguments every backend must refuse."""
    glb, lub = GREATEST_LOWER_BOUND, LEAST_UPPER_BOUND
    maps = [("AAAA,SAASA,IAAI;AACA,EAAE;", 1, 1), ("AAAA,SAASA;AACA,EAAE;;ACAA", 2, 1), ("", 0, 0)]
    lines, columns = [0, 0, 1, 1, 3, 2**31], [0, 5, 0, 9, 0, 0]
    calls = {
        "count": [()],
        "flat": [()],
        "mapping": [(0,), (3,), (-1,), (99,)],
        "lookup": [(line, column, bias) for line, column in zip(lines, columns) for bias in (glb, lub)]
                  + [(-1, 0, glb), (0, 0, 3)],
        "lookup_many": [(lines, columns, glb), (lines, columns, lub), ([0], [], glb), ([], [], lub)],
        "lookup_packed": [(lines, columns, glb), (lines, columns, lub), ([0], [0], 0), ([], [], glb)],
        "generated_for": [(0, 0, 0, False), (0, 1, 0, True), (1, 1, 0, True), (1, 2, 0, False), (5, 0, 0, True)],
        "line_starts": [()],
    }
    return maps, calls


@kernel("sourcemap.decode", accepts=(str, INT64, INT64), result=_HostMappings,
        sample=lambda: ("AAAA,SAASA,IAAI;AACA,EAAE;" * 200, 1, 1), handle_cases=_handle_cases)
def decode(mappings, source_count, name_count):
    """The ``mappings`` string of a map with that many sources and names, decoded (see
    ``tandem.sourcemap._mappings``)."""
    return _reference.decode(mappings, source_count, name_count)


# --- reading the JSON ------------------------------------------------------------------------

_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\Z")
_LINE_BREAK = _function_names.LINE_BREAK


def loads(text, source_map_url=None):
    """Parses a source map (regular or index) from its JSON text (str, or UTF-8 bytes). With
    ``source_map_url`` (where the map was found) the sources are resolved against it."""
    if isinstance(text, (bytes, bytearray)):
        text = bytes(text).decode("utf-8")
    elif not isinstance(text, str):
        raise TypeError(f"the source map must be str or bytes, not {type(text).__name__}")
    if source_map_url is not None and not isinstance(source_map_url, str):
        raise TypeError(f"source_map_url must be str, not {type(source_map_url).__name__}")
    host = decode.selected_host_object() if not source_map_url else None  # the host resolves without a map URL
    fields = host.parse(text) if host is not None else None
    if fields is not None:  # read on the host; else (bad input, index maps) read here, with our messages
        return _from_host(*fields, raw=text)
    return _from_json(_json(text), "", source_map_url)


def _json(text):
    """The map's JSON text as Python values."""
    if text.startswith(")]}"):  # an XSSI guard line, which the format allows
        text = text.partition("\n")[2]
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise SourceMapError(f"the source map is not valid JSON: {error.msg} "
                             f"at line {error.lineno}, column {error.colno}") from None


def _from_host(file, source_root, packed, lengths, source_count, sources_content, ignore_list, debug_id, mappings,
               raw):
    """A regular map that a host backend has read (JSON included) and checked as ``_from_json``
    does; its fields as ``SourceMap.python_fields`` (Java) hands them over."""
    strings, at = [], 0
    for length in _int_list(lengths):
        strings.append(None if length < 0 else packed[at:at + length])
        at += max(length, 0)
    # A Java null arrives as GraalPy's foreign None: it passes `is None`, but json.dumps refuses it.
    file, debug_id = (None if value is None else value for value in (file, debug_id))
    return SourceMap(file=file, source_root=source_root, sources=strings[:source_count],
                     sources_content=_HostStrings(sources_content), names=strings[source_count:],
                     ignore_list=_int_list(ignore_list), debug_id=debug_id, mappings=_HostMappings(mappings),
                     raw=raw)


class _HostStrings(Sequence):
    """A host String[] as a read-only sequence of str (or None), each read on first use: the
    sourcesContent of a bundle is megabytes that lookups never need."""

    __slots__ = ("_host", "_read")
    _UNREAD = object()

    def __init__(self, host):
        self._host = host
        self._read = [self._UNREAD] * len(host)

    def __len__(self):
        return len(self._read)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        index = range(len(self._read))[index]  # IndexError and negative indices as a list's
        value = self._read[index]
        if value is self._UNREAD:
            value = self._host[index]
            value = self._read[index] = None if value is None else value  # a real None for Java's null
        return value

    def __eq__(self, other):
        return list(self) == list(other) if isinstance(other, Sequence) else NotImplemented

    def __repr__(self):
        return repr(list(self))


def load(file, source_map_url=None):
    """Parses a source map from a file object."""
    return loads(file.read(), source_map_url)


def discover(source):
    """The sourceMappingURL of JavaScript ``source``, from its first or last 5 lines, or None."""
    lines = source.splitlines()
    candidates = lines if len(lines) <= 10 else lines[:5] + lines[-5:]
    for line in reversed(candidates):  # the last pragma wins, as in browsers
        if line.startswith(("//# sourceMappingURL=", "//@ sourceMappingURL=")):
            return line[21:].strip()
    return None


def _from_json(data, where, source_map_url=None):
    if not isinstance(data, dict):
        raise SourceMapError(f"{where}the source map is not a JSON object")
    version = data.get("version")
    if version != 3 or isinstance(version, bool) or not isinstance(version, int):
        found = "missing" if "version" not in data else f"{json.dumps(version)}"
        raise SourceMapError(f"{where}version is {found}; only version 3 is supported")
    file = _optional(data, "file", str, where)
    if "sections" in data:
        if where:
            raise SourceMapError(f"{where}an index map cannot be nested in a section")
        if "mappings" in data:
            raise SourceMapError("an index map has sections, not mappings")
        return IndexedSourceMap(file, _sections(data["sections"], source_map_url), _debug_id(data), data)
    sources = _list_of(data, "sources", (str, type(None), int, float), where, required=True)
    contents = _list_of(data, "sourcesContent", (str, type(None)), where) or []
    names = _list_of(data, "names", (str, int, float), where) or []
    sources, names = _numbers_as_strings(sources), _numbers_as_strings(names)
    root = _optional(data, "sourceRoot", str, where) or ""
    mappings = data.get("mappings")
    if not isinstance(mappings, str):
        raise SourceMapError(f"{where}mappings is {'missing' if mappings is None else 'not a string'}")
    ignore_key = "ignoreList" if "ignoreList" in data else "x_google_ignoreList"
    ignore_list = _list_of(data, ignore_key, int, where) or []
    for index in ignore_list:
        if not 0 <= index < len(sources):
            raise SourceMapError(f"{where}{ignore_key} refers to source {index}, but the map has {len(sources)} sources")
    try:
        decoded = decode(mappings, len(sources), len(names))
    except KernelError as error:
        raise SourceMapError(where + str(error).removeprefix("sourcemap.decode: ")) from None
    return SourceMap(
        file=file, source_root=root, sources=[_resolve(root, s, source_map_url) for s in sources],
        sources_content=contents, names=names, ignore_list=ignore_list, debug_id=_debug_id(data),
        mappings=decoded, source_map_url=source_map_url, raw=data)


def _numbers_as_strings(values):
    """Numbers among the sources or names as the strings Mozilla makes of them (``String(n)``)."""
    if all(isinstance(value, str) or value is None for value in values):
        return values
    return [str(int(value)) if isinstance(value, float) and value.is_integer() and abs(value) < 1e21
            else repr(value) if isinstance(value, float) else str(value) if isinstance(value, int) else value
            for value in values]


def _debug_id(data):
    """The debugId when it is a UUID; anything else is ignored, as tc39's goldens expect."""
    debug_id = data.get("debugId")
    return debug_id if isinstance(debug_id, str) and _UUID.match(debug_id) else None


def _optional(data, key, kind, where):
    value = data.get(key)
    if value is not None and not isinstance(value, kind):
        raise SourceMapError(f"{where}{key} is not a {kind.__name__}")
    return value


def _list_of(data, key, kinds, where, required=False):
    value = data.get(key)
    if value is None:
        if required:
            raise SourceMapError(f"{where}{key} is missing")
        return None
    if not isinstance(value, list):
        raise SourceMapError(f"{where}{key} is not a list")
    for position, item in enumerate(value):
        if not isinstance(item, kinds) or isinstance(item, bool):
            raise SourceMapError(f"{where}{key}[{position}] is {json.dumps(item)}, which is not "
                                 f"{_kind_names(kinds)}")
    return value


def _kind_names(kinds):
    kinds = kinds if isinstance(kinds, tuple) else (kinds,)
    if float in kinds:  # int and float: any number
        kinds = tuple(k for k in kinds if k is not int)
    named = {"str": "a string", "int": "an integer", "float": "a number", "NoneType": "null"}
    return " or ".join(named[k.__name__] for k in kinds)


def _sections(sections, source_map_url):
    if not isinstance(sections, list):
        raise SourceMapError("sections is not a list")
    parsed, previous = [], None
    for position, section in enumerate(sections):
        where = f"sections[{position}]"
        offset = section.get("offset") if isinstance(section, dict) else None
        if not isinstance(offset, dict):
            raise SourceMapError(f"{where}.offset is missing or not an object")
        line, column = offset.get("line"), offset.get("column")
        for name, value in (("line", line), ("column", column)):
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise SourceMapError(f"{where}.offset.{name} is not a non-negative integer")
        if previous is not None and (line, column) <= previous:
            raise SourceMapError(f"{where}.offset ({line}, {column}) does not come after the previous "
                                 f"section's {previous}")
        previous = (line, column)
        if "map" not in section:
            raise SourceMapError(f"{where}.map is missing")
        parsed.append((line, column, _from_json(section["map"], f"{where}.map: ", source_map_url)))
    return parsed


def _resolve(root, source, source_map_url=None):
    """A source's URL as Mozilla's consumer gives it: joined to sourceRoot (and the map's URL)
    and normalised (``_urls.compute_source_url``); None stays None."""
    return None if source is None else _urls.compute_source_url(root, source, source_map_url)


# --- the parsed maps ---------------------------------------------------------------------------

class _Raw:
    """python-sourcemap's ``raw``: the map's JSON as Python values. A map read on the host keeps
    its text instead, parsed here on first use (most callers never ask)."""

    _raw = None
    _code = None

    @property
    def raw(self):
        if isinstance(self._raw, str):
            self._raw = _json(self._raw)
        return self._raw

    def _function_in_code(self, line, column, generated):
        """Step 2 of ``original_function_name`` (``_function_names``), the generated text's
        scopes found once per text."""
        if generated is None:
            return None
        if not isinstance(generated, str):
            raise TypeError(f"generated must be the generated file's text (str), not {type(generated).__name__}")
        if self._code is None or self._code.text is not generated:
            self._code = _function_names.GeneratedCode(generated)
        return _function_names.from_code(self.lookup, self._code, line, column)


class SourceMap(_Raw):
    """A regular source map: its fields and the decoded mappings (kept by the routed backend)."""

    def __init__(self, *, file, source_root, sources, sources_content, names, ignore_list, debug_id, mappings,
                 source_map_url=None, raw=None):
        self._raw = raw
        self.file = file
        self.source_root = source_root
        self.sources = sources
        self.sources_content = sources_content
        self.names = names
        self.ignore_list = ignore_list
        self.debug_id = debug_id
        self._mappings = mappings
        self._source_map_url = source_map_url
        self._table = None
        self._by_original = None
        self._scope_ranges = None
        self._source_indices = None  # source_index's answers, by the name asked for

    def _read_table(self):
        """The ``_Table`` the per-item calls read, built on the first of them."""
        self._table = _Table(self._mappings, self.sources, self.names)
        return self._table

    # python-sourcemap

    def lookup(self, line, column):
        """The Token at or before generated (``line``, ``column``), 0-based; IndexError when none."""
        if not (isinstance(line, int) and isinstance(column, int)):
            _reference.check_position(line, column)
        table = self._table or self._read_table()
        index = table.find(line, column, GREATEST_LOWER_BOUND)
        if index < 0:
            raise IndexError(f"no mapping at or before line {line}, column {column}")
        return table.token(index)

    def __iter__(self):
        return iter((self._table or self._read_table()).tokens)

    def __len__(self):
        return self._mappings.count()

    def in_original_order(self):
        """The Tokens of the mappings that have a source, ordered by source, original line and
        column (Mozilla's eachMapping with ORIGINAL_ORDER); iteration gives generated order."""
        table = self._table or self._read_table()
        order, _ = self._by_original or self._read_original_order(table.flat)
        return map(table.tokens.__getitem__, order)

    def __getitem__(self, index):
        if not isinstance(index, int):
            raise TypeError(f"source map indices must be int, not {type(index).__name__}")
        tokens = (self._table or self._read_table()).tokens
        if not -len(tokens) <= index < len(tokens):
            raise IndexError(f"source map index {index} out of range (the map has {len(tokens)} mappings)")
        return tokens[index]

    # Mozilla source-map

    def original_position_for(self, line, column, bias=GREATEST_LOWER_BOUND):
        """The original (source, line, column, name) of generated ``line`` (1-based), ``column``."""
        if not (isinstance(line, int) and isinstance(column, int) and line >= 1 and column >= 0):
            _check_position(line, column)
        if type(bias) is not int or not (bias == GREATEST_LOWER_BOUND or bias == LEAST_UPPER_BOUND):
            _reference.check_bias(bias)
        table = self._table or self._read_table()
        index = table.find(line - 1, column, bias)
        flat, at = table.flat, 6 * index
        if index < 0 or flat[at + 2] < 0:
            return _NOTHING
        return _new_tuple(OriginalPosition, (table.sources[flat[at + 2]], flat[at + 3] + 1, flat[at + 4],
                                             table.names[flat[at + 5]]))

    def original_function_name(self, line, column, generated=None):
        """The original name of the function around generated ``line`` (1-based), ``column``
        (0-based, UTF-16 units), or None: from the map's ECMA-426 ``scopes`` when it has them,
        else from ``generated``, the generated file's text, when given (``_function_names``)."""
        _check_position(line, column)
        found, name = self._function_in_scopes(line - 1, column)
        return name if found else self._function_in_code(line - 1, column, generated)

    def _function_in_scopes(self, line, column):
        """Step 1 of ``original_function_name``: (found, name) at 0-based (line, column)."""
        if self._scope_ranges is None:
            self._scope_ranges = ()
            # A map read on the host keeps its text: no "scopes" in it, no JSON to parse.
            if not (isinstance(self._raw, str) and '"scopes"' not in self._raw):
                field = self.raw.get("scopes") if isinstance(self.raw, dict) else None
                if field is not None and not isinstance(field, str):
                    raise SourceMapError(f"scopes: expected a string, got {type(field).__name__}")
                try:
                    self._scope_ranges = _scopes.decode(field, self.names) if field else ()
                except _scopes.ScopesError as error:
                    raise SourceMapError(str(error)) from None
        return _scopes.function_at(self._scope_ranges, line, column)

    def original_positions_for(self, positions, bias=GREATEST_LOWER_BOUND):
        """``original_position_for`` of every (line, column) of ``positions``, as a list, in one
        call to the backend: the way to look up many positions (a stack trace, a batch of events)."""
        lines, columns = _queries(positions)
        rows = self._mappings.lookup_many(lines, columns, bias)
        sources, names, nothing = self.sources, self.names, OriginalPosition(None, None, None, None)
        found = []
        for at in range(0, len(rows), 6):
            source, name = rows[at + 2], rows[at + 5]
            found.append(nothing if source < 0 else OriginalPosition(
                sources[source], rows[at + 3] + 1, rows[at + 4], names[name] if name >= 0 else None))
        return found

    def lookup_packed(self, lines, columns, bias=GREATEST_LOWER_BOUND):
        """``original_positions_for`` of (``lines[i]`` + 1, ``columns[i]``) as flat ints: 4 per
        query (source index, original line, original column, name index; 0-based, -1 for none)."""
        _reference.check_bias(bias)
        _reference.check_lengths(lines, columns)
        _check_packed_queries(lines, columns)
        return self._mappings.lookup_packed(lines, columns, bias)

    def generated_position_for(self, source, line, column, bias=GREATEST_LOWER_BOUND):
        """The generated position of original ``source``, ``line`` (1-based), ``column``: of the
        mapping there, else with ``bias`` of the nearest one before (GREATEST_LOWER_BOUND) or
        after it in that source, across lines, as Mozilla's generatedPositionFor; all None
        when there is none."""
        _check_position(line, column)
        _reference.check_bias(bias)
        index = self.source_index(source)
        if index < 0:
            return _NOWHERE
        table = self._table or self._read_table()
        generated_lines, generated_columns = table.lines, table.columns
        order, keys = self._by_original or self._read_original_order(table.flat)
        key = (index, line - 1, column)
        at = bisect_left(keys, key)  # the first mapping at the position, or the one after it
        if bias == GREATEST_LOWER_BOUND and (at == len(keys) or keys[at] != key):
            at -= 1
        if not 0 <= at < len(keys) or keys[at][0] != index:
            return _NOWHERE
        found = order[at]
        last = _reference.last_column(generated_lines, generated_columns, found)
        return GeneratedPosition(generated_lines[found] + 1, generated_columns[found], None if last < 0 else last)

    def _read_original_order(self, flat):
        """The mappings with a source in original order (``_reference.original_order``) and
        their (source, original line, original column), for ``generated_position_for``."""
        order = _reference.original_order(*(flat[field::6] for field in range(6)))
        self._by_original = order, [(flat[6 * i + 2], flat[6 * i + 3], flat[6 * i + 4]) for i in order]
        return self._by_original

    def generated_positions_for(self, source, line, column=None):
        """Every generated position of original ``source``, ``line`` (1-based), ``column``."""
        checked_column = 0 if column is None else column
        if not (isinstance(line, int) and isinstance(checked_column, int) and line >= 1 and checked_column >= 0):
            _check_position(line, checked_column)
        index = self.source_index(source)
        if index < 0:
            return []
        flat = self._mappings.generated_for(index, line - 1, checked_column, column is not None)
        lasts = flat[2::3]
        return list(map(_new_tuple, repeat(GeneratedPosition), zip(
            map(_plus_one, flat[0::3]), flat[1::3], map(_NONE_FOR_MINUS_ONE.get, lasts, lasts))))

    def source_index(self, source):
        """The index of ``source``, or -1: as Mozilla finds it, the name as ``sources`` gives it
        or relative to the sourceRoot (either normalised). Each name is looked for once."""
        found = self._source_indices.get(source) if self._source_indices is not None else None
        if found is None:
            found = self._find_source(source)
            if self._source_indices is None:
                self._source_indices = {}
            self._source_indices[source] = found
        return found

    def _find_source(self, source):
        if source in self.sources:
            return self.sources.index(source)
        if not isinstance(source, str):
            return -1
        for candidate in (_resolve("", source, self._source_map_url),
                          _resolve(self.source_root, source, self._source_map_url)):
            if candidate in self.sources:
                return self.sources.index(candidate)
        return -1

    # The original text

    def source_content(self, source):
        """The original text of ``source`` (a name or an index), or None when the map lacks it."""
        index = source if isinstance(source, int) else self.source_index(source)
        return self.sources_content[index] if 0 <= index < len(self.sources_content) else None

    def source_context(self, token, context=5):
        """The original lines around ``token`` (a Token): up to ``context`` before and after."""
        text = self.source_content(token.src) if token.src is not None else None
        if text is None:
            return None
        lines = _LINE_BREAK.split(text)
        if not 0 <= token.src_line < len(lines):
            return None
        line = token.src_line
        return SourceContext(lines[max(0, line - context):line], lines[line], lines[line + 1:line + 1 + context])

    def __repr__(self):
        return f"<SourceMap: {len(self)} mappings, {len(self.sources)} sources>"


#: python-sourcemap's name for a parsed map (``sourcemap.objects.SourceMapIndex``); its parts
#: (token list, per-line column index) are not a constructor here: ``loads`` builds maps.
SourceMapIndex = SourceMap


class IndexedSourceMap(_Raw):
    """An index map: sections of regular maps at generated offsets (Mozilla's semantics)."""

    def __init__(self, file, sections, debug_id=None, raw=None):
        self._raw = raw
        self.file = file
        self.debug_id = debug_id
        self.sections = sections  # [(line, column, SourceMap)], 0-based offsets, in order
        self.sources = [source for _, _, part in sections for source in part.sources]
        self.names = [name for _, _, part in sections for name in part.names]

    def _section_at(self, line, column):
        """The last section starting at or before 0-based (line, column), or None."""
        found = None
        for section in self.sections:
            if (section[0], section[1]) > (line, column):
                break
            found = section
        return found

    def lookup(self, line, column):
        section = self._section_at(line, column)
        if section is None:
            raise IndexError(f"no mapping at or before line {line}, column {column}")
        offset_line, offset_column, part = section
        token = part.lookup(line - offset_line, column - (offset_column if line == offset_line else 0))
        return _shifted(token, offset_line, offset_column)

    def __iter__(self):
        for offset_line, offset_column, part in self.sections:
            for token in part:
                yield _shifted(token, offset_line, offset_column)

    def __len__(self):
        return sum(len(part) for _, _, part in self.sections)

    def in_original_order(self):
        """Each section's ``SourceMap.in_original_order``, section after section (as Mozilla)."""
        for offset_line, offset_column, part in self.sections:
            for token in part.in_original_order():
                yield _shifted(token, offset_line, offset_column)

    def original_position_for(self, line, column, bias=GREATEST_LOWER_BOUND):
        _check_position(line, column)
        section = self._section_at(line - 1, column)
        if section is None:
            return OriginalPosition(None, None, None, None)
        offset_line, offset_column, part = section
        shift = offset_column if line - 1 == offset_line else 0
        return part.original_position_for(line - offset_line, column - shift, bias)

    def original_function_name(self, line, column, generated=None):
        """As ``SourceMap.original_function_name``: the scopes of the section at the position,
        then the generated text looked up through the whole index map."""
        _check_position(line, column)
        section = self._section_at(line - 1, column)
        if section is not None:
            offset_line, offset_column, part = section
            shift = offset_column if line - 1 == offset_line else 0
            found, name = part._function_in_scopes(line - 1 - offset_line, column - shift)
            if found:
                return name
        return self._function_in_code(line - 1, column, generated)

    def original_positions_for(self, positions, bias=GREATEST_LOWER_BOUND):
        """``original_position_for`` of every (line, column) of ``positions``, as a list."""
        _reference.check_bias(bias)
        return [self.original_position_for(line, column, bias) for line, column in positions]

    def lookup_packed(self, lines, columns, bias=GREATEST_LOWER_BOUND):
        """As ``SourceMap.lookup_packed``, one query at a time; indices into the concatenated
        ``sources`` and ``names`` (the first entry of that value)."""
        _reference.check_bias(bias)
        _reference.check_lengths(lines, columns)
        _check_packed_queries(lines, columns)
        out = []
        for position, (line, column) in enumerate(zip(lines, columns)):
            _reference.check_query(position, line, column)
            found = self.original_position_for(line + 1, column, bias)
            out += _NOTHING_PACKED if found.source is None else (
                self.sources.index(found.source), found.line - 1, found.column,
                -1 if found.name is None else self.names.index(found.name))
        return out

    def generated_positions_for(self, source, line, column=None):
        """As Mozilla: from the first section that has ``source``; a position that runs to the
        end of its line stops before the next section when that starts on the same line."""
        for position, (offset_line, offset_column, part) in enumerate(self.sections):
            if part.source_index(source) < 0:
                continue
            following = self.sections[position + 1] if position + 1 < len(self.sections) else None
            return [_in_section(generated, offset_line, offset_column, following)
                    for generated in part.generated_positions_for(source, line, column)]
        return []

    def generated_position_for(self, source, line, column, bias=GREATEST_LOWER_BOUND):
        """As ``SourceMap.generated_position_for``, in the first section that has ``source``."""
        _check_position(line, column)
        _reference.check_bias(bias)
        for position, (offset_line, offset_column, part) in enumerate(self.sections):
            if part.source_index(source) < 0:
                continue
            generated = part.generated_position_for(source, line, column, bias)
            if generated.line is None:
                return generated
            following = self.sections[position + 1] if position + 1 < len(self.sections) else None
            return _in_section(generated, offset_line, offset_column, following)
        return _NOWHERE

    def source_content(self, source):
        """The original text of ``source`` from the first section that has it, or None."""
        for _, _, part in self.sections:
            found = part.source_content(source)
            if found is not None:
                return found
        return None

    def source_context(self, token, context=5):
        for _, _, part in self.sections:
            if token.src in part.sources:
                return part.source_context(token, context)
        return None

    def __repr__(self):
        return f"<IndexedSourceMap: {len(self.sections)} sections>"


class _Table:
    """What the per-item calls of a ``SourceMap`` read, built on the first of them from two
    crossings (``flat()`` and ``line_starts()``, each on GraalPy a list backed by a Java int[])
    and builtins alone: a cold GraalPy runs Python code ~20x slower than its builtins, so no
    Python code runs per mapping, and a lookup is a search over its line's columns.

    - ``flat``: every mapping's 6 ints in generated order; ``lines``, ``columns``: its
      generated lines and columns;
    - ``starts``: ``line_starts()``, each generated line's range of mappings;
    - ``sources``, ``names``: the map's, with None at index -1 (a mapping without one);
    - ``tokens``: every mapping's Token, made on first use (iteration, ``index[i]``); until
      then a lookup makes the one Token it returns.
    """

    __slots__ = ("flat", "lines", "columns", "starts", "sources", "names", "_tokens")

    def __init__(self, mappings, sources, names):
        self.flat = mappings.flat()
        self.lines, self.columns = self.flat[0::6], self.flat[1::6]
        self.starts = mappings.line_starts()
        self.sources, self.names = [*sources, None], [*names, None]
        self._tokens = None

    @property
    def tokens(self):
        if self._tokens is None:
            flat, sources, names = self.flat, self.sources, self.names
            self._tokens = list(map(_new_tuple, repeat(Token), zip(
                self.lines, self.columns, map(sources.__getitem__, flat[2::6]), flat[3::6], flat[4::6],
                map(names.__getitem__, flat[5::6]))))
        return self._tokens

    def find(self, line, column, bias):
        """The index of the mapping at generated 0-based (``line``, ``column``) with ``bias``, or -1."""
        starts = self.starts
        if 0 <= line < len(starts) - 1:
            return _reference.find(self.columns, starts[line], starts[line + 1], column, bias)
        return -1

    def token(self, index):
        """The Token of mapping ``index``."""
        if self._tokens is not None:
            return self._tokens[index]
        flat, at = self.flat, 6 * index
        return _new_tuple(Token, (flat[at], flat[at + 1], self.sources[flat[at + 2]], flat[at + 3], flat[at + 4],
                                  self.names[flat[at + 5]]))


def _in_section(generated, offset_line, offset_column, following):
    """A section's GeneratedPosition in the whole index map; ``following`` is the next section
    (or None): a position that runs to the end of its line stops before it, as in Mozilla."""
    generated_column, last_column = generated.column, generated.last_column
    if generated.line == 1:
        generated_column += offset_column
        last_column = None if last_column is None else last_column + offset_column
    # Mozilla compares the section-relative line with the next section's absolute one.
    if last_column is None and following is not None and generated.line == following[0] + 1:
        last_column = following[1] - 1
    return GeneratedPosition(generated.line + offset_line, generated_column, last_column)


def _shifted(token, offset_line, offset_column):
    column = token.dst_col + (offset_column if token.dst_line == 0 else 0)
    return Token(token.dst_line + offset_line, column, token.src, token.src_line, token.src_col, token.name)


def _queries(positions):
    """0-based lines and columns of 1-based (line, column) pairs, each checked as Mozilla checks one."""
    lines, columns = [], []
    for line, column in positions:
        if not (line >= 1 and column >= 0):  # the check inline: this loop runs once per query
            _check_position(line, column)
        lines.append(line - 1)
        columns.append(column)
    return lines, columns


_NOTHING_PACKED = (-1, -1, -1, -1)
_NOTHING = OriginalPosition(None, None, None, None)
_NOWHERE = GeneratedPosition(None, None, None)
#: ``_new_tuple(cls, values)`` makes a tuple subclass's instance without running its Python ``__new__``.
_new_tuple = tuple.__new__
#: Builtins for per-item results made without Python code per item: 1-based lines, and None
#: for -1 (``_NONE_FOR_MINUS_ONE.get(value, value)``).
_plus_one = (1).__add__
_NONE_FOR_MINUS_ONE = {-1: None}


def _check_packed_queries(lines, columns):
    """Mozilla's range checks, for 0-based lines, over whole lists (min is one bulk call).
    Values that are not all ints are left to the kernel's ``lookup_packed``, whose TypeError
    names the query."""
    try:
        line_ok, column_ok = min(lines, default=0) >= 0, min(columns, default=0) >= 0
    except TypeError:
        return
    if not line_ok:
        raise ValueError("Line numbers must be >= 0 (lookup_packed takes 0-based lines)")
    if not column_ok:
        raise ValueError("Column numbers must be >= 0")


def _check_position(line, column):
    _reference.check_position(line, column)
    # Mozilla's checks and wording
    if line < 1:
        raise ValueError("Line numbers must be >= 1")
    if column < 0:
        raise ValueError("Column numbers must be >= 0")
