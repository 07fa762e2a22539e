//! Whole-tree helpers the reference gets from the `ast` module: `ast.walk` (every statement
//! and expression under a node), `ast.dump` (structure without positions) and `ast.unparse`
//! of a constant.

use rustpython_parser::ast::{self, Constant, ExceptHandler, Expr, Pattern, Stmt};

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

fn arguments<'a>(args: &'a ast::Arguments, f: &mut dyn FnMut(Node<'a>)) {
    for arg in args.posonlyargs.iter().chain(&args.args).chain(&args.kwonlyargs) {
        exprs(arg.def.annotation.as_deref(), f);
        exprs(arg.default.as_deref(), f);
    }
    for arg in args.vararg.iter().chain(args.kwarg.iter()) {
        exprs(arg.annotation.as_deref(), f);
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
            c.patterns.iter().chain(&c.kwd_patterns).for_each(|p| pattern(p, f));
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

/// Calls `f` on each statement and expression directly inside `node`.
pub fn for_each_child<'a>(node: Node<'a>, f: &mut dyn FnMut(Node<'a>)) {
    match node {
        Node::Stmt(s) => match s {
            Stmt::FunctionDef(d) => {
                exprs(&d.decorator_list, f);
                arguments(&d.args, f);
                exprs(d.returns.as_deref(), f);
                stmts(&d.body, f);
            }
            Stmt::AsyncFunctionDef(d) => {
                exprs(&d.decorator_list, f);
                arguments(&d.args, f);
                exprs(d.returns.as_deref(), f);
                stmts(&d.body, f);
            }
            Stmt::ClassDef(c) => {
                exprs(&c.decorator_list, f);
                exprs(&c.bases, f);
                exprs(c.keywords.iter().map(|k| &k.value), f);
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
            Stmt::AsyncFor(l) => {
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
                stmts(&i.orelse, f);
            }
            Stmt::With(w) => {
                for item in &w.items {
                    f(Node::Expr(&item.context_expr));
                    exprs(item.optional_vars.as_deref(), f);
                }
                stmts(&w.body, f);
            }
            Stmt::AsyncWith(w) => {
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
            Stmt::Try(ast::StmtTry { body, handlers, orelse, finalbody, .. })
            | Stmt::TryStar(ast::StmtTryStar { body, handlers, orelse, finalbody, .. }) => {
                stmts(body, f);
                for ExceptHandler::ExceptHandler(h) in handlers {
                    exprs(h.type_.as_deref(), f);
                    stmts(&h.body, f);
                }
                stmts(orelse, f);
                stmts(finalbody, f);
            }
            Stmt::Assert(a) => {
                f(Node::Expr(&a.test));
                exprs(a.msg.as_deref(), f);
            }
            Stmt::Expr(e) => f(Node::Expr(&e.value)),
            Stmt::Import(_) | Stmt::ImportFrom(_) | Stmt::Global(_) | Stmt::Nonlocal(_) | Stmt::Pass(_)
            | Stmt::Break(_) | Stmt::Continue(_) => {}
        },
        Node::Expr(e) => match e {
            Expr::BoolOp(b) => exprs(&b.values, f),
            Expr::NamedExpr(n) => {
                f(Node::Expr(&n.target));
                f(Node::Expr(&n.value));
            }
            Expr::BinOp(b) => {
                f(Node::Expr(&b.left));
                f(Node::Expr(&b.right));
            }
            Expr::UnaryOp(u) => f(Node::Expr(&u.operand)),
            Expr::Lambda(l) => {
                arguments(&l.args, f);
                f(Node::Expr(&l.body));
            }
            Expr::IfExp(i) => {
                f(Node::Expr(&i.test));
                f(Node::Expr(&i.body));
                f(Node::Expr(&i.orelse));
            }
            Expr::Dict(d) => {
                exprs(d.keys.iter().flatten(), f);
                exprs(&d.values, f);
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
            Expr::GeneratorExp(c) => {
                f(Node::Expr(&c.elt));
                comprehensions(&c.generators, f);
            }
            Expr::DictComp(c) => {
                f(Node::Expr(&c.key));
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
                exprs(&c.args, f);
                exprs(c.keywords.iter().map(|k| &k.value), f);
            }
            Expr::FormattedValue(v) => {
                f(Node::Expr(&v.value));
                exprs(v.format_spec.as_deref(), f);
            }
            Expr::JoinedStr(j) => exprs(&j.values, f),
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
            Expr::Constant(_) | Expr::Name(_) => {}
        },
    }
}

/// `ast.dump`: the structure of an expression without its positions, for comparing two.
pub fn dump(expr: &Expr) -> String {
    let debug = format!("{expr:?}");
    let mut out = String::with_capacity(debug.len());
    let mut rest = debug.as_str();
    while let Some(at) = rest.find("range: ") {
        out.push_str(&rest[..at]);
        let tail = &rest[at + 7..];
        let skip = tail.find([',', ' ', '}']).unwrap_or(tail.len());
        rest = &tail[skip..];
    }
    out.push_str(rest);
    out
}

/// `ast.unparse` of a constant (Python's repr of the value).
pub fn unparse_constant(value: &Constant) -> String {
    match value {
        Constant::None => "None".into(),
        Constant::Bool(b) => (if *b { "True" } else { "False" }).into(),
        Constant::Str(s) => repr_str(s),
        Constant::Bytes(b) => format!("b{}", repr_str(&b.iter().map(|&c| c as char).collect::<String>())),
        Constant::Int(i) => i.to_string(),
        Constant::Float(f) => repr_float(*f),
        Constant::Complex { imag, .. } => format!("{}j", repr_float(*imag).trim_end_matches(".0")),
        Constant::Ellipsis => "...".into(),
        Constant::Tuple(items) => {
            let inner: Vec<String> = items.iter().map(unparse_constant).collect();
            if inner.len() == 1 { format!("({},)", inner[0]) } else { format!("({})", inner.join(", ")) }
        }
    }
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
            c if (c as u32) < 0x20 || (0x7f..0xa0).contains(&(c as u32)) => out.push_str(&format!("\\x{:02x}", c as u32)),
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
        let mantissa = if digits.len() > 1 { format!("{}.{}", &digits[..1], &digits[1..]) } else { digits };
        let exp_sign = if exponent < 0 { "-" } else { "+" };
        format!("{sign}{mantissa}e{exp_sign}{:02}", exponent.abs())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_print_as_python() {
        for (value, text) in [(1.0, "1.0"), (0.1, "0.1"), (1e16, "1e+16"), (1.5e-5, "1.5e-05"), (123.25, "123.25"), (1e-4, "0.0001")] {
            assert_eq!(repr_float(value), text);
        }
        assert_eq!(repr_str("it's"), "\"it's\"");
    }
}
