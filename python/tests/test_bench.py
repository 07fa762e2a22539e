"""tandem bench's CPython side: the Hugging Face peer's conversion from tiktoken ranks, the
boundary workload's JMH rows, and the report's cost table and per-workload chart panels.

The HF peer's parity with tiktoken needs the peers of scripts/peers.sh (tiktoken, tokenizers,
TIKTOKEN_CACHE_DIR); without them it is skipped, unless TANDEM_REQUIRE_PEERS=1.
"""

import os
import subprocess
import sys
import tempfile
import unittest

import bpe_corpus

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "scripts", "bench"))  # the harness and its peer programs
import hf_tokenizer  # noqa: E402
from tandem_bench import boundary, jsr223, lint, lint_keys, report, spark  # noqa: E402

try:
    import tiktoken
    import tokenizers
except ImportError:
    tiktoken = tokenizers = None


class Conversion(unittest.TestCase):

    def test_byte_alphabet_is_gpt2s(self):
        alphabet = hf_tokenizer.bytes_to_unicode()
        self.assertEqual(len(set(alphabet.values())), 256)
        self.assertEqual(alphabet[ord("a")], "a")
        self.assertEqual(alphabet[ord(" ")], "Ġ")  # GPT-2's space
        self.assertEqual(alphabet[ord("\n")], "Ċ")
        self.assertEqual(alphabet[0], "Ā")

    def test_merges_are_the_split_lower_ranks_reach_in_rank_order(self):
        ranks = {bytes([b]): b for b in range(256)}
        for rank, token in enumerate([b"ab", b"bc", b"abc", b"cd", b"abcd"], start=256):
            ranks[token] = rank
        # "abc": "ab" (256) merges before "bc" (257), so ab + c; "abcd": abc + d, since "cd" (259)
        # ranks below "abcd" but "abc" (258) is reached first.
        self.assertEqual(hf_tokenizer.split_by_lower_ranks(ranks, b"abc", 258), [b"ab", b"c"])
        self.assertEqual(hf_tokenizer.split_by_lower_ranks(ranks, b"abcd", 260), [b"abc", b"d"])
        vocab, merges, unreachable = hf_tokenizer.vocab_and_merges(ranks)
        self.assertEqual(merges, [("a", "b"), ("b", "c"), ("ab", "c"), ("c", "d"), ("abc", "d")])
        self.assertEqual(vocab["abcd"], 260)
        self.assertEqual(unreachable, [])

    def test_a_token_no_single_merge_reaches_is_reported(self):
        ranks = {bytes([b]): b for b in range(256)}
        ranks[b"xyz"] = 256  # no "xy" or "yz": BPE cannot build it from pairs
        _, merges, unreachable = hf_tokenizer.vocab_and_merges(ranks)
        self.assertEqual((merges, unreachable), ([], [b"xyz"]))

    def test_interval_quantifiers_lose_the_plus_oniguruma_reads_as_a_repeat(self):
        pattern = r"""'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++"""
        converted = hf_tokenizer.oniguruma_pattern(pattern)
        self.assertIn(r"|\p{N}{1,3}|", converted)
        self.assertIn(r"\p{L}++", converted)  # the other possessives stay


def _peers_missing():
    if tiktoken is None:
        return "tiktoken and tokenizers are not installed (run scripts/peers.sh, use target/peers-venv)"
    if not os.environ.get("TIKTOKEN_CACHE_DIR"):
        return "TIKTOKEN_CACHE_DIR is not set (scripts/peers.sh prints it)"
    return None


