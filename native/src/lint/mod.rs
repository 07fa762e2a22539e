//! `lint.check`: the Rust backend of Tandem's linter, a port of the pure-Python reference
//! (`python/tandem/lint/`, the package and its modules), module for module: `source` (lines,
//! positions, tokens, noqa), `style` (token and physical-line rules, E402), `rules` (rules on
//! one node), `format` (`%` and `.format`), `scope` (the binding model) and `batch` (many
//! files on all cores). The parser is Ruff's (`ruff_python_parser`); it supplies the tokens too.
//!
//! Results are the reference's: the same codes, messages and positions (rows and columns
//! 1-based, columns counting characters), except for syntax errors, whose message and column
//! come from a different parser (the kernel's callers compare their code and row only).

mod batch;
mod format;
mod names;
mod nesting;
mod rules;
mod scope;
mod source;
mod style;
mod walk;

pub use batch::{check_files, check_sources, in_parallel, read_source};
pub use nesting::too_deep;

use ruff_python_ast::token::{Token, TokenKind};
use ruff_python_ast::{ModModule, PySourceType, Stmt};
use ruff_python_parser::{LexicalErrorType, ParseErrorType, Parsed};
use ruff_text_size::{Ranged, TextSize};
use source::{Source, Span};

pub const DEFAULT_SELECT: &str = "E4,E7,E9,F";
const SYNTAX_ERROR: &str = "invalid-syntax"; // the code Ruff's JSON gives syntax errors
const IO_ERROR: &str = "E902";
/// The largest source linted, in UTF-8 bytes, on every backend (`MAX_SOURCE_BYTES` in
/// `python/tandem/lint/__init__.py` says why); a bigger one is one E902.
pub const MAX_SOURCE_BYTES: usize = 8 << 20;
const TOO_LARGE: &str = "File too large to lint: the limit is 8388608 bytes (8 MiB)";

#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub code: &'static str,
    pub message: String,
    pub span: Span,
}

/// Which rules run: rule-code prefixes; the longest matching prefix among select and ignore wins.
#[derive(Clone)]
pub struct Selection {
    select: Vec<String>,
    ignore: Vec<String>,
    pub line_length: usize,
}

/// Python's `[p.strip().upper() for p in spec.split(",") if p.strip()]`.
fn codes(spec: &str) -> Vec<String> {
    spec.split(',').map(source::py_strip).filter(|p| !p.is_empty()).map(str::to_uppercase).collect()
}

impl Selection {
    pub fn new(select: &str, ignore: &str, line_length: usize) -> Selection {
        let mut select = codes(select);
        if select.iter().any(|p| p == "ALL") {
            select.push(String::new());
        }
        Selection { select, ignore: codes(ignore), line_length }
    }

    pub fn chosen(&self, code: &str) -> bool {
        if code == SYNTAX_ERROR || code == IO_ERROR {
            return !self.ignore.iter().any(|p| !p.is_empty() && code.starts_with(p.as_str()));
        }
        let best = |prefixes: &[String]| {
            prefixes
                .iter()
                .filter(|p| code.starts_with(p.as_str()))
                .map(|p| p.len() as isize)
                .max()
                .unwrap_or(-1)
        };
        let best_select = best(&self.select);
        best_select >= 0 && best_select > best(&self.ignore)
    }
}

/// Where the rules put what they find; only selected codes are kept.
pub struct Report {
    selection: Selection,
    pub found: Vec<Diagnostic>,
}

impl Report {
    pub fn add(&mut self, code: &'static str, message: String, span: Span) {
        if self.selection.chosen(code) {
            self.found.push(Diagnostic { code, message, span });
        }
    }
}

/// The diagnostics for a file's bytes: not UTF-8 is one E902; a BOM is skipped.
pub fn check_bytes(bytes: &[u8], filename: &str, selection: &Selection) -> Vec<Diagnostic> {
    if bytes.len() > MAX_SOURCE_BYTES {
        return io_error(TOO_LARGE, selection);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => check(text, filename, selection),
        Err(_) => io_error("stream did not contain valid UTF-8", selection),
    }
}

