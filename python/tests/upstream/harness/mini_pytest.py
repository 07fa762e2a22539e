"""The part of pytest's API the upstream suites use, for running them inside Tandem, where
pytest is not installed: ``mark.parametrize``, ``param``, ``raises``. The runner
(``run_suite.py``) collects and expands the tests."""

import contextlib


class _Param:
    def __init__(self, *values, id=None):  # noqa: A002 - pytest's name
        self.values = values
        self.id = id


def param(*values, id=None):  # noqa: A002 - pytest's name
    return _Param(*values, id=id)


class _Mark:
    @staticmethod
    def parametrize(argnames, argvalues):
        names = [name.strip() for name in argnames.split(",")] if isinstance(argnames, str) else list(argnames)

        def decorate(function):
            cases = []
            for index, value in enumerate(argvalues):
                if isinstance(value, _Param):
                    values, label = value.values, value.id
                else:
                    values, label = (value if len(names) > 1 else (value,)), None
                cases.append((label or str(index), dict(zip(names, values))))
            # Stacked parametrize marks multiply, as in pytest.
            earlier = getattr(function, "parametrized", [("", {})])
            function.parametrized = [(f"{a}-{b}".strip("-"), {**x, **y}) for a, x in earlier for b, y in cases]
            return function

        return decorate


mark = _Mark()


@contextlib.contextmanager
def raises(expected):
    try:
        yield
    except expected:
        return
    raise AssertionError(f"DID NOT RAISE {expected.__name__}")
