"""``tandem symbolicate``: the command-line face of tandem.sourcemap.symbolicate (run by SymbolicateCommand).

Each map is registered under its ``file`` field (and that field's base name) and under its own
file name minus ``.map``, the names a stack frame's URL is matched against. The generated file,
when it lies beside the map (the map's name minus ``.map``, or its ``file`` field's base name),
is read too: its function scopes name the frames the map does not (``original_function_name``).
"""

import argparse
import os
import sys

from tandem import sourcemap
from tandem.sourcemap import symbolicate

USAGE_ERROR = 2


def main(argv):
    parser = argparse.ArgumentParser(prog="tandem symbolicate")
    parser.add_argument("--map", action="append", required=True, dest="maps")
    parser.add_argument("--context", type=int, default=0)
    parser.add_argument("trace", nargs="?", default="-")
    options = parser.parse_args(argv)
    maps, generated = {}, {}
    for path in options.maps:
        parsed = _read_map(path)
        text = _read_generated(path, parsed)
        for key in _keys(path, parsed):
            maps.setdefault(key, parsed)
            if text is not None:
                generated.setdefault(key, text)
    trace = _read_trace(options.trace)
    sys.stdout.write(symbolicate.render(symbolicate.symbolicate(trace, maps, options.context, generated)))


def _read_map(path):
    try:
        with open(path, encoding="utf-8") as file:
            return sourcemap.load(file)
    except (OSError, UnicodeDecodeError) as error:
        _fail(f"cannot read the map {path}: {getattr(error, 'strerror', None) or error}")
    except sourcemap.SourceMapError as error:
        _fail(f"{path}: {error}")


def _read_generated(path, parsed):
    """The text of the generated file beside the map, or None when there is none to read."""
    folder, name = os.path.split(path)
    candidates = [name[:-4]] if name.endswith(".map") else []
    if parsed.file:
        candidates.append(parsed.file.rstrip("/").rpartition("/")[2])
    for candidate in candidates:
        try:
            with open(os.path.join(folder, candidate), encoding="utf-8", newline="") as file:
                return file.read()
        except (OSError, UnicodeDecodeError):
            continue
    return None


def _keys(path, parsed):
    keys = []
    if parsed.file:
        keys += [parsed.file, parsed.file.rstrip("/").rpartition("/")[2]]
    name = os.path.basename(path)
    keys.append(name[:-4] if name.endswith(".map") else name)
    return keys


def _read_trace(where):
    if where == "-":
        return sys.stdin.read()
    try:
        with open(where, encoding="utf-8") as file:
            return file.read()
    except (OSError, UnicodeDecodeError) as error:
        _fail(f"cannot read the trace {where}: {getattr(error, 'strerror', None) or error}")


def _fail(message):
    print(f"tandem symbolicate: {message}", file=sys.stderr)
    sys.exit(USAGE_ERROR)
