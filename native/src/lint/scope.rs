//! The binding model behind the pyflakes rules (`python/tandem/lint/_scope.py`): scopes,
//! bindings, uses.
//!
//! As in the reference (and pyflakes, Ruff), module and class bodies are walked in order,
//! while function and lambda bodies (and deferred annotations) run after the module, so they
//! see every module-level name. Scopes and bindings live in arenas and are named by index,
//! which stands in for the reference's shared object references.

use super::names::is_builtin_name;
use super::source::{py_strip, Source, Span};
use super::style::is_docstring;
use super::walk::{all_parameters, any_node, Node};
use super::Report;
use ruff_python_ast::{
    self as ast, ElifElseClause, ExceptHandler, Expr, ExprContext, Identifier, Pattern, Stmt,
    TypeParam,
};
use ruff_text_size::TextRange;
use std::collections::{HashMap, HashSet, VecDeque};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    Import,
    FromImport,
    SubmoduleImport,
    Submodule,
    Future,
    Function,
    Class,
    Assign,
    AugAssign,
    Annotation,
    Global,
    Nonlocal,
    Deletion,
    Loop,
    With,
    Walrus,
    Argument,
    TypeParam,
    Except,
    Pattern,
    Comprehension,
}

impl Kind {
    fn is_import(self) -> bool {
        matches!(self, Kind::Import | Kind::FromImport | Kind::SubmoduleImport)
    }

