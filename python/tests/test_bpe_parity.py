"""tandem.bpe against the real tiktoken, token for token, on all five encodings (plain CPython).

Needs the peers scripts/peers.sh prepares; run as

    scripts/peers.sh python test -v
or, with the environment it prints,
    target/peers-venv/bin/python -m unittest discover -s python/tests -v

Without tiktoken these tests are skipped, unless TANDEM_REQUIRE_PEERS=1 (peers.sh sets it),
when its absence is an error. TANDEM_BPE_RANDOM sets how many random strings (default 3000),
TANDEM_BPE_SEED their seed.
"""

import hashlib
import os
import random
import sys
import unittest

import bpe_corpus
from tandem import bpe

try:
    import tiktoken
except ImportError:  # pragma: no cover - depends on the environment
    tiktoken = None

RANDOM_COUNT = int(os.environ.get("TANDEM_BPE_RANDOM", "3000"))
RANDOM_SEED = int(os.environ.get("TANDEM_BPE_SEED", "20240719"))
_URL = "https://openaipublic.blob.core.windows.net/encodings/{}"


def _peers_missing():
    """Why the parity tests cannot run here, or None."""
    if tiktoken is None:
        return "tiktoken is not installed (run scripts/peers.sh and use target/peers-venv/bin/python)"
    cache = os.environ.get("TIKTOKEN_CACHE_DIR")
    if not cache:
        return "TIKTOKEN_CACHE_DIR is not set (scripts/peers.sh prints it); tiktoken would download"
    for spec in bpe.ENCODINGS.values():
        key = hashlib.sha1(_URL.format(spec.rank_file).encode()).hexdigest()
        if not os.path.exists(os.path.join(cache, key)):
            return f"{spec.rank_file} is not in TIKTOKEN_CACHE_DIR={cache} (run scripts/peers.sh)"
    if not os.environ.get(bpe.RANKS_DIR_VARIABLE):
        return f"{bpe.RANKS_DIR_VARIABLE} is not set (scripts/peers.sh prints it)"
    return None


def setUpModule():
    reason = _peers_missing()
    if reason and os.environ.get("TANDEM_REQUIRE_PEERS") == "1":
        raise RuntimeError(f"parity peers missing: {reason}")
    if reason:
        raise unittest.SkipTest(reason)


_TEXTS = None


def texts():
    """The corpus and the random strings, built once for all encodings."""
    global _TEXTS
    if _TEXTS is None:
        _TEXTS = bpe_corpus.corpus_texts() + [
            (f"random {n}", text) for n, text in enumerate(bpe_corpus.random_texts(RANDOM_COUNT, RANDOM_SEED))]
    return _TEXTS


def _outcome(function, *args, **kwargs):
    """The result, or the exception's type: what must agree between the two."""
    try:
        return function(*args, **kwargs)
    except Exception as error:  # noqa: BLE001 - the type is the result here
        return type(error)


