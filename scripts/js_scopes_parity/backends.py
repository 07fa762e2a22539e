"""The java backend of sourcemap.function_scopes against the reference, on real files.

Inside Tandem it writes the java backend's ints for each file to a JSON file; on CPython it
reads that file and compares each entry with the reference's ints:

    TANDEM_DAEMON=0 ./tandem run scripts/js_scopes_parity/backends.py write OUT.json FILE.js...
    python3 scripts/js_scopes_parity/backends.py check OUT.json
"""

import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "python"))

from tandem import using  # noqa: E402
from tandem.sourcemap._js_scopes import function_scopes  # noqa: E402


def read(path):
    with open(path, encoding="utf-8", newline="") as file:
        return file.read()


def main(command, out, *paths):
    if command == "write":
        with using(routes={"sourcemap.function_scopes": "java"}):
            found = {path: list(function_scopes(read(path))) for path in paths}
        with open(out, "w", encoding="utf-8") as file:
            json.dump(found, file)
        return 0
    with open(out, encoding="utf-8") as file:
        found = json.load(file)
    failed = 0
    for path, ints in found.items():
        reference = function_scopes(read(path))
        same = reference == ints
        failed += not same
        print(f"{os.path.basename(path)}: {len(reference):,} ints, java {'agrees' if same else 'DIFFERS'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
