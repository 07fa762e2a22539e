"""Tries every input of scripts/reliability/cases.py against Tandem and counts what happened:
a clear error (or the right answer), an unclear one, a crash, a hang or a sandbox escape.

Run it with scripts/reliability/run.sh (which finds the JDK and builds first). It writes
target/reliability/report.md (the table and every case that was not clear) and report.json.
"""

import argparse
import base64
import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import cases

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "target" / "reliability"
BACKENDS = ("python", "java", "rust")
#: Words that only a host-side failure puts into an error a script sees.
HOST_LEAKS = ("java.", "Exception in thread", "instantiation of foreign object", "ForeignException", "ClassCastException",
              "NullPointerException", "org.graalvm", "com.oracle", "dev.tandem.", "StackOverflowError", "\tat ")
#: How far past its timeout a call may return and still count as stopped in time.
TIMEOUT_SLACK_MS = 250
DEFAULT_TIMEOUT_S = 30
OUTCOMES = ("clear", "unclear", "crash", "hang", "escape")


def jvm(extra):
    java = os.environ.get("TANDEM_PROBE_JAVA", "java")
    return [java, "-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI",
            f"--upgrade-module-path={ROOT}/target/compiler",
            f"--module-path={ROOT}/target/lib:{ROOT}/target/tandem.jar", "--add-modules", "dev.tandem",
            "--enable-native-access=org.graalvm.truffle,dev.tandem", "--sun-misc-unsafe-memory-access=allow",
            "-Xss8m", *extra, str(ROOT / "scripts" / "reliability" / "Probe.java")]


class Probe:
    """One JVM running Probe.java; restarted after it crashes or hangs."""

    def __init__(self, work, extra=()):
        self.work = work
        self.extra = list(extra)
        self.process = None

    def _start(self):
        OUT.mkdir(parents=True, exist_ok=True)
        self.stderr = open(OUT / "probe-stderr.txt", "ab")
        self.process = subprocess.Popen(jvm(self.extra), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=self.stderr, cwd=self.work, start_new_session=True)
        self.lines = queue.Queue()
        threading.Thread(target=self._read, args=(self.process, self.lines), daemon=True).start()

    @staticmethod
    def _read(process, lines):
        for raw in process.stdout:
            lines.put(raw.decode("utf-8", "replace").rstrip("\n"))
        lines.put(None)

    def run(self, case_id, backend, timeout_s, pool, code):
        """(kind, millis, detail) of one case; kind crash or hang when the JVM died or stalled."""
        if self.process is None or self.process.poll() is not None:
            self._start()
        line = " ".join(["CASE", case_id, backend, str(int(timeout_s * 1000)), str(pool),
                         base64.b64encode(code.encode()).decode()])
        try:
            self.process.stdin.write(line.encode() + b"\n")
            self.process.stdin.flush()
        except BrokenPipeError:
            pass
        limit = time.monotonic() + timeout_s + 120  # start-up of a JVM and of a new instance included
        started = False
        while True:
            try:
                got = self.lines.get(timeout=max(0.1, limit - time.monotonic()))
            except queue.Empty:
                self.kill()
                return "hang", int((timeout_s + 120) * 1000), "no result within the case's limit"
            if got is None:
                status = self.process.wait()
                self.process = None
                if not started:
                    raise SystemExit(f"the probe JVM did not start (status {status}); see {OUT / 'probe-stderr.txt'}")
                return "crash", 0, f"the JVM exited with status {status} during the case"
            if got == "START " + case_id:
                started = True
            if got.startswith("RESULT " + case_id + " "):
                _, _, kind, millis, detail = got.split(" ", 4)
                return kind, int(millis), base64.b64decode(detail).decode("utf-8", "replace")

    def kill(self):
        if self.process is not None:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.process.wait()
            self.process = None


def leaks_host(detail, code):
    """Whether an error shows host internals (words the script itself wrote do not count)."""
    return any(word in detail and word not in code for word in HOST_LEAKS)


def judge(expect, kind, millis, detail, timeout_s, code):
    """The outcome of one in-process case and why."""
    if kind in ("crash", "hang"):
        return kind, detail
    if kind == "host-throwable":
        return "unclear", "the host threw " + detail
    if leaks_host(detail, code):
        return "unclear", "host internals in the error: " + detail
    late = millis - timeout_s * 1000
    if kind == "timeout" or late > TIMEOUT_SLACK_MS:
        if late > TIMEOUT_SLACK_MS:
            return "hang", f"returned {late} ms after its {timeout_s} s timeout"
        return "clear", "stopped by its timeout"
    failed = kind != "ok" or detail.startswith("raised ")
    if expect in ("error", "denied"):
        return ("clear", detail) if failed else ("unclear", "accepted: " + detail)
    if expect == "ok" and failed:
        return "unclear", "failed: " + detail
    return "clear", detail


