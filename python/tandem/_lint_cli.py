"""The driver of ``tandem lint``: options and pyproject.toml, the file walk, the output.

    tandem lint [--select CODES] [--ignore CODES] [--line-length N] [--output-format text|json] PATH...

Exit status as Ruff's: 0 when nothing is found, 1 when something is, 2 for a usage error (an
unknown path, a bad rule code) or a file the linter itself failed on. A file that cannot be
read or parsed is a diagnostic for that file (E902, invalid-syntax); the run goes on.
"""

import fnmatch
import json
import os
import re
import sys

from tandem import _route, lint

#: Every code the linter can report; --select/--ignore prefixes must match one of them.
RULE_CODES = (
    "E401 E402 E501 E701 E702 E703 E711 E712 E713 E714 E721 E722 E731 E741 E742 E743 E902 "
    "F401 F402 F403 F404 F405 F406 F407 F501 F502 F503 F504 F505 F506 F507 F508 F509 F521 F522 "
    "F523 F524 F525 F541 F601 F602 F621 F622 F631 F632 F634 F701 F702 F704 F706 F707 F722 F811 "
    "F821 F822 F841 F842 F901 W291 W293").split()

#: Ruff's default ``exclude`` (directory and file names), plus __pycache__, build and env, which
#: Tandem skips too. Directories holding a pyvenv.cfg (virtual environments) are skipped as well.
DEFAULT_EXCLUDE = (".bzr", ".direnv", ".eggs", ".git", ".git-rewrite", ".hg", ".ipynb_checkpoints",
                   ".mypy_cache", ".nox", ".pants.d", ".pyenv", ".pytest_cache", ".pytype", ".ruff_cache",
                   ".svn", ".tox", ".venv", ".vscode", "__pycache__", "__pypackages__", "_build", "buck-out",
                   "build", "dist", "env", "node_modules", "site-packages", "venv")

USAGE = ("usage: tandem lint [--select CODES] [--ignore CODES] [--line-length N] "
         "[--output-format text|json] PATH...")


class UsageError(Exception):
    pass


class Options:
    """The command line, as LintCommand passes it: ``--name value`` pairs, then ``--``, then paths."""

    def __init__(self, argv):
        self.select = self.ignore = None
        self.line_length = None
        self.output_format = "text"
        argv = list(argv)
        while argv and argv[0] != "--":
            name = argv.pop(0)
            if not argv:
                raise UsageError(f"{name} needs a value")
            value = argv.pop(0)
            if name == "--select":
                self.select = _codes(value, name)
            elif name == "--ignore":
                self.ignore = _codes(value, name)
            elif name == "--line-length":
                self.line_length = _line_length(value, name)
            elif name == "--output-format":
                if value not in ("text", "json"):
                    raise UsageError(f"--output-format is text or json, not {value!r}")
                self.output_format = value
            else:
                raise UsageError(f"unknown option {name}")
        self.paths = argv[1:]
        if not self.paths:
            raise UsageError("no PATH given")


def _codes(value, where):
    """``"E4, F401"`` -> ("E4", "F401"), each a prefix of a known code (or ALL)."""
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list):
        raise UsageError(f"{where}: expected a list of rule codes, got {value!r}")
    codes = tuple(str(part).strip().upper() for part in value if str(part).strip())
    for code in codes:
        known = code == "ALL" or (re.fullmatch(r"[A-Z]+[0-9]*", code)
                                  and any(rule.startswith(code) for rule in RULE_CODES))
        if not known:
            raise UsageError(f"{where}: unknown rule selector {code!r} (known: E4, E7, E9, F, W291, W293, "
                             f"E501, or any prefix of {', '.join(RULE_CODES)})")
    return codes


def _line_length(value, where):
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise UsageError(f"{where}: not a whole number: {value!r}") from None
    if not 1 <= number <= 320:  # Ruff's own bounds
        raise UsageError(f"{where}: must be between 1 and 320, got {number}")
    return number


class Settings:
    """What to check and where: defaults, then pyproject.toml's [tool.ruff], then the command line."""

    def __init__(self, options, config, config_dir):
        lint_table = config.get("lint", {})

        def key(name):  # [tool.ruff.lint] wins over the older top-level [tool.ruff] spelling
            return lint_table.get(name, config.get(name))

        where = "pyproject.toml [tool.ruff]"
        select = _codes(key("select"), where) if key("select") is not None else lint.DEFAULT_SELECT
        select += _codes(key("extend-select") or [], where)
        ignore = _codes(key("ignore") or [], where)
        if options.select is not None:  # a command-line --select starts the selection afresh
            select, ignore = options.select, ()
        self.select = select
        self.ignore = ignore + (options.ignore or ())
        self.line_length = options.line_length or (
            _line_length(config["line-length"], where) if "line-length" in config else 88)
        exclude = config.get("exclude", DEFAULT_EXCLUDE)
        self.exclude = tuple(exclude) + tuple(config.get("extend-exclude", ()))
        self.config_dir = config_dir

    def excluded(self, path):
        """True for a directory or file that a pattern names, by its name or its path from the config."""
        name = os.path.basename(path)
        relative = os.path.relpath(os.path.abspath(path), self.config_dir) if self.config_dir else None
        return any(fnmatch.fnmatchcase(name, pattern)
                   or (relative is not None and fnmatch.fnmatchcase(relative, pattern.rstrip("/")))
                   for pattern in self.exclude)


