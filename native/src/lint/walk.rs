//! Whole-tree helpers the reference gets from the `ast` module: `ast.walk` (every statement
//! and expression under a node), `ast.dump` (structure without positions) and `ast.unparse`
//! of a constant.

use ruff_python_ast::{
    self as ast, ElifElseClause, ExceptHandler, Expr, InterpolatedStringElement, Number, Pattern,
    Stmt,
};

#[derive(Clone, Copy)]
pub enum Node<'a> {
    Stmt(&'a Stmt),
    Expr(&'a Expr),
}

/// Whether `test` holds for `node` or any statement or expression inside it.
pub fn any_node<'a>(node: Node<'a>, test: &mut dyn FnMut(Node<'a>) -> bool) -> bool {
    if test(node) {
        return true;
    }
    let mut found = false;
    for_each_child(node, &mut |child| {
        if !found && any_node(child, test) {
            found = true;
        }
    });
    found
}

fn stmts<'a>(body: &'a [Stmt], f: &mut dyn FnMut(Node<'a>)) {
    body.iter().for_each(|s| f(Node::Stmt(s)));
}

fn exprs<'a>(items: impl IntoIterator<Item = &'a Expr>, f: &mut dyn FnMut(Node<'a>)) {
    items.into_iter().for_each(|e| f(Node::Expr(e)));
}

/// Every parameter of a def or lambda in the reference's order (`ast.arguments`' fields).
pub fn all_parameters(parameters: &ast::Parameters) -> impl Iterator<Item = &ast::Parameter> {
    let named = parameters.posonlyargs.iter().chain(&parameters.args).chain(&parameters.kwonlyargs);
    named
        .map(|p| &p.parameter)
        .chain(parameters.vararg.as_deref())
        .chain(parameters.kwarg.as_deref())
}

fn parameters<'a>(parameters: &'a ast::Parameters, f: &mut dyn FnMut(Node<'a>)) {
    for p in parameters.posonlyargs.iter().chain(&parameters.args).chain(&parameters.kwonlyargs) {
        exprs(p.parameter.annotation.as_deref(), f);
        exprs(p.default.as_deref(), f);
    }
    for p in parameters.vararg.iter().chain(parameters.kwarg.iter()) {
        exprs(p.annotation.as_deref(), f);
    }
}

fn arguments<'a>(arguments: &'a ast::Arguments, f: &mut dyn FnMut(Node<'a>)) {
    exprs(&arguments.args, f);
    exprs(arguments.keywords.iter().map(|k| &k.value), f);
}

/// The expressions inside an f-string's replacement fields, format specs included.
pub fn interpolations<'a>(
    elements: impl IntoIterator<Item = &'a InterpolatedStringElement>,
    f: &mut dyn FnMut(&'a Expr),
) {
    for element in elements {
        if let InterpolatedStringElement::Interpolation(field) = element {
            f(&field.expression);
            if let Some(spec) = &field.format_spec {
                interpolations(spec.elements.iter(), f);
            }
        }
    }
}

fn pattern<'a>(p: &'a Pattern, f: &mut dyn FnMut(Node<'a>)) {
    match p {
        Pattern::MatchValue(v) => f(Node::Expr(&v.value)),
        Pattern::MatchSingleton(_) | Pattern::MatchStar(_) => {}
        Pattern::MatchSequence(s) => s.patterns.iter().for_each(|p| pattern(p, f)),
        Pattern::MatchMapping(m) => {
            exprs(&m.keys, f);
            m.patterns.iter().for_each(|p| pattern(p, f));
        }
        Pattern::MatchClass(c) => {
            f(Node::Expr(&c.cls));
            let keywords = c.arguments.keywords.iter().map(|k| &k.pattern);
            c.arguments.patterns.iter().chain(keywords).for_each(|p| pattern(p, f));
        }
        Pattern::MatchAs(a) => a.pattern.iter().for_each(|p| pattern(p, f)),
        Pattern::MatchOr(o) => o.patterns.iter().for_each(|p| pattern(p, f)),
    }
}

fn comprehensions<'a>(generators: &'a [ast::Comprehension], f: &mut dyn FnMut(Node<'a>)) {
    for g in generators {
        f(Node::Expr(&g.target));
        f(Node::Expr(&g.iter));
        exprs(&g.ifs, f);
    }
}

/// Calls `f` on each statement and expression directly inside `node` (an `elif`'s test and
/// body count as the `if`'s: Python's nested `If` has no node of its own here).
pub fn for_each_child<'a>(node: Node<'a>, f: &mut dyn FnMut(Node<'a>)) {
    match node {
        Node::Stmt(s) => match s {
            Stmt::FunctionDef(d) => {
                exprs(d.decorator_list.iter().map(|d| &d.expression), f);
                parameters(&d.parameters, f);
                exprs(d.returns.as_deref(), f);
                stmts(&d.body, f);
            }
            Stmt::ClassDef(c) => {
                exprs(c.decorator_list.iter().map(|d| &d.expression), f);
                if let Some(bases) = &c.arguments {
                    arguments(bases, f);
                }
                stmts(&c.body, f);
            }
            Stmt::Return(r) => exprs(r.value.as_deref(), f),
            Stmt::Delete(d) => exprs(&d.targets, f),
            Stmt::Assign(a) => {
                exprs(&a.targets, f);
                f(Node::Expr(&a.value));
            }
            Stmt::TypeAlias(t) => {
                f(Node::Expr(&t.name));
                f(Node::Expr(&t.value));
            }
            Stmt::AugAssign(a) => {
                f(Node::Expr(&a.target));
                f(Node::Expr(&a.value));
            }
            Stmt::AnnAssign(a) => {
                f(Node::Expr(&a.target));
                f(Node::Expr(&a.annotation));
                exprs(a.value.as_deref(), f);
            }
            Stmt::For(l) => {
                f(Node::Expr(&l.target));
                f(Node::Expr(&l.iter));
                stmts(&l.body, f);
                stmts(&l.orelse, f);
            }
            Stmt::While(w) => {
                f(Node::Expr(&w.test));
                stmts(&w.body, f);
                stmts(&w.orelse, f);
            }
            Stmt::If(i) => {
                f(Node::Expr(&i.test));
                stmts(&i.body, f);
                for ElifElseClause { test, body, .. } in &i.elif_else_clauses {
                    exprs(test, f);
                    stmts(body, f);
                }
            }
            Stmt::With(w) => {
                for item in &w.items {
                    f(Node::Expr(&item.context_expr));
                    exprs(item.optional_vars.as_deref(), f);
                }
                stmts(&w.body, f);
            }
            Stmt::Match(m) => {
                f(Node::Expr(&m.subject));
                for case in &m.cases {
                    pattern(&case.pattern, f);
                    exprs(case.guard.as_deref(), f);
                    stmts(&case.body, f);
                }
            }
            Stmt::Raise(r) => {
                exprs(r.exc.as_deref(), f);
                exprs(r.cause.as_deref(), f);
            }
            Stmt::Try(t) => {
                stmts(&t.body, f);
                for ExceptHandler::ExceptHandler(h) in &t.handlers {
                    exprs(h.type_.as_deref(), f);
                    stmts(&h.body, f);
                }
                stmts(&t.orelse, f);
                stmts(&t.finalbody, f);
            }
            Stmt::Assert(a) => {
                f(Node::Expr(&a.test));
                exprs(a.msg.as_deref(), f);
            }
            Stmt::Expr(e) => f(Node::Expr(&e.value)),
            Stmt::Import(_)
            | Stmt::ImportFrom(_)
            | Stmt::Global(_)
            | Stmt::Nonlocal(_)
            | Stmt::Pass(_)
            | Stmt::Break(_)
            | Stmt::Continue(_)
            | Stmt::IpyEscapeCommand(_) => {}
        },
        Node::Expr(e) => match e {
            Expr::BoolOp(b) => exprs(&b.values, f),
            Expr::Named(n) => {
                f(Node::Expr(&n.target));
                f(Node::Expr(&n.value));
            }
            Expr::BinOp(b) => {
                f(Node::Expr(&b.left));
                f(Node::Expr(&b.right));
            }
            Expr::UnaryOp(u) => f(Node::Expr(&u.operand)),
            Expr::Lambda(l) => {
                if let Some(p) = &l.parameters {
                    parameters(p, f);
                }
                f(Node::Expr(&l.body));
            }
            Expr::If(i) => {
                f(Node::Expr(&i.test));
                f(Node::Expr(&i.body));
                f(Node::Expr(&i.orelse));
            }
            Expr::Dict(d) => {
                exprs(d.items.iter().filter_map(|item| item.key.as_ref()), f);
                exprs(d.items.iter().map(|item| &item.value), f);
            }
            Expr::Set(s) => exprs(&s.elts, f),
            Expr::ListComp(c) => {
                f(Node::Expr(&c.elt));
                comprehensions(&c.generators, f);
            }
            Expr::SetComp(c) => {
                f(Node::Expr(&c.elt));
                comprehensions(&c.generators, f);
            }
            Expr::Generator(c) => {
                f(Node::Expr(&c.elt));
                comprehensions(&c.generators, f);
            }
            Expr::DictComp(c) => {
                exprs(c.key.as_deref(), f);
                f(Node::Expr(&c.value));
                comprehensions(&c.generators, f);
            }
            Expr::Await(a) => f(Node::Expr(&a.value)),
            Expr::Yield(y) => exprs(y.value.as_deref(), f),
            Expr::YieldFrom(y) => f(Node::Expr(&y.value)),
            Expr::Compare(c) => {
                f(Node::Expr(&c.left));
                exprs(&c.comparators, f);
            }
            Expr::Call(c) => {
                f(Node::Expr(&c.func));
                arguments(&c.arguments, f);
            }
            Expr::FString(s) => interpolations(s.value.elements(), &mut |e| f(Node::Expr(e))),
            Expr::TString(s) => interpolations(s.value.elements(), &mut |e| f(Node::Expr(e))),
            Expr::Attribute(a) => f(Node::Expr(&a.value)),
            Expr::Subscript(s) => {
                f(Node::Expr(&s.value));
                f(Node::Expr(&s.slice));
            }
            Expr::Starred(s) => f(Node::Expr(&s.value)),
            Expr::List(l) => exprs(&l.elts, f),
            Expr::Tuple(t) => exprs(&t.elts, f),
            Expr::Slice(s) => {
                exprs(s.lower.as_deref(), f);
                exprs(s.upper.as_deref(), f);
                exprs(s.step.as_deref(), f);
            }
            Expr::StringLiteral(_)
            | Expr::BytesLiteral(_)
            | Expr::NumberLiteral(_)
            | Expr::BooleanLiteral(_)
            | Expr::NoneLiteral(_)
            | Expr::EllipsisLiteral(_)
            | Expr::Name(_)
            | Expr::IpyEscapeCommand(_) => {}
        },
    }
}

/// `ast.unparse` of a literal (Python's repr of the value); None for any other expression.
pub fn unparse_literal(node: &Expr) -> Option<String> {
    Some(match node {
        Expr::NoneLiteral(_) => "None".into(),
        Expr::BooleanLiteral(b) => (if b.value { "True" } else { "False" }).into(),
        Expr::StringLiteral(s) => repr_str(s.value.to_str()),
        Expr::BytesLiteral(b) => {
            format!("b{}", repr_str(&b.value.bytes().map(char::from).collect::<String>()))
        }
        Expr::NumberLiteral(n) => match &n.value {
            Number::Int(i) => i.to_string(),
            Number::Float(f) => repr_float(*f),
            Number::Complex { imag, .. } => {
                format!("{}j", repr_float(*imag).trim_end_matches(".0"))
            }
        },
        Expr::EllipsisLiteral(_) => "...".into(),
        _ => return None,
    })
}

/// Python's `repr(str)`: single quotes unless the text has one and no double quote.
fn repr_str(text: &str) -> String {
    let quote = if text.contains('\'') && !text.contains('"') { '"' } else { '\'' };
    let mut out = String::from(quote);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || (0x7f..0xa0).contains(&(c as u32)) => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// Python's `repr(float)`: the shortest round-trip digits, in exponent form outside 1e-4..1e16.
fn repr_float(value: f64) -> String {
    if value.is_infinite() {
        return if value > 0.0 { "1e309".into() } else { "-1e309".into() };
    }
    let sci = format!("{value:e}"); // e.g. "-1.5e16"
    let (mantissa, exponent) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let negative = mantissa.starts_with('-');
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let sign = if negative { "-" } else { "" };
    if (-4..16).contains(&exponent) {
        let point = exponent + 1; // digits before the decimal point
        let body = if point <= 0 {
            format!("0.{}{}", "0".repeat((-point) as usize), digits)
        } else if point as usize >= digits.len() {
            format!("{}{}.0", digits, "0".repeat(point as usize - digits.len()))
        } else {
            format!("{}.{}", &digits[..point as usize], &digits[point as usize..])
        };
        format!("{sign}{body}")
    } else {
        let mantissa =
            if digits.len() > 1 { format!("{}.{}", &digits[..1], &digits[1..]) } else { digits };
        let exp_sign = if exponent < 0 { "-" } else { "+" };
        format!("{sign}{mantissa}e{exp_sign}{:02}", exponent.abs())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_print_as_python() {
        for (value, text) in [
            (1.0, "1.0"),
            (0.1, "0.1"),
            (1e16, "1e+16"),
            (1.5e-5, "1.5e-05"),
            (123.25, "123.25"),
            (1e-4, "0.0001"),
        ] {
            assert_eq!(repr_float(value), text);
        }
        assert_eq!(repr_str("it's"), "\"it's\"");
    }
}