class Parity:
    """Mixed into one TestCase per encoding (below)."""

    encoding_name = None
    compared = 0

    @classmethod
    def setUpClass(cls):
        cls.ours = bpe.get_encoding(cls.encoding_name)
        cls.theirs = tiktoken.get_encoding(cls.encoding_name)
        cls.compared = 0

    @classmethod
    def tearDownClass(cls):
        print(f"\nparity {cls.encoding_name}: {cls.compared} comparisons with tiktoken "
              f"{tiktoken.__version__}", file=sys.stderr)

    def assert_same(self, what, cases, ours, theirs):
        """``ours(text) == theirs(text)`` for every ``(label, text)``; reports the first few misses.

        Where tiktoken raises, ours must raise the same type of exception or a subclass of it.
        """
        misses = []
        for label, text in cases:
            expected, actual = _outcome(theirs, text), _outcome(ours, text)
            type(self).compared += 1
            same = (issubclass(actual, expected) if isinstance(expected, type) and isinstance(actual, type)
                    else expected == actual)
            if not same:
                misses.append(self.describe(label, text, expected, actual))
        if misses:
            shown = "\n\n".join(misses[:5])
            self.fail(f"{self.encoding_name} {what}: {len(misses)} of {len(cases)} texts differ "
                      f"from tiktoken; the first:\n\n{shown}")

    def describe(self, label, text, expected, actual):
        def show(tokens):
            if isinstance(tokens, type):
                return tokens.__name__
            return repr([self.theirs.decode_single_token_bytes(t) for t in tokens][:40])
        report = f"{label}: {text[:200]!r}\n  tiktoken: {show(expected)}\n  tandem:   {show(actual)}"
        if isinstance(text, str):
            report += f"\n  tandem's pieces: {self.ours.pieces(text)[:40]!r}"
        return report

    # --- the vocabulary -------------------------------------------------------------------

    def test_vocabulary(self):
        self.assertEqual(self.ours.n_vocab, self.theirs.n_vocab)
        self.assertEqual(self.ours.max_token_value, self.theirs.max_token_value)
        self.assertEqual(set(self.ours.special_tokens_set), set(self.theirs.special_tokens_set))
        self.assertEqual(self.ours.eot_token, self.theirs.eot_token)
        self.assertEqual(self.ours._ranks, self.theirs._mergeable_ranks)
        for special in self.theirs.special_tokens_set:
            token = self.theirs.encode_single_token(special)
            self.assertEqual(self.ours.decode_single_token_bytes(token), special.encode())

    # --- encoding --------------------------------------------------------------------------

    def test_encode_ordinary_corpus(self):
        self.assert_same("encode_ordinary", bpe_corpus.corpus_texts(),
                         self.ours.encode_ordinary, self.theirs.encode_ordinary)

    def test_encode_ordinary_random(self):
        self.assert_same("encode_ordinary", texts()[len(bpe_corpus.corpus_texts()):],
                         self.ours.encode_ordinary, self.theirs.encode_ordinary)

    def test_encode_default_rejects_special_tokens(self):
        # By default every special token is disallowed: texts holding one raise ValueError.
        self.assert_same("encode()", texts(), self.ours.encode, self.theirs.encode)
        with self.assertRaises(ValueError) as raised:
            self.ours.encode("a <|endoftext|> b")
        self.assertIn("'<|endoftext|>'", str(raised.exception))

    def test_encode_all_special_allowed(self):
        self.assert_same("encode(allowed_special='all')", texts(),
                         lambda text: self.ours.encode(text, allowed_special="all"),
                         lambda text: self.theirs.encode(text, allowed_special="all"))

    def test_encode_one_allowed_rest_plain(self):
        options = {"allowed_special": {bpe.ENDOFTEXT}, "disallowed_special": ()}
        self.assert_same(f"encode(**{options})", texts(),
                         lambda text: self.ours.encode(text, **options),
                         lambda text: self.theirs.encode(text, **options))

    def test_encode_one_allowed_rest_disallowed(self):
        self.assert_same("encode(allowed_special={'<|endoftext|>'})", texts(),
                         lambda text: self.ours.encode(text, allowed_special={bpe.ENDOFTEXT}),
                         lambda text: self.theirs.encode(text, allowed_special={bpe.ENDOFTEXT}))

    def test_encode_disallowed_non_special_string(self):
        # tiktoken checks disallowed_special literally, even strings that are no special token.
        options = {"disallowed_special": {"ab"}}
        self.assert_same(f"encode(**{options})", bpe_corpus.corpus_texts(),
                         lambda text: self.ours.encode(text, **options),
                         lambda text: self.theirs.encode(text, **options))

    # --- decoding --------------------------------------------------------------------------

    def test_decode_round_trip(self):
        cases = [(label, self.theirs.encode(text, allowed_special="all")) for label, text in texts()]
        self.assert_same("decode", cases, self.ours.decode, self.theirs.decode)
        self.assert_same("decode_bytes", cases[:500], self.ours.decode_bytes, self.theirs.decode_bytes)

    def test_decode_random_token_sequences(self):
        # Arbitrary ids: the bytes often are not valid UTF-8 (a multi-byte character cut).
        rng = random.Random(7)
        valid = sorted(self.ours._decoder)
        cases = [(f"random ids {n}", [rng.choice(valid) for _ in range(rng.randint(0, 12))])
                 for n in range(1000)]
        self.assert_same("decode_bytes", cases, self.ours.decode_bytes, self.theirs.decode_bytes)
        self.assert_same("decode", cases, self.ours.decode, self.theirs.decode)
        self.assert_same("decode(errors='ignore')", cases,
                         lambda ids: self.ours.decode(ids, errors="ignore"),
                         lambda ids: self.theirs.decode(ids, errors="ignore"))

    def test_decode_bad_ids(self):
        unused = next(i for i in range(self.ours.n_vocab) if i not in self.ours._decoder) \
            if len(self.ours._decoder) < self.ours.n_vocab else None
        bad = [[self.ours.n_vocab], [10**6], [0, 1, self.ours.n_vocab + 5], [2**32 - 1], [-1], [2**32],
               [1.0], ["1"], [None], "abc"]
        if unused is not None:
            bad.append([unused])
        cases = [(f"ids {ids}", ids) for ids in bad]
        self.assert_same("decode_bytes of bad ids (exception type)", cases,
                         self.ours.decode_bytes, self.theirs.decode_bytes)


class R50kBase(Parity, unittest.TestCase):
    encoding_name = "r50k_base"


class P50kBase(Parity, unittest.TestCase):
    encoding_name = "p50k_base"


class P50kEdit(Parity, unittest.TestCase):
    encoding_name = "p50k_edit"


class Cl100kBase(Parity, unittest.TestCase):
    encoding_name = "cl100k_base"


class O200kBase(Parity, unittest.TestCase):
    encoding_name = "o200k_base"


if __name__ == "__main__":
    unittest.main()
