"""Prints the table of scripts/packages/suites.sh from pytest's JUnit XML reports.

Usage: python3 suites_report.py RESULTS_DIR PROJECT...

For each project: tests run, passed, failed (failures and errors), skipped, the suite's wall
time; then each group of failures (tests failing with the same exception type) with the reason
REASONS gives it, or "unexplained" with the first test's message, and each group of skipped
tests with pytest's reason.
"""

import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

# (project, pattern over "test id: exception type: message") -> the reason of that group.
# Kinds: GraalPy difference, Tandem defect, missing native part, slow interpreter.
REASONS = [
    ("more-itertools", r"IndexError not raised",
     "GraalPy difference: a deque indexed past its start wraps (deque(range(3))[-4] is 2), no IndexError"),
    ("more-itertools", r"<class 'reversed'> == <class 'reversed'>",
     "GraalPy difference: reversed(list) is of class reversed, not list_reverseiterator"),
    ("click", r"test_echo_via_pager",
     "GraalPy difference (its Java POSIX layer, the default when embedded): the pager child"
     " process does not write to the fd 1 that pytest's capfd redirected"),
    ("click", r"test_file_surrogates",
     "GraalPy difference: opening a file named with a lone surrogate fails with EINVAL, not ENOENT"),
]


def outcome(case):
    for kind in ("failure", "error"):
        found = case.find(kind)
        if found is not None:
            return "failed", found
    if case.find("skipped") is not None:
        return "skipped", None
    return "passed", None


def describe(case, found):
    test = f"{case.get('classname', '')}::{case.get('name', '')}"
    message = (found.get("message") or found.text or "").strip().splitlines()
    first = message[0] if message else ""
    kind = first.split(":", 1)[0] if re.match(r"^[\w.]+(Error|Exception|Warning|Exit)\b", first) else "AssertionError" if first.startswith("assert") else first[:60]
    return test, kind, first


def reason_for(project, line):
    for owner, pattern, reason in REASONS:
        if owner == project and re.search(pattern, line):
            return reason
    return None


def report(results, project):
    path = results / f"{project}.xml"
    seconds = (results / f"{project}.seconds").read_text().strip() if (results / f"{project}.seconds").exists() else "?"
    if not path.exists():
        log = results / f"{project}.log"
        tail = log.read_text(errors="replace").strip().splitlines()[-1:] if log.exists() else ["no log"]
        return [project, "-", "-", "-", "-", seconds], [(project, "suite did not finish", 0, tail[0] if tail else "")]
    counts = {"passed": 0, "failed": 0, "skipped": 0}
    groups = {}
    for case in ET.parse(path).getroot().iter("testcase"):
        if case.get("name") is None:  # the test a KeyboardInterrupt stopped: pytest does not count it
            continue
        state, found = outcome(case)
        counts[state] += 1
        if state == "skipped":
            # pytest's reason ("requires tkinter"), without the number of the line that skipped
            message = case.find("skipped").get("message", "")
            key = "skipped: " + re.sub(r"^.*?:\d+: ", "", message).strip()
            groups.setdefault(key, [0, f"{case.get('classname', '')}::{case.get('name', '')}"])[0] += 1
            continue
        if found is None:
            continue
        test, kind, first = describe(case, found)
        line = f"{test}: {first}"
        reason = reason_for(project, line)
        key = reason or f"unexplained {kind}"
        entry = groups.setdefault(key, [0, line])
        entry[0] += 1
    run = sum(counts.values())
    name = project + (" (stopped at the time limit)" if (results / f"{project}.stopped").exists() else "")
    row = [name, str(run), str(counts["passed"]), str(counts["failed"]), str(counts["skipped"]), seconds]
    return row, [(project, key, n, example) for key, (n, example) in sorted(groups.items())]


def main():
    results = Path(sys.argv[1])
    rows, failing = [], []
    for project in sys.argv[2:]:
        row, groups = report(results, project)
        rows.append(row)
        failing.extend(groups)
    print("| project | run | passed | failed | skipped | seconds |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    if failing:
        print()
        print("| project | failing or skipped group | tests | example |")
        print("| --- | --- | ---: | --- |")
        for project, key, n, example in failing:
            example = example.replace("|", "\\|")[:160]
            print(f"| {project} | {key} | {n} | `{example}` |")


if __name__ == "__main__":
    main()
