//! Rules that look at one statement or expression, not at bindings
//! (`python/tandem/lint/_rules_ast.py`): E7xx comparisons and names, misplaced statements
//! (F7xx), literal checks (F6xx), star and future imports (F40x). The analyzer calls
//! `check_statement`/`check_expression` for every node it visits.

use super::names::{is_builtin_name, is_builtin_type, FUTURE_FEATURES};
use super::scope::{Analyzer, ScopeKind};
use super::walk::{all_parameters, unparse_literal};
use ruff_python_ast::comparable::ComparableExpr;
use ruff_python_ast::{
    self as ast, CmpOp, ExceptHandler, Expr, ExprContext, Identifier, Number, Stmt, UnaryOp,
};
use ruff_text_size::Ranged;
use std::collections::HashMap;

fn ambiguous(name: &str) -> bool {
    matches!(name, "l" | "O" | "I")
}

impl<'a> Analyzer<'a> {
    fn outside_function(&self) -> bool {
        matches!(self.scope_kind(), ScopeKind::Module | ScopeKind::Class)
    }

    pub(super) fn check_statement(&mut self, node: &'a Stmt) {
        let span = self.source.span(node.range());
        match node {
            Stmt::Import(s) if s.names.len() > 1 => {
                self.report.add("E401", "Multiple imports on one line".into(), span)
            }
            Stmt::ImportFrom(s) => self.import_from(s),
            Stmt::FunctionDef(ast::StmtFunctionDef { name, parameters, .. }) => {
                if ambiguous(name) {
                    let at = self.source.span(name.range);
                    self.report.add("E743", format!("Ambiguous function name: `{name}`"), at);
                }
                self.ambiguous_arguments(parameters);
            }
            Stmt::ClassDef(s) if ambiguous(&s.name) => {
                let at = self.source.span(s.name.range);
                self.report.add("E742", format!("Ambiguous class name: `{}`", s.name), at);
            }
            Stmt::Assign(s) if s.targets.len() == 1 && matches!(s.targets[0], Expr::Name(_)) => {
                if matches!(*s.value, Expr::Lambda(_)) {
                    self.report.add(
                        "E731",
                        "Do not assign a `lambda` expression, use a `def`".into(),
                        span,
                    );
                }
            }
            Stmt::AnnAssign(s) if matches!(*s.target, Expr::Name(_)) => {
                if matches!(s.value.as_deref(), Some(Expr::Lambda(_))) {
                    self.report.add(
                        "E731",
                        "Do not assign a `lambda` expression, use a `def`".into(),
                        span,
                    );
                }
            }
            Stmt::Try(s) => self.try_handlers(&s.handlers),
            Stmt::Break(_) if self.loop_depth == 0 => {
                self.report.add("F701", "`break` outside loop".into(), span)
            }
            Stmt::Continue(_) if self.loop_depth == 0 => {
                self.report.add("F702", "`continue` outside loop".into(), span)
            }
            Stmt::Return(_) if self.outside_function() => self.report.add(
                "F706",
                "`return` statement outside of a function/method".into(),
                span,
            ),
            Stmt::Assert(s) if matches!(&*s.test, Expr::Tuple(t) if !t.elts.is_empty()) => {
                self.report.add(
                    "F631",
                    "Assert test is a non-empty tuple, which is always `True`".into(),
                    span,
                )
            }
            Stmt::If(s) => {
                // an `elif` is an `if` of its own in Python's tree
                let elifs = s.elif_else_clauses.iter().filter_map(|c| c.test.as_ref());
                for test in std::iter::once(&*s.test).chain(elifs) {
                    if matches!(test, Expr::Tuple(t) if !t.elts.is_empty()) {
                        let at = self.source.span(test.range());
                        self.report.add(
                            "F634",
                            "If test is a tuple, which is always `True`".into(),
                            at,
                        )
                    }
                }
            }
            Stmt::Raise(s) => {
                let target = match s.exc.as_deref() {
                    Some(Expr::Call(call)) => Some(&*call.func),
                    other => other,
                };
                if let Some(Expr::Name(n)) = target {
                    if n.id.as_str() == "NotImplemented" {
                        let message =
                            "`raise NotImplemented` should be `raise NotImplementedError`";
                        self.report.add("F901", message.into(), self.source.span(n.range));
                    }
                }
            }
            Stmt::Global(ast::StmtGlobal { names, .. })
            | Stmt::Nonlocal(ast::StmtNonlocal { names, .. }) => {
                for name in names.iter().filter(|n| ambiguous(n)) {
                    self.ambiguous_name(name);
                }
            }
            _ => {}
        }
    }

