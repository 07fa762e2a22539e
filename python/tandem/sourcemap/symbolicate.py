"""Symbolication: JavaScript stack traces mapped back to the original sources through source maps.

``symbolicate(trace, maps)`` reads a trace in any of the three engines' formats:

- V8 (Chrome, Node, Edge): ``    at fn (url:line:col)``, ``    at url:line:col``, with ``async `` or
  ``new `` in front of the function, and eval frames ``at eval (eval at fn (url:l:c), <anonymous>:l:c)``;
- SpiderMonkey (Firefox): ``fn@url:line:col``, the function name possibly empty (``@url:l:c``);
- JavaScriptCore (Safari): ``fn@url:line:col``, ``global code@url:l:c``, and frames without a
  position (``forEach@[native code]``).

Each frame's file is matched to a map of ``maps`` (a dict keyed by the file's full URL or its
base name; values are parsed maps or their JSON text), and its position looked up with
Mozilla's ``originalPositionFor`` (greatest lower bound, on the same generated line) through
``tandem.sourcemap``, so through the routed ``sourcemap.decode`` kernel.

Choices, since traces and maps leave room:

- Positions in traces are 1-based for lines *and* columns (all three engines); map columns are
  0-based. Original frames are reported as traces report them: 1-based line and column.
- The function name is the original name of the enclosing function
  (``SourceMap.original_function_name``): from the map's ECMA-426 scopes, else from the
  generated file's text when ``generated`` has it (keyed as ``maps``), Sentry's approach.
  Failing both, the ``name`` of the mapping at the frame's position (at a call site often the
  called identifier, not the enclosing function), else the trace's (minified) name.
- A frame whose file has no map, whose position maps to nothing (or to a mapping without a
  source), or that has no position, is left as it was: same text. So are lines that are not
  frames (the message, garbage). An eval frame's position is in the evaluated code, which no
  bundle map covers, so it stays too.
"""

import re
from collections import namedtuple

from tandem import sourcemap

__all__ = ["Frame", "Original", "Line", "parse_frame", "symbolicate", "symbolicate_events", "render"]

#: A parsed frame. ``style`` is "v8" or "gecko" (SpiderMonkey and JavaScriptCore share it);
#: ``keyword`` is "async " or "new " (V8) or ""; ``line`` and ``column`` are 1-based, None when
#: the frame has no position.
Frame = namedtuple("Frame", "text style indent keyword function file line column")
#: Where a frame comes from: ``source`` as the map names it, 1-based ``line`` and ``column``,
#: ``context`` a sourcemap.SourceContext (None when the map has no text for the source).
Original = namedtuple("Original", "function source line column context")
#: One line of the output: its ``text``, the parsed ``frame`` (None for other lines) and the
#: ``original`` (None when the line is left as it was).
Line = namedtuple("Line", "text frame original")

_INT32_MAX = 2**31 - 1
_POSITION = re.compile(r"(?P<file>.*?):(?P<line>\d+):(?P<column>\d+)\Z")
_V8 = re.compile(r"(?P<indent>\s*)at (?P<keyword>(?:async |new )?)(?P<rest>.*?)\s*\Z")
_GECKO = re.compile(r"(?P<indent>\s*)(?P<function>[^@]*)@(?P<location>.*?)\s*\Z")


def parse_frame(text):
    """The Frame of one line of a trace, or None when the line is not a frame."""
    match = _V8.match(text)
    if match:
        return _v8_frame(text, match)
    match = _GECKO.match(text)
    if match and match["location"]:
        file, line, column = _location(match["location"])
        return Frame(text, "gecko", match["indent"], "", match["function"], file, line, column)
    return None


def _v8_frame(text, match):
    rest = match["rest"]
    function, location = "", rest
    if rest.endswith(")") and "(" in rest:
        opening = _matching_parenthesis(rest)
        if opening > 0:
            function, location = rest[:opening].rstrip(), rest[opening + 1:-1]
    if location.startswith("eval at "):
        # "eval at fn (url:l:c), <anonymous>:l:c": the frame is in the evaluated code
        location = location.rpartition(", ")[2]
    file, line, column = _location(location)
    return Frame(text, "v8", match["indent"], match["keyword"], function, file, line, column)


