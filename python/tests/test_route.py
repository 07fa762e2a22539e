"""tandem._route.choose, the routing rules, over route_cases.json: the table that
dev.tandem.tests.routing.RouterTest runs through Java's Router.choose too, so that the two
sides cannot disagree; and kernels.json against the kernels Python declares, with the
methods of their handles."""

import io
import json
import os
import unittest

from tandem import _route

CASES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "route_cases.json")


class ChooseTest(unittest.TestCase):
    def test_every_shared_case(self):
        with open(CASES, encoding="utf-8") as file:
            cases = json.load(file)["cases"]
        for case in cases:
            with self.subTest(case=case):
                reasons = {backend: case["unavailable"].get(backend) for backend in _route.BACKENDS}
                arguments = (case["kernel"], case["choice"], reasons, case.get("timings"))
                if "error" in case:
                    with self.assertRaises(_route.BackendUnavailable) as raised:
                        _route.choose(*arguments)
                    self.assertEqual(str(raised.exception), case["error"])
                else:
                    self.assertEqual(_route.choose(*arguments), (case["expect"], case.get("note")))

    def test_auto_measures_where_the_caller_may_and_never_for_a_backend_named_explicitly(self):
        measured = []

        def measure():
            measured.append(True)
            return {"python": 3.0, "java": 2.0, "rust": 1.0}

        every = dict.fromkeys(_route.BACKENDS)
        self.assertEqual(_route.choose("text.codepoints", "auto", every, None, measure), ("rust", None))
        self.assertEqual(_route.choose("text.codepoints", "java", every, None, measure), ("java", None))
        self.assertEqual(measured, [True])


class TableTest(unittest.TestCase):
    def test_kernels_json_lists_exactly_the_kernels_python_declares(self):
        declared = {entry["name"] for entry in _route.kernels()}
        self.assertEqual(set(_route.rules()["kernels"]), declared)

    def test_every_auto_order_names_each_backend_once(self):
        rules = _route.rules()
        for name in [None, *rules["kernels"]]:
            with self.subTest(kernel=name):
                self.assertEqual(sorted(_route.auto_order(name)), sorted(_route.BACKENDS))

    def test_the_python_backend_answers_every_declared_handle_method(self):
        with_handles = [entry["name"] for entry in _route.kernels() if _route.handle_methods(entry["name"])]
        self.assertIn("sourcemap.decode", with_handles)
        for name in with_handles:
            registered = _route.get(name)
            with self.subTest(kernel=name), _route.using("python"):
                result = registered(*registered.sample_arguments())
                for method in _route.handle_methods(name):
                    self.assertTrue(callable(getattr(result, method, None)), f"{name}'s result has no {method}")

    def test_a_host_handle_refuses_an_undeclared_method(self):
        class Host:
            def lookup(self):
                return 7

            def secret(self):
                return 8

        handle = _route.HostHandle("x.y's handle", Host(), ["lookup"])
        self.assertEqual(handle.lookup(), 7)
        with self.assertRaisesRegex(AttributeError, r"x.y's handle has no declared method 'secret' "
                                                    r"\(python/tandem/kernels.json declares: lookup\)"):
            handle.secret()

    def test_tandem_kernels_lists_each_handle_method_under_its_kernel(self):
        out = io.StringIO()
        _route.print_kernels(out)
        lines = out.getvalue().splitlines()
        at = next(i for i, line in enumerate(lines) if line.startswith("sourcemap.decode "))
        self.assertEqual(lines[at + 1:at + 3], ["  host.parse", "  handle.count"])
        self.assertIn("  handle.lookup_packed", lines)

    def test_lint_check_files_runs_on_its_reference_in_plain_python(self):
        self.assertEqual(_route.get("lint.check_files")([], "F", "", 88), "[]")


if __name__ == "__main__":
    unittest.main()
