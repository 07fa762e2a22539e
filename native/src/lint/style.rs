//! pycodestyle's rules in Ruff's form (`python/tandem/_lint_style.py`): statements on one line
//! (E701-E703) from the tokens, module-level import placement (E402), and the physical-line
//! rules W291, W293 and E501.

use super::source::{Source, Span};
use super::Report;
use rustpython_parser::ast::{self, Expr, Stmt};
use rustpython_parser::Tok;

/// The word of a NAME token as Python's tokenize sees it (keywords are names there).
fn word(token: &Tok) -> Option<&str> {
    Some(match token {
        Tok::Name { name } => name.as_str(),
        Tok::If => "if",
        Tok::Elif => "elif",
        Tok::Else => "else",
        Tok::For => "for",
        Tok::While => "while",
        Tok::Try => "try",
        Tok::Except => "except",
        Tok::Finally => "finally",
        Tok::With => "with",
        Tok::Class => "class",
        Tok::Async => "async",
        Tok::Match => "match",
        Tok::Case => "case",
        Tok::Def => "def",
        Tok::Lambda => "lambda",
        Tok::False | Tok::None | Tok::True | Tok::And | Tok::As | Tok::Assert | Tok::Await | Tok::Break
        | Tok::Continue | Tok::Del | Tok::From | Tok::Global | Tok::Import | Tok::In | Tok::Is
        | Tok::Nonlocal | Tok::Not | Tok::Or | Tok::Pass | Tok::Raise | Tok::Return | Tok::Type
        | Tok::Yield => "",
        _ => return None,
    })
}

const COMPOUND: [&str; 14] =
    ["if", "elif", "else", "for", "while", "try", "except", "finally", "with", "class", "async", "match", "case", "def"];

/// E701, E702 and E703: colons and semicolons that join statements on one line.
pub fn check_statement_lines(source: &Source, report: &mut Report) {
    let tokens: Vec<_> = source
        .tokens
        .iter()
        .filter(|(t, _)| !matches!(t, Tok::NonLogicalNewline | Tok::Comment(_) | Tok::Indent | Tok::Dedent))
        .collect();
    let ends = |index: usize| {
        tokens.get(index).is_none_or(|(t, _)| matches!(t, Tok::Newline | Tok::EndOfFile))
    };
    let (mut depth, mut lambdas) = (0usize, 0usize);
    let mut first: Option<&Tok> = None;
    let (mut colon_done, mut is_def) = (false, false);
    for (index, (token, range)) in tokens.iter().enumerate() {
        if matches!(token, Tok::Newline | Tok::EndOfFile) {
            (first, lambdas, colon_done, depth, is_def) = (None, 0, false, 0, false);
            continue;
        }
        let first_token = *first.get_or_insert(token);
        if matches!(token, Tok::Def) && depth == 0 {
            is_def = true;
        }
        match token {
            Tok::Lpar | Tok::Lsqb | Tok::Lbrace => depth += 1,
            Tok::Rpar | Tok::Rsqb | Tok::Rbrace => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            Tok::Lambda => lambdas += 1,
            Tok::Colon => {
                if lambdas > 0 {
                    lambdas -= 1;
                    continue;
                }
                let opener = word(first_token);
                if colon_done || !opener.is_some_and(|w| COMPOUND.contains(&w)) {
                    continue;
                }
                colon_done = true;
                if ends(index + 1) || is_def {
                    continue; // a one-line def is E704, not selected by default
                }
                if opener == Some("class") && matches!(tokens[index + 1].0, Tok::Ellipsis) {
                    continue;
                }
                report.add("E701", "Multiple statements on one line (colon)".into(), source.span(*range));
            }
            Tok::Semi => {
                if ends(index + 1) {
                    report.add("E703", "Statement ends with an unnecessary semicolon".into(), source.span(*range));
                } else {
                    report.add("E702", "Multiple statements on one line (semicolon)".into(), source.span(*range));
                }
                (first, lambdas, colon_done, is_def) = (None, 0, false, false);
            }
            _ => {}
        }
    }
}

