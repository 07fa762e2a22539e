"""The function scopes tandem.sourcemap._js_scopes finds, against Sentry's js-source-scopes.

    python3 scripts/js_scopes_parity/compare.py FILE.js...

Builds the Rust program beside this file (cargo, into target/js-scopes-parity) on first use,
then prints per file how many scopes each finds and how many agree on start, end and name;
the first disagreements follow. Names are compared as written in the minified code (before a
map names them); js-source-scopes writes a class expression's member names without the "." after
an object key (``a.bC.m`` for ``a.b.C.m``), which counts as a disagreement.
"""

import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "python"))

from tandem.sourcemap._js_scopes import scopes  # noqa: E402


def theirs(path):
    run = subprocess.run(["cargo", "run", "-q", "--release", "--manifest-path", os.path.join(HERE, "Cargo.toml"),
                          "--target-dir", os.path.join(ROOT, "target", "js-scopes-parity"), "--", path],
                         capture_output=True, text=True, check=True)
    found = set()
    for line in run.stdout.splitlines():
        start, end, name = line.split("\t")
        found.add((int(start), int(end), name))
    return found


def ours(text):
    byte_at = [0]
    for character in text:
        byte_at.append(byte_at[-1] + len(character.encode("utf-8", "surrogatepass")))
    found = set()
    for scope in scopes(text):
        name = "<none>" if scope.name is None else "".join(
            part if isinstance(part, str) else part.text for part in scope.name)
        found.add((byte_at[scope.start], byte_at[scope.end], name))
    return found


def main(paths):
    for path in paths:
        with open(path, encoding="utf-8", newline="") as file:  # offsets as in the file: keep its "\r\n"
            text = file.read()
        sentry, tandem = theirs(path), ours(text)
        # js-source-scopes' own slip: no "." after an object key in front of a class member's name
        undotted = {(start, end, name.replace(".", "")) for start, end, name in sentry - tandem}
        dots = {scope for scope in tandem - sentry if (scope[0], scope[1], scope[2].replace(".", "")) in undotted}
        print(f"{os.path.basename(path)}: js-source-scopes {len(sentry)}, _js_scopes {len(tandem)}, "
              f"the same {len(sentry & tandem)}, the same but for js-source-scopes' missing \".\" {len(dots)}")
        for scope in sorted(sentry - tandem)[:5]:
            print("  only js-source-scopes:", scope)
        for scope in sorted(tandem - sentry - dots)[:5]:
            print("  only _js_scopes:     ", scope)


if __name__ == "__main__":
    main(sys.argv[1:])
