"""tandem.bpe on its own: rank files, bad input, the merge algorithms, the pattern translation.

Runs on any Python 3.11+ with PYTHONPATH=python; the tests that need the real rank files
skip without TANDEM_RANKS_DIR (scripts/peers.sh prints it).
"""

import base64
import os
import random
import tempfile
import unittest
from unittest import mock

from tandem import bpe
from tandem.bpe import _pretokenize, _unicode


def _rank_lines(*pairs):
    return b"".join(base64.b64encode(token) + b" " + str(rank).encode() + b"\n" for token, rank in pairs)


ALL_BYTES = _rank_lines(*((bytes([b]), b) for b in range(256)))


def _needs_ranks(test):
    return unittest.skipUnless(os.environ.get(bpe.RANKS_DIR_VARIABLE),
                               f"needs {bpe.RANKS_DIR_VARIABLE} (run scripts/peers.sh)")(test)


class LoadRanks(unittest.TestCase):

    def test_parses_bytes_and_paths(self):
        data = _rank_lines((b"a", 0), (b"b", 1), (b"ab", 2), (b"\x00\xff", 7))
        self.assertEqual(bpe.load_ranks(data), {b"a": 0, b"b": 1, b"ab": 2, b"\x00\xff": 7})
        with tempfile.NamedTemporaryFile(suffix=".tiktoken", delete=False) as file:
            file.write(data)
        try:
            self.assertEqual(bpe.load_ranks(file.name), bpe.load_ranks(data))
        finally:
            os.unlink(file.name)

    def test_accepts_crlf(self):
        self.assertEqual(bpe.load_ranks(b"YQ== 0\r\nYg== 1\r\n"), {b"a": 0, b"b": 1})

    def assert_rejected(self, data, *fragments):
        with self.assertRaises(ValueError) as raised:
            bpe.load_ranks(data)
        for fragment in fragments:
            self.assertIn(fragment, str(raised.exception))

    def test_rejects_malformed_lines_by_number(self):
        good = b"YQ== 0\nYg== 1\n"
        self.assert_rejected(good + b"Yw==\n", "line 3", "not 'BASE64 RANK'")
        self.assert_rejected(good + b"Yw== 2 9\n", "line 3")
        self.assert_rejected(good + b"Yw==  2\n", "line 3")
        self.assert_rejected(good + b"Yw== -2\n", "line 3")
        self.assert_rejected(good + b"Yw== 2x\n", "line 3")
        self.assert_rejected(good + b"\n", "line 3")
        self.assert_rejected(b"\n" + good, "line 1")
        self.assert_rejected(good + b"Yw=! 2\n", "line 3", "base64")
        self.assert_rejected(good + b"Yw 2\n", "line 3", "base64")
        self.assert_rejected(good + b"= 2\n", "line 3")
        self.assert_rejected(good + b"Yw== 4294967296\n", "line 3", "32 bits")

    def test_rejects_truncation_and_empty_files(self):
        self.assert_rejected(b"YQ== 0\nYg== 1", "line 2", "truncated")
        self.assert_rejected(b"YQ== 0\nYg", "line 2", "truncated")
        self.assert_rejected(b"", "empty")

    def test_rejects_duplicates(self):
        self.assert_rejected(b"YQ== 0\nYg== 1\nYQ== 2\n", "line 3", "line 1")
        self.assert_rejected(b"YQ== 0\nYg== 1\nYw== 1\n", "line 3", "rank 1", "line 2")

    def test_missing_file(self):
        with self.assertRaises(FileNotFoundError):
            bpe.load_ranks("/nonexistent/x.tiktoken")


class Encodings(unittest.TestCase):

    def test_unknown_encoding(self):
        for name in ("cl100k", "gpt2", "", None):
            with self.assertRaises(ValueError) as raised:
                bpe.get_encoding(name)
            self.assertIn("cl100k_base", str(raised.exception))  # lists the known ones

    def test_five_encodings(self):
        self.assertEqual(bpe.list_encoding_names(),
                         ["r50k_base", "p50k_base", "p50k_edit", "cl100k_base", "o200k_base"])

    def test_no_rank_data(self):
        with mock.patch.dict(os.environ, {bpe.RANKS_DIR_VARIABLE: ""}), \
                mock.patch.dict(bpe._cache, clear=True):
            with self.assertRaises(FileNotFoundError) as raised:
                bpe.get_encoding("r50k_base")
            self.assertIn(bpe.RANKS_DIR_VARIABLE, str(raised.exception))

    def test_wrong_rank_file(self):
        with mock.patch.dict(bpe._cache, clear=True):
            with self.assertRaises(ValueError) as raised:
                bpe.get_encoding("r50k_base", ALL_BYTES)
            self.assertIn("SHA-256", str(raised.exception))

    def test_every_byte_needs_a_rank(self):
        with self.assertRaises(ValueError) as raised:
            bpe.Encoding("x", pattern=bpe.R50K_PATTERN, mergeable_ranks={b"a": 0}, special_tokens={})
        self.assertIn("255 single bytes have no rank", str(raised.exception))

    def test_special_ids_must_not_collide(self):
        ranks = bpe.load_ranks(ALL_BYTES)
        with self.assertRaises(ValueError):
            bpe.Encoding("x", pattern=bpe.R50K_PATTERN, mergeable_ranks=ranks, special_tokens={"<|s|>": 5})
        with self.assertRaises(ValueError):
            bpe.Encoding("x", pattern=bpe.R50K_PATTERN, mergeable_ranks=ranks,
                         special_tokens={"<|s|>": 300, "<|t|>": 300})