    fn is_definition(self) -> bool {
        self.is_import() || matches!(self, Kind::Function | Kind::Class)
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ScopeKind {
    Module,
    Class,
    Function,
    Comprehension,
    /// PEP 695: the type parameters of a generic def, class or type alias.
    TypeParams,
}

/// Which arm of which if/try a binding sits in, outermost first: (statement id, arm).
type Fork = Vec<(u32, u32)>;

struct Binding {
    name: String,
    kind: Kind,
    span: Span,
    fork: Fork,
    qualified: String,
    used: bool,
    unpacked: bool,
    is_global: bool,
    overload: bool,
    guarded: bool, // bound in a try body that handles ImportError
}

struct Scope {
    kind: ScopeKind,
    bindings: HashMap<String, usize>,
    order: Vec<String>, // names in first-binding order, as a Python dict iterates
    globals: HashSet<String>,
    star_imports: Vec<String>,
    uses_locals: bool,
}

impl Scope {
    fn new(kind: ScopeKind) -> Scope {
        Scope {
            kind,
            bindings: HashMap::new(),
            order: Vec::new(),
            globals: HashSet::new(),
            star_imports: Vec::new(),
            uses_locals: false,
        }
    }

    fn set(&mut self, name: &str, binding: usize) {
        if self.bindings.insert(name.to_string(), binding).is_none() {
            self.order.push(name.to_string());
        }
    }
}

/// A body whose walk waits until the module has been walked.
enum Task<'a> {
    Function { parameters: Option<&'a ast::Parameters>, body: &'a [Stmt], lambda: Option<&'a Expr> },
    Annotation(&'a Expr),
    StringAnnotation(&'a str, TextRange),
}

struct Deferred<'a> {
    task: Task<'a>,
    stack: Vec<usize>,
    fork: Fork,
    catches_name_error: u32,
}

const MODULE_MAGIC: [&str; 10] = [
    "__name__",
    "__doc__",
    "__file__",
    "__loader__",
    "__package__",
    "__spec__",
    "__cached__",
    "__builtins__",
    "__annotations__",
    "__dict__",
];
const KEEP_UNUSED: [&str; 4] =
    ["__tracebackhide__", "__traceback_info__", "__traceback_supplement__", "__debuggerskip__"];

/// Ruff's default dummy-variable-rgx, `^(_+|(_+[a-zA-Z0-9_]*[a-zA-Z0-9]+?))$`.
fn is_dummy(name: &str) -> bool {
    name.starts_with('_')
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && (name.bytes().all(|b| b == b'_')
            || name.bytes().last().is_some_and(|b| b.is_ascii_alphanumeric()))
}

pub struct Analyzer<'a> {
    pub(super) source: &'a Source<'a>,
    pub(super) report: &'a mut Report,
    pub(super) is_init: bool,
    scopes: Vec<Scope>,
    bindings: Vec<Binding>,
    stack: Vec<usize>,
    fork: Fork,
    next_fork: u32,
    all_scopes: Vec<usize>,
    deferred: VecDeque<Deferred<'a>>,
    shadowings: Vec<(usize, usize, bool)>,
    exports: Vec<(String, TextRange)>,
    future_annotations: bool,
    pub(super) futures_closed: bool,
    catches_name_error: u32,
    in_annotation: bool,
    pub(super) loop_depth: u32,
    branch_depth: u32,
    import_guard: u32,
    declared_globals: HashSet<String>,
}

const MODULE: usize = 0;

impl<'a> Analyzer<'a> {
    pub fn new(source: &'a Source<'a>, report: &'a mut Report, is_init: bool) -> Analyzer<'a> {
        Analyzer {
            source,
            report,
            is_init,
            scopes: vec![Scope::new(ScopeKind::Module)],
            bindings: Vec::new(),
            stack: vec![MODULE],
            fork: Vec::new(),
            next_fork: 0,
            all_scopes: vec![MODULE],
            deferred: VecDeque::new(),
            shadowings: Vec::new(),
            exports: Vec::new(),
            future_annotations: false,
            futures_closed: false,
            catches_name_error: 0,
            in_annotation: false,
            loop_depth: 0,
            branch_depth: 0,
            import_guard: 0,
            declared_globals: HashSet::new(),
        }
    }

    // --- driving ---------------------------------------------------------------------------

    pub fn run(&mut self, body: &'a [Stmt]) {
        for statement in body {
            any_node(Node::Stmt(statement), &mut |node| {
                if let Node::Stmt(Stmt::Global(g)) = node {
                    self.declared_globals.extend(g.names.iter().map(|n| n.as_str().to_string()));
                }
                false
            });
        }
        for (index, statement) in body.iter().enumerate() {
            self.visit_stmt(statement);
            let future = matches!(statement, Stmt::ImportFrom(i) if is_future(i));
            if !future && !(index == 0 && is_docstring(statement)) {
                self.futures_closed = true;
            }
        }
        while let Some(deferred) = self.deferred.pop_front() {
            let saved = (
                std::mem::replace(&mut self.stack, deferred.stack),
                std::mem::replace(&mut self.fork, deferred.fork),
                std::mem::replace(&mut self.catches_name_error, deferred.catches_name_error),
                std::mem::replace(&mut self.loop_depth, 0),
                std::mem::replace(&mut self.branch_depth, 0),
            );
            match deferred.task {
                Task::Function { parameters, body, lambda } => {
                    self.function_body(parameters, body, lambda)
                }
                Task::Annotation(annotation) => self.annotation(annotation),
                Task::StringAnnotation(text, range) => self.string_annotation(text, range),
            }
            (self.stack, self.fork, self.catches_name_error, self.loop_depth, self.branch_depth) =
                saved;
        }
        self.export_checks();
        for index in 0..self.all_scopes.len() {
            self.scope_end(self.all_scopes[index]);
        }
        for (binding, shadowed, same_scope) in std::mem::take(&mut self.shadowings) {
            self.redefinition(binding, shadowed, same_scope);
        }
    }

    fn defer(&mut self, task: Task<'a>) {
        let deferred = Deferred {
            task,
            stack: self.stack.clone(),
            fork: self.fork.clone(),
            catches_name_error: self.catches_name_error,
        };
        self.deferred.push_back(deferred);
    }

    fn scope(&self) -> usize {
        *self.stack.last().unwrap()
    }

    pub(super) fn scope_kind(&self) -> ScopeKind {
        self.scopes[self.scope()].kind
    }

    fn visit_body(&mut self, statements: &'a [Stmt]) {
        for statement in statements {
            self.visit_stmt(statement);
        }
    }

    fn in_fork(&mut self, id: u32, arm: u32, statements: &'a [Stmt]) {
        self.fork.push((id, arm));
        self.branch_depth += 1;
        self.visit_body(statements);
        self.fork.pop();
        self.branch_depth -= 1;
    }

    fn fork_id(&mut self) -> u32 {
        self.next_fork += 1;
        self.next_fork
    }

    // --- bindings --------------------------------------------------------------------------

    fn new_binding(
        &mut self,
        name: &str,
        kind: Kind,
        span: Span,
        qualified: Option<&str>,
    ) -> usize {
        self.bindings.push(Binding {
            name: name.to_string(),
            kind,
            span,
            fork: self.fork.clone(),
            qualified: qualified.unwrap_or(name).to_string(),
            used: false,
            unpacked: false,
            is_global: false,
            overload: false,
            guarded: false,
        });
        self.bindings.len() - 1
    }

    fn bind(
        &mut self,
        name: &str,
        kind: Kind,
        span: Span,
        qualified: Option<&str>,
        scope: Option<usize>,
    ) -> usize {
        let scope = scope.unwrap_or(self.scope());
        if scope != MODULE && self.scopes[scope].globals.contains(name) {
            let id = self.new_binding(name, kind, span, qualified);
            self.bindings[id].is_global = true;
            self.bindings[id].used = true;
            self.scopes[scope].set(name, id);
            return id;
        }
        let id = self.new_binding(name, kind, span, qualified);
        self.bindings[id].guarded = self.import_guard > 0;
        if kind == Kind::Loop {
            self.loop_shadowing(id, scope);
        }
        if !matches!(kind, Kind::Annotation | Kind::Global | Kind::Nonlocal | Kind::TypeParam) {
            self.record_shadowing(id, scope);
        }
        if let Some(&shadowed) = self.scopes[scope].bindings.get(name) {
            if kind == Kind::Annotation {
                return shadowed;
            }
            if self.bindings[shadowed].kind != Kind::Deletion {
                self.bindings[id].used = self.bindings[shadowed].used;
                self.bindings[id].is_global = self.bindings[shadowed].is_global;
            }
        }
        self.scopes[scope].set(name, id);
        id
    }

    /// As Ruff: a binding shadows the name's binding in its own scope; failing that (and
    /// outside class bodies), the one in the nearest enclosing function or module scope.
    fn record_shadowing(&mut self, id: usize, scope: usize) {
        let name = &self.bindings[id].name;
        if let Some(&existing) = self.scopes[scope].bindings.get(name) {
            self.shadowings.push((id, existing, true));
            return;
        }
        if self.scopes[scope].kind == ScopeKind::Class {
            return;
        }
        let Some(at) = self.stack.iter().position(|&s| s == scope) else { return };
        let outer = self.stack[..at].iter().rev().find_map(|&outer| {
            let kind = self.scopes[outer].kind;
            let existing = self.scopes[outer].bindings.get(name).copied();
            existing.filter(|_| matches!(kind, ScopeKind::Function | ScopeKind::Module))
        });
        if let Some(existing) = outer {
            self.shadowings.push((id, existing, false));
        }
    }

    /// F402, as Ruff: the import the name reaches, in the same branch (a function's body is in
    /// the branch of its definition).
    fn loop_shadowing(&mut self, id: usize, scope: usize) {
        let name = self.bindings[id].name.clone();
        let existing =
            self.scopes[scope].bindings.get(&name).copied().or_else(|| self.lookup(&name));
        if let Some(existing) = existing {
            if self.bindings[existing].kind.is_import()
                && self.bindings[existing].fork == self.bindings[id].fork
            {
                let message = format!(
                    "Import `{name}` from line {} shadowed by loop variable",
                    self.bindings[existing].span.0
                );
                self.report.add("F402", message, self.bindings[id].span);
            }
        }
    }

    /// The binding a load of `name` here reaches (class scopes are skipped from nested
    /// functions but seen from comprehensions directly inside the class), or None.
    pub(super) fn lookup(&self, name: &str) -> Option<usize> {
        let mut only_comprehensions = true;
        let top = self.stack.len() - 1;
        for index in (0..self.stack.len()).rev() {
            let scope = &self.scopes[self.stack[index]];
            if scope.kind == ScopeKind::Class && index != top && !only_comprehensions {
                continue;
            }
            if let Some(&id) = scope.bindings.get(name) {
                match self.bindings[id].kind {
                    Kind::Deletion => return None,
                    Kind::Annotation => {}
                    Kind::Global => {
                        let target = self.scopes[MODULE].bindings.get(name).copied();
                        return match target {
                            Some(t) if self.bindings[t].kind != Kind::Deletion => Some(t),
                            _ => Some(id),
                        };
                    }
                    _ => return Some(id),
                }
            }
            only_comprehensions = only_comprehensions && scope.kind == ScopeKind::Comprehension;
        }
        None
    }

    fn load(&mut self, name: &str, span: Span) {
        let scope = self.scope();
        if name == "locals" && self.scopes[scope].kind == ScopeKind::Function {
            self.scopes[scope].uses_locals = true;
        }
        if let Some(id) = self.lookup(name) {
            self.bindings[id].used = true;
            return;
        }
        if self.is_magic(name) || self.declared_globals.contains(name) {
            return;
        }
        let modules: Vec<&str> = self
            .stack
            .iter()
            .flat_map(|&s| self.scopes[s].star_imports.iter().map(String::as_str))
            .collect();
        if !modules.is_empty() {
            // Ruff reports this even where NameError is caught: only F821 is excused there.
            let message = format!(
                "`{name}` may be undefined, or defined from star imports: {}",
                modules.join(", ")
            );
            self.report.add("F405", message, span);
            return;
        }
        if self.catches_name_error == 0 {
            self.report.add("F821", format!("Undefined name `{name}`"), span);
        }
    }

    fn is_magic(&self, name: &str) -> bool {
        if is_builtin_name(name)
            || matches!(name, "__file__" | "__builtins__" | "__annotations__" | "WindowsError")
            || MODULE_MAGIC.contains(&name)
        {
            return true;
        }
        let kind = self.scope_kind();
        (name == "__path__" && self.is_init)
            || (matches!(name, "__module__" | "__qualname__") && kind == ScopeKind::Class)
            || (name == "__class__"
                && kind == ScopeKind::Function
                && self.stack[..self.stack.len() - 1]
                    .iter()
                    .any(|&s| self.scopes[s].kind == ScopeKind::Class))
    }

    fn delete_name(&mut self, name: &str, span: Span) {
        let scope = self.scope();
        if self.scopes[scope].globals.contains(name) {
            if let Some(&id) = self.scopes[MODULE].bindings.get(name) {
                self.bindings[id].used = true;
                return;
            }
        }
        let existing = self.scopes[scope].bindings.get(name).copied();
        match existing {
            Some(id) if self.bindings[id].kind != Kind::Deletion => {
                self.bindings[id].used = true;
                if self.branch_depth > 0 || self.loop_depth > 0 {
                    return;
                }
                let deletion = self.new_binding(name, Kind::Deletion, span, None);
                self.scopes[scope].set(name, deletion);
            }
            _ => {
                if self.lookup(name).is_none() && !self.is_magic(name) {
                    self.load(name, span);
                }
            }
        }
    }

    // --- statements ------------------------------------------------------------------------

    pub(super) fn visit_stmt(&mut self, node: &'a Stmt) {
        self.check_statement(node);
        match node {
            Stmt::Import(s) => self.visit_import(s),
            Stmt::ImportFrom(s) => self.visit_import_from(s),
            Stmt::Assign(s) => {
                self.visit_expr(&s.value);
                let unpacked = !matches!(*s.value, Expr::Tuple(_) | Expr::List(_));
                for target in &s.targets {
                    self.visit_target(
                        target,
                        unpacked && matches!(target, Expr::Tuple(_) | Expr::List(_)),
                        Kind::Assign,
                    );
                }
                if self.scope() == MODULE {
                    self.collect_exports(&s.targets, &s.value, true);
                }
            }
            Stmt::AugAssign(s) => {
                self.visit_expr(&s.value);
                if let Expr::Name(target) = &*s.target {
                    self.check_expression(&s.target); // E741 on `l += 1` too, as Ruff
                    let span = self.source.span(target.range);
                    self.load(&target.id, span);
                    self.bind(&target.id, Kind::AugAssign, span, None, None);
                    if self.scope() == MODULE && target.id.as_str() == "__all__" {
                        self.collect_exports(std::slice::from_ref(&*s.target), &s.value, false);
                    }
                } else {
                    self.visit_expr(&s.target);
                }
            }
            Stmt::AnnAssign(s) => {
                let deferred = self.scope_kind() == ScopeKind::Function;
                self.visit_annotation(&s.annotation, deferred);
                if let Some(value) = &s.value {
                    self.visit_expr(value);
                    self.visit_target(&s.target, false, Kind::Assign);
                    if self.scope() == MODULE {
                        self.collect_exports(std::slice::from_ref(&*s.target), value, true);
                    }
                } else if let Expr::Name(target) = &*s.target {
                    let span = self.source.span(target.range);
                    self.bind(&target.id, Kind::Annotation, span, None, None);
                } else {
                    self.visit_expr(&s.target);
                }
            }
            Stmt::For(ast::StmtFor { target, iter, body, orelse, .. }) => {
                self.visit_expr(iter);
                self.visit_target(target, false, Kind::Loop);
                self.loop_depth += 1;
                self.visit_body(body);
                self.loop_depth -= 1;
                self.visit_body(orelse);
            }
            Stmt::While(s) => {
                self.visit_expr(&s.test);
                self.loop_depth += 1;
                self.visit_body(&s.body);
                self.loop_depth -= 1;
                self.visit_body(&s.orelse);
            }
            Stmt::If(s) => {
                self.visit_expr(&s.test);
                self.visit_if(&s.body, &s.elif_else_clauses);
            }
            Stmt::With(ast::StmtWith { items, body, .. }) => {
                for item in items {
                    self.visit_expr(&item.context_expr);
                    if let Some(target) = &item.optional_vars {
                        self.visit_target(
                            target,
                            matches!(**target, Expr::Tuple(_) | Expr::List(_)),
                            Kind::With,
                        );
                    }
                }
                self.visit_body(body);
            }
            Stmt::Try(t) => self.visit_try(&t.body, &t.handlers, &t.orelse, &t.finalbody),
            Stmt::Global(g) => self.declare(&g.names, Kind::Global),
            Stmt::Nonlocal(n) => self.declare(&n.names, Kind::Nonlocal),
            Stmt::Delete(d) => d.targets.iter().for_each(|t| self.visit_expr(t)),
            Stmt::FunctionDef(d) => {
                d.decorator_list.iter().for_each(|d| self.visit_expr(&d.expression));
                self.visit_defaults(&d.parameters);
                let generic = self.push_type_params(d.type_params.as_deref());
                let annotations =
                    all_parameters(&d.parameters).filter_map(|p| p.annotation.as_deref());
                for annotation in annotations.chain(d.returns.as_deref()) {
                    self.visit_annotation(annotation, false);
                }
                self.defer(Task::Function {
                    parameters: Some(&d.parameters),
                    body: &d.body,
                    lambda: None,
                });
                self.pop_type_params(generic);
                let id =
                    self.bind(&d.name, Kind::Function, self.source.span(d.name.range), None, None);
                self.bindings[id].overload =
                    d.decorator_list.iter().any(|d| is_overload(&d.expression));
            }
            Stmt::ClassDef(c) => {
                c.decorator_list.iter().for_each(|d| self.visit_expr(&d.expression));
                let generic = self.push_type_params(c.type_params.as_deref());
                if let Some(arguments) = &c.arguments {
                    self.visit_arguments(arguments);
                }
                self.scopes.push(Scope::new(ScopeKind::Class));
                let scope = self.scopes.len() - 1;
                self.all_scopes.push(scope);
                self.stack.push(scope);
                self.visit_body(&c.body);
                self.stack.pop();
                self.pop_type_params(generic);
                self.bind(&c.name, Kind::Class, self.source.span(c.name.range), None, None);
            }
            Stmt::Match(m) => {
                self.visit_expr(&m.subject);
                for case in &m.cases {
                    self.visit_pattern(&case.pattern);
                    if let Some(guard) = &case.guard {
                        self.visit_expr(guard);
                    }
                    self.visit_body(&case.body);
                }
            }
            Stmt::Return(r) => {
                if let Some(value) = &r.value {
                    self.visit_expr(value);
                }
            }
            Stmt::Raise(r) => {
                r.exc.iter().chain(r.cause.iter()).for_each(|e| self.visit_expr(e));
            }
            Stmt::Assert(a) => {
                self.visit_expr(&a.test);
                if let Some(msg) = &a.msg {
                    self.visit_expr(msg);
                }
            }
            Stmt::Expr(e) => self.visit_expr(&e.value),
            Stmt::TypeAlias(t) => {
                self.visit_expr(&t.name);
                let generic = self.push_type_params(t.type_params.as_deref());
                self.visit_annotation(&t.value, true); // evaluated lazily, as an annotation
                self.pop_type_params(generic);
            }
            Stmt::Pass(_) | Stmt::Break(_) | Stmt::Continue(_) | Stmt::IpyEscapeCommand(_) => {}
        }
    }

    /// An `if` body and its `elif`/`else` clauses as Python's tree has them: each `elif` an
    /// `if` of its own in the `else` arm of the one before.
    fn visit_if(&mut self, body: &'a [Stmt], clauses: &'a [ElifElseClause]) {
        let id = self.fork_id();
        self.in_fork(id, 0, body);
        let Some((clause, rest)) = clauses.split_first() else { return };
        self.fork.push((id, 1));
        self.branch_depth += 1;
        match &clause.test {
            Some(test) => {
                self.visit_expr(test);
                self.visit_if(&clause.body, rest);
            }
            None => self.visit_body(&clause.body),
        }
        self.fork.pop();
        self.branch_depth -= 1;
    }

    /// PEP 695: opens a scope binding the type parameters (their bounds and defaults are
    /// evaluated lazily, so deferred); false when there are none. Unlike arguments, a type
    /// parameter that shadows an unused import is no redefinition (Ruff).
    fn push_type_params(&mut self, type_params: Option<&'a ast::TypeParams>) -> bool {
        let Some(type_params) = type_params else { return false };
        self.scopes.push(Scope::new(ScopeKind::TypeParams));
        self.stack.push(self.scopes.len() - 1);
        for param in type_params.iter() {
            let (name, bound, default) = match param {
                TypeParam::TypeVar(t) => (&t.name, t.bound.as_deref(), t.default.as_deref()),
                TypeParam::TypeVarTuple(t) => (&t.name, None, t.default.as_deref()),
                TypeParam::ParamSpec(p) => (&p.name, None, p.default.as_deref()),
            };
            let id = self.bind(name, Kind::TypeParam, self.source.span(name.range), None, None);
            self.bindings[id].used = true;
            for value in bound.into_iter().chain(default) {
                self.visit_annotation(value, true);
            }
        }
        true
    }

    fn pop_type_params(&mut self, pushed: bool) {
        if pushed {
            self.stack.pop();
        }
    }

    fn visit_arguments(&mut self, arguments: &'a ast::Arguments) {
        arguments.args.iter().for_each(|a| self.visit_expr(a));
        arguments.keywords.iter().for_each(|k| self.visit_expr(&k.value));
    }

    /// Ruff places import diagnostics on the bound name: `b` in `import a as b`.
    fn alias_span(&self, alias: &ast::Alias) -> Span {
        self.source.span(alias.asname.as_ref().map_or(alias.range, |asname| asname.range))
    }

    fn visit_import(&mut self, node: &'a ast::StmtImport) {
        for alias in &node.names {
            let span = self.alias_span(alias);
            let name = alias.name.as_str();
            if let Some(asname) = &alias.asname {
                self.bind(asname, Kind::Import, span, Some(name), None);
            } else if name.contains('.') {
                self.bind(
                    name.split('.').next().unwrap(),
                    Kind::SubmoduleImport,
                    span,
                    Some(name),
                    None,
                );
            } else {
                self.bind(name, Kind::Import, span, Some(name), None);
            }
        }
    }

    fn visit_import_from(&mut self, node: &'a ast::StmtImportFrom) {
        let level = node.level;
        let module_name = node.module.as_ref().map(Identifier::as_str);
        let module = format!("{}{}", ".".repeat(level as usize), module_name.unwrap_or(""));
        for alias in &node.names {
            let span = self.alias_span(alias);
            if alias.name.as_str() == "*" {
                let scope = self.scope();
                self.scopes[scope].star_imports.push(module.clone());
                if let Some(own) =
                    module_name.filter(|m| self.is_init && level == 1 && !m.contains('.'))
                {
                    let id = self.bind(own, Kind::Submodule, span, None, None); // the package's own submodule
                    self.bindings[id].used = true;
                }
                continue;
            }
            let name = alias.asname.as_ref().unwrap_or(&alias.name).as_str();
            let qualified = if module.ends_with('.') {
                format!("{module}{}", alias.name)
            } else {
                format!("{module}.{}", alias.name)
            };
            if is_future(node) {
                let id = self.bind(name, Kind::Future, span, Some(&qualified), None);
                self.bindings[id].used = true;
                if alias.name.as_str() == "annotations" {
                    self.future_annotations = true;
                }
            } else {
                self.bind(name, Kind::FromImport, span, Some(&qualified), None);
            }
        }
    }

    fn visit_target(&mut self, target: &'a Expr, unpacked: bool, kind: Kind) {
        match target {
            Expr::Name(n) => {
                self.check_expression(target);
                let id = self.bind(&n.id, kind, self.source.span(n.range), None, None);
                self.bindings[id].unpacked |= unpacked;
            }
            Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => {
                self.check_expression(target);
                for element in elts {
                    self.visit_target(element, unpacked, kind);
                }
            }
            Expr::Starred(s) => self.visit_target(&s.value, unpacked, kind),
            _ => self.visit_expr(target),
        }
    }

    fn visit_try(
        &mut self,
        body: &'a [Stmt],
        handlers: &'a [ExceptHandler],
        orelse: &'a [Stmt],
        finalbody: &'a [Stmt],
    ) {
        let names = |error: &str| {
            handlers
                .iter()
                .any(|ExceptHandler::ExceptHandler(h)| names_error(h.type_.as_deref(), error))
        };
        let catches = u32::from(names("NameError"));
        let guards = u32::from(names("ImportError") || names("ModuleNotFoundError"));
        let id = self.fork_id();
        self.catches_name_error += catches;
        self.import_guard += guards;
        self.in_fork(id, 0, body);
        self.catches_name_error -= catches;
        self.import_guard -= guards;
        for (index, ExceptHandler::ExceptHandler(handler)) in handlers.iter().enumerate() {
            self.fork.push((id, index as u32 + 1));
            self.branch_depth += 1;
            self.visit_handler(handler);
            self.fork.pop();
            self.branch_depth -= 1;
        }
        self.in_fork(id, 0, orelse);
        self.visit_body(finalbody);
    }

    fn visit_handler(&mut self, handler: &'a ast::ExceptHandlerExceptHandler) {
        if let Some(type_) = &handler.type_ {
            self.visit_expr(type_);
        }
        let Some(name) = &handler.name else {
            self.visit_body(&handler.body);
            return;
        };
        let span = self.source.span(name.range);
        let scope = self.scope();
        let previous = self.scopes[scope].bindings.get(name.as_str()).copied();
        let id = self.new_binding(name, Kind::Except, span, None);
        self.scopes[scope].set(name, id);
        self.visit_body(&handler.body);
        let locals =
            self.scopes[scope].kind == ScopeKind::Function && self.scopes[scope].uses_locals;
        if !self.bindings[id].used && !locals {
            self.report.add(
                "F841",
                format!("Local variable `{name}` is assigned to but never used"),
                span,
            );
        }
        match previous {
            Some(previous) => self.scopes[scope].set(name, previous),
            None => {
                self.scopes[scope].bindings.remove(name.as_str());
                self.scopes[scope].order.retain(|n| n != name.as_str());
            }
        }
    }

    fn declare(&mut self, names: &'a [Identifier], kind: Kind) {
        let scope = self.scope();
        if scope == MODULE {
            return;
        }
        for name in names {
            if kind == Kind::Global {
                self.scopes[scope].globals.insert(name.to_string());
            } else {
                let outer_len = self.stack.len() - 1;
                for index in (0..outer_len).rev() {
                    let outer = &self.scopes[self.stack[index]];
                    if outer.kind == ScopeKind::Function {
                        if let Some(&id) = outer.bindings.get(name.as_str()) {
                            self.bindings[id].used = true;
                            break;
                        }
                    }
                }
            }
            let id = self.new_binding(name, kind, self.source.span(name.range), None);
            self.bindings[id].used = true;
            self.bindings[id].is_global = true;
            self.scopes[scope].set(name, id);
        }
    }

    fn visit_defaults(&mut self, parameters: &'a ast::Parameters) {
        for default in parameters.iter_non_variadic_params().filter_map(|p| p.default.as_deref()) {
            self.visit_expr(default);
        }
    }

    fn function_body(
        &mut self,
        parameters: Option<&'a ast::Parameters>,
        body: &'a [Stmt],
        lambda: Option<&'a Expr>,
    ) {
        self.scopes.push(Scope::new(ScopeKind::Function));
        let scope = self.scopes.len() - 1;
        self.all_scopes.push(scope);
        self.stack.push(scope);
        for parameter in parameters.into_iter().flat_map(all_parameters) {
            let id = self.bind(
                &parameter.name,
                Kind::Argument,
                self.source.span(parameter.range),
                None,
                None,
            );
            self.bindings[id].used = true;
        }
        self.visit_body(body);
        if let Some(expression) = lambda {
            self.visit_expr(expression);
        }
        self.stack.pop();
    }

    fn visit_pattern(&mut self, pattern: &'a Pattern) {
        match pattern {
            Pattern::MatchValue(v) => self.visit_expr(&v.value),
            Pattern::MatchSingleton(_) => {}
            Pattern::MatchSequence(s) => s.patterns.iter().for_each(|p| self.visit_pattern(p)),
            Pattern::MatchMapping(m) => {
                m.keys.iter().for_each(|k| self.visit_expr(k));
                m.patterns.iter().for_each(|p| self.visit_pattern(p));
                if let Some(rest) = &m.rest {
                    self.bind(rest, Kind::Pattern, self.source.span(m.range), None, None);
                }
            }
            Pattern::MatchClass(c) => {
                self.visit_expr(&c.cls);
                let keywords = c.arguments.keywords.iter().map(|k| &k.pattern);
                c.arguments.patterns.iter().chain(keywords).for_each(|p| self.visit_pattern(p));
            }
            Pattern::MatchStar(s) => {
                if let Some(name) = &s.name {
                    self.bind(name, Kind::Pattern, self.source.span(s.range), None, None);
                }
            }
            Pattern::MatchAs(a) => {
                if let Some(inner) = &a.pattern {
                    self.visit_pattern(inner);
                }
                if let Some(name) = &a.name {
                    self.bind(name, Kind::Pattern, self.source.span(a.range), None, None);
                }
            }
            Pattern::MatchOr(o) => o.patterns.iter().for_each(|p| self.visit_pattern(p)),
        }
    }

    // --- expressions -----------------------------------------------------------------------

    pub(super) fn visit_expr(&mut self, node: &'a Expr) {
        self.check_expression(node);
        match node {
            Expr::Name(n) => {
                let span = self.source.span(n.range);
                match n.ctx {
                    ExprContext::Load => self.load(&n.id, span),
                    ExprContext::Store => {
                        self.bind(&n.id, Kind::Assign, span, None, None);
                    }
                    ExprContext::Del => self.delete_name(&n.id, span),
                    ExprContext::Invalid => {} // only in trees with syntax errors, never walked
                }
            }
            Expr::Named(n) => {
                self.visit_expr(&n.value);
                let mut index = self.stack.len() - 1;
                while self.scopes[self.stack[index]].kind == ScopeKind::Comprehension && index > 0 {
                    index -= 1;
                }
                if let Expr::Name(target) = &*n.target {
                    let scope = self.stack[index];
                    self.bind(
                        &target.id,
                        Kind::Walrus,
                        self.source.span(target.range),
                        None,
                        Some(scope),
                    );
                }
            }
            Expr::Lambda(l) => {
                if let Some(parameters) = &l.parameters {
                    self.visit_defaults(parameters);
                }
                self.defer(Task::Function {
                    parameters: l.parameters.as_deref(),
                    body: &[],
                    lambda: Some(&l.body),
                });
            }
            Expr::StringLiteral(s) if self.in_annotation => {
                self.defer(Task::StringAnnotation(s.value.to_str(), s.range)); // a forward reference
            }
            Expr::Subscript(s) => {
                self.visit_expr(&s.value);
                if self.in_annotation && is_literal_subscript(&s.value) {
                    return; // Literal["..."] holds strings, not forward references
                }
                self.visit_expr(&s.slice);
            }
            Expr::Call(c) => {
                self.visit_expr(&c.func);
                self.visit_arguments(&c.arguments);
                // __all__.extend([...]) and __all__.append(...) export nothing: Ruff reads only
                // the assignments (= and +=) of __all__, and so does this linter.
            }
            Expr::ListComp(ast::ExprListComp { elt, generators, .. })
            | Expr::SetComp(ast::ExprSetComp { elt, generators, .. })
            | Expr::Generator(ast::ExprGenerator { elt, generators, .. }) => {
                self.comprehension(generators, &[elt])
            }
            Expr::DictComp(d) => match &d.key {
                Some(key) => self.comprehension(&d.generators, &[key, &d.value]),
                None => self.comprehension(&d.generators, &[&d.value]),
            },
            _ => super::walk::for_each_child(Node::Expr(node), &mut |child| {
                if let Node::Expr(child) = child {
                    self.visit_expr(child);
                }
            }),
        }
    }

    fn comprehension(&mut self, generators: &'a [ast::Comprehension], elements: &[&'a Expr]) {
        self.visit_expr(&generators[0].iter);
        self.scopes.push(Scope::new(ScopeKind::Comprehension));
        self.stack.push(self.scopes.len() - 1);
        for (index, generator) in generators.iter().enumerate() {
            if index > 0 {
                self.visit_expr(&generator.iter);
            }
            self.visit_target(&generator.target, false, Kind::Comprehension);
            generator.ifs.iter().for_each(|c| self.visit_expr(c));
        }
        elements.iter().for_each(|e| self.visit_expr(e));
        self.stack.pop();
    }

    fn visit_annotation(&mut self, annotation: &'a Expr, deferred: bool) {
        if self.future_annotations || deferred {
            self.defer(Task::Annotation(annotation));
        } else {
            self.annotation(annotation);
        }
    }

    fn annotation(&mut self, annotation: &'a Expr) {
        let saved = std::mem::replace(&mut self.in_annotation, true);
        self.visit_expr(annotation);
        self.in_annotation = saved;
    }

    fn string_annotation(&mut self, text: &str, range: TextRange) {
        let span = self.source.span(range);
        let Ok(parsed) = ruff_python_parser::parse_expression(py_strip(text)) else {
            self.report.add("F722", format!("Syntax error in forward annotation: `{text}`"), span);
            return;
        };
        let mut names = Vec::new();
        any_node(Node::Expr(&parsed.syntax().body), &mut |node| {
            if let Node::Expr(Expr::Name(n)) = node {
                if matches!(n.ctx, ExprContext::Load) {
                    names.push(n.id.to_string());
                }
            }
            false
        });
        for name in names {
            self.load(&name, span);
        }
    }

    // --- __all__ ---------------------------------------------------------------------------

    fn collect_exports(&mut self, targets: &'a [Expr], value: &'a Expr, replace: bool) {
        let names_all =
            targets.iter().any(|t| matches!(t, Expr::Name(n) if n.id.as_str() == "__all__"));
        if !self.fork.is_empty() || !names_all {
            return;
        }
        if replace {
            self.exports.clear();
        }
        export_value(value, &mut self.exports);
    }

    fn export_checks(&mut self) {
        for (name, range) in std::mem::take(&mut self.exports) {
            let binding = self.scopes[MODULE].bindings.get(&name).copied();
            match binding {
                Some(id) if self.bindings[id].kind != Kind::Deletion => {
                    self.bindings[id].used = true
                }
                _ if self.declared_globals.contains(&name) => {}
                _ if !self.scopes[MODULE].star_imports.is_empty() => {
                    let message =
                        format!("`{name}` may be undefined, or defined from star imports");
                    self.report.add("F405", message, self.source.span(range));
                }
                _ if !self.is_init => {
                    // in a package, __all__ may name submodules
                    self.report.add(
                        "F822",
                        format!("Undefined name `{name}` in `__all__`"),
                        self.source.span(range),
                    );
                }
                _ => {}
            }
        }
    }

    // --- scope end -------------------------------------------------------------------------

    fn scope_end(&mut self, scope: usize) {
        let (kind, uses_locals) = (self.scopes[scope].kind, self.scopes[scope].uses_locals);
        for name in std::mem::take(&mut self.scopes[scope].order) {
            let Some(&id) = self.scopes[scope].bindings.get(&name) else { continue };
            let binding = &self.bindings[id];
            if binding.used {
                continue;
            }
            if binding.kind.is_import() && kind != ScopeKind::Class {
                let message = format!("`{}` imported but unused", binding.qualified);
                self.report.add("F401", message, binding.span);
            } else if kind == ScopeKind::Function
                && !uses_locals
                && !binding.is_global
                && !is_dummy(&name)
                && !KEEP_UNUSED.contains(&name.as_str())
            {
                if matches!(binding.kind, Kind::Assign | Kind::Walrus | Kind::With)
                    && !binding.unpacked
                {
                    let message = format!("Local variable `{name}` is assigned to but never used");
                    self.report.add("F841", message, binding.span);
                } else if binding.kind == Kind::Annotation {
                    let message = format!("Local variable `{name}` is annotated but never used");
                    self.report.add("F842", message, binding.span);
                }
            }
        }
    }

    fn redefinition(&mut self, binding: usize, shadowed: usize, same_scope: bool) {
        let (new, old) = (&self.bindings[binding], &self.bindings[shadowed]);
        if old.used || new.kind == Kind::Loop || !redefines(new, old) {
            return;
        }
        if !same_scope && !old.kind.is_import() {
            return; // across scopes, only imports count
        }
        if same_scope
            && ((!old.kind.is_import() && is_dummy(&new.name)) || old.overload || new.overload)
        {
            return;
        }
        // Ruff's same branch: the same arms of the same if/try/match all the way down, so a
        // redefinition inside an `if` of a name bound outside it is not reported either.
        if new.fork != old.fork || new.guarded || old.guarded {
            return;
        }
        let message = format!("Redefinition of unused `{}` from line {}", new.name, old.span.0);
        self.report.add("F811", message, new.span);
    }
}

fn redefines(binding: &Binding, shadowed: &Binding) -> bool {
    use Kind::*;
    match (binding.kind, shadowed.kind) {
        (Import | FromImport, SubmoduleImport) => binding.qualified == shadowed.qualified,
        (SubmoduleImport, s) if s.is_import() => binding.qualified == shadowed.qualified,
        (Deletion | Annotation | Future | Global | Nonlocal | Except, _) => false,
        (Function | Class, Assign) => true,
        (_, s) => s.is_definition(),
    }
}

fn is_future(node: &ast::StmtImportFrom) -> bool {
    node.module.as_ref().is_some_and(|m| m.as_str() == "__future__")
}

fn is_overload(decorator: &Expr) -> bool {
    let target = match decorator {
        Expr::Call(call) => &*call.func,
        other => other,
    };
    match target {
        Expr::Name(n) => n.id.as_str() == "overload",
        Expr::Attribute(a) => a.attr.as_str() == "overload",
        _ => false,
    }
}

fn is_literal_subscript(value: &Expr) -> bool {
    match value {
        Expr::Name(n) => n.id.as_str() == "Literal",
        Expr::Attribute(a) => a.attr.as_str() == "Literal",
        _ => false,
    }
}

/// Whether an `except` clause's type names the builtin exception `name`.
fn names_error(expression: Option<&Expr>, name: &str) -> bool {
    match expression {
        Some(Expr::Tuple(t)) => t.elts.iter().any(|e| names_error(Some(e), name)),
        Some(Expr::Name(n)) => n.id.as_str() == name,
        _ => false,
    }
}

/// The strings of an `__all__` value: lists, tuples and their sums.
fn export_value(value: &Expr, out: &mut Vec<(String, TextRange)>) {
    match value {
        Expr::List(ast::ExprList { elts, .. }) | Expr::Tuple(ast::ExprTuple { elts, .. }) => {
            export_names(elts, out)
        }
        Expr::BinOp(b) if matches!(b.op, ast::Operator::Add) => {
            export_value(&b.left, out);
            export_value(&b.right, out);
        }
        _ => {}
    }
}

fn export_names(elements: &[Expr], out: &mut Vec<(String, TextRange)>) {
    for element in elements {
        if let Expr::StringLiteral(s) = element {
            out.push((s.value.to_str().to_string(), s.range));
        }
    }
}
