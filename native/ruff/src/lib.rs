//! Ruff's own linter, `ruff_linter` 0.16.4, on Tandem's terms: files read and linted on every
//! core as `tandem_native::lint` does it, each file's diagnostics as the same rows
//! (`[code, row, column, end_row, end_column, message]`), so that `tandem lint` reads them
//! alike. This crate serves Ruff's default selection (`DEFAULT_SELECTORS`, some 400 rules)
//! and any other selection of Ruff's rules; the classic subset (E4, E7, E9, F, W291, W293,
//! E501) stays with `tandem_native::lint` and its differential harness.
//!
//! `ffi` holds the C ABI. Everything under the conventions of `tandem_native::ffi`, whose
//! exported functions (`tandem_abi_version`, `tandem_last_error`, `tandem_buffer_free`) this
//! library exports too, each working on this library's own state.

pub mod ffi;
pub mod fix;
mod replace;

use ruff_db::diagnostic::Diagnostic as RuffDiagnostic;
use ruff_linter::line_width::LineLength;
use ruff_linter::linter::{lint_only, parse_unchecked_source, ParseSource};
use ruff_linter::package::PackageRoot;
use ruff_linter::packaging::detect_package_root;
use ruff_linter::registry::Rule;
use ruff_linter::rule_selector::{PreviewOptions, RuleSelector};
use ruff_linter::settings::{flags, LinterSettings, DEFAULT_SELECTORS};
use ruff_linter::source_kind::SourceKind;
use ruff_python_ast::{PySourceType, PythonVersion};
use rustc_hash::FxHashSet;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::{Mutex, OnceLock};
use tandem_native::lint::{in_parallel, read_source, too_deep, Diagnostic, MAX_SOURCE_BYTES};

/// The version of Ruff's linter this crate links.
pub const RUFF_LINTER_VERSION: &str = ruff_linter::VERSION;

const IO_ERROR: &str = "E902";
const SYNTAX_ERROR: &str = "invalid-syntax";

/// Ruff 0.17.6's default selection (407 rules, as `ruff check --show-settings` lists them):
/// ruff_linter 0.16.4's `DEFAULT_SELECTORS` less the datetime rules 0.17 dropped from it, plus
/// F406, which 0.17 added.
const DROPPED_SINCE: &[&str] =
    &["DTZ001", "DTZ005", "DTZ006", "DTZ007", "DTZ011", "DTZ012", "DTZ901"];
const ADDED_SINCE: &[&str] = &["F406"];

fn default_selectors() -> Vec<RuleSelector> {
    let code = |selector: &RuleSelector| {
        let (prefix, code) = selector.prefix_and_code();
        format!("{prefix}{code}")
    };
    DEFAULT_SELECTORS
        .iter()
        .filter(|selector| !DROPPED_SINCE.contains(&code(selector).as_str()))
        .cloned()
        .chain(ADDED_SINCE.iter().map(|code| RuleSelector::from_str(code).expect("a rule code")))
        .collect()
}

/// A selection Ruff cannot read: which entry and why.
#[derive(Debug, PartialEq)]
pub struct BadSelector(pub String);

/// Ruff's settings for `select` and `ignore` (comma-separated Ruff selectors; an empty
/// `select` is Ruff's default selection) and `line_length`. Of the selectors that match a
/// rule, the most specific one decides, `ignore` winning a tie, as Ruff does within one
/// configuration; Ruff's default selection is a configuration of its own, before the one
/// `ignore` comes from, so that any matching `ignore` leaves a default rule out.
pub fn settings(
    select: &str,
    ignore: &str,
    line_length: u64,
) -> Result<LinterSettings, BadSelector> {
    let parse = |spec: &str, what: &str| -> Result<Vec<RuleSelector>, BadSelector> {
        spec.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| {
                RuleSelector::from_str(s)
                    .map_err(|e| BadSelector(format!("{what}: unknown rule selector '{s}': {e}")))
            })
            .collect()
    };
    let mut select = parse(select, "select")?;
    let defaults = select.is_empty();
    if defaults {
        select = default_selectors();
    }
    let ignore = parse(ignore, "ignore")?;
    let preview = PreviewOptions::default();
    let expanded = |selectors: &[RuleSelector]| -> Vec<(FxHashSet<Rule>, _)> {
        selectors.iter().map(|s| (s.rules(&preview).collect(), s.specificity())).collect()
    };
    let (chosen, left_out) = (expanded(&select), expanded(&ignore));
    let best = |sets: &[(FxHashSet<Rule>, _)], rule: &Rule| {
        sets.iter().filter(|(rules, _)| rules.contains(rule)).map(|(_, s)| *s).max()
    };
    let rules: Vec<Rule> = chosen
        .iter()
        .flat_map(|(rules, _)| rules.iter().copied())
        .collect::<FxHashSet<Rule>>()
        .into_iter()
        .filter(|rule| {
            best(&left_out, rule)
                .is_none_or(|ignored| !defaults && best(&chosen, rule) > Some(ignored))
        })
        .collect();
    let line_length = u16::try_from(line_length)
        .ok()
        .and_then(|n| LineLength::try_from(n).ok())
        .ok_or_else(|| BadSelector(format!("line_length {line_length} is out of Ruff's range")))?;
    Ok(LinterSettings {
        rules: rules.into_iter().collect(),
        line_length,
        // What Ruff 0.17 lints for without a configured target version (0.16's default is 3.10).
        unresolved_target_version: PythonVersion::PY311.into(),
        ..LinterSettings::default()
    })
}