/// One E902 diagnostic (when selected) for a file that cannot be read or decoded.
pub fn io_error(reason: &str, selection: &Selection) -> Vec<Diagnostic> {
    if selection.chosen(IO_ERROR) {
        vec![Diagnostic { code: IO_ERROR, message: reason.to_string(), span: (1, 1, 1, 1) }]
    } else {
        Vec::new()
    }
}

/// The diagnostics for `text`, sorted by position (row, column, code).
pub fn check(text: &str, filename: &str, selection: &Selection) -> Vec<Diagnostic> {
    if text.len() > MAX_SOURCE_BYTES {
        return io_error(TOO_LARGE, selection);
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut report = Report { selection: selection.clone(), found: Vec::new() };
    if let Some((offset, message)) = nesting::too_deep(text) {
        // Never parsed (the parser would recurse past its stack); no tokens, so no noqa.
        let source = Source::new(text, &[]);
        let (row, col) = source.pos(offset);
        report.add(SYNTAX_ERROR, format!("SyntaxError: {message}"), (row, col, row, col));
        return finish(report, &source, selection);
    }
    let parsed = ruff_python_parser::parse_unchecked_source(text, PySourceType::Python);
    // The lexer's errors; an open bracket at the end of the text is one too (Eof).
    let lexical: Vec<&LexicalErrorType> = parsed
        .errors()
        .iter()
        .filter_map(|e| if let ParseErrorType::Lexical(l) = &e.error { Some(l) } else { None })
        .collect();
    let malformed = lexical.iter().any(|l| !matches!(l, LexicalErrorType::Eof));
    let unclosed = unclosed_bracket(parsed.tokens()).filter(|_| !malformed);
    // As the reference's `tokenize`: no tokens (so no noqa) for a text that does not tokenize.
    let tokenizes = lexical.is_empty();
    let source = Source::new(text, if tokenizes { parsed.tokens() } else { &[] });
    if let Some(body) = valid_body(&parsed, unclosed, &source, &mut report) {
        let base = filename.rsplit(['/', '\\']).next().unwrap_or(filename);
        let mut analyzer = scope::Analyzer::new(&source, &mut report, base == "__init__.py");
        analyzer.run(body);
        style::check_import_placement(body, &source, &mut report);
        style::check_statement_lines(&source, &mut report);
    }
    finish(report, &source, selection)
}

/// The physical-line rules, then what `# noqa` leaves of the report, sorted by position.
fn finish(mut report: Report, source: &Source, selection: &Selection) -> Vec<Diagnostic> {
    let physical = ["W291", "W293", "E501"].map(|code| selection.chosen(code));
    style::check_physical_lines(source, &mut report, physical, selection.line_length);
    let noqa = source.noqa();
    let mut kept: Vec<Diagnostic> = report
        .found
        .into_iter()
        .filter(|d| match noqa.get(&d.span.0) {
            None => true,
            Some(None) => false,
            Some(Some(codes)) => !codes.iter().any(|c| c == d.code),
        })
        .collect();
    kept.sort_by(|a, b| (a.span.0, a.span.1, a.code).cmp(&(b.span.0, b.span.1, b.code)));
    kept
}

/// The module's statements, or None after reporting its first syntax error (CPython's
/// `compile` stops at the first; Ruff's parser recovers and lists them all).
fn valid_body<'p>(
    parsed: &'p Parsed<ModModule>,
    unclosed: Option<(TextSize, char)>, // the innermost bracket open at the end, if the text lexes
    source: &Source,
    report: &mut Report,
) -> Option<&'p [Stmt]> {
    let text = source.text;
    let (offset, message) = if let Some(index) = text.find('\0') {
        (index, "source code string cannot contain null bytes".to_string())
    } else if let Some(error) = parsed.errors().iter().min_by_key(|e| e.location.start()) {
        match unclosed {
            // CPython then tokenizes to the end, and a bracket still open there is the error
            // it reports, where the bracket opened (unless a token was malformed first).
            Some((at, bracket)) => (at.into(), format!("'{bracket}' was never closed")),
            None => (error.location.start().into(), error.error.to_string()),
        }
    } else {
        return Some(&parsed.syntax().body);
    };
    let (row, col) = source.pos(offset);
    report.add(SYNTAX_ERROR, format!("SyntaxError: {message}"), (row, col, row, col));
    None
}