def _matching_parenthesis(text):
    """The index of the "(" that the final ")" closes (eval frames nest them), or -1."""
    depth = 0
    for index in range(len(text) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(text[index], 0)
        if depth == 0:
            return index
    return -1


def _location(location):
    match = _POSITION.match(location)
    if not match:
        return location, None, None  # native code, <anonymous>, "url line 3 > eval", ...
    return match["file"], int(match["line"]), int(match["column"])


class _Maps:
    """The maps by key, each parsed once, on first use, and the generated files' texts."""

    def __init__(self, maps, generated=None):
        self._maps = dict(maps)
        self._generated = dict(generated or {})
        self._texts = {}  # id(parsed map) -> its generated file's text
        self._keys = {}  # id(parsed map) -> the key it was found by, for error messages

    def generated_for(self, parsed):
        return self._texts.get(id(parsed))

    def key_of(self, parsed):
        return self._keys[id(parsed)]

    def find(self, file):
        """The map of a frame's file: by full URL, the URL without query or fragment, or base name."""
        plain = re.split(r"[?#]", file, maxsplit=1)[0]
        for key in (file, plain, plain.rstrip("/").rpartition("/")[2]):
            if key in self._maps:
                value = self._maps[key]
                if isinstance(value, str):
                    try:
                        value = sourcemap.loads(value)
                    except sourcemap.SourceMapError as error:
                        raise sourcemap.SourceMapError(f"the map for {key}: {error}") from None
                    self._maps[key] = value
                if key in self._generated:
                    self._texts.setdefault(id(value), self._generated[key])
                self._keys.setdefault(id(value), key)
                return value
        return None


def symbolicate(trace, maps, context=0, generated=None):
    """The Lines of ``trace`` (a str) with ``context`` lines of original source around each
    frame; ``generated`` (optional) holds the generated files' texts, keyed as ``maps``."""
    return _symbolicate([trace], maps if isinstance(maps, _Maps) else _Maps(maps, generated), context)[0]


def symbolicate_events(events, maps, context=0, generated=None):
    """``symbolicate`` for many traces at once: each map is parsed once, and the frames of all
    the traces that fall in one map are looked up in one batch. A list of Lines per event."""
    return _symbolicate(events, _Maps(maps, generated), context)


def _symbolicate(traces, maps, context):
    frames = [[(text, parse_frame(text)) for text in trace.splitlines()] for trace in traces]
    # Every frame with a position in a map, grouped by map: (map, [frame], [(line, column)]).
    batches = {}
    for trace in frames:
        for _, frame in trace:
            parsed = _map_of(frame, maps)
            if parsed is not None:
                batch = batches.setdefault(id(parsed), (parsed, [], []))
                batch[1].append(frame)
                batch[2].append((frame.line, frame.column - 1))
    originals = {}
    for parsed, batch_frames, positions in batches.values():
        generated = maps.generated_for(parsed)
        try:
            for frame, position in zip(batch_frames, parsed.original_positions_for(positions)):
                originals[id(frame)] = _original(frame, parsed, position, context, generated)
        except sourcemap.SourceMapError as error:  # its ECMA-426 scopes
            raise sourcemap.SourceMapError(f"the map for {maps.key_of(parsed)}: {error}") from None
    lines = []
    for trace in frames:
        out = []
        for text, frame in trace:
            original = originals.get(id(frame)) if frame else None
            out.append(Line(_text(frame, original) if original else text, frame, original))
        lines.append(out)
    return lines


def _map_of(frame, maps):
    """The parsed map of a frame that has a position in range, or None."""
    if frame is None or frame.line is None or not 1 <= frame.line <= _INT32_MAX \
            or not 1 <= frame.column <= _INT32_MAX:
        return None
    return maps.find(frame.file)


def _original(frame, parsed, position, context, generated):
    if position.source is None:
        return None
    token = sourcemap.Token(src=position.source, src_line=position.line - 1)
    function = parsed.original_function_name(frame.line, frame.column - 1, generated)
    return Original(function or position.name or frame.function, position.source, position.line, position.column + 1,
                    parsed.source_context(token, context) if context > 0 else None)


def _text(frame, original):
    place = f"{original.source}:{original.line}:{original.column}"
    if frame.style == "gecko":
        return f"{frame.indent}{original.function}@{place}"
    if original.function:
        # A class's scope is named "new C": the frame's own "new " is not repeated.
        keyword = "" if original.function.startswith(frame.keyword) else frame.keyword
        return f"{frame.indent}at {keyword}{original.function} ({place})"
    return f"{frame.indent}at {frame.keyword}{place}"


def render(lines):
    """The symbolicated trace as text: each line, and under a frame its source context, the
    frame's own line marked with ">"."""
    out = []
    for line in lines:
        out.append(line.text)
        original = line.original
        if original is None or original.context is None:
            continue
        indent = line.frame.indent + "    "
        first = original.line - len(original.context.pre_lines)
        numbered = [*original.context.pre_lines, original.context.line, *original.context.post_lines]
        width = len(str(first + len(numbered) - 1))
        for number, text in enumerate(numbered, start=first):
            mark = ">" if number == original.line else " "
            out.append(f"{indent}{mark} {number:>{width}} | {text}".rstrip())
    return "\n".join(out) + ("\n" if out else "")
