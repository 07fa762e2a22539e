//! `lint.check_files`: read and lint many files on all cores.
//!
//! Files differ in size by orders of magnitude, so instead of fixed runs the threads take
//! the next file from a shared counter; each keeps (index, rows) and the results are put
//! back in file order at the end. Plain `std::thread::scope`, as in `bpe::batch`.

use super::{check_bytes, io_error, Diagnostic, Selection};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

/// The diagnostics of each file at `paths`, in the order given. A file that cannot be read
/// is one E902 diagnostic with the system's reason, as the reference's `check_path`.
pub fn check_files(paths: &[&str], selection: &Selection, max_threads: usize) -> Vec<Vec<Diagnostic>> {
    let machine = thread::available_parallelism().map_or(1, |n| n.get());
    let threads = (if max_threads == 0 { machine } else { max_threads }).min(paths.len()).max(1);
    if threads == 1 {
        return paths.iter().map(|path| check_file(path, selection)).collect();
    }
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, Vec<Diagnostic>)> = thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    crate::ffi::as_helper_thread(|| {
                        let mut mine = Vec::new();
                        loop {
                            let index = next.fetch_add(1, Ordering::Relaxed);
                            let Some(path) = paths.get(index) else { break };
                            mine.push((index, check_file(path, selection)));
                        }
                        mine
                    })
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|payload| std::panic::resume_unwind(payload)))
            .collect()
    });
    done.sort_unstable_by_key(|(index, _)| *index);
    done.into_iter().map(|(_, rows)| rows).collect()
}

fn check_file(path: &str, selection: &Selection) -> Vec<Diagnostic> {
    match std::fs::read(path) {
        Ok(bytes) => check_bytes(&bytes, path, selection),
        Err(error) => io_error(&os_reason(&error), selection),
    }
}

/// The system's text for an I/O error without Rust's " (os error N)" suffix, which is what
/// Python's `OSError.strerror` holds.
fn os_reason(error: &std::io::Error) -> String {
    let text = error.to_string();
    match text.rfind(" (os error ") {
        Some(at) if error.raw_os_error().is_some() => text[..at].to_string(),
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_in_order_and_bad_files_alone() {
        let dir = std::env::temp_dir().join(format!("tandem-lint-batch-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let mut paths = Vec::new();
        for i in 0..20 {
            let path = dir.join(format!("f{i}.py"));
            let body = if i % 3 == 0 { format!("import m{i}\n") } else { "x = 1\n".to_string() };
            std::fs::write(&path, body).unwrap();
            paths.push(path.to_string_lossy().into_owned());
        }
        let bad = dir.join("bad.py");
        std::fs::write(&bad, b"x = '\xff'\n").unwrap();
        paths.push(bad.to_string_lossy().into_owned());
        paths.push(dir.join("missing.py").to_string_lossy().into_owned());
        let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
        let selection = Selection::new("E4,E7,E9,F", "", 88);
        for threads in [1, 2, 4] {
            let rows = check_files(&paths, &selection, threads);
            assert_eq!(rows.len(), paths.len());
            for i in 0..20 {
                let expected = if i % 3 == 0 { format!("`m{i}` imported but unused") } else { String::new() };
                let got = rows[i].first().map(|d| d.message.clone()).unwrap_or_default();
                assert_eq!(got, expected, "file {i}, {threads} threads");
            }
            assert_eq!(rows[20][0].message, "stream did not contain valid UTF-8");
            assert_eq!(rows[21][0].message, "No such file or directory");
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