def find_config(path):
    """[tool.ruff] from the nearest pyproject.toml that has one, at or above ``path``: (table, its dir)."""
    directory = os.path.abspath(path)
    if not os.path.isdir(directory):
        directory = os.path.dirname(directory)
    while True:
        candidate = os.path.join(directory, "pyproject.toml")
        if os.path.isfile(candidate):
            import tomllib  # only here: importing it takes seconds on a cold GraalPy, and most runs find no file
            try:
                with open(candidate, "rb") as handle:
                    table = tomllib.load(handle).get("tool", {}).get("ruff")
            except (OSError, tomllib.TOMLDecodeError) as error:
                raise UsageError(f"cannot read {candidate}: {error}") from None
            if table is not None:  # like Ruff, a pyproject.toml without [tool.ruff] is passed over
                return table, directory
        parent = os.path.dirname(directory)
        if parent == directory:
            return {}, None
        directory = parent


def python_files(paths, settings):
    """The files to lint, in a fixed order: explicit files always; directories walked like Ruff."""
    files = []
    for path in paths:
        if not os.path.isdir(path):
            files.append(path)
            continue
        for directory, subdirs, names in os.walk(path):
            subdirs[:] = sorted(d for d in subdirs if not settings.excluded(os.path.join(directory, d))
                                and not os.path.isfile(os.path.join(directory, d, "pyvenv.cfg")))
            files.extend(os.path.join(directory, name) for name in sorted(names)
                         if name.endswith((".py", ".pyi")) and not settings.excluded(os.path.join(directory, name)))
    return list(dict.fromkeys(files))  # a file named twice is linted once


def ruff_json(diagnostic):
    """One entry of ``ruff check --output-format json`` (``fix``/``url`` are not produced: null)."""
    entry = diagnostic.as_ruff_json()
    entry["filename"] = os.path.abspath(diagnostic.filename)
    entry.update(cell=None, fix=None, url=None, severity="error",
                 noqa_row=None if diagnostic.code == lint.SYNTAX_ERROR else diagnostic.row)
    return entry


def _batch_route():
    """Under ``auto``, the rust backend when it is here, without the first-use calibration:
    timing the reference on a cold GraalPy costs more than it could ever save."""
    name = "lint.check_batch"
    if _route.current_policy().choice_for(name) == "auto" and "rust" in _route.get(name).available_backends():
        return {name: "rust"}
    return {}


def lint_files(paths, settings, err):
    """(diagnostics in file order, whether the linter failed on a file). The files are read
    here and go to the ``lint.check_batch`` kernel in one call, which the host backends spread
    over every core; a file that cannot be read or decoded is its E902 diagnostic alone."""
    per_file = [None] * len(paths)
    texts, names, slots = [], [], []
    for index, path in enumerate(paths):
        try:
            with open(path, "rb") as handle:
                data = handle.read()
            texts.append(data.decode("utf-8"))
        except (OSError, UnicodeDecodeError):
            per_file[index] = lint.check_path(path, settings.select, settings.ignore, settings.line_length)
            continue
        names.append(path)
        slots.append(index)
    failed = False
    try:
        with _route.using(routes=_batch_route()):
            batch = json.loads(lint.check_batch(texts, names, ",".join(settings.select), ",".join(settings.ignore),
                                                settings.line_length))
    except Exception:  # noqa: BLE001 - find the file at fault: one file at a time, each on its own
        batch = None
    for position, index in enumerate(slots):
        path = paths[index]
        if batch is not None:
            per_file[index] = [lint.Diagnostic(code, message, row, column, end_row, end_column, path)
                               for code, row, column, end_row, end_column, message in batch[position]]
            continue
        try:
            per_file[index] = lint.check(texts[position], path, settings.select, settings.ignore, settings.line_length)
        except Exception as error:  # a bug or a limit (RecursionError) on one file must not stop the run
            print(f"tandem lint: failed on {path}: {type(error).__name__}: {error}", file=err)
            failed = True
    return [diagnostic for diagnostics in per_file if diagnostics for diagnostic in diagnostics], failed


def main(argv, out=sys.stdout, err=sys.stderr):
    try:
        options = Options(argv)
        missing = [path for path in options.paths if not os.path.exists(path)]
        if missing:
            raise UsageError("no such file or directory: " + ", ".join(missing))
        settings = Settings(options, *find_config(options.paths[0]))
    except UsageError as error:
        print(f"tandem lint: {error}\n{USAGE}", file=err)
        return 2
    found, failed = lint_files(python_files(options.paths, settings), settings, err)
    if options.output_format == "json":
        json.dump([ruff_json(d) for d in found], out, indent=2, sort_keys=True, ensure_ascii=False)
        out.write("\n")
    else:
        for diagnostic in found:
            print(diagnostic, file=out)
    return 2 if failed else (1 if found else 0)