/// The innermost bracket left open where the tokens end, and where it is.
fn unclosed_bracket(tokens: &[Token]) -> Option<(TextSize, char)> {
    let mut open = Vec::new();
    for token in tokens {
        match token.kind() {
            TokenKind::Lpar => open.push((token.start(), '(')),
            TokenKind::Lsqb => open.push((token.start(), '[')),
            TokenKind::Lbrace => open.push((token.start(), '{')),
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => {
                open.pop();
            }
            _ => {}
        }
    }
    open.pop()
}

/// The kernel's result: `json.dumps([[code, row, column, end_row, end_column, message], ...],
/// ensure_ascii=False)`, byte for byte as the reference writes it.
pub fn rows_json(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::from("[");
    for (index, d) in diagnostics.iter().enumerate() {
        if index > 0 {
            out.push_str(", ");
        }
        let (row, col, end_row, end_col) = d.span;
        out.push_str(&format!(
            "[{}, {row}, {col}, {end_row}, {end_col}, {}]",
            json_string(d.code),
            json_string(&d.message)
        ));
    }
    out.push(']');
    out
}

/// `text` as a JSON string literal.
pub fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `lint.check` as the kernel takes it: source, filename, comma-separated selection
/// (empty: the default), returning the JSON rows.
pub fn check_kernel(text: &str, filename: &str, select: &str) -> String {
    let select = if select.is_empty() { DEFAULT_SELECT } else { select };
    let selection = Selection::new(select, "", 88);
    batch::with_large_stack(|| rows_json(&check(text, filename, &selection)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes_of(text: &str) -> Vec<&'static str> {
        check(text, "t.py", &Selection::new("E4,E7,E9,F,W291,W293,E501", "", 88))
            .iter()
            .map(|d| d.code)
            .collect()
    }

    #[test]
    fn finds_the_reference_rules() {
        assert_eq!(codes_of("import os, sys\n"), ["E401", "F401", "F401"]);
        assert_eq!(codes_of("def f():\n    x = 1\n"), ["F841"]);
        assert_eq!(codes_of("print(undefined)\n"), ["F821"]);
        assert_eq!(codes_of("x = (\n"), ["invalid-syntax"]);
        assert_eq!(codes_of("import os  # noqa\n"), Vec::<&str>::new());
    }

    #[test]
    fn deep_nesting_is_a_syntax_error_not_a_stack_overflow() {
        let chain = format!("x = {}\n", vec!["a"; 3_000_000].join("+"));
        let message = "SyntaxError: too deeply nested (more than 200 levels of brackets, operators and blocks)";
        assert_eq!(
            check_kernel(&chain, "t.py", ""),
            format!("[[\"invalid-syntax\", 1, 406, 1, 406, \"{message}\"]]")
        );
        let within = format!("x = {}1\n", "a + ".repeat(200));
        assert_eq!(check_kernel(&within, "t.py", "F821").matches("F821").count(), 200);
    }

    #[test]
    fn json_rows_as_python_writes_them() {
        let d =
            Diagnostic {
                code: "F821", message: "Undefined name `é\"`".into(), span: (1, 2, 3, 4)
            };
        assert_eq!(rows_json(&[d]), "[[\"F821\", 1, 2, 3, 4, \"Undefined name `é\\\"`\"]]");
        assert_eq!(rows_json(&[]), "[]");
    }
}