/// The diagnostics of each file at `paths`, in order, read and linted on up to `max_threads`
/// threads (0: every core). A file that cannot be read or is not UTF-8 is one E902.
pub fn check_files(
    paths: &[&str],
    settings: &LinterSettings,
    max_threads: usize,
) -> Vec<Vec<Diagnostic>> {
    in_parallel(paths.len(), max_threads, |index| check_file(paths[index], settings))
}

fn check_file(path: &str, settings: &LinterSettings) -> Vec<Diagnostic> {
    match read_text(path) {
        Ok(text) => check(text, path, settings),
        Err(rows) => rows,
    }
}

/// The text of the file at `path`, or its E902 row: it cannot be read, is too large or is not
/// UTF-8.
fn read_text(path: &str) -> Result<String, Vec<Diagnostic>> {
    match read_source(path) {
        Ok(bytes) if bytes.len() > MAX_SOURCE_BYTES => {
            Err(io_error("File too large to lint: the limit is 8388608 bytes (8 MiB)"))
        }
        Ok(bytes) => {
            String::from_utf8(bytes).map_err(|_| io_error("stream did not contain valid UTF-8"))
        }
        Err(reason) => Err(io_error(&reason)),
    }
}

/// The diagnostics of `text`, the file at `path`, sorted by position then code. A source
/// nested deeper than `tandem_native::lint`'s limits is one syntax error and is never parsed:
/// Ruff's parser and rules recurse as deep as the code nests, and a stack overflow would
/// abort the host process.
pub fn check(text: String, path: &str, settings: &LinterSettings) -> Vec<Diagnostic> {
    if let Some(row) = too_deep_row(&text) {
        return vec![row];
    }
    let file = Located::new(path, settings);
    rows(&lint(&file.source(text), &file, settings))
}

/// The syntax error of a source nested too deep to parse, if `text` is one.
fn too_deep_row(text: &str) -> Option<Diagnostic> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (offset, message) = too_deep(body)?;
    let before = &body[..offset];
    let row = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    let message = format!("SyntaxError: {message}");
    Some(Diagnostic { code: SYNTAX_ERROR, message, span: (row, column, row, column) })
}

/// A file as Ruff's rules see it: its absolute path, in its package as Ruff's command line
/// finds it (rules on module names, N999 and PLW0406, read both), and its source type.
struct Located {
    path: PathBuf,
    package: Option<PathBuf>,
    source_type: PySourceType,
}

impl Located {
    fn new(path: &str, settings: &LinterSettings) -> Located {
        // Ruff's settings need a file name (a per-file list matches on it): a source named
        // without one is "-", as Ruff names its standard input.
        let path = if Path::new(path).file_name().is_none() { "-" } else { path };
        let path = std::path::absolute(path).unwrap_or_else(|_| Path::new(path).to_path_buf());
        let package = path
            .parent()
            .and_then(|parent| detect_package_root(parent, &settings.namespace_packages))
            .map(Path::to_path_buf);
        let source_type = PySourceType::from(path.as_path());
        Located { path, package, source_type }
    }

    fn package(&self) -> Option<PackageRoot<'_>> {
        self.package.as_deref().map(PackageRoot::root)
    }

    fn source(&self, text: String) -> SourceKind {
        SourceKind::Python { code: text, is_stub: self.source_type.is_stub() }
    }
}

/// Ruff's diagnostics of `source`, the text of `file`, with their fixes.
fn lint(source: &SourceKind, file: &Located, settings: &LinterSettings) -> Vec<RuffDiagnostic> {
    lint_only(
        &file.path,
        file.package(),
        settings,
        flags::Noqa::Enabled,
        source,
        file.source_type,
        // Parsed for the newest Python, as Ruff parses when no target version is configured,
        // while the rules take `settings`' (Ruff 0.17's default, 3.11).
        ParseSource::Precomputed(parse_unchecked_source(
            source,
            file.source_type,
            PythonVersion::latest(),
        )),
    )
    .diagnostics
}

/// Ruff's diagnostics as rows, sorted by position then code.
fn rows(diagnostics: &[RuffDiagnostic]) -> Vec<Diagnostic> {
    let mut rows: Vec<Diagnostic> = diagnostics
        .iter()
        .map(|d| {
            let start = d.ruff_start_location();
            let end = d.ruff_end_location();
            let (row, column) = start.map_or((1, 1), |l| (l.line.get(), l.column.get()));
            let (end_row, end_column) =
                end.map_or((row, column), |l| (l.line.get(), l.column.get()));
            Diagnostic {
                code: interned(d.secondary_code_or_id()),
                message: d.concise_message().to_string(),
                span: (row, column, end_row, end_column),
            }
        })
        .collect();
    rows.sort_by(|a, b| (a.span.0, a.span.1, a.code).cmp(&(b.span.0, b.span.1, b.code)));
    rows
}

