"""The binding model behind the pyflakes rules (F4xx, F6xx-F8xx): scopes, bindings, uses.

Like pyflakes and Ruff, the module and class bodies are walked in order, while function and
lambda bodies (and deferred annotations) run after the module, so they see every module-level
name. A binding records whether anything used it; a new binding of a name in the same scope
inherits that record (Ruff copies the references), so only never-read names count as unused.
The scope-end rules (F401, F841, F811, F822) run when every deferred body has been seen.
"""

import ast
import re

from tandem.lint import _builtins
from tandem.lint._rules_ast import check_expression, check_statement

MODULE, CLASS, FUNCTION, COMPREHENSION = "module", "class", "function", "comprehension"
TYPE_PARAMS = "type parameters"  # PEP 695: those of a generic def, class or type alias
_IMPORTS = ("import", "from_import", "submodule_import")
_DEFINITIONS = _IMPORTS + ("function", "class")
#: Ruff's default dummy-variable-rgx: unused names that match are deliberate.
_DUMMY = re.compile(r"^(_+|(_+[a-zA-Z0-9_]*[a-zA-Z0-9]+?))$")
_KEEP_UNUSED = {"__tracebackhide__", "__traceback_info__", "__traceback_supplement__", "__debuggerskip__"}
_BUILTINS = _builtins.NAMES | {"__file__", "__builtins__", "__annotations__", "WindowsError"}
_MODULE_MAGIC = {"__name__", "__doc__", "__file__", "__loader__", "__package__", "__spec__",
                 "__cached__", "__builtins__", "__annotations__", "__dict__"}
_CLASS_MAGIC = {"__module__", "__qualname__"}


class Binding:
    __slots__ = ("name", "kind", "span", "used", "fork", "qualified", "unpacked", "is_global", "overload", "guarded")

    def __init__(self, name, kind, span, fork, qualified=None):
        self.name = name
        self.kind = kind
        self.span = span
        self.fork = fork
        self.qualified = qualified or name
        self.used = False
        self.unpacked = False
        self.is_global = False
        self.overload = False
        self.guarded = False  # bound in a try body that handles ImportError


class Scope:
    __slots__ = ("kind", "bindings", "globals", "nonlocals", "star_imports", "uses_locals", "node")

    def __init__(self, kind, node=None):
        self.kind = kind
        self.node = node
        self.bindings = {}
        self.globals = set()
        self.nonlocals = set()
        self.star_imports = []
        self.uses_locals = False