    fn import_from(&mut self, node: &'a ast::StmtImportFrom) {
        let span = self.source.span(node.range);
        let level = node.level;
        let module_name = node.module.as_ref().map(Identifier::as_str);
        let module = format!("{}{}", ".".repeat(level as usize), module_name.unwrap_or(""));
        let future = module_name == Some("__future__");
        for alias in &node.names {
            if alias.name.as_str() == "*" {
                if self.is_init && level > 0 {
                    continue;
                }
                let message =
                    format!("`from {module} import *` used; unable to detect undefined names");
                self.report.add("F403", message, span);
                if self.scope_kind() != ScopeKind::Module {
                    self.report.add(
                        "F406",
                        format!("`from {module} import *` only allowed at module level"),
                        span,
                    );
                }
            } else if future && !FUTURE_FEATURES.contains(&alias.name.as_str()) {
                let at = self.source.span(alias.range);
                self.report.add(
                    "F407",
                    format!("Future feature `{}` is not defined", alias.name),
                    at,
                );
            }
        }
        if future && self.futures_closed {
            let message = "`from __future__` imports must occur at the beginning of the file";
            self.report.add("F404", message.into(), span);
        }
    }

    fn ambiguous_arguments(&mut self, parameters: &'a ast::Parameters) {
        for parameter in all_parameters(parameters).filter(|p| ambiguous(&p.name)) {
            self.ambiguous_name(&parameter.name);
        }
    }

    fn ambiguous_name(&mut self, name: &Identifier) {
        self.report.add(
            "E741",
            format!("Ambiguous variable name: `{name}`"),
            self.source.span(name.range),
        );
    }

    fn try_handlers(&mut self, handlers: &'a [ast::ExceptHandler]) {
        for (index, handler) in handlers.iter().enumerate() {
            let ExceptHandler::ExceptHandler(handler) = handler;
            if handler.type_.is_none() {
                let (row, col) = self.source.pos(handler.range.start().into());
                let span = (row, col, row, col + 6);
                if !reraises(handler) {
                    self.report.add("E722", "Do not use bare `except`".into(), span);
                }
                if index != handlers.len() - 1 {
                    let message = "An `except` block as not the last exception handler";
                    self.report.add("F707", message.into(), span);
                }
            }
            if let Some(name) = handler.name.as_ref().filter(|n| ambiguous(n)) {
                self.ambiguous_name(name);
            }
        }
    }

    pub(super) fn check_expression(&mut self, node: &'a Expr) {
        match node {
            Expr::Compare(c) => self.compare(c),
            Expr::UnaryOp(u) => self.not_test(u),
            Expr::Name(n) if ambiguous(&n.id) && matches!(n.ctx, ExprContext::Store) => {
                let span = self.source.span(n.range);
                self.report.add("E741", format!("Ambiguous variable name: `{}`", n.id), span);
            }
            Expr::Dict(d) => self.repeated_keys(d),
            Expr::FString(f) => self.fstring_without_placeholders(f),
            Expr::Call(c) => self.check_format_call(c),
            Expr::BinOp(b) if matches!(b.op, ast::Operator::Mod) => self.check_percent_format(b),
            Expr::Yield(_) | Expr::YieldFrom(_) | Expr::Await(_) if self.outside_function() => {
                let word = match node {
                    Expr::Yield(_) => "yield",
                    Expr::YieldFrom(_) => "yield from",
                    _ => "await",
                };
                let span = self.source.span(node.range());
                self.report.add("F704", format!("`{word}` statement outside of a function"), span);
            }
            Expr::Tuple(ast::ExprTuple { elts, ctx: ExprContext::Store, .. })
            | Expr::List(ast::ExprList { elts, ctx: ExprContext::Store, .. }) => {
                let starred = elts.iter().filter(|e| matches!(e, Expr::Starred(_))).count();
                let span = self.source.span(node.range());
                if starred > 1 {
                    self.report.add("F622", "Two starred expressions in assignment".into(), span);
                } else if starred == 1 && elts.len() > 256 {
                    self.report.add(
                        "F621",
                        "Too many expressions in star-unpacking assignment".into(),
                        span,
                    );
                }
            }
            Expr::Lambda(l) => {
                if let Some(parameters) = &l.parameters {
                    self.ambiguous_arguments(parameters)
                }
            }
            _ => {}
        }
    }