fn io_error(reason: &str) -> Vec<Diagnostic> {
    vec![Diagnostic { code: IO_ERROR, message: reason.to_string(), span: (1, 1, 1, 1) }]
}

/// `code` as a `&'static str`, the type of `Diagnostic::code`: Ruff has a fixed set of codes
/// (under a thousand), each leaked once.
fn interned(code: &str) -> &'static str {
    static CODES: OnceLock<Mutex<HashMap<String, &'static str>>> = OnceLock::new();
    let mut codes = CODES.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner());
    if let Some(&known) = codes.get(code) {
        return known;
    }
    let leaked: &'static str = Box::leak(code.to_string().into_boxed_str());
    codes.insert(code.to_string(), leaked);
    leaked
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(source: &str, select: &str, ignore: &str) -> Vec<(&'static str, usize, usize)> {
        let settings = settings(select, ignore, 88).unwrap();
        check(source.to_string(), "mod.py", &settings)
            .iter()
            .map(|d| (d.code, d.span.0, d.span.1))
            .collect()
    }

    #[test]
    fn the_default_selection_goes_past_the_classic_rules_and_honours_noqa() {
        let source = "import os\nimport sys  # noqa: F401\n\n\ndef f(x=[]):\n    return x\n";
        assert_eq!(codes(source, "", ""), [("F401", 1, 8), ("B006", 5, 9)]);
        assert_eq!(codes(source, "E4,E7,E9,F", ""), [("F401", 1, 8)]);
    }

    #[test]
    fn the_default_selection_is_ruff_0_17_6s() {
        let rules = settings("", "", 88).unwrap().rules;
        assert_eq!(rules.iter_enabled().count(), 407);
        assert!(
            rules.enabled(Rule::ImportShadowedByLoopVar)
                && rules.enabled(Rule::MutableArgumentDefault)
        );
        assert!(
            !rules.enabled(Rule::CallDatetimeWithoutTzinfo) && !rules.enabled(Rule::LineTooLong)
        );
        assert!(rules.enabled(Rule::UndefinedLocalWithNestedImportStarUsage)); // F406
    }

    #[test]
    fn the_most_specific_selector_wins() {
        let source = "import os\nx = 1; y = 2\n";
        assert_eq!(codes(source, "F,E7", "F401"), [("E702", 2, 6)]);
        assert_eq!(codes(source, "F401", "F"), [("F401", 1, 8)]);
        assert_eq!(codes(source, "", "I001"), [("F401", 1, 8)]);
        // As `ruff check --ignore I`: the default selection's I001 is no more specific.
        assert_eq!(codes("import sys\nimport os\nos\n", "", "I"), [("F401", 1, 8), ("B018", 3, 1)]);
        assert_eq!(
            codes("import sys\nimport os\nos\n", "I001,B", "I"),
            [("I001", 1, 1), ("B018", 3, 1)]
        );
    }

    #[test]
    fn bad_settings_are_errors_naming_the_entry() {
        let bad = settings("F,Q9999", "", 88).unwrap_err();
        assert!(bad.0.starts_with("select: unknown rule selector 'Q9999'"), "{}", bad.0);
        assert!(settings("", "nope", 88)
            .unwrap_err()
            .0
            .starts_with("ignore: unknown rule selector 'nope'"));
        assert!(settings("", "", 0).unwrap_err().0.contains("line_length 0"));
    }

    #[test]
    fn a_name_without_a_file_name_is_linted_as_standard_input() {
        for name in ["", "/", "dir/.."] {
            let rows = check("import os\n".to_string(), name, &settings("F", "", 88).unwrap());
            assert_eq!(rows.len(), 1, "{name:?}");
        }
    }

    #[test]
    fn syntax_errors_and_unreadable_files_are_rows() {
        let broken = codes("def f(:\n    pass\n", "", "");
        assert!(broken.iter().all(|row| row.0 == SYNTAX_ERROR) && !broken.is_empty(), "{broken:?}");
        let deep = format!("x = 1\ny = {}\n", vec!["a"; 100_000].join("+"));
        let rows = check(deep, "deep.py", &settings("", "", 88).unwrap());
        assert_eq!(rows.len(), 1);
        assert_eq!((rows[0].code, rows[0].span.0), (SYNTAX_ERROR, 2));
        assert!(rows[0].message.contains("too deeply nested"), "{}", rows[0].message);
        let dir = std::env::temp_dir().join(format!("tandem-ruff-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let latin1 = dir.join("latin1.py");
        std::fs::write(&latin1, b"x = '\xe9'\n").unwrap();
        let (latin1, missing) = (latin1.to_str().unwrap(), dir.join("missing.py"));
        let rows =
            check_files(&[latin1, missing.to_str().unwrap()], &settings("", "", 88).unwrap(), 2);
        let messages: Vec<_> = rows.iter().map(|r| (r[0].code, r[0].message.as_str())).collect();
        assert_eq!(
            messages,
            [("E902", "stream did not contain valid UTF-8"), ("E902", "No such file or directory")]
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
