"""The tokenizer workload: encode_ordinary over a real mixed corpus, cl100k_base and o200k_base
(--quick: cl100k_base only), one thread and a batch over every core, under each Tandem backend
and each peer; Tandem's Rust encoder also on its own (no JVM, no crossing: what the crossing
costs is the difference); and loading: ``get_encoding(name)`` with a first encode, first in a
fresh process and then cached, for each encoding (--quick: cl100k_base), beside tiktoken on CPython;
and the worst-case inputs of bpe_worst (long pieces, random bytes and Unicode), one thread.

The corpus is real text found on any machine with CPython: English prose (the licence texts in
/usr/share/common-licenses), Python source (CPython's standard library) and the multilingual
documents of the tokenizer tests (many scripts, emoji, combining marks), interleaved in
blocks. Documents are its lines, for the batch runs.
"""

import glob
import os
import shutil
import subprocess
import sys

from tandem import _route
from tandem import tiktoken as tandem_tiktoken
from tandem_bench import bpe_worst
from tandem_bench.measure import digest_ints, measure, summary
from tandem_bench.peers import Peer, compiled_java, maven_jar, venv_python

ENCODINGS = ("cl100k_base", "o200k_base")
#: The encodings whose loading is timed: tiktoken's, but gpt2 (whose files tiktoken fetches apart).
LOAD_ENCODINGS = ("r50k_base", "p50k_base", "p50k_edit", "cl100k_base", "o200k_base", "o200k_harmony")


def build_corpus(home, size):
    """About ``size`` bytes of mixed real text, the same on every run on this machine."""
    sources = [_read_all(sorted(glob.glob("/usr/share/common-licenses/*"))),
               _read_all(_stdlib_modules()),
               _multilingual(home)]
    sources = [text for text in sources if text]
    blocks = [_blocks(text, 4096) for text in sources]
    out, total, index = [], 0, 0
    while total < size and any(blocks):
        queue = blocks[index % len(blocks)]
        index += 1
        if queue:
            block = queue.pop(0)
            out.append(block)
            total += len(block.encode("utf-8"))
    return "\n".join(out)


def _read_all(paths):
    texts = []
    for path in paths:
        try:
            with open(path, encoding="utf-8") as file:
                texts.append(file.read())
        except (OSError, UnicodeDecodeError):
            continue
    return "\n".join(texts)


def _stdlib_modules():
    try:
        stdlib = subprocess.run(["python3", "-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])"],
                                capture_output=True, text=True, timeout=60).stdout.strip()
    except OSError:
        return []
    return sorted(glob.glob(os.path.join(stdlib, "*.py")))[:200] if stdlib else []


def _multilingual(home):
    sys.path.insert(0, os.path.join(home, "python", "tests"))
    try:
        import bpe_corpus
    finally:
        sys.path.pop(0)
    return "\n".join(bpe_corpus.CORPUS.values()) * 20  # whole documents; the edge cases hold lone surrogates


def _blocks(text, size):
    lines, blocks, current = text.splitlines(), [], []
    length = 0
    for line in lines:
        current.append(line)
        length += len(line) + 1
        if length >= size:
            blocks.append("\n".join(current))
            current, length = [], 0
    if current:
        blocks.append("\n".join(current))
    return blocks


def peers(home, java_home):
    """The peers of this workload, each runnable or missing with the reason."""
    script = os.path.join(home, "scripts", "bench", "tokenizer_peer.py")
    env = {"PYTHONPATH": os.path.join(home, "python"),
           "TANDEM_RANKS_DIR": os.path.join(home, "target", "ranks"),
           "TIKTOKEN_CACHE_DIR": os.path.join(home, "target", "tiktoken-cache"),
           "TANDEM_HF_TOKENIZERS_DIR": os.path.join(home, "target", "hf-tokenizers")}
    venv = venv_python(home)
    missing_venv = None if venv else "no target/peers-venv (scripts/peers.sh failed)"
    jar = maven_jar("com.knuddels", "jtokkit", "1.1.0")
    jtokkit, jtokkit_missing = _jtokkit_command(home, java_home, jar)
    rust_alone, rust_missing = _bpe_bench_program(home)
    return [
        Peer("tiktoken (CPython)", [venv, script, "tiktoken"] if venv else None, env, missing_venv),
        Peer("reference (CPython)", ["python3", script, "reference"], env),
        Peer("JTokkit (Java)", jtokkit, None, jtokkit_missing),
        Peer("HF tokenizers (CPython)", [venv, script, "hf-tokenizers"] if venv else None, env, missing_venv),
        Peer("Tandem's Rust encoder alone (no JVM)", ["python3", script, "rust-alone"],
             dict(env, TANDEM_BPE_BENCH=rust_alone or ""), rust_missing),
    ]