    fn is_builtin(&self, node: &Expr) -> bool {
        matches!(node, Expr::Name(n) if self.lookup(&n.id).is_none() && is_builtin_name(&n.id))
    }

    /// A `type(x)` call or the name of a builtin class (neither shadowed), as E721 sees types.
    fn is_type(&self, node: &Expr) -> bool {
        if let Expr::Call(call) = node {
            if call.arguments.args.len() == 1 && call.arguments.keywords.is_empty() {
                return matches!(&*call.func, Expr::Name(n) if n.id.as_str() == "type")
                    && self.is_builtin(&call.func);
            }
        }
        self.is_builtin(node) && matches!(node, Expr::Name(n) if is_builtin_type(&n.id))
    }

    fn compare(&mut self, node: &'a ast::ExprCompare) {
        let span = self.source.span(node.range);
        let mut left: &Expr = &node.left;
        let mut type_compared = false;
        for (index, (op, right)) in node.ops.iter().zip(&node.comparators).enumerate() {
            match op {
                CmpOp::Eq | CmpOp::NotEq => {
                    let suggestion = if matches!(op, CmpOp::NotEq) {
                        "cond is not None"
                    } else {
                        "cond is None"
                    };
                    let sides: &[&Expr] = if index == 0 { &[left, right] } else { &[right] };
                    for side in sides {
                        if is_none(side) {
                            let at = self.source.span(side.range());
                            self.report.add(
                                "E711",
                                format!("Comparison to `None` should be `{suggestion}`"),
                                at,
                            );
                        }
                    }
                    if let Some(value) = as_bool(left).or_else(|| as_bool(right)) {
                        let word = if value { "True" } else { "False" };
                        self.report.add(
                            "E712",
                            format!("Avoid equality comparisons to `{word}`"),
                            span,
                        );
                    }
                    if !type_compared && (self.is_type(left) || self.is_type(right)) {
                        type_compared = true;
                        let message = "Use `is` and `is not` for type comparisons, or `isinstance()` for isinstance checks";
                        self.report.add("E721", message.into(), span);
                    }
                }
                CmpOp::Is | CmpOp::IsNot if is_literal(left) || is_literal(right) => {
                    let word = if matches!(op, CmpOp::IsNot) { "is not" } else { "is" };
                    self.report.add(
                        "F632",
                        format!("Use `==` to compare constant literals (instead of `{word}`)"),
                        span,
                    );
                }
                _ => {}
            }
            left = right;
        }
    }

    fn not_test(&mut self, node: &'a ast::ExprUnaryOp) {
        if !matches!(node.op, UnaryOp::Not) {
            return;
        }
        let Expr::Compare(compare) = &*node.operand else { return };
        if compare.ops.len() != 1 {
            return;
        }
        let span = self.source.span(compare.range);
        match compare.ops[0] {
            CmpOp::In => {
                self.report.add("E713", "Test for membership should be `not in`".into(), span)
            }
            CmpOp::Is => {
                self.report.add("E714", "Test for object identity should be `is not`".into(), span)
            }
            _ => {}
        }
    }

