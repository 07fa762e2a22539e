"""A small deterministic stand-in for hypothesis, for running the upstream suites inside
Tandem, where hypothesis is not installed: ``given`` runs the test on ``max_examples`` examples
drawn from a random generator seeded by the test's name, so every run draws the same ones.
Only the strategies the suites use exist. It explores less than hypothesis (no shrinking, no
database, no targeted edge cases beyond the few below), so it is a regression check with
fixed inputs; the suites run with real hypothesis on CPython in tiktoken's own CI."""

import functools
import random
import types

#: Code points a drawn character comes from, by weight: ASCII (spaces, digits, letters,
#: punctuation), Latin-1, other scripts and symbols, emoji, and anything but surrogates.
_CHARACTER_RANGES = ((0x20, 0x7E, 40), (0x00, 0x1F, 4), (0xA0, 0x17F, 10), (0x370, 0x52F, 6), (0x590, 0x6FF, 4),
                     (0x900, 0x97F, 4), (0x3040, 0x30FF, 6), (0x4E00, 0x9FFF, 8), (0xAC00, 0xD7A3, 4),
                     (0x1F300, 0x1FAFF, 6), (0x0, 0x10FFFF, 8))


class SearchStrategy:
    def __init__(self, draw):
        self._draw = draw

    def example_from(self, generator):
        return self._draw(generator)

    def filter(self, condition):
        def draw(generator):
            for _ in range(10_000):
                value = self._draw(generator)
                if condition(value):
                    return value
            raise RuntimeError("filter rejected 10,000 examples in a row")

        return SearchStrategy(draw)


def _size(generator, min_size=0, max_size=None):
    """Mostly short, sometimes long, as hypothesis tends to draw."""
    high = max_size if max_size is not None else (200 if generator.random() < 0.1 else 20)
    return generator.randint(min_size, max(min_size, high))


def _character(generator):
    low, high, _ = generator.choices(_CHARACTER_RANGES, weights=[w for _, _, w in _CHARACTER_RANGES])[0]
    while True:
        code = generator.randint(low, high)
        if not 0xD800 <= code <= 0xDFFF:  # hypothesis's text() draws no surrogates either
            return chr(code)


def binary(min_size=0, max_size=None):
    return SearchStrategy(lambda g: bytes(g.randrange(256) for _ in range(_size(g, min_size, max_size))))


def text(min_size=0, max_size=None):
    return SearchStrategy(lambda g: "".join(_character(g) for _ in range(_size(g, min_size, max_size))))


def integers(min_value, max_value):
    return SearchStrategy(lambda g: g.randint(min_value, max_value))


def lists(elements, min_size=0, max_size=None):
    return SearchStrategy(lambda g: [elements.example_from(g) for _ in range(_size(g, min_size, max_size))])


class _Data:
    def __init__(self, generator):
        self._generator = generator

    def draw(self, strategy):
        return strategy.example_from(self._generator)


def data():
    return SearchStrategy(_Data)


strategies = types.ModuleType("hypothesis.strategies")
for _name in ("binary", "text", "integers", "lists", "data", "SearchStrategy"):
    setattr(strategies, _name, globals()[_name])


def settings(deadline=None, max_examples=100):
    def decorate(function):
        function.max_examples = max_examples
        return function

    return decorate


def given(**drawn):
    def decorate(function):
        @functools.wraps(function)
        def run(*args, **kwargs):
            generator = random.Random(function.__qualname__ + repr(sorted(kwargs)))
            for _ in range(getattr(function, "max_examples", 100)):
                function(*args, **kwargs, **{name: s.example_from(generator) for name, s in drawn.items()})

        return run

    return decorate