class BadInput(unittest.TestCase):
    """Errors on a small byte-level encoding (no rank files needed)."""

    @classmethod
    def setUpClass(cls):
        ranks = bpe.load_ranks(ALL_BYTES + _rank_lines((b"ab", 256)))
        cls.enc = bpe.Encoding("tiny", pattern=bpe.CL100K_PATTERN, mergeable_ranks=ranks,
                               special_tokens={bpe.ENDOFTEXT: 300})

    def test_disallowed_special_token(self):
        with self.assertRaises(ValueError) as raised:
            self.enc.encode("x<|endoftext|>")
        self.assertIn("'<|endoftext|>'", str(raised.exception))
        self.assertEqual(self.enc.encode("<|endoftext|>", allowed_special="all"), [300])
        self.assertEqual(self.enc.encode("<|endoftext|>", disallowed_special=()), list(b"<|endoftext|>"))

    def test_decode_unknown_id(self):
        for bad in (301, 257, 10**6, 2**32 - 1):
            with self.assertRaises(bpe.InvalidToken) as raised:
                self.enc.decode_bytes([97, bad])
            self.assertIsInstance(raised.exception, KeyError)  # as in tiktoken
            self.assertIn(str(bad), str(raised.exception))
            self.assertIn("0..300", str(raised.exception))
        for bad in (-1, 2**32):
            with self.assertRaises(OverflowError):
                self.enc.decode_bytes([bad])
        for bad in ("1", 1.0, None):
            with self.assertRaises(TypeError):
                self.enc.decode_bytes([bad])

    def test_text_must_be_str(self):
        for method in (self.enc.encode, self.enc.encode_ordinary, self.enc.pieces):
            with self.assertRaises(TypeError):
                method(b"bytes")

    def test_decode_replaces_invalid_utf8(self):
        self.assertEqual(self.enc.decode([0xE6, 0x97, 97]), "\ufffda")
        with self.assertRaises(UnicodeDecodeError):
            self.enc.decode([0xE6], errors="strict")

    def test_surrogates(self):
        # A pair written as two lone surrogates is joined; a lone one becomes U+FFFD.
        self.assertEqual(self.enc.encode_ordinary("\ud83d\ude00"), self.enc.encode_ordinary("\U0001f600"))
        self.assertEqual(self.enc.encode_ordinary("a\ud800"), self.enc.encode_ordinary("a\ufffd"))

    def test_long_inputs_finish(self):
        # Long runs go through the heap merge and the regex without quadratic blow-ups.
        for text in ("a" * 20_000, " " * 20_000 + "x", "\n" * 20_000, "1" * 20_000, "ab" * 10_000):
            tokens = self.enc.encode_ordinary(text)
            self.assertEqual(self.enc.decode(tokens), text)


class BytePairMerge(unittest.TestCase):

    def test_scan_and_heap_agree(self):
        # A random rank table over a small alphabet, so that many merges apply.
        rng = random.Random(3)
        alphabet = b"abc"
        candidates = {bytes(rng.choice(alphabet) for _ in range(rng.randint(2, 6))) for _ in range(400)}
        order = list(candidates)
        rng.shuffle(order)
        ranks = {bytes([b]): b for b in range(256)}
        ranks.update({token: 256 + n for n, token in enumerate(order)})
        for length in list(range(0, 40)) + [rng.randint(40, 400) for _ in range(300)]:
            piece = bytes(rng.choice(alphabet) for _ in range(length))
            self.assertEqual(bpe._byte_pair_merge_heap(piece, ranks), bpe._byte_pair_merge_scan(piece, ranks),
                             piece)

    def test_leftmost_of_equal_ranks_first(self):
        ranks = {bytes([b]): b for b in range(256)}
        ranks[b"aa"] = 256
        self.assertEqual(bpe.byte_pair_merge(b"aaa", ranks), [b"aa", b"a"])
        self.assertEqual(bpe._byte_pair_merge_heap(b"aaa", ranks), [b"aa", b"a"])
        ranks[b"aaa"] = 257  # "aa" then "a" merges, but only when adjacent as those parts
        self.assertEqual(bpe.byte_pair_merge(b"aaaa", ranks), [b"aa", b"aa"])

    @_needs_ranks
    def test_heap_agrees_on_real_ranks(self):
        enc = bpe.get_encoding("cl100k_base")
        rng = random.Random(11)
        words = "the quick brown fox jumps over lazy dogs tokenization ization 東京 🙂".split()
        for _ in range(200):
            piece = " ".join(rng.choice(words) for _ in range(rng.randint(1, 60))).encode()
            self.assertEqual(bpe._byte_pair_merge_heap(piece, enc._ranks), bpe._byte_pair_merge_scan(piece, enc._ranks))