class HuggingFacePeer(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        reason = _peers_missing()
        if reason and os.environ.get("TANDEM_REQUIRE_PEERS") == "1":
            raise RuntimeError(f"bench peers missing: {reason}")
        if reason:
            raise unittest.SkipTest(reason)
        cls.cache = tempfile.mkdtemp()

    def test_ids_equal_tiktokens_on_the_corpus(self):
        texts = list(bpe_corpus.CORPUS.values()) + ["0100 12345 x1234y", "CamelCase isn't DON'T", "\r\n\n  \t x"]
        texts = [t.encode("utf-16", "surrogatepass").decode("utf-16", "replace") for t in texts]
        for name in ("cl100k_base", "o200k_base"):
            converted = hf_tokenizer.cached_tokenizer(name, self.cache)
            self.assertTrue(os.path.exists(os.path.join(self.cache, f"{name}.json")))
            encoding = tiktoken.get_encoding(name)
            for text in texts:
                with self.subTest(encoding=name, text=text[:40]):
                    self.assertEqual(converted.encode(text, add_special_tokens=False).ids,
                                     encoding.encode_ordinary(text))


class JmhRows(unittest.TestCase):

    def _result(self, name, unit, raw):
        return {"benchmark": f"{boundary.JMH_CLASS}.{name}", "jmhVersion": "1.37",
                "primaryMetric": {"scoreUnit": unit, "rawData": [raw]}}

    def test_results_become_rows_in_the_shown_unit(self):
        rows = boundary.jmh_rows([self._result("poolLease", "us/op", [40.0, 50.0, 60.0]),
                                  self._result("freshContext", "ms/op", [300.0, 310.0, 320.0]),
                                  self._result("heldPythonFunction", "ns/op", [90.0, 100.0, 400.0])])
        by_runner = {row["runner"]: row for row in rows}
        lease = by_runner["pooled context lease, eval None"]
        self.assertEqual((lease["cost"], lease["best"], lease["cost_unit"], lease["status"]), (0.05, 0.04, "ms", "ok"))
        held = by_runner["held Python function, len(s)"]
        self.assertEqual((held["cost"], held["cost_unit"]), (100.0, "ns/call"))
        self.assertEqual(by_runner["held text.fnv1a_32, Java backend"]["status"],
                         "failed: no JMH result (no error shown)")

    def test_a_unit_other_than_expected_is_not_shown_as_a_time(self):
        rows = boundary.jmh_rows([self._result("poolLease", "ms/op", [1.0])])
        lease = next(row for row in rows if row["runner"].startswith("pooled"))
        self.assertEqual(lease["cost"], None)
        self.assertIn("JMH reported ms/op, expected us/op", lease["status"])

    def test_the_command_says_why_when_the_benchmarks_are_not_built(self):
        with tempfile.TemporaryDirectory() as home:
            why = boundary.jmh_command(home, "/nowhere", True, os.path.join(home, "out.json"))
        self.assertIn("no compiled JMH benchmarks", why)


class PyO3PeerRows(unittest.TestCase):
    """The scalar call's CPython peers, from boundary_peer.py's JSON line."""

    def test_costs_become_rows_with_the_peer_version(self):
        costs = {runner: [30.0 + i, 20.0 + i, 40.0 + i] for i, runner in enumerate(boundary.CPYTHON_RUNNERS)}
        rows = boundary.peer_rows({"version": "CPython 3.11.7, PyO3 0.30.1", "fnv1a_32": 7, "costs": costs}, 7)
        self.assertEqual([row["runner"] for row in rows], list(boundary.CPYTHON_RUNNERS))
        self.assertEqual([(row["cost"], row["best"], row["kind"], row["status"]) for row in rows],
                         [(30.0, 20.0, "peer", "ok"), (31.0, 21.0, "peer", "ok"), (32.0, 22.0, "peer", "ok")])
        self.assertEqual(rows[0]["version"], "CPython 3.11.7, PyO3 0.30.1")

    def test_a_different_hash_is_a_mismatch_and_no_time(self):
        rows = boundary.peer_rows({"version": "v", "fnv1a_32": 8, "costs": {}}, 7)
        self.assertEqual({(row["cost"], row["status"]) for row in rows},
                         {(None, "MISMATCH: 8; the reference gives 7")})

    def test_a_peer_that_cannot_run_says_why_on_every_row(self):
        for answer, status in (({"missing": "no cargo"}, "missing: no cargo"),
                               ({"failed": "exit status 1"}, "failed: exit status 1")):
            with self.subTest(status=status):
                rows = boundary.peer_rows(answer, 7)
                self.assertEqual({row["status"] for row in rows}, {status})
                self.assertEqual(len(rows), len(boundary.CPYTHON_RUNNERS))


class Jsr223Rows(unittest.TestCase):
    """The jsr223 workload's rows from its peer program's JSON line."""

    ANSWER = ('{"version": "Engine 1.0", "results": ['
              '{"threads": 1, "median_us": 12.5, "best_us": 10.0, "spread": 0.1, "evals_per_s": 80000, '
              '"evaluations": 100000, "median_cpu_us": 11.5, "best_cpu_us": 9.5, "cpu_spread": 0.05}, '
              '{"threads": 2, "median_us": 900.0, "best_us": 800.0, "spread": 0.2, "evals_per_s": 2000, '
              '"evaluations": 3000, "median_cpu_us": 450.0, "best_cpu_us": 400.0, "cpu_spread": 0.1}]}')

    def test_each_thread_count_is_a_wall_and_a_cpu_row_and_a_cut_short_run_says_so(self):
        rows = jsr223._rows("engine", "peer", [sys.executable, "-c", f"print({self.ANSWER!r})"], 100_000, 5)
        self.assertEqual([(row["workload"], row["cost"], row["best"], row["spread"], row["cost_unit"], row["status"])
                          for row in rows],
                         [(jsr223._workload(1), 12.5, 10.0, 0.1, "us/eval", "ok"),
                          (jsr223._workload(1, cpu=True), 11.5, 9.5, 0.05, "us/eval", "ok"),
                          (jsr223._workload(2), 900.0, 800.0, 0.2, "us/eval", "ok"),
                          (jsr223._workload(2, cpu=True), 450.0, 400.0, 0.1, "us/eval", "ok")])
        self.assertEqual(rows[0]["version"], "Engine 1.0")
        self.assertEqual(rows[2]["version"], "Engine 1.0; 3,000 of 100,000 in the time budget")
        self.assertEqual(rows[3]["version"], rows[2]["version"])

    def test_a_missing_or_failing_peer_keeps_its_rows(self):
        missing = jsr223._rows("engine", "peer", "no jars", 10, 5)
        self.assertEqual([row["status"] for row in missing], ["missing: no jars"] * 4)
        failed = jsr223._rows("engine", "peer", [sys.executable, "-c", "import sys; sys.exit('boom')"], 10, 5)
        self.assertTrue(all(row["status"].startswith("failed: exit status 1: boom") for row in failed), failed)


class SparkRows(unittest.TestCase):
    """The spark workload's rows from its programs' JSON lines (SparkBench, spark_pyspark.py)."""

    def _done(self, code, stdout, stderr=""):
        return subprocess.CompletedProcess([], code, stdout, stderr)

    def test_a_runners_median_run_becomes_rows_per_second(self):
        answer = '{"rows": 1000, "runners": [{"runner": "tandem-rust", "seconds": [2.0, 1.0, 4.0]}]}'
        [row] = spark._rows(self._done(0, "log line\n" + answer), 1000, spark.JVM)
        self.assertEqual((row["runner"], row["kind"], row["items_per_s"], row["seconds"], row["unit"], row["status"]),
                         ("Tandem UDF, rust backend", "tandem", 500.0, 2.0, "rows", "ok"))
        self.assertEqual(row["spread"], 1.5)

    def test_a_failing_program_fails_its_own_runners_only(self):
        rows = spark._rows(self._done(1, "", "Exception: boom\n"), 1000, spark.PYSPARK)
        self.assertEqual([row["runner"] for row in rows], [spark.NAMES[name][0] for name in spark.PYSPARK])
        self.assertTrue(all(row["status"] == "failed: exit status 1: Exception: boom" for row in rows), rows)


class Report(unittest.TestCase):
    ROWS = [
        {"workload": "boundary: call", "runner": "fast", "kind": "tandem", "mb_per_s": None, "tokens_per_s": None,
         "cost": 12.5, "best": 11.0, "cost_unit": "ns/call", "spread": 0.1, "status": "ok"},
        {"workload": "boundary: call", "runner": "slow", "kind": "tandem", "mb_per_s": None, "tokens_per_s": None,
         "cost": 1250.0, "best": 1100.0, "cost_unit": "ns/call", "spread": 0.25, "status": "ok"},
        {"workload": "boundary: call", "runner": "absent", "kind": "tandem", "mb_per_s": None, "tokens_per_s": None,
         "cost": None, "best": None, "cost_unit": "ns/call", "spread": None, "status": "missing: no library"},
        {"workload": "bpe", "runner": "them", "kind": "peer", "mb_per_s": 2.0, "tokens_per_s": 500.0,
         "spread": 0.2, "status": "ok"},
    ]

    def test_cost_rows_have_a_table_of_their_own(self):
        lines = report.markdown(self.ROWS, "here").splitlines()
        self.assertIn("| bpe | them | - | 2.00 | 500 tokens/s | 1.00x | 20% | ok |", lines)
        self.assertIn("| workload | runner | median | best | spread | status |", lines)
        self.assertIn("| boundary: call | **fast** | 12.5 ns/call | 11 ns/call | 10% | ok |", lines)
        self.assertIn("| boundary: call | **slow** | 1,250 ns/call | 1,100 ns/call | 25% | ok |", lines)
        self.assertIn("| boundary: call | **absent** | - | - | - | missing: no library |", lines)

    def test_chart_has_a_panel_per_workload_in_its_unit(self):
        svg = report.svg_chart(self.ROWS, "t")
        self.assertIn("ns/call, lower is better, log scale", svg)
        self.assertIn("MB/s, higher is better, log scale", svg)
        self.assertIn(">12.50 ns/call<", svg)
        self.assertIn(">1,250 ns/call<", svg)
        self.assertIn(">missing<", svg)
        # log scale: 12.5 and 1,250 span two of the panel's three decades (10..10,000)
        widths = [float(part.split('width="')[1].split('"')[0]) for part in svg.split("<rect")[2:4]]
        self.assertAlmostEqual(widths[1] - widths[0], 440 * 2 / 3, delta=0.5)


if __name__ == "__main__":
    unittest.main()


class LintKeys(unittest.TestCase):
    """The lint workload compares tools by the keys of their diagnostic lines."""

    def test_the_three_formats_give_the_same_keys(self):
        ruff = ["a.py:3:1: F401 [*] `os` imported but unused", "Found 1 error."]
        flake8 = ["a.py:3:1: F401 'os' imported but unused"]
        tandem = ["a.py:3:1: F401 `os` imported but unused"]
        keys = [lint_keys.parse_lines(lines) for lines in (ruff, flake8, tandem)]
        self.assertEqual(keys[0], [f"{os.path.abspath('a.py')}:3:1:F401"])
        self.assertEqual(keys[0], keys[1])
        self.assertEqual(keys[1], keys[2])

    def test_syntax_errors_and_other_lines_are_left_out(self):
        lines = ["b.py:1:5: E999 SyntaxError: invalid syntax", "b.py:1:5: invalid-syntax: Expected ')'",
                 "b.py:1:5: SyntaxError: Expected ')'", "All checks passed!", "b.py:2:1: E402 Module level import"]
        self.assertEqual(lint_keys.parse_lines(lines), [f"{os.path.abspath('b.py')}:2:1:E402"])

    def test_the_digest_depends_on_every_key(self):
        keys = lint_keys.parse_lines(["c.py:1:1: F401 x", "c.py:2:1: F811 y"])
        self.assertNotEqual(lint_keys.digest_keys(keys), lint_keys.digest_keys(keys[:1]))
        self.assertEqual(lint_keys.digest_keys(keys), lint_keys.digest_keys(list(keys)))


class LintRows(unittest.TestCase):
    """Tandem's backends must match Tandem's reference exactly; another linter, or every runner
    when the workload compares with Ruff (each tool's default rules), states its agreement."""

    KEYS = {"ruff": {"a:1:1:F401", "a:2:1:E711"}, "tandem": {"a:1:1:F401", "a:2:1:E711"},
            "other": {"a:1:1:F401", "a:3:1:W605"}}

    @staticmethod
    def _ran(keys):
        return {"seconds": [0.5, 0.5, 0.5], "tokens": len(keys), "digest": lint_keys.digest_keys(sorted(keys)),
                "version": "v"}

    def test_against_tandems_reference_a_tandem_runner_that_differs_is_a_mismatch(self):
        outcomes = [(lint.REFERENCE, "peer", self._ran(self.KEYS["ruff"])),
                    (lint.RUFF, "peer", self._ran(self.KEYS["other"])),
                    ("Tandem rust", "tandem", self._ran(self.KEYS["other"]))]
        keys_of = {lint.REFERENCE: self.KEYS["ruff"], lint.RUFF: self.KEYS["other"]}
        rows = {row["runner"]: row for row in lint._rows("w", outcomes, keys_of, 100)}
        self.assertTrue(rows["Tandem rust"]["status"].startswith("MISMATCH"), rows["Tandem rust"])
        self.assertEqual(rows[lint.RUFF]["status"], "ok")
        self.assertIn("50.00% of its 2 diagnostics", rows[lint.RUFF]["agreement"])
        self.assertEqual(rows[lint.REFERENCE]["items_per_s"], 200)

    def test_against_ruff_every_runner_states_its_agreement(self):
        outcomes = [(lint.RUFF, "peer", self._ran(self.KEYS["ruff"])),
                    ("flake8 (CPython)", "peer", self._ran(self.KEYS["other"])),
                    ("./tandem lint", "tandem", self._ran(self.KEYS["other"]))]
        keys_of = {lint.RUFF: self.KEYS["ruff"], "flake8 (CPython)": self.KEYS["other"],
                   "./tandem lint": self.KEYS["other"]}
        rows = {row["runner"]: row for row in lint._rows("w", outcomes, keys_of, 100, reference=lint.RUFF)}
        self.assertEqual([row["status"] for row in rows.values()], ["ok", "ok", "ok"])
        self.assertNotIn("agreement", rows[lint.RUFF])
        self.assertEqual(rows["./tandem lint"]["agreement"], f"{lint.RUFF} reports 50.00% of its 2 diagnostics, "
                                                             f"it 50.00% of {lint.RUFF}'s 2")