    fn repeated_keys(&mut self, node: &'a ast::ExprDict) {
        // Values are made comparable only for keys that repeat: that walks the value's whole
        // subtree, which for every dict of a nested dict made linting quadratic in the depth.
        let identities: Vec<Option<KeyIdentity>> =
            node.items.iter().map(|item| item.key.as_ref().and_then(key_identity)).collect();
        let mut counts: HashMap<&KeyIdentity, usize> = HashMap::new();
        for identity in identities.iter().flatten() {
            *counts.entry(identity).or_default() += 1;
        }
        let mut seen: HashMap<&KeyIdentity, Vec<ComparableExpr>> = HashMap::new();
        for (item, identity) in node.items.iter().zip(&identities) {
            let (Some(key), Some(identity)) = (&item.key, identity) else { continue };
            if counts[identity] < 2 {
                continue;
            }
            let dumped = ComparableExpr::from(&item.value);
            let Some(values) = seen.get_mut(identity) else {
                seen.insert(identity, vec![dumped]);
                continue;
            };
            let span = self.source.span(key.range());
            match key {
                Expr::Name(n) => {
                    if !values.contains(&dumped) {
                        self.report.add(
                            "F602",
                            format!("Dictionary key `{}` repeated", n.id),
                            span,
                        );
                    }
                }
                literal => {
                    if let Some(text) = unparse_literal(literal) {
                        self.report.add(
                            "F601",
                            format!("Dictionary key literal `{text}` repeated"),
                            span,
                        );
                    }
                }
            }
            values.push(dumped);
        }
    }

    /// F541 on each f-string part of a concatenation none of whose parts has a placeholder.
    fn fstring_without_placeholders(&mut self, node: &'a ast::ExprFString) {
        if node.value.elements().any(|e| e.is_interpolation()) {
            return;
        }
        for part in node.value.iter() {
            if let ast::FStringPart::FString(f) = part {
                self.report.add(
                    "F541",
                    "f-string without any placeholders".into(),
                    self.source.span(f.range),
                );
            }
        }
    }
}

fn is_none(node: &Expr) -> bool {
    matches!(node, Expr::NoneLiteral(_))
}

fn as_bool(node: &Expr) -> Option<bool> {
    match node {
        Expr::BooleanLiteral(b) => Some(b.value),
        _ => None,
    }
}

fn is_literal(node: &Expr) -> bool {
    matches!(
        node,
        Expr::StringLiteral(_)
            | Expr::BytesLiteral(_)
            | Expr::NumberLiteral(_)
            | Expr::FString(_)
            | Expr::List(_)
            | Expr::Dict(_)
            | Expr::Set(_)
            | Expr::Tuple(_)
    )
}

/// Equal for keys Python would merge: `1`, `1.0` and `True` hash alike.
#[derive(PartialEq, Eq, Hash)]
enum KeyIdentity {
    Number(String),
    Str(String),
    Bytes(Vec<u8>),
    None,
    Ellipsis,
    Name(String),
}

fn key_identity(key: &Expr) -> Option<KeyIdentity> {
    Some(match key {
        Expr::Name(n) => KeyIdentity::Name(n.id.to_string()),
        Expr::NoneLiteral(_) => KeyIdentity::None,
        Expr::EllipsisLiteral(_) => KeyIdentity::Ellipsis,
        Expr::BooleanLiteral(b) => KeyIdentity::Number(u8::from(b.value).to_string()),
        Expr::StringLiteral(s) => KeyIdentity::Str(s.value.to_str().to_string()),
        Expr::BytesLiteral(b) => KeyIdentity::Bytes(b.value.bytes().collect()),
        Expr::NumberLiteral(n) => KeyIdentity::Number(match &n.value {
            Number::Int(i) => i.to_string(),
            Number::Float(f) => number_key(*f),
            Number::Complex { real, imag } if *imag == 0.0 => number_key(*real),
            Number::Complex { real, imag } => format!("c{}:{}", real.to_bits(), imag.to_bits()),
        }),
        _ => return None,
    })
}

fn number_key(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e38 {
        format!("{}", value as i128)
    } else {
        format!("f{}", value.to_bits())
    }
}

/// Ruff lets a bare `except` pass when it re-raises: a bare `raise` among the statements of its
/// body itself (one nested in an `if` or `try` does not count).
fn reraises(handler: &ast::ExceptHandlerExceptHandler) -> bool {
    handler.body.iter().any(|s| matches!(s, Stmt::Raise(r) if r.exc.is_none()))
}
