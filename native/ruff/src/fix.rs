//! Ruff's fixes: `lint.fix` (a source in, the fixed source and what remains out) and
//! `tandem lint --fix`/`--diff` (files read, fixed and written back or diffed on every core).
//! The fixing is Ruff's own loop, `ruff_linter::linter::lint_fix`: fixes applied, the result
//! linted again, until nothing more applies; a fix that would turn valid code into a syntax
//! error makes it give up, and the source is left as it was.

use crate::{lint, read_text, replace, rows, too_deep_row, Located};
use ruff_db::diagnostic::Diagnostic as RuffDiagnostic;
use ruff_linter::linter::lint_fix;
use ruff_linter::settings::types::UnsafeFixes;
use ruff_linter::settings::{flags, LinterSettings};
use std::path::Path;
use tandem_native::lint::{in_parallel, json_string, rows_json, Diagnostic};

/// What fixing one source gave.
#[derive(Debug, PartialEq)]
pub struct Fixed {
    /// The fixed source; `None` when no fix was applied.
    pub source: Option<String>,
    /// How many diagnostics the fixes resolved.
    pub fixed: usize,
    /// The diagnostics of the source as it now is (the fixed one, or the original).
    pub remaining: Vec<Diagnostic>,
    /// How many of `remaining` have a fix that only `unsafe_fixes` would apply.
    pub unsafe_fixable: usize,
    /// Why fixes that were found are not applied (a fix would produce invalid syntax).
    pub error: Option<String>,
}

/// `text`, the file at `path`, with Ruff's fixes for `settings`' rules applied: the safe ones,
/// and the unsafe ones too when `unsafe_fixes`. Diagnostics are as `crate::check` gives them.
pub fn fix(text: String, path: &str, settings: &LinterSettings, unsafe_fixes: bool) -> Fixed {
    let unfixed = |remaining, unsafe_fixable, error| Fixed {
        source: None,
        fixed: 0,
        remaining,
        unsafe_fixable,
        error,
    };
    if let Some(row) = too_deep_row(&text) {
        return unfixed(vec![row], 0, None);
    }
    let file = Located::new(path, settings);
    let wanted = UnsafeFixes::from(unsafe_fixes);
    let original = file.source(text);
    let found = lint(&original, &file, settings);
    // Most files have nothing to fix: they are linted once, as `crate::check` lints them.
    if !found.iter().any(|d| applies(d, wanted)) {
        return unfixed(rows(&found), unsafe_only(&found, wanted), None);
    }
    let result = lint_fix(
        &file.path,
        file.package(),
        flags::Noqa::Enabled,
        wanted,
        settings,
        &original,
        file.source_type,
    );
    match result {
        Ok(result) if result.fixed.counts().sum::<usize>() > 0 => {
            let fixed = result.fixed.counts().sum();
            let transformed = result.transformed.into_owned();
            // Linted once more as `crate::check` lints, for the remaining diagnostics: Ruff's
            // loop parses for the rules' target version, `check` for the newest Python.
            let after = lint(&transformed, &file, settings);
            Fixed {
                source: Some(transformed.source_code().to_string()),
                fixed,
                remaining: rows(&after),
                unsafe_fixable: unsafe_only(&after, wanted),
                error: None,
            }
        }
        Ok(_) => unfixed(rows(&found), unsafe_only(&found, wanted), None),
        Err(error) => unfixed(
            rows(&found),
            unsafe_only(&found, wanted),
            Some(format!("{error}: no fix applied, the source is as it was")),
        ),
    }
}

fn applies(diagnostic: &RuffDiagnostic, wanted: UnsafeFixes) -> bool {
    diagnostic.fix().is_some_and(|fix| fix.applies(wanted.required_applicability()))
}

/// How many diagnostics have a fix that applies with unsafe fixes but not with `wanted`.
fn unsafe_only(diagnostics: &[RuffDiagnostic], wanted: UnsafeFixes) -> usize {
    diagnostics.iter().filter(|d| applies(d, UnsafeFixes::Enabled) && !applies(d, wanted)).count()
}