def _bpe_bench_program(home):
    """``(path, None)`` or ``(None, why)``: native/examples/bpe_bench.rs, built by cargo into the
    build's own target directory (the library's compiled crates are reused)."""
    cargo = shutil.which("cargo") or os.path.expanduser(os.path.join("~", ".cargo", "bin", "cargo"))
    if not os.path.exists(cargo):
        return None, "no cargo (the Rust encoder alone is built from native/examples/bpe_bench.rs)"
    target = os.path.join(home, "target", "native")
    done = subprocess.run([cargo, "build", "-q", "--release", "--example", "bpe_bench",
                           f"--manifest-path={os.path.join(home, 'native', 'Cargo.toml')}", f"--target-dir={target}"],
                          capture_output=True, text=True)
    if done.returncode != 0:
        return None, "cargo build --example bpe_bench failed: " + " | ".join(done.stderr.strip().splitlines()[-3:])
    return os.path.join(target, "release", "examples", "bpe_bench"), None


def _jtokkit_command(home, java_home, jar):
    """``(command, None)`` or ``(None, why)``: JtokkitPeer on its compiled class."""
    if not jar:
        return None, "no JTokkit 1.1.0 jar in ~/.m2 (scripts/peers.sh fetches it)"
    classes, why = compiled_java(home, java_home, "JtokkitPeer", ["-cp", jar])
    if why:
        return None, why
    return [os.path.join(java_home, "bin", "java"), "-cp", os.pathsep.join([classes, jar]), "JtokkitPeer"], None


def run(home, java_home, corpus_path, text, quick, threads, progress):
    """The rows of this workload: every Tandem backend and every peer, per encoding and mode."""
    warmup, runs = (1.0, 3) if quick else (10.0, 7)
    rows = []
    size_mb = len(text.encode("utf-8")) / 1e6
    documents = text.split("\n")
    for encoding_name in ENCODINGS[:1] if quick else ENCODINGS:  # --quick: cl100k_base only
        for mode, mode_threads in (("1 thread", None), (f"batch, {threads} threads", threads)):
            workload = f"bpe.encode_ordinary {encoding_name}, {mode}"
            outcomes = []
            for peer in peers(home, java_home):
                progress(f"{workload}: {peer.name}")
                arguments = [corpus_path, encoding_name, warmup, runs] + ([mode_threads] if mode_threads else [])
                outcomes.append((peer.name, "peer", peer.run(*arguments)))
            encoding = tandem_tiktoken.get_encoding(encoding_name)
            for backend in _route.BACKENDS:
                name = f"Tandem {backend}"
                reason = _route.get("bpe.encode_ordinary").unavailable_reason(backend)
                if reason:
                    outcomes.append((name, "tandem", {"missing": reason}))
                    continue
                if backend == "python" and (quick or mode_threads):
                    # The reference on a cold GraalPy parses the rank file for minutes before
                    # its JIT warms up: one single-thread figure, in full runs only.
                    why = "--quick" if quick else "single-thread figure only"
                    outcomes.append((name, "tandem", {"skipped": f"{why} (the reference on GraalPy needs "
                                                                 f"minutes of warm-up)"}))
                    continue
                progress(f"{workload}: {name}")
                outcomes.append((name, "tandem", tandem_run(encoding, backend, text, documents, mode_threads,
                                                             warmup if backend != "python" else 0.0,
                                                             runs if backend != "python" else 1, progress)))
            rows += checked_rows(workload, outcomes, size_mb)
    rows += _worst_case_rows(home, java_home, os.path.dirname(corpus_path), quick, progress)
    return rows + _load_rows(home, quick, progress)


#: The runners of the worst-case rows: ``peers`` by name (JTokkit and HF tokenizers time the
#: bulk rows only), then the Tandem backends.
WORST_CASE_PEERS = ("tiktoken (CPython)", "reference (CPython)", "Tandem's Rust encoder alone (no JVM)")


def _worst_case_rows(home, java_home, directory, quick, progress):
    """``encode_ordinary`` (cl100k_base, one thread) of each of bpe_worst's inputs, written to
    ``directory`` for the peers; MB/s of the input's UTF-8 size."""
    warmup, runs = (1.0, 3) if quick else (5.0, 7)
    encoding_name = ENCODINGS[0]
    encoding = tandem_tiktoken.get_encoding(encoding_name)
    runners = [peer for peer in peers(home, java_home) if peer.name in WORST_CASE_PEERS]
    rows = []
    for number, (title, text) in enumerate(bpe_worst.inputs(build_corpus(home, 46_000))):
        path = os.path.join(directory, f"bpe-worst-{number}.txt")
        with open(path, "w", encoding="utf-8") as file:
            file.write(text)
        workload = f"bpe.encode_ordinary {encoding_name}, worst case: {title}"
        outcomes = []
        for peer in runners:
            progress(f"{workload}: {peer.name}")
            outcomes.append((peer.name, "peer", peer.run(path, encoding_name, warmup, runs)))
        for backend in _route.BACKENDS:
            name = f"Tandem {backend}"
            reason = _route.get("bpe.encode_ordinary").unavailable_reason(backend)
            if reason:
                outcomes.append((name, "tandem", {"missing": reason}))
            elif backend == "python":
                outcomes.append((name, "tandem", {"skipped": "its figure is the reference's on CPython (on GraalPy "
                                                             "the reference needs minutes of warm-up)"}))
            else:
                progress(f"{workload}: {name}")
                outcomes.append((name, "tandem", tandem_run(encoding, backend, text, None, None, warmup, runs,
                                                            progress)))
        rows += checked_rows(workload, outcomes, len(text.encode("utf-8")) / 1e6)
    return rows


