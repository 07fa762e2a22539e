//! The Rust linter from the shell, for parity runs without a JVM: reads file paths (one per
//! line) on stdin and prints, per file, `path<TAB>rows` with the `lint.check` kernel's JSON
//! rows (the files linted on all cores, printed in input order).
//!
//!     cargo run --release --example lint_rows -- [SELECT] < files.txt

use std::io::{self, BufRead, Write};
use tandem_native::lint::{check_files, rows_json, Selection, DEFAULT_SELECT};

fn main() {
    let select = std::env::args().nth(1).unwrap_or_else(|| DEFAULT_SELECT.to_string());
    let paths: Vec<String> =
        io::stdin().lock().lines().map_while(Result::ok).filter(|l| !l.is_empty()).collect();
    let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
    let rows = check_files(&paths, &Selection::new(&select, "", 88), 0);
    let mut out = io::BufWriter::new(io::stdout().lock());
    for (path, rows) in paths.iter().zip(rows) {
        writeln!(out, "{path}\t{}", rows_json(&rows)).unwrap();
    }
}
