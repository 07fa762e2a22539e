//! Ruff's linter as `tandem lint` runs it, from the shell, for agreement runs without a JVM:
//! reads file paths (one per line) on stdin and prints, per file, `path<TAB>rows` with the
//! kernel's JSON rows (the files linted on all cores, printed in input order).
//!
//!     cargo run --release --example ruff_rows -- [SELECT [IGNORE]] < files.txt

use std::io::{self, BufRead, Write};
use tandem_native::lint::rows_json;
use tandem_ruff::{check_files, settings};

fn main() {
    let mut args = std::env::args().skip(1);
    let (select, ignore) = (args.next().unwrap_or_default(), args.next().unwrap_or_default());
    let settings = settings(&select, &ignore, 88).unwrap_or_else(|bad| {
        eprintln!("ruff_rows: {}", bad.0);
        std::process::exit(2);
    });
    let paths: Vec<String> =
        io::stdin().lock().lines().map_while(Result::ok).filter(|l| !l.is_empty()).collect();
    let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
    let rows = check_files(&paths, &settings, 0);
    let mut out = io::BufWriter::new(io::stdout().lock());
    for (path, rows) in paths.iter().zip(rows) {
        writeln!(out, "{path}\t{}", rows_json(&rows)).unwrap();
    }
}