def _load_rows(home, quick, progress):
    """Cost rows (ms) of ``tokenizer_peer.py load``: each run a fresh process (CPython with
    tiktoken, or a Tandem JVM of its own: TANDEM_DAEMON=0, so nothing is loaded before)."""
    script = os.path.join(home, "scripts", "bench", "tokenizer_peer.py")
    env = {"PYTHONPATH": os.path.join(home, "python"), "TANDEM_DAEMON": "0",
           "TIKTOKEN_CACHE_DIR": os.path.join(home, "target", "tiktoken-cache")}
    venv = venv_python(home)
    runners = [Peer("tiktoken (CPython)", [venv, script, "load"] if venv else None, env,
                    None if venv else "no target/peers-venv (scripts/peers.sh failed)")]
    for backend in _route.BACKENDS:
        reason = _route.get("bpe.encode_ordinary").unavailable_reason(backend)
        if quick and backend == "python":
            reason = "--quick (the reference reads the rank file in Python on GraalPy)"
        runners.append(Peer(f"Tandem {backend}", [os.path.join(home, "tandem"), "run", script, "load"], env, reason))
    rows = []
    for name in ("cl100k_base",) if quick else LOAD_ENCODINGS:
        for runner in runners:
            progress(f"get_encoding {name}: {runner.name}")
            backend = runner.name.removeprefix("Tandem ")
            arguments = [name] + ([backend] if runner.name.startswith("Tandem") else [])
            outcomes = [runner.run(*arguments) for _ in range(1 if quick else 3)]
            for when in ("first", "cached"):
                row = {"workload": f"get_encoding {name}, {when}" + (" in a process" if when == "first" else ""),
                       "runner": runner.name, "kind": "tandem" if runner.name.startswith("Tandem") else "peer",
                       "cost_unit": "ms", "version": outcomes[-1].get("version")}
                failed = next((o for o in outcomes if when not in o), None)
                if failed is not None:
                    row["status"] = "; ".join(f"{k}: {v}" for k, v in failed.items())
                else:
                    median, spread = summary([o[when] for o in outcomes])
                    row.update(status="ok", cost=median * 1000, best=min(o[when] for o in outcomes) * 1000,
                               spread=spread)
                rows.append(row)
    return rows


def tandem_run(encoding, backend, text, documents, threads, warmup, runs, progress):
    with _route.using(backend):
        if threads:
            workload = lambda: encoding.encode_ordinary_batch(documents, num_threads=threads)  # noqa: E731
        else:
            workload = lambda: encoding.encode_ordinary(text)  # noqa: E731
        result = measure(workload, warmup, runs, progress)
    ids = result["output"]
    if threads:
        ids = [token for batch in ids for token in batch]
    return {"seconds": result["seconds"], "tokens": len(ids), "digest": digest_ints(ids), "version": "this build"}


def checked_rows(workload, outcomes, size_mb):
    """Rows with status: every output is compared with the reference's before a time is shown."""
    truth = dict((name, outcome) for name, _, outcome in outcomes).get("reference (CPython)", {})
    rows = []
    for name, kind, outcome in outcomes:
        row = {"workload": workload, "runner": name, "kind": kind, "mb_per_s": None, "tokens_per_s": None,
               "spread": None, "version": outcome.get("version")}
        if "missing" in outcome:
            row["status"] = f"missing: {outcome['missing']}"
        elif "skipped" in outcome:
            row["status"] = f"skipped: {outcome['skipped']}"
        elif "failed" in outcome:
            row["status"] = f"failed: {outcome['failed']}"
        elif "digest" not in truth:
            row["status"] = "unchecked: the reference did not run"
        elif outcome["digest"] != truth["digest"] or outcome["tokens"] != truth["tokens"]:
            row["status"] = f"MISMATCH: {outcome['tokens']} tokens, digest {outcome['digest']}; the reference " \
                            f"gives {truth['tokens']}, {truth['digest']}"
        else:
            median, spread = summary(outcome["seconds"])
            row.update(status="ok", mb_per_s=size_mb / median, tokens_per_s=outcome["tokens"] / median,
                       spread=spread)
        rows.append(row)
    return rows
