"""A CPython peer of the tokenizer benchmark: tiktoken, Hugging Face tokenizers (a model built
from tiktoken's ranks by hf_tokenizer.py), Tandem's pure-Python reference, or Tandem's Rust
encoder on its own (rust-alone: native/examples/bpe_bench.rs, no JVM and no crossing; the
program is $TANDEM_BPE_BENCH, the rank files are in $TANDEM_RANKS_DIR).

    PYTHONPATH=python python tokenizer_peer.py tiktoken|hf-tokenizers|reference|rust-alone \
        CORPUS ENCODING WARMUP RUNS [THREADS]
    python tokenizer_peer.py load ENCODING [BACKEND]

``load`` times ``tiktoken.get_encoding(ENCODING)`` and a first encode (when an encoding may
read its ranks) as the first in a fresh process, then again, cached, and prints them as JSON:
under CPython with tiktoken, or inside Tandem (``./tandem run``), whose ``import tiktoken`` is
tandem.tiktoken, under BACKEND.

Encodes the corpus (UTF-8 file; one document per line for batch runs) with encode_ordinary,
or with encode_ordinary_batch over THREADS threads, under the protocol of tandem_bench.measure,
and prints one JSON line: seconds per run, token count, digest of the ids. hf-tokenizers keeps
its converted model in $TANDEM_HF_TOKENIZERS_DIR.
"""

import contextlib
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time

from tandem_bench.measure import digest_ints, measure


#: bpe_bench's PATTERN for each encoding (tandem_native::bpe::Pattern::from_number).
RUST_PATTERNS = {"r50k_base": 0, "p50k_base": 0, "cl100k_base": 1, "o200k_base": 2}


def main(peer, corpus_path, encoding_name, warmup, runs, threads=None):
    if peer == "rust-alone":
        print(json.dumps(_rust_alone(corpus_path, encoding_name, warmup, runs, threads)))
        return
    with open(corpus_path, encoding="utf-8") as file:
        text = file.read()
    if peer == "hf-tokenizers":
        workload, flatten, version = _hf_tokenizers(encoding_name, text, threads)
        result = measure(workload, float(warmup), int(runs))
        ids = flatten(result["output"])
        print(json.dumps({"seconds": result["seconds"], "tokens": len(ids), "digest": digest_ints(ids),
                          "version": version}))
        return
    if peer == "tiktoken":
        import tiktoken

        encoding = tiktoken.get_encoding(encoding_name)
        version = tiktoken.__version__
    else:
        from tandem import bpe

        encoding = bpe.get_encoding(encoding_name)
        version = "CPython " + sys.version.split()[0]
    if threads:
        documents = text.split("\n")
        if peer == "tiktoken":
            workload = lambda: encoding.encode_ordinary_batch(documents, num_threads=int(threads))  # noqa: E731
        else:  # the reference has no threads: it runs the batch one text after another
            workload = lambda: [encoding.encode_ordinary(document) for document in documents]  # noqa: E731
        flatten = lambda batches: [token for batch in batches for token in batch]  # noqa: E731
    else:
        workload = lambda: encoding.encode_ordinary(text)  # noqa: E731
        flatten = lambda ids: ids  # noqa: E731
    result = measure(workload, float(warmup), int(runs))
    ids = flatten(result["output"])
    print(json.dumps({"seconds": result["seconds"], "tokens": len(ids), "digest": digest_ints(ids),
                      "version": version}))


def _rust_alone(corpus_path, encoding_name, warmup, runs, threads):
    """bpe_bench's timings, and the digest of the ids it wrote (little-endian u32, as digest_ints hashes them)."""
    ranks = os.path.join(os.environ["TANDEM_RANKS_DIR"], f"{encoding_name}.tiktoken")
    with tempfile.NamedTemporaryFile(suffix=".ids") as ids:
        done = subprocess.run([os.environ["TANDEM_BPE_BENCH"], ranks, str(RUST_PATTERNS[encoding_name]), corpus_path,
                               str(warmup), str(runs), str(threads or 0), ids.name],
                              capture_output=True, text=True, check=True)
        digest = hashlib.sha256(ids.read()).hexdigest()[:16]
    result = json.loads(done.stdout)
    return {"seconds": result["seconds"], "tokens": result["tokens"], "digest": digest,
            "version": "tandem-native, no JVM"}


def load(encoding_name, backend=None):
    import tiktoken

    if backend:
        import tandem

        using = tandem.using(backend)
    else:
        using = contextlib.nullcontext()
    seconds = []
    with using:
        for _ in range(2):
            start = time.perf_counter()
            tiktoken.get_encoding(encoding_name).encode("hello world")
            seconds.append(time.perf_counter() - start)
    print(json.dumps({"first": seconds[0], "cached": seconds[1],
                      "version": getattr(tiktoken, "__version__", "this build")}))


def _hf_tokenizers(encoding_name, text, threads):
    """HF's encode on the whole text, one thread; or encode_batch_fast (ids without offsets, as
    the other peers give) over the lines on a Rayon pool of THREADS threads."""
    if threads:
        os.environ["RAYON_NUM_THREADS"] = str(threads)  # read when the pool starts: set it first
    else:
        os.environ["TOKENIZERS_PARALLELISM"] = "false"
    import tokenizers
    from hf_tokenizer import cached_tokenizer

    tokenizer = cached_tokenizer(encoding_name, os.environ["TANDEM_HF_TOKENIZERS_DIR"])
    if threads:
        documents = text.split("\n")
        workload = lambda: tokenizer.encode_batch_fast(documents, add_special_tokens=False)  # noqa: E731
        flatten = lambda batches: [token for batch in batches for token in batch.ids]  # noqa: E731
    else:
        workload = lambda: tokenizer.encode(text, add_special_tokens=False)  # noqa: E731
        flatten = lambda encoding: encoding.ids  # noqa: E731
    return workload, flatten, tokenizers.__version__


if __name__ == "__main__":
    if sys.argv[1] == "load":
        load(*sys.argv[2:])
    else:
        main(*sys.argv[1:])
