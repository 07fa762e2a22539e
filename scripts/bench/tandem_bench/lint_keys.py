"""What the lint workload compares: each diagnostic as ``path:row:column:code``, parsed from the
``path:row:column: CODE message`` lines that Ruff (concise), flake8 and ``tandem lint`` print.

Syntax errors are left out: every tool words and places them after its own parser.
"""

import hashlib
import os
import re

_LINE = re.compile(r"^(.+?):(\d+):(\d+): ([A-Z]+[0-9]+) ")
_SYNTAX = ("E999", "invalid-syntax")


def parse_lines(lines):
    """The sorted, distinct keys of the diagnostic lines among ``lines`` (others are ignored)."""
    keys = set()
    for line in lines:
        found = _LINE.match(line)
        if found and found.group(4) not in _SYNTAX:
            path, row, column, code = found.groups()
            keys.add(f"{os.path.abspath(path)}:{row}:{column}:{code}")
    return sorted(keys)


def digest_keys(keys):
    return hashlib.sha256("\n".join(keys).encode("utf-8")).hexdigest()[:16]
