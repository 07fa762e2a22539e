"""A lint peer of ``tandem bench``: Ruff, flake8 or Tandem's reference linter on CPython, over a
list of files, under the protocol of tandem_bench.measure. Prints one JSON line and writes the
diagnostics found, one ``path:row:column:code`` line each, to KEYS_OUT, which the workload
compares with the reference's.

    lint_peer.py ruff|flake8|flake8-jobs1|reference SELECT FILE_LIST WARMUP RUNS KEYS_OUT

SELECT ``default`` runs Ruff and flake8 on their own default rules (no --select). flake8-jobs1
is flake8 on one process (--jobs 1). Ruff and flake8 are timed as the processes a user starts (wall time, their start-up included),
the reference in this process.
"""

import importlib.metadata
import json
import os
import subprocess
import sys

_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(_HERE)), "python"))

from tandem_bench.lint_keys import digest_keys, parse_lines  # noqa: E402 - after the path set-up
from tandem_bench.measure import measure  # noqa: E402


def main(tool, select, file_list, warmup, runs, keys_out):
    with open(file_list, encoding="utf-8") as file:
        files = file.read().splitlines()
    if tool == "reference":
        from tandem import lint
        workload = lambda: reference_lines(lint, files, select)  # noqa: E731
        version = "this build"
    else:
        bin_dir = os.path.dirname(sys.executable)
        selection = [] if select == "default" else ["--select", select]
        command = {"ruff": [os.path.join(bin_dir, "ruff"), "check", *selection, "--no-cache", "--isolated",
                            "--output-format", "concise", "--exit-zero"],
                   "flake8": [os.path.join(bin_dir, "flake8"), *selection, "--exit-zero"],
                   "flake8-jobs1": [os.path.join(bin_dir, "flake8"), *selection, "--jobs", "1", "--exit-zero"]}[tool]
        workload = lambda: tool_lines(command + files)  # noqa: E731
        package = tool.split("-")[0]
        version = f"{package} {importlib.metadata.version(package)}"
    result = measure(workload, warmup, runs)
    keys = parse_lines(result["output"])
    with open(keys_out, "w", encoding="utf-8") as file:
        file.write("".join(f"{key}\n" for key in keys))
    print(json.dumps({"seconds": result["seconds"], "tokens": len(keys), "digest": digest_keys(keys),
                      "version": version}))


def tool_lines(command):
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{command[0]} exited with {done.returncode}: {done.stderr.strip()[-500:]}")
    return done.stdout.splitlines()


def reference_lines(lint, files, select):
    return [str(diagnostic) for path in files for diagnostic in lint.check_path(path, select=select)]


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4]), int(sys.argv[5]), sys.argv[6])