/// `lint.fix`'s JSON: `{"source": ..., "fixed": N, "unsafe_fixable": N, "error": null or
/// "...", "rows": [...]}`, the source being the original when nothing was fixed.
pub fn fixed_json(original: &str, fixed: &Fixed) -> String {
    format!(
        "{{\"source\": {}, \"fixed\": {}, \"unsafe_fixable\": {}, \"error\": {}, \"rows\": {}}}",
        json_string(fixed.source.as_deref().unwrap_or(original)),
        fixed.fixed,
        fixed.unsafe_fixable,
        fixed.error.as_deref().map_or("null".to_string(), json_string),
        rows_json(&fixed.remaining)
    )
}

/// What `fix_files` does with a file its fixes change.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Mode {
    /// Writes it back (`tandem lint --fix`), as `replace::replace` does.
    Write,
    /// Leaves it alone and gives the unified diff Ruff prints (`--diff`).
    Diff,
}

/// One file's outcome in `fix_files`.
#[derive(Debug, PartialEq)]
pub struct FileFixed {
    /// As `fix` gives it, less the fixed source.
    pub fixed: usize,
    pub remaining: Vec<Diagnostic>,
    pub unsafe_fixable: usize,
    /// Why the file was not fixed: a fix would produce invalid syntax, the file is read-only,
    /// it changed on disk since it was read, it cannot be written.
    pub error: Option<String>,
    /// In `Mode::Diff`, the diff of a file the fixes change.
    pub diff: Option<String>,
}

/// The files at `paths` fixed on up to `max_threads` threads (0: every core), each written
/// back or diffed as `mode` says; in the order of `paths`. A file that cannot be read or is
/// not UTF-8 is its E902 row, as in `crate::check_files`.
pub fn fix_files(
    paths: &[&str],
    settings: &LinterSettings,
    unsafe_fixes: bool,
    mode: Mode,
    max_threads: usize,
) -> Vec<FileFixed> {
    in_parallel(paths.len(), max_threads, |index| {
        fix_file(paths[index], settings, unsafe_fixes, mode)
    })
}

fn fix_file(path: &str, settings: &LinterSettings, unsafe_fixes: bool, mode: Mode) -> FileFixed {
    let text = match read_text(path) {
        Ok(text) => text,
        Err(rows) => {
            return FileFixed {
                fixed: 0,
                remaining: rows,
                unsafe_fixable: 0,
                error: None,
                diff: None,
            }
        }
    };
    let fixed = fix(text.clone(), path, settings, unsafe_fixes);
    let Some(new) = &fixed.source else {
        let Fixed { fixed, remaining, unsafe_fixable, error, .. } = fixed;
        return FileFixed { fixed, remaining, unsafe_fixable, error, diff: None };
    };
    match mode {
        Mode::Diff => {
            let diff = diff(&text, new, path);
            let Fixed { fixed, remaining, unsafe_fixable, error, .. } = fixed;
            FileFixed { fixed, remaining, unsafe_fixable, error, diff: Some(diff) }
        }
        Mode::Write => match replace::replace(path, text.as_bytes(), new.as_bytes()) {
            Ok(()) => {
                let Fixed { fixed, remaining, unsafe_fixable, error, .. } = fixed;
                FileFixed { fixed, remaining, unsafe_fixable, error, diff: None }
            }
            // Left as it was: what the original has is what remains.
            Err(reason) => FileFixed {
                fixed: 0,
                remaining: crate::check(text, path, settings),
                unsafe_fixable: 0,
                error: Some(reason),
                diff: None,
            },
        },
    }
}

/// The unified diff `ruff check --diff` prints for `path`, named relative to the working
/// directory, without colours.
fn diff(original: &str, fixed: &str, path: &str) -> String {
    use ruff_linter::source_kind::SourceKind;
    colored::control::set_override(false);
    let before = SourceKind::Python { code: original.to_string(), is_stub: false };
    let after = SourceKind::Python { code: fixed.to_string(), is_stub: false };
    before.diff(&after, Some(Path::new(path))).map_or_else(String::new, |diff| diff.to_string())
}