class Analyzer(ast.NodeVisitor):
    """Walks one module; ``report(code, message, span)`` receives each diagnostic."""

    def __init__(self, source, report, is_init=False):
        self.source = source
        self.report = report
        self.is_init = is_init
        self.module = Scope(MODULE)
        self.stack = [self.module]
        self.fork = ()
        self.all_scopes = [self.module]
        self.deferred = []
        self.shadowings = []
        self.exports = []
        self.future_annotations = False
        self.futures_closed = False  # past the docstring and __future__ imports (F404)
        self.catches_name_error = 0
        self.in_annotation = False
        self.loop_depth = 0
        self.branch_depth = 0
        self.import_guard = 0  # inside a try body whose handlers catch ImportError
        self.declared_globals = set()
        self.format_specs = set()

    # --- driving -----------------------------------------------------------------------------

    def run(self, tree):
        self.declared_globals = {name for node in ast.walk(tree) if isinstance(node, ast.Global) for name in node.names}
        for index, statement in enumerate(tree.body):
            self.visit(statement)
            if not (isinstance(statement, ast.ImportFrom) and statement.module == "__future__") and \
                    not (index == 0 and isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant)
                         and isinstance(statement.value.value, str)):
                self.futures_closed = True
        while self.deferred:
            task = self.deferred.pop(0)
            task()
        self._export_checks()
        for scope in self.all_scopes:
            self._scope_end(scope)
        for binding, shadowed, same_scope in self.shadowings:
            self._redefinition(binding, shadowed, same_scope)

    def defer(self, function):
        stack, fork, catches = list(self.stack), self.fork, self.catches_name_error

        def task():
            saved = self.stack, self.fork, self.catches_name_error, self.loop_depth, self.branch_depth
            self.stack, self.fork, self.catches_name_error = stack, fork, catches
            self.loop_depth = self.branch_depth = 0
            try:
                function()
            finally:
                self.stack, self.fork, self.catches_name_error, self.loop_depth, self.branch_depth = saved

        self.deferred.append(task)

    @property
    def scope(self):
        return self.stack[-1]

    def visit_body(self, statements):
        for statement in statements:
            self.visit(statement)

    def in_fork(self, node, arm, visit):
        saved = self.fork
        self.fork = saved + ((id(node), arm),)
        self.branch_depth += 1
        try:
            visit()
        finally:
            self.fork = saved
            self.branch_depth -= 1

    def visit(self, node):
        if isinstance(node, ast.stmt):
            check_statement(self, node)
        elif isinstance(node, ast.expr):
            check_expression(self, node)
        return super().visit(node)

    # --- bindings ----------------------------------------------------------------------------

    def bind(self, name, kind, span, qualified=None, scope=None):
        scope = scope or self.scope
        if name in scope.globals and scope is not self.module:
            binding = Binding(name, kind, span, self.fork, qualified)
            binding.is_global = True
            binding.used = True
            scope.bindings[name] = binding
            return binding
        binding = Binding(name, kind, span, self.fork, qualified)
        binding.guarded = bool(self.import_guard)
        if kind == "loop":
            self._loop_shadowing(binding, scope)
        if kind not in ("annotation", "global", "nonlocal", "builtin", "type parameter"):
            self._record_shadowing(binding, scope)
        shadowed = scope.bindings.get(name)
        if shadowed is not None:
            if kind == "annotation":
                return shadowed
            if shadowed.kind not in ("deletion", "builtin"):
                binding.used = shadowed.used
                binding.is_global = shadowed.is_global
        scope.bindings[name] = binding
        return binding

    def _record_shadowing(self, binding, scope):
        """As Ruff: a binding shadows the name's binding in its own scope; failing that (and
        outside class bodies), the one in the nearest enclosing function or module scope."""
        existing = scope.bindings.get(binding.name)
        if existing is not None:
            self.shadowings.append((binding, existing, True))
            return
        if scope.kind == CLASS or scope not in self.stack:
            return
        for outer in reversed(self.stack[:self.stack.index(scope)]):
            existing = outer.bindings.get(binding.name)
            if outer.kind in (FUNCTION, MODULE) and existing is not None:
                self.shadowings.append((binding, existing, False))
                return

    def _loop_shadowing(self, binding, scope):
        """F402, as Ruff: the import the name reaches, in the same branch (a function's body
        is in the branch of its definition)."""
        existing = scope.bindings.get(binding.name) or self.lookup(binding.name)
        if existing is not None and existing.kind in _IMPORTS and existing.fork == binding.fork:
            self.report("F402", f"Import `{binding.name}` from line {existing.span[0]} shadowed by loop variable",
                        binding.span)

    def lookup(self, name):
        """The binding a load of ``name`` here reaches (class scopes are skipped from nested
        functions but seen from comprehensions directly inside the class), or None."""
        only_comprehensions = True
        for index in range(len(self.stack) - 1, -1, -1):
            scope = self.stack[index]
            if scope.kind == CLASS and index != len(self.stack) - 1 and not only_comprehensions:
                continue
            binding = scope.bindings.get(name)
            if binding is not None and binding.kind not in ("annotation", "deletion"):
                if binding.kind == "global":
                    target = self.module.bindings.get(name)
                    return target if target is not None and target.kind != "deletion" else binding
                return binding
            if binding is not None and binding.kind == "deletion":
                return None
            only_comprehensions = only_comprehensions and scope.kind == COMPREHENSION
        return None

    def load(self, name, span):
        if name == "locals" and self.scope.kind == FUNCTION:
            self.scope.uses_locals = True
        binding = self.lookup(name)
        if binding is not None:
            binding.used = True
            return
        if self._is_magic(name) or name in self.declared_globals:
            return
        if any(scope.star_imports for scope in self.stack):
            # Ruff reports this even where NameError is caught: only F821 is excused there.
            modules = ", ".join(m for scope in self.stack for m in scope.star_imports)
            self.report("F405", f"`{name}` may be undefined, or defined from star imports: {modules}", span)
            return
        if not self.catches_name_error:
            self.report("F821", f"Undefined name `{name}`", span)

    def _is_magic(self, name):
        if name in _BUILTINS or name in _MODULE_MAGIC:
            return True
        if name == "__path__" and self.is_init:
            return True
        if name in _CLASS_MAGIC and self.scope.kind == CLASS:
            return True
        if name == "__class__" and any(scope.kind == CLASS for scope in self.stack[:-1]) \
                and self.scope.kind == FUNCTION:
            return True
        return False

    # --- names -------------------------------------------------------------------------------

    def visit_Name(self, node):
        span = self.source.span(node)
        if isinstance(node.ctx, ast.Load):
            self.load(node.id, span)
        elif isinstance(node.ctx, ast.Store):
            self.bind(node.id, "assign", span)
        else:
            self.delete_name(node.id, span)

    def delete_name(self, name, span):
        scope = self.scope
        if name in scope.globals and name in self.module.bindings:
            self.module.bindings[name].used = True
            return
        binding = scope.bindings.get(name)
        if binding is None or binding.kind == "deletion":
            if self.lookup(name) is None and not self._is_magic(name):
                self.load(name, span)
            return
        binding.used = True
        if self.branch_depth or self.loop_depth:
            return
        scope.bindings[name] = Binding(name, "deletion", span, self.fork)

    # --- statements --------------------------------------------------------------------------

    def _alias_span(self, alias):
        """Ruff places import diagnostics on the bound name: ``b`` in ``import a as b``."""
        row, column, end_row, end_column = self.source.span(alias)
        if alias.asname:
            return (end_row, end_column - len(alias.asname), end_row, end_column)
        return (row, column, end_row, end_column)

    def visit_Import(self, node):
        for alias in node.names:
            span = self._alias_span(alias)
            if alias.asname:
                self.bind(alias.asname, "import", span, alias.name)
            elif "." in alias.name:
                self.bind(alias.name.split(".")[0], "submodule_import", span, alias.name)
            else:
                self.bind(alias.name, "import", span, alias.name)

    def visit_ImportFrom(self, node):
        module = "." * node.level + (node.module or "")
        for alias in node.names:
            span = self._alias_span(alias)
            if alias.name == "*":
                self.scope.star_imports.append(module)
                if self.is_init and node.level == 1 and node.module and "." not in node.module:
                    self.bind(node.module, "submodule", span).used = True  # the package's own submodule
                continue
            name = alias.asname or alias.name
            qualified = module + alias.name if module.endswith(".") else f"{module}.{alias.name}"
            if node.module == "__future__":
                binding = self.bind(name, "future", span, qualified)
                binding.used = True
                if alias.name == "annotations":
                    self.future_annotations = True
            else:
                self.bind(name, "from_import", span, qualified)

    def visit_Assign(self, node):
        self.visit(node.value)
        unpacked = not isinstance(node.value, (ast.Tuple, ast.List))
        for target in node.targets:
            self.visit_target(target, unpacked and isinstance(target, (ast.Tuple, ast.List)))
        if self.scope is self.module:
            self._collect_exports(node.targets, node.value, replace=True)

    def visit_target(self, target, unpacked=False, kind="assign"):
        if isinstance(target, ast.Name):
            check_expression(self, target)
            binding = self.bind(target.id, kind, self.source.span(target))
            binding.unpacked = binding.unpacked or unpacked
        elif isinstance(target, (ast.Tuple, ast.List)):
            check_expression(self, target)
            for element in target.elts:
                self.visit_target(element, unpacked, kind)
        elif isinstance(target, ast.Starred):
            self.visit_target(target.value, unpacked, kind)
        else:
            self.visit(target)

    def visit_AugAssign(self, node):
        self.visit(node.value)
        if isinstance(node.target, ast.Name):
            check_expression(self, node.target)  # E741 on `l += 1` too, as Ruff
            span = self.source.span(node.target)
            self.load(node.target.id, span)
            self.bind(node.target.id, "augassign", span)
            if self.scope is self.module and node.target.id == "__all__":
                self._collect_exports([node.target], node.value, replace=False)
        else:
            self.visit(node.target)

    def visit_AnnAssign(self, node):
        self.visit_annotation(node.annotation, deferred=self.scope.kind == FUNCTION)
        if node.value is not None:
            self.visit(node.value)
            self.visit_target(node.target)
            if self.scope is self.module:
                self._collect_exports([node.target], node.value, replace=True)
        elif isinstance(node.target, ast.Name):
            self.bind(node.target.id, "annotation", self.source.span(node.target))
        else:
            self.visit(node.target)

    def visit_NamedExpr(self, node):
        self.visit(node.value)
        scope_index = len(self.stack) - 1
        while self.stack[scope_index].kind == COMPREHENSION and scope_index > 0:
            scope_index -= 1
        self.bind(node.target.id, "walrus", self.source.span(node.target), scope=self.stack[scope_index])

    def visit_For(self, node):
        self.visit(node.iter)
        self.visit_target(node.target, kind="loop")
        self.loop_depth += 1
        self.visit_body(node.body)
        self.loop_depth -= 1
        self.visit_body(node.orelse)

    visit_AsyncFor = visit_For

    def visit_While(self, node):
        self.visit(node.test)
        self.loop_depth += 1
        self.visit_body(node.body)
        self.loop_depth -= 1
        self.visit_body(node.orelse)

    def visit_If(self, node):
        self.visit(node.test)
        self.in_fork(node, 0, lambda: self.visit_body(node.body))
        self.in_fork(node, 1, lambda: self.visit_body(node.orelse))

    def visit_With(self, node):
        for item in node.items:
            self.visit(item.context_expr)
            if item.optional_vars is not None:
                target = item.optional_vars
                self.visit_target(target, isinstance(target, (ast.Tuple, ast.List)), kind="with")
        self.visit_body(node.body)

    visit_AsyncWith = visit_With

    def visit_Try(self, node):
        catches = any(_names_error(handler.type, "NameError") for handler in node.handlers)
        guards = any(_names_error(handler.type, "ImportError") or _names_error(handler.type, "ModuleNotFoundError")
                     for handler in node.handlers)
        self.catches_name_error += catches
        self.import_guard += guards
        self.in_fork(node, 0, lambda: self.visit_body(node.body))
        self.catches_name_error -= catches
        self.import_guard -= guards
        for index, handler in enumerate(node.handlers):
            self.in_fork(node, index + 1, lambda handler=handler: self.visit_handler(handler))
        self.in_fork(node, 0, lambda: self.visit_body(node.orelse))
        self.visit_body(node.finalbody)

    visit_TryStar = visit_Try

    def visit_handler(self, handler):
        if handler.type is not None:
            self.visit(handler.type)
        if handler.name is None:
            self.visit_body(handler.body)
            return
        span = self.source.name_span(handler.lineno, handler.col_offset + 6, handler.name)
        scope = self.scope
        previous = scope.bindings.get(handler.name)
        binding = Binding(handler.name, "except", span, self.fork)
        scope.bindings[handler.name] = binding
        self.visit_body(handler.body)
        if not binding.used and not (scope.kind == FUNCTION and scope.uses_locals):
            self.report("F841", f"Local variable `{handler.name}` is assigned to but never used", span)
        if previous is not None:
            scope.bindings[handler.name] = previous
        else:
            scope.bindings.pop(handler.name, None)

    def visit_Global(self, node):
        self._declare(node, "global")

    def visit_Nonlocal(self, node):
        self._declare(node, "nonlocal")

    def _declare(self, node, kind):
        scope = self.scope
        if scope is self.module:
            return
        for name in node.names:
            (scope.globals if kind == "global" else scope.nonlocals).add(name)
            if kind == "nonlocal":
                for outer in reversed(self.stack[:-1]):
                    if outer.kind == FUNCTION and name in outer.bindings:
                        outer.bindings[name].used = True
                        break
            binding = Binding(name, kind, self.source.name_span(node.lineno, node.col_offset, name), self.fork)
            binding.used = True
            binding.is_global = True
            scope.bindings[name] = binding

    def visit_Delete(self, node):
        for target in node.targets:
            self.visit(target)

    def visit_FunctionDef(self, node):
        for decorator in node.decorator_list:
            self.visit(decorator)
        self._visit_defaults(node.args)
        generic = self._push_type_params(node)
        annotations = [arg.annotation for arg in _all_args(node.args) if arg.annotation is not None]
        if node.returns is not None:
            annotations.append(node.returns)
        for annotation in annotations:
            self.visit_annotation(annotation)
        self.defer(lambda: self._function_body(node, node.args, node.body))
        self._pop_type_params(generic)
        span = self.source.name_span(node.lineno, node.col_offset, node.name)
        binding = self.bind(node.name, "function", span)
        binding.overload = any(_is_overload(decorator) for decorator in node.decorator_list)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Lambda(self, node):
        self._visit_defaults(node.args)
        self.defer(lambda: self._function_body(node, node.args, [node.body]))

    def _visit_defaults(self, args):
        for default in args.defaults + [d for d in args.kw_defaults if d is not None]:
            self.visit(default)

    def _function_body(self, node, args, body):
        scope = Scope(FUNCTION, node)
        self.all_scopes.append(scope)
        self.stack.append(scope)
        for arg in _all_args(args):
            binding = self.bind(arg.arg, "argument", self.source.span(arg))
            binding.used = True
        for statement in body:
            self.visit(statement)
        self.stack.pop()

    def visit_ClassDef(self, node):
        for decorator in node.decorator_list:
            self.visit(decorator)
        generic = self._push_type_params(node)
        for base in node.bases:
            self.visit(base)
        for keyword in node.keywords:
            self.visit(keyword.value)
        scope = Scope(CLASS, node)
        self.all_scopes.append(scope)
        self.stack.append(scope)
        self.visit_body(node.body)
        self.stack.pop()
        self._pop_type_params(generic)
        self.bind(node.name, "class", self.source.name_span(node.lineno, node.col_offset, node.name))

    def visit_TypeAlias(self, node):
        self.visit(node.name)
        generic = self._push_type_params(node)
        self.visit_annotation(node.value, deferred=True)  # evaluated lazily, as an annotation
        self._pop_type_params(generic)

    def _push_type_params(self, node):
        """PEP 695 (Python 3.12): opens a scope binding the node's type parameters (their bounds
        and defaults are evaluated lazily, so deferred); False when it has none. Unlike an
        argument, a type parameter that shadows an unused import is no redefinition (Ruff)."""
        params = getattr(node, "type_params", None)  # absent before Python 3.12
        if not params:
            return False
        self.stack.append(Scope(TYPE_PARAMS, node))
        for param in params:
            binding = self.bind(param.name, "type parameter", self.source.span(param))
            binding.used = True
            for value in (getattr(param, "bound", None), getattr(param, "default_value", None)):
                if value is not None:
                    self.visit_annotation(value, deferred=True)
        return True

    def _pop_type_params(self, pushed):
        if pushed:
            self.stack.pop()

    def visit_MatchAs(self, node):
        if node.pattern is not None:
            self.visit(node.pattern)
        if node.name is not None:
            self.bind(node.name, "pattern", self.source.span(node))

    def visit_MatchStar(self, node):
        if node.name is not None:
            self.bind(node.name, "pattern", self.source.span(node))

    def visit_MatchMapping(self, node):
        for key in node.keys:
            self.visit(key)
        for pattern in node.patterns:
            self.visit(pattern)
        if node.rest is not None:
            self.bind(node.rest, "pattern", self.source.span(node))

    # --- expressions -------------------------------------------------------------------------

    def visit_annotation(self, annotation, deferred=False):
        if self.future_annotations or deferred:
            self.defer(lambda: self._annotation(annotation))
        else:
            self._annotation(annotation)

    def _annotation(self, annotation):
        saved = self.in_annotation
        self.in_annotation = True
        self.visit(annotation)
        self.in_annotation = saved

    def visit_Constant(self, node):
        if self.in_annotation and isinstance(node.value, str):
            self.defer(lambda: self._string_annotation(node))  # a forward reference

    def _string_annotation(self, node):
        try:
            expression = ast.parse(node.value.strip(), mode="eval")
        except SyntaxError:
            self.report("F722", f"Syntax error in forward annotation: `{node.value}`", self.source.span(node))
            return
        span = self.source.span(node)
        for inner in ast.walk(expression):
            if isinstance(inner, ast.Name) and isinstance(inner.ctx, ast.Load):
                self.load(inner.id, span)

    def visit_Subscript(self, node):
        self.visit(node.value)
        if self.in_annotation and _is_literal_subscript(node.value):
            return  # Literal["..."] holds strings, not forward references
        self.visit(node.slice)
        self.visit(node.ctx)

    def visit_Call(self, node):
        self.visit(node.func)
        for argument in node.args:
            self.visit(argument)
        for keyword in node.keywords:
            self.visit(keyword.value)
        # __all__.extend([...]) and __all__.append(...) export nothing: Ruff reads only the
        # assignments (= and +=) of __all__, and so does this linter.

    def _comprehension(self, node, elements):
        generators = node.generators
        self.visit(generators[0].iter)
        scope = Scope(COMPREHENSION, node)
        self.stack.append(scope)
        for index, generator in enumerate(generators):
            if index:
                self.visit(generator.iter)
            self.visit_target(generator.target, kind="comprehension")
            for condition in generator.ifs:
                self.visit(condition)
        for element in elements:
            self.visit(element)
        self.stack.pop()

    def visit_ListComp(self, node):
        self._comprehension(node, [node.elt])

    visit_SetComp = visit_GeneratorExp = visit_ListComp

    def visit_DictComp(self, node):
        self._comprehension(node, [node.key, node.value])

    # --- __all__ -----------------------------------------------------------------------------

    def _collect_exports(self, targets, value, replace):
        if self.fork or not any(isinstance(t, ast.Name) and t.id == "__all__" for t in targets):
            return
        if replace:
            self.exports = []
        self.exports.extend(_export_names(value))

    def _export_checks(self):
        for name, node in self.exports:
            binding = self.module.bindings.get(name)
            if binding is not None and binding.kind != "deletion":
                binding.used = True
            elif name in self.declared_globals:
                continue
            elif self.module.star_imports:
                self.report("F405", f"`{name}` may be undefined, or defined from star imports", self.source.span(node))
            elif not self.is_init:  # in a package, __all__ may name submodules
                self.report("F822", f"Undefined name `{name}` in `__all__`", self.source.span(node))

    # --- scope end ---------------------------------------------------------------------------

    def _scope_end(self, scope):
        for name, binding in scope.bindings.items():
            if binding.used:
                continue
            if binding.kind in _IMPORTS and scope.kind != CLASS:
                self.report("F401", f"`{binding.qualified}` imported but unused", binding.span)
            elif scope.kind == FUNCTION and not scope.uses_locals and not binding.is_global \
                    and not _DUMMY.match(name) and name not in _KEEP_UNUSED:
                if binding.kind in ("assign", "walrus", "with") and not binding.unpacked:
                    self.report("F841", f"Local variable `{name}` is assigned to but never used", binding.span)
                elif binding.kind == "annotation":
                    self.report("F842", f"Local variable `{name}` is annotated but never used", binding.span)

    def _redefinition(self, binding, shadowed, same_scope):
        if shadowed.used or binding.kind == "loop" or not _redefines(binding, shadowed):
            return
        if not same_scope and shadowed.kind not in _IMPORTS:  # across scopes, only imports count
            return
        if same_scope:
            if shadowed.kind not in _IMPORTS and _DUMMY.match(binding.name):
                return
            if shadowed.overload or binding.overload:
                return
        # Ruff's same branch: the same arms of the same if/try/match all the way down, so a
        # redefinition inside an `if` of a name bound outside it is not reported either.
        if binding.fork != shadowed.fork or binding.guarded or shadowed.guarded:
            return
        self.report("F811", f"Redefinition of unused `{binding.name}` from line {shadowed.span[0]}", binding.span)