class Pretokenizer(unittest.TestCase):

    def split(self, pattern, text):
        return _pretokenize.split(_pretokenize.compile_pattern(pattern), text)

    def test_gpt2_pieces(self):
        self.assertEqual(self.split(bpe.R50K_PATTERN, "Hello world's  12345!! \n\nx  "),
                         ["Hello", " world", "'s", " ", " 12345", "!!", " \n", "\n", "x", "  "])
        self.assertEqual(self.split(bpe.R50K_PATTERN, "it'S"), ["it", "'", "S"])  # case-sensitive

    def test_cl100k_pieces(self):
        self.assertEqual(self.split(bpe.CL100K_PATTERN, "Hello world's 12345 IT'S ab'ſ x!!\n\n  y"),
                         ["Hello", " world", "'s", " ", "123", "45", " IT", "'S", " ab", "'ſ", " x", "!!\n\n", " ",
                          " y"])

    def test_o200k_pieces(self):
        self.assertEqual(self.split(bpe.O200K_PATTERN, "CamelCase HTTPServer don'T ab'ſ 1234 a/b//\n"),
                         ["Camel", "Case", " HTTPServer", " don'T", " ab'ſ", " ", "123", "4", " a", "/b", "//\n"])

    def test_white_space_is_unicode_white_space(self):
        # U+001C..U+001F are str.isspace() but not White_Space; U+0085 and U+3000 are both.
        self.assertEqual(self.split(bpe.R50K_PATTERN, "a\x1cb"), ["a", "\x1c", "b"])
        self.assertEqual(self.split(bpe.R50K_PATTERN, "a\x1c\x1cb"), ["a", "\x1c\x1c", "b"])
        self.assertEqual(self.split(bpe.R50K_PATTERN, "a\u3000\u3000b"), ["a", "\u3000", "\u3000", "b"])

    def test_pieces_cover_the_text(self):
        from bpe_corpus import corpus_texts, random_texts
        for pattern in (bpe.R50K_PATTERN, bpe.CL100K_PATTERN, bpe.O200K_PATTERN):
            for text in [t for _, t in corpus_texts()] + random_texts(300):
                self.assertEqual("".join(self.split(pattern, text)), text)

    def test_translation_refuses_what_it_does_not_know(self):
        for pattern in (r"\d", r"\w+", r"a.b", r"[\S]", r"(?x:a)", r"\p{Greek}", r"(a"):
            with self.assertRaises(ValueError, msg=pattern):
                _pretokenize.to_python_regex(pattern)

    def test_translation(self):
        translate = _pretokenize.to_python_regex
        self.assertEqual(translate(r"a$"), r"a\Z")
        self.assertEqual(translate(r"(?i:'s|[dk])"), "(?:'[sS\u017f]|[dDkK\u212a])")
        self.assertEqual(translate(r"[^\r\n]"), r"[^\r\n]")


class UnicodeTables(unittest.TestCase):

    def test_version(self):
        self.assertEqual(_unicode.UNICODE_VERSION, "16.0.0")

    def test_tables_are_generated_from_that_version(self):
        try:
            import unicodedata2
        except ImportError:
            self.skipTest("needs unicodedata2 (target/peers-venv has it)")
        if unicodedata2.unidata_version != _unicode.UNICODE_VERSION:
            self.skipTest(f"unicodedata2 is Unicode {unicodedata2.unidata_version}")
        from tandem.bpe import _unicode_gen
        with open(_unicode.__file__, encoding="utf-8") as file:
            self.assertEqual(file.read(), _unicode_gen.generate(unicodedata2))

    def test_classes(self):
        letters = _pretokenize.property_ranges("L")
        self.assertIn((0x41, 0x5A), letters)
        self.assertTrue(any(a <= 0x1E4D0 <= b for a, b in letters))  # Nag Mundari, Unicode 15
        numbers = _pretokenize.property_ranges("N")
        self.assertTrue(any(a <= 0x10D40 <= b for a, b in numbers))  # Garay digit, Unicode 16
        self.assertEqual(len(_pretokenize.property_ranges("White_Space")), 10)


if __name__ == "__main__":
    unittest.main()