/// `fix_files`' JSON: an array of `{"fixed": N, "unsafe_fixable": N, "error": null or "...",
/// "diff": null or "...", "rows": [...]}`, one per file in order.
pub fn files_json(files: &[FileFixed]) -> String {
    let optional = |text: &Option<String>| text.as_deref().map_or("null".to_string(), json_string);
    let each: Vec<String> = files
        .iter()
        .map(|file| {
            format!(
                "{{\"fixed\": {}, \"unsafe_fixable\": {}, \"error\": {}, \"diff\": {}, \"rows\": {}}}",
                file.fixed,
                file.unsafe_fixable,
                optional(&file.error),
                optional(&file.diff),
                rows_json(&file.remaining)
            )
        })
        .collect();
    format!("[{}]", each.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings;

    fn codes(rows: &[Diagnostic]) -> Vec<&'static str> {
        rows.iter().map(|d| d.code).collect()
    }

    #[test]
    fn safe_fixes_apply_and_what_remains_is_linted_again() {
        let source = "import os\nimport sys\nprint(undefined)\n";
        let fixed = fix(source.to_string(), "mod.py", &settings("", "", 88).unwrap(), false);
        assert_eq!(fixed.source.as_deref(), Some("print(undefined)\n"));
        assert_eq!((fixed.fixed, fixed.unsafe_fixable, fixed.error.as_deref()), (2, 0, None));
        assert_eq!(codes(&fixed.remaining), ["F821"]);
        let json = fixed_json(source, &fixed);
        assert!(json.starts_with("{\"source\": \"print(undefined)\\n\", \"fixed\": 2,"), "{json}");
    }

    #[test]
    fn unsafe_fixes_apply_only_when_asked() {
        let source = "def f(x=[]):\n    return x\n".to_string();
        let rules = settings("", "", 88).unwrap();
        let safe = fix(source.clone(), "mod.py", &rules, false);
        assert_eq!((safe.source.as_deref(), safe.fixed, safe.unsafe_fixable), (None, 0, 1));
        assert_eq!(codes(&safe.remaining), ["B006"]);
        let both = fix(source, "mod.py", &rules, true);
        assert_eq!(
            both.source.as_deref(),
            Some("def f(x=None):\n    if x is None:\n        x = []\n    return x\n")
        );
        assert_eq!((both.fixed, both.remaining.len()), (1, 0));
    }

    #[test]
    fn nothing_to_fix_and_too_deep_sources_come_back_unchanged() {
        let rules = settings("E4,E7,E9,F", "", 88).unwrap();
        let clean = fix("x = 1\n".to_string(), "mod.py", &rules, true);
        assert_eq!(
            clean,
            Fixed { source: None, fixed: 0, remaining: vec![], unsafe_fixable: 0, error: None }
        );
        let deep = format!("import os\ny = {}\n", vec!["a"; 100_000].join("+"));
        let fixed = fix(deep, "deep.py", &rules, false);
        assert_eq!((fixed.source, codes(&fixed.remaining)), (None, vec!["invalid-syntax"]));
    }

    #[test]
    fn files_are_diffed_without_writing_or_written_back() {
        let dir = std::env::temp_dir().join(format!("tandem-fix-files-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let (changed, clean) = (dir.join("changed.py"), dir.join("clean.py"));
        std::fs::write(&changed, "import os\nx = 1\n").unwrap();
        std::fs::write(&clean, "x = 1\n").unwrap();
        let paths = [changed.to_str().unwrap(), clean.to_str().unwrap()];
        let rules = settings("", "", 88).unwrap();
        let diffed = fix_files(&paths, &rules, false, Mode::Diff, 2);
        let name = changed.display();
        assert_eq!(
            diffed[0].diff.as_deref(),
            Some(format!("--- {name}\n+++ {name}\n@@ -1,2 +1 @@\n-import os\n x = 1\n\n").as_str())
        );
        assert_eq!((diffed[0].fixed, diffed[1].diff.as_deref()), (1, None));
        assert_eq!(std::fs::read_to_string(&changed).unwrap(), "import os\nx = 1\n");
        let written = fix_files(&paths, &rules, false, Mode::Write, 2);
        assert_eq!((written[0].fixed, written[0].error.as_deref()), (1, None));
        assert_eq!(std::fs::read_to_string(&changed).unwrap(), "x = 1\n");
        assert!(files_json(&written).starts_with(
            "[{\"fixed\": 1, \"unsafe_fixable\": 0, \"error\": null, \"diff\": null, \"rows\": []}"
        ));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