def run_kernel_cases(probe, selected):
    results = []
    for case in selected:
        case_id, expect, code = case[:3]
        timeout_s = case[3] if len(case) > 3 else DEFAULT_TIMEOUT_S
        outcomes = {}
        for backend in BACKENDS:
            kind, millis, detail = probe.run(f"{case_id}/{backend}", backend, timeout_s, 2, cases.catching(code))
            outcomes[backend] = (kind, millis, detail)
        for backend, (kind, millis, detail) in outcomes.items():
            outcome, why = judge(expect, kind, millis, detail, timeout_s, code)
            reference = outcomes["python"]
            if (outcome == "clear" and backend != "python" and kind == "ok" and reference[0] == "ok"
                    and detail != reference[2]):
                outcome, why = "unclear", f"python gave {reference[2]!r}, {backend} gave {detail!r}"
            results.append(record("kernel", f"{case_id}/{backend}", outcome, why, millis))
    return results


def run_embed_cases(probe, selected, work):
    results = []
    sentinel = work / "sentinel"
    calibration = work / "calibration.properties"
    for case in selected:
        case_id, expect, code = case[:3]
        timeout_s = case[3] if len(case) > 3 else DEFAULT_TIMEOUT_S
        pool = 1 if code.startswith("SESSION\n") else 2
        code = code.replace("SENTINEL", str(sentinel))
        if expect == "denied":
            code = cases.catching(code)
        kind, millis, detail = probe.run(case_id, "auto", timeout_s, pool, code)
        outcome, why = judge(expect, kind, millis, detail, timeout_s, code)
        if sentinel.exists():
            outcome, why = "escape", "the script wrote a file: " + str(sentinel)
            sentinel.unlink()
        if calibration.exists() and "oops" in calibration.read_text(errors="replace"):
            outcome, why = "escape", "the script wrote the calibration store"
            calibration.unlink()
        results.append(record("sandbox", case_id, outcome, why, millis))
    return results


def run_leak_cases(probe, selected):
    results = []
    for case_id, change, check in selected:
        # pool of one: the change and both checks run on the same pooled context
        before = probe.run(case_id + "/before", "auto", DEFAULT_TIMEOUT_S, 1, check)
        changed = probe.run(case_id + "/change", "auto", DEFAULT_TIMEOUT_S, 1, change)
        after = probe.run(case_id + "/after", "auto", DEFAULT_TIMEOUT_S, 1, check)
        worst = next((r for r in (before, changed, after) if r[0] in ("crash", "hang")), None)
        if worst is not None:
            outcome, why = worst[0], worst[2]
        elif before[:1] + before[2:] != after[:1] + after[2:]:
            outcome, why = "escape", f"the next call saw the change: before {before[2]!r}, after {after[2]!r}"
        else:
            outcome, why = "clear", "not seen by the next call"
        results.append(record("state", case_id, outcome, why, after[1]))
    return results


def run_signal_case(work):
    """A sandboxed call installs SIGTERM and SIGINT handlers; the host must still stop on SIGTERM."""
    code = "import signal\nsignal.signal(signal.SIGTERM, lambda *a: None)\nsignal.signal(signal.SIGINT, lambda *a: None)"
    process = subprocess.Popen(jvm(["-Dprobe.linger=60"]), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, cwd=work, start_new_session=True)
    line = f"CASE signal auto 30000 1 {base64.b64encode(code.encode()).decode()}\n"
    process.stdin.write(line.encode())
    process.stdin.close()
    detail = ""
    for raw in process.stdout:
        text = raw.decode(errors="replace").strip()
        if text.startswith("RESULT"):
            detail = base64.b64decode(text.split(" ", 4)[4]).decode(errors="replace")
        if text == "AWAITING-SIGNAL":
            break
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=10)
        outcome, why = "clear", "the host still stopped on SIGTERM (" + detail[:200] + ")"
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        outcome, why = "escape", "the host ignored SIGTERM after the call installed a handler"
    return [record("sandbox", "sandbox-signal-handler", outcome, why, 0)]