/// E402: a module-level import after code (docstrings, dunder assignments, sys.path and
/// os.environ changes and compound statements do not count as code here, as in Ruff).
pub fn check_import_placement(body: &[Stmt], source: &Source, report: &mut Report) {
    let mut boundary = false;
    for (index, statement) in body.iter().enumerate() {
        if matches!(statement, Stmt::Import(_) | Stmt::ImportFrom(_)) {
            if boundary {
                report.add("E402", "Module level import not at top of file".into(), source.span(statement_range(statement)));
            }
            continue;
        }
        if boundary || (index == 0 && is_docstring(statement)) {
            continue;
        }
        if matches!(statement, Stmt::If(_) | Stmt::Try(_) | Stmt::TryStar(_) | Stmt::With(_) | Stmt::Match(_))
            || is_dunder_assignment(statement)
            || is_path_or_environ_change(statement)
        {
            continue;
        }
        boundary = true;
    }
}

pub fn statement_range(statement: &Stmt) -> rustpython_parser::text_size::TextRange {
    use rustpython_parser::ast::Ranged;
    statement.range()
}

pub fn is_docstring(statement: &Stmt) -> bool {
    matches!(statement, Stmt::Expr(e) if matches!(&*e.value, Expr::Constant(c) if c.value.is_str()))
}

fn is_dunder_assignment(statement: &Stmt) -> bool {
    let target = match statement {
        Stmt::Assign(a) if a.targets.len() == 1 => &a.targets[0],
        Stmt::AnnAssign(a) => &*a.target,
        Stmt::AugAssign(a) => &*a.target,
        _ => return false,
    };
    matches!(target, Expr::Name(n) if n.id.len() >= 2 && n.id.starts_with("__") && n.id.ends_with("__"))
}

/// `a.b.c` as a string, for names and attribute chains only.
pub fn dotted(node: &Expr) -> Option<String> {
    match node {
        Expr::Name(n) => Some(n.id.to_string()),
        Expr::Attribute(a) => dotted(&a.value).map(|head| format!("{head}.{}", a.attr)),
        _ => None,
    }
}

fn is_path_or_environ_change(statement: &Stmt) -> bool {
    if let Stmt::Expr(ast::StmtExpr { value, .. }) = statement {
        if let Expr::Call(call) = &**value {
            let name = dotted(&call.func).unwrap_or_default();
            return name.starts_with("sys.path.") || name.starts_with("os.environ.") || name == "os.putenv"
                || name == "os.unsetenv";
        }
        return false;
    }
    let targets: Vec<&Expr> = match statement {
        Stmt::Assign(a) => a.targets.iter().collect(),
        Stmt::Delete(d) => d.targets.iter().collect(),
        Stmt::AugAssign(a) => vec![&*a.target],
        _ => return false,
    };
    targets.iter().any(|t| matches!(t, Expr::Subscript(s) if dotted(&s.value).as_deref() == Some("os.environ")))
}

/// W291 trailing whitespace, W293 whitespace on a blank line, E501 line too long.
pub fn check_physical_lines(source: &Source, report: &mut Report, codes: [bool; 3], line_length: usize) {
    let [w291, w293, e501] = codes;
    if source.text.is_empty() {
        return;
    }
    for row in 1..=source.line_count() {
        let body = source.line(row).trim_end_matches(['\r', '\n']);
        let stripped = body.trim_end_matches([' ', '\t', '\x0c']);
        let (body_len, stripped_len) = (body.chars().count(), stripped.chars().count());
        if stripped_len != body_len {
            let span = (row, stripped_len + 1, row, body_len + 1);
            if !stripped.is_empty() && w291 {
                report.add("W291", "Trailing whitespace".into(), span);
            } else if stripped.is_empty() && w293 {
                report.add("W293", "Blank line contains whitespace".into(), span);
            }
        }
        if e501 && body_len > line_length && !single_word(body) {
            let span: Span = (row, line_length + 1, row, body_len + 1);
            report.add("E501", format!("Line too long ({body_len} > {line_length})"), span);
        }
    }
}

/// Ruff leaves alone long lines that are one word (a URL, say), comment marker aside.
fn single_word(line: &str) -> bool {
    let words = super::source::py_strip(line).trim_start_matches('#');
    words.split(super::source::is_py_space).filter(|w| !w.is_empty()).count() <= 1
}