def _redefines(binding, shadowed):
    if binding.kind in ("import", "from_import") and shadowed.kind == "submodule_import":
        return binding.qualified == shadowed.qualified
    if binding.kind == "submodule_import" and shadowed.kind in _IMPORTS:
        return binding.qualified == shadowed.qualified
    if binding.kind in ("deletion", "annotation", "future", "builtin", "global", "nonlocal", "except"):
        return False
    if binding.kind in ("function", "class") and shadowed.kind == "assign":
        return True
    return shadowed.kind in _DEFINITIONS


def _all_args(args):
    every = args.posonlyargs + args.args + args.kwonlyargs
    if args.vararg:
        every.append(args.vararg)
    if args.kwarg:
        every.append(args.kwarg)
    return every


def _is_overload(decorator):
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    return (isinstance(target, ast.Name) and target.id == "overload") or \
        (isinstance(target, ast.Attribute) and target.attr == "overload")


def _is_literal_subscript(value):
    return (isinstance(value, ast.Name) and value.id == "Literal") or \
        (isinstance(value, ast.Attribute) and value.attr == "Literal")


def _names_error(expression, name):
    """Whether an ``except`` clause's type names the builtin exception ``name``."""
    if expression is None:
        return False
    if isinstance(expression, ast.Tuple):
        return any(_names_error(element, name) for element in expression.elts)
    return isinstance(expression, ast.Name) and expression.id == name


def _export_names(value):
    """(name, node) for each string in an ``__all__`` value: lists, tuples and their sums."""
    if isinstance(value, (ast.List, ast.Tuple)):
        return [(element.value, element) for element in value.elts
                if isinstance(element, ast.Constant) and isinstance(element.value, str)]
    if isinstance(value, ast.BinOp) and isinstance(value.op, ast.Add):
        return _export_names(value.left) + _export_names(value.right)
    return []