def run_cli_case(case_id, argv, options, work):
    case_dir = work / case_id
    shutil.rmtree(case_dir, ignore_errors=True)
    case_dir.mkdir(parents=True)
    for name, text in options.get("files", {}).items():
        (case_dir / name).parent.mkdir(parents=True, exist_ok=True)
        (case_dir / name).write_text(text)
    if "symlink_loop" in options:
        os.symlink(case_dir / options["symlink_loop"], case_dir / options["symlink_loop"])
    env = dict(os.environ)
    for key, value in options.get("env", {}).items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    if options.get("corrupt_native_cache"):
        env["XDG_CACHE_HOME"] = str(case_dir / "cache")
        subprocess.run([str(ROOT / "tandem"), *argv], env=env, capture_output=True, timeout=300)
        for library in (case_dir / "cache").rglob("*.so"):
            with open(library, "r+b") as handle:
                handle.seek(library.stat().st_size // 2)
                handle.write(b"\0" * 4096)
    argv = [arg.replace("{dir}", str(case_dir)) for arg in argv]
    redirect = ""
    if "stdin" in options and options["stdin"] is None:
        redirect += " <&-"
    if options.get("stdout_closed"):
        redirect += " >&-"
    command = ["bash", "-c", f'exec "$0" "$@"{redirect}', str(ROOT / "tandem"), *argv]
    stdin = subprocess.PIPE if options.get("stdin") is not None else subprocess.DEVNULL
    start = time.monotonic()
    process = subprocess.Popen(command, stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env=env, cwd=case_dir, start_new_session=True)
    early = b""
    if options.get("sigint_when_ready"):
        early = process.stdout.readline()  # the script's "ready": it runs, past the JVM's start
        os.killpg(process.pid, signal.SIGINT)
    try:
        out, err = process.communicate(options.get("stdin", "").encode() if stdin == subprocess.PIPE else None,
                                       timeout=300)
        out = early + out
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        return record("cli", case_id, "hang", "no exit within 300 s", 300_000)
    millis = int((time.monotonic() - start) * 1000)
    out, err = out.decode(errors="replace"), err.decode(errors="replace")
    status = process.returncode
    if status < 0 or status in (134, 139) or "A fatal error has been detected" in err:
        return record("cli", case_id, "crash", f"status {status}: {err[-300:]}", millis)
    if "\tat " in err or "Exception in thread" in err:
        return record("cli", case_id, "unclear", "a Java stack trace: " + err[-300:], millis)
    wrong = []
    if "expect_status" in options and status != options["expect_status"]:
        wrong.append(f"status {status}, expected {options['expect_status']}")
    if options.get("expect_out", "") not in out:
        wrong.append(f"stdout lacks {options['expect_out']!r}")
    if options.get("expect_err", "").lower() not in err.lower():
        wrong.append(f"stderr lacks {options['expect_err']!r}")
    if wrong:
        return record("cli", case_id, "unclear", "; ".join(wrong) + ": " + (err.strip() or out.strip())[-300:], millis)
    return record("cli", case_id, "clear", (err.strip() or out.strip())[-200:], millis)


def record(group, case_id, outcome, why, millis):
    print(f"{outcome:8} {group:7} {case_id} ({millis} ms): {why[:160]}", flush=True)
    return {"group": group, "case": case_id, "outcome": outcome, "why": why, "ms": millis}


def report(results, seconds):
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "report.json").write_text(json.dumps(results, indent=1))
    groups = ("kernel", "sandbox", "state", "cli")
    lines = ["| inputs | " + " | ".join(OUTCOMES) + " |", "| --- |" + " ---: |" * len(OUTCOMES)]
    for group in groups + ("all",):
        chosen = [r for r in results if group in ("all", r["group"])]
        if not chosen:
            continue
        counts = [sum(r["outcome"] == o for r in chosen) for o in OUTCOMES]
        label = f"{group} ({len(chosen)})" if group != "all" else f"**all ({len(chosen)})**"
        lines.append(f"| {label} | " + " | ".join(str(c) for c in counts) + " |")
    table = "\n".join(lines)
    failures = [r for r in results if r["outcome"] != "clear"]
    body = [table, "", f"{len(results)} inputs in {seconds:.0f} s.", ""]
    body += [f"- {r['outcome']}: {r['group']} {r['case']}: {r['why'][:300]}" for r in failures]
    (OUT / "report.md").write_text("\n".join(body) + "\n")
    print("\n" + table)
    print(f"\n{len(results)} inputs in {seconds:.0f} s; report: {OUT / 'report.md'}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", help="run the cases whose id contains this text")
    parser.add_argument("--skip-cli", action="store_true", help="leave out the command-line cases (slow)")
    arguments = parser.parse_args()

    def chosen(items):
        return [item for item in items if not arguments.only or arguments.only in item[0]]

    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="tandem-reliability-") as temporary:
        work = Path(temporary)
        probe = Probe(work, [f"-Dtandem.calibration.file={work / 'calibration.properties'}"])
        try:
            results = run_kernel_cases(probe, chosen(cases.KERNEL))
            results += run_embed_cases(probe, chosen(cases.EMBED), work)
            results += run_leak_cases(probe, chosen(cases.LEAK))
        finally:
            probe.kill()
        if not arguments.only or arguments.only in "sandbox-signal-handler":
            results += run_signal_case(work)
        if not arguments.skip_cli:
            results += [run_cli_case(case_id, argv, options, work) for case_id, argv, options in chosen(cases.CLI)]
    report(results, time.monotonic() - start)
    return 0


if __name__ == "__main__":
    sys.exit(main())
