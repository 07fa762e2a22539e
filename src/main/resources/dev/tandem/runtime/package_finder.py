"""Serves the packed tandem package to GraalPy's import system from sources the Java host
hands over, so that scripts import it without any file access (sandboxed contexts have
none). Evaluated by PythonPackage.java; its value is the function the host calls once.

The finder follows the importlib protocols by duck typing: importing importlib.abc would pull
in typing and cost seconds at every start of a cold interpreter.
"""

import sys
from importlib.machinery import ModuleSpec


class _PackedSources:
    """A meta path finder and loader for modules whose source the host packed into the jar."""

    def __init__(self):
        self._modules = {}  # module name -> (file name, is package, source)

    def add(self, name, filename, is_package, source):
        self._modules[name] = (filename, is_package, source)

    def find_spec(self, fullname, path=None, target=None):
        entry = self._modules.get(fullname)
        if entry is None:
            return None
        filename, is_package, _ = entry
        spec = ModuleSpec(fullname, self, origin=filename, is_package=is_package)
        spec.has_location = True
        return spec

    def create_module(self, spec):
        return None  # the default module object

    def exec_module(self, module):
        filename, _, source = self._modules[module.__name__]
        module.__file__ = filename
        exec(compile(source, filename, "exec", dont_inherit=True), module.__dict__)

    def get_source(self, fullname):
        """For linecache, so that tracebacks through the package show its lines."""
        return self._modules[fullname][2]

    def get_filename(self, fullname):
        return self._modules[fullname][0]

    def is_package(self, fullname):
        return self._modules[fullname][1]


class _StandIns:
    """Serves ``import tiktoken`` from tandem.tiktoken and ``import sourcemap`` (python-sourcemap)
    from tandem.sourcemap when no real package of that name is installed: it sits last on
    sys.meta_path, so an installed one is found first. The submodules plugins and users import
    (``from tiktoken.load import load_tiktoken_bpe``, ``from sourcemap.objects import Token``)
    are the same module."""

    _MODULES = {
        **{name: "tandem.tiktoken" for name in
           ("tiktoken", "tiktoken.core", "tiktoken.load", "tiktoken.model", "tiktoken.registry")},
        **{name: "tandem.sourcemap" for name in
           ("sourcemap", "sourcemap.decoder", "sourcemap.exceptions", "sourcemap.objects")},
    }

    def find_spec(self, fullname, path=None, target=None):
        if fullname not in self._MODULES:
            return None
        return ModuleSpec(fullname, self, origin=self._MODULES[fullname])

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        # The import system returns whatever sys.modules holds under the name afterwards.
        __import__(self._MODULES[module.__name__])
        sys.modules[module.__name__] = sys.modules[self._MODULES[module.__name__]]


def _install(packed):
    """Registers every packed module; ``packed`` is one string, NUL-separated fields
    (name, file name, "1" for a package or "0", source) repeated: one crossing for all."""
    finder = _PackedSources()
    fields = packed.split("\0")
    for index in range(0, len(fields) - 3, 4):
        name, filename, is_package, source = fields[index:index + 4]
        finder.add(name, filename, is_package == "1", source)
    sys.meta_path.insert(0, finder)
    sys.meta_path.append(_StandIns())


_install
