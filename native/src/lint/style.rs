//! pycodestyle's rules in Ruff's form (`python/tandem/lint/_style.py`): statements on one line
//! (E701-E703) from the tokens, module-level import placement (E402), and the physical-line
//! rules W291, W293 and E501.

use super::source::{Source, Span};
use super::Report;
use ruff_python_ast::token::{Token, TokenKind};
use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::Ranged;

/// The word of a NAME token as Python's tokenize sees it (keywords are names there).
fn word<'a>(token: &Token, source: &Source<'a>) -> Option<&'a str> {
    let kind = token.kind();
    (kind == TokenKind::Name || kind.is_keyword()).then(|| source.slice(token.range()))
}

const COMPOUND: [&str; 14] = [
    "if", "elif", "else", "for", "while", "try", "except", "finally", "with", "class", "async",
    "match", "case", "def",
];

/// E701, E702 and E703: colons and semicolons that join statements on one line.
pub fn check_statement_lines(source: &Source, report: &mut Report) {
    use TokenKind as K;
    let tokens: Vec<&Token> = source
        .tokens
        .iter()
        .filter(|t| !matches!(t.kind(), K::NonLogicalNewline | K::Comment | K::Indent | K::Dedent))
        .collect();
    let ends = |index: usize| {
        tokens.get(index).is_none_or(|t| matches!(t.kind(), K::Newline | K::EndOfFile))
    };
    let (mut depth, mut lambdas) = (0usize, 0usize);
    let mut first: Option<&Token> = None;
    let (mut colon_done, mut is_def) = (false, false);
    for (index, token) in tokens.iter().enumerate() {
        let kind = token.kind();
        if matches!(kind, K::Newline | K::EndOfFile) {
            (first, lambdas, colon_done, depth, is_def) = (None, 0, false, 0, false);
            continue;
        }
        let first_token = *first.get_or_insert(token);
        if kind == K::Def && depth == 0 {
            is_def = true;
        }
        match kind {
            K::Lpar | K::Lsqb | K::Lbrace => depth += 1,
            K::Rpar | K::Rsqb | K::Rbrace => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            K::Lambda => lambdas += 1,
            K::Colon => {
                if lambdas > 0 {
                    lambdas -= 1;
                    continue;
                }
                let opener = word(first_token, source);
                if colon_done || !opener.is_some_and(|w| COMPOUND.contains(&w)) {
                    continue;
                }
                colon_done = true;
                if ends(index + 1) || is_def {
                    continue; // a one-line def is E704, not selected by default
                }
                if opener == Some("class") && tokens[index + 1].kind() == K::Ellipsis {
                    continue;
                }
                report.add(
                    "E701",
                    "Multiple statements on one line (colon)".into(),
                    source.span(token.range()),
                );
            }
            K::Semi => {
                let span = source.span(token.range());
                if ends(index + 1) {
                    report.add("E703", "Statement ends with an unnecessary semicolon".into(), span);
                } else {
                    report.add("E702", "Multiple statements on one line (semicolon)".into(), span);
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
                report.add(
                    "E402",
                    "Module level import not at top of file".into(),
                    source.span(statement.range()),
                );
            }
            continue;
        }
        if boundary || (index == 0 && is_docstring(statement)) {
            continue;
        }
        if matches!(statement, Stmt::If(_) | Stmt::Try(_) | Stmt::With(_) | Stmt::Match(_))
            || is_dunder_assignment(statement)
            || is_path_or_environ_change(statement)
        {
            continue;
        }
        boundary = true;
    }
}

pub fn is_docstring(statement: &Stmt) -> bool {
    matches!(statement, Stmt::Expr(e) if matches!(&*e.value, Expr::StringLiteral(_)))
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
            return name.starts_with("sys.path.")
                || name.starts_with("os.environ.")
                || name == "os.putenv"
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
    targets.iter().any(
        |t| matches!(t, Expr::Subscript(s) if dotted(&s.value).as_deref() == Some("os.environ")),
    )
}

/// W291 trailing whitespace, W293 whitespace on a blank line, E501 line too long.
pub fn check_physical_lines(
    source: &Source,
    report: &mut Report,
    codes: [bool; 3],
    line_length: usize,
) {
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
