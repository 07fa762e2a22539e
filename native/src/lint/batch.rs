//! Many files on all cores: `check_sources` (the `lint.check_batch` kernel: texts the caller
//! has read) and `check_files` (paths, read here; for the shell tool `examples/lint_rows.rs`).
//!
//! Files differ in size by orders of magnitude, so instead of fixed runs the threads take
//! the next file from a shared counter; each keeps (index, rows) and the results are put
//! back in file order at the end. Plain `std::thread::scope`, as in `bpe::batch`.

use super::{check, check_bytes, io_error, Diagnostic, Selection, MAX_SOURCE_BYTES};
use std::io::Read;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

/// The stack of each lint thread. The parser's tree, the analysis and dropping the tree all
/// recurse as deep as the code nests (`a + a + ... + a` nests once per `+`), and a stack
/// overflow would abort the host process, so every check runs on a thread with a large
/// stack; only the pages used are ever committed.
pub const STACK_BYTES: usize = 1 << 30;

const NOT_REGULAR: &str = "Not a regular file";

/// `body` on a fresh thread with `STACK_BYTES` of stack (for one check outside a batch).
pub fn with_large_stack<T: Send>(body: impl FnOnce() -> T + Send) -> T {
    thread::scope(|scope| {
        let handle = thread::Builder::new()
            .stack_size(STACK_BYTES)
            .spawn_scoped(scope, || crate::panics::as_helper_thread(body))
            .expect("cannot start a lint thread");
        handle.join().unwrap_or_else(|payload| std::panic::resume_unwind(payload))
    })
}

/// The diagnostics of each file at `paths`, in the order given. A file that cannot be read
/// is one E902 diagnostic with the system's reason, as the reference's `check_path`.
pub fn check_files(
    paths: &[&str],
    selection: &Selection,
    max_threads: usize,
) -> Vec<Vec<Diagnostic>> {
    in_parallel(paths.len(), max_threads, |index| check_file(paths[index], selection))
}

/// The diagnostics of each text (named by the filename at the same index), in order.
pub fn check_sources(
    texts: &[&str],
    filenames: &[&str],
    selection: &Selection,
    max_threads: usize,
) -> Vec<Vec<Diagnostic>> {
    in_parallel(texts.len(), max_threads, |index| check(texts[index], filenames[index], selection))
}

/// `[work(i) for i in 0..count]` on up to `max_threads` threads (0: every core).
pub fn in_parallel<T: Send>(
    count: usize,
    max_threads: usize,
    work: impl Fn(usize) -> T + Sync,
) -> Vec<T> {
    let machine = thread::available_parallelism().map_or(1, |n| n.get());
    let threads = (if max_threads == 0 { machine } else { max_threads }).min(count).max(1);
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, T)> = thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                let builder = thread::Builder::new().stack_size(STACK_BYTES);
                builder
                    .spawn_scoped(scope, || {
                        crate::panics::as_helper_thread(|| {
                            let mut mine = Vec::new();
                            loop {
                                let index = next.fetch_add(1, Ordering::Relaxed);
                                if index >= count {
                                    break;
                                }
                                mine.push((index, work(index)));
                            }
                            mine
                        })
                    })
                    .expect("cannot start a lint thread")
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|payload| std::panic::resume_unwind(payload)))
            .collect()
    });
    done.sort_unstable_by_key(|(index, _)| *index);
    done.into_iter().map(|(_, result)| result).collect()
}

/// The file's diagnostics. One that is not a regular file (a device or a pipe, whose reading
/// could block or never end) is refused before it is opened, and no more than one byte past
/// `MAX_SOURCE_BYTES` is read, as the reference's `check_path` does.
fn check_file(path: &str, selection: &Selection) -> Vec<Diagnostic> {
    match read_source(path) {
        Ok(bytes) => check_bytes(&bytes, path, selection),
        Err(reason) => io_error(&reason, selection),
    }
}

/// The bytes of the regular file at `path` (at most `MAX_SOURCE_BYTES` + 1 of them), or the
/// system's reason it cannot be read.
pub fn read_source(path: &str) -> Result<Vec<u8>, String> {
    let metadata = std::fs::metadata(path).map_err(|e| os_reason(&e))?;
    if !metadata.is_file() {
        return Err(NOT_REGULAR.to_string());
    }
    let mut bytes = Vec::new();
    let file = std::fs::File::open(path).map_err(|e| os_reason(&e))?;
    file.take(MAX_SOURCE_BYTES as u64 + 1).read_to_end(&mut bytes).map_err(|e| os_reason(&e))?;
    Ok(bytes)
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
                let expected =
                    if i % 3 == 0 { format!("`m{i}` imported but unused") } else { String::new() };
                let got = rows[i].first().map(|d| d.message.clone()).unwrap_or_default();
                assert_eq!(got, expected, "file {i}, {threads} threads");
            }
            assert_eq!(rows[20][0].message, "stream did not contain valid UTF-8");
            assert_eq!(rows[21][0].message, "No such file or directory");
        }
        let big = dir.join("big.py");
        std::fs::write(&big, vec![b'x'; MAX_SOURCE_BYTES + 1]).unwrap();
        let loop_link = dir.join("loop.py");
        std::os::unix::fs::symlink(&loop_link, &loop_link).unwrap();
        let odd = [
            big.to_str().unwrap(),
            "/dev/zero",
            dir.to_str().unwrap(),
            loop_link.to_str().unwrap(),
        ];
        let messages: Vec<String> = check_files(&odd, &selection, 2)
            .into_iter()
            .map(|rows| rows[0].message.clone())
            .collect();
        assert_eq!(
            messages,
            [
                super::super::TOO_LARGE,
                NOT_REGULAR,
                NOT_REGULAR,
                "Too many levels of symbolic links"
            ]
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
