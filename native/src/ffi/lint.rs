//! `tandem_lint_*`: the C ABI of `lint.check`, `lint.check_batch` and `lint.check_files`
//! (logic in `crate::lint`), under the conventions of the parent module. Each returns its
//! result as a library-owned UTF-8 buffer (element size 1) holding the kernel's JSON.

use super::{guard, input, into_library_buffer, out_value, Failure, INVALID_INPUT};
use crate::lint;

/// The caller's `len` bytes at `data` as UTF-8 text named `what`.
///
/// # Safety
/// As `input`: unless null or `len` is 0, `data` readable for `len` bytes.
pub unsafe fn text<'a>(data: *const u8, len: usize, what: &str) -> Result<&'a str, Failure> {
    // SAFETY: forwarded from the caller.
    let bytes = unsafe { input(data, len, what) }?;
    std::str::from_utf8(bytes).map_err(|e| Failure {
        status: INVALID_INPUT,
        message: format!(
            "{what} is not valid UTF-8 (a lone surrogate?) at byte {}",
            e.valid_up_to()
        ),
    })
}

/// `lint.check`: the diagnostics of the Python `source` (UTF-8) for `filename`, with the
/// comma-separated rule selection `select` (empty: the default), as the kernel's JSON rows
/// in the library-owned buffer `(*out_json, *out_len)`.
///
/// # Safety
/// `source`, `filename`, `select` readable for their lengths; the out-pointers writable.
#[no_mangle]
pub unsafe extern "C" fn tandem_lint_check(
    source: *const u8,
    source_len: usize,
    filename: *const u8,
    filename_len: usize,
    select: *const u8,
    select_len: usize,
    out_json: *mut *mut u8,
    out_len: *mut usize,
) -> i32 {
    guard(|| {
        // SAFETY: forwarded from the caller.
        let (source, filename, select, out_json, out_len) = unsafe {
            (
                text(source, source_len, "source")?,
                text(filename, filename_len, "filename")?,
                text(select, select_len, "select")?,
                out_value(out_json, "out_json")?,
                out_value(out_len, "out_len")?,
            )
        };
        (*out_json, *out_len) =
            into_library_buffer(lint::check_kernel(source, filename, select).into_bytes());
        Ok(())
    })
}

/// `lint.check_batch`: `count` sources linted on up to `max_threads` threads (0: every core).
/// The sources are packed as in `tandem_bpe_encode_batch`: source i is
/// `texts[text_ends[i - 1]..text_ends[i]]` (from 0 for i = 0); `filenames` holds `count`
/// UTF-8 names, each ended by a NUL byte. `select`/`ignore` are comma-separated prefixes. The
/// result, a JSON array of each source's rows in order, goes to the library-owned buffer
/// `(*out_json, *out_len)`.
///
/// # Safety
/// `texts` readable for `texts_len` bytes, `text_ends` for `count` size_t, `filenames`,
/// `select`, `ignore` for their lengths; the out-pointers writable.
#[no_mangle]
pub unsafe extern "C" fn tandem_lint_check_batch(
    texts: *const u8,
    texts_len: usize,
    text_ends: *const usize,
    count: usize,
    filenames: *const u8,
    filenames_len: usize,
    select: *const u8,
    select_len: usize,
    ignore: *const u8,
    ignore_len: usize,
    line_length: u64,
    max_threads: u32,
    out_json: *mut *mut u8,
    out_len: *mut usize,
) -> i32 {
    guard(|| {
        // SAFETY: forwarded from the caller.
        let (bytes, text_ends, filenames, select, ignore, out_json, out_len) = unsafe {
            (
                input(texts, texts_len, "texts")?,
                input(text_ends, count, "text_ends")?,
                text(filenames, filenames_len, "filenames")?,
                text(select, select_len, "select")?,
                text(ignore, ignore_len, "ignore")?,
                out_value(out_json, "out_json")?,
                out_value(out_len, "out_len")?,
            )
        };
        let filenames = nul_ended(filenames, count, "filenames")?;
        let mut sources = Vec::with_capacity(count);
        let mut start = 0;
        for (i, &end) in text_ends.iter().enumerate() {
            if end < start || end > bytes.len() {
                let message = format!("text_ends[{i}] = {end} is not in {start}..={}", bytes.len());
                return Err(Failure { status: INVALID_INPUT, message });
            }
            let source = std::str::from_utf8(&bytes[start..end]).map_err(|e| Failure {
                status: INVALID_INPUT,
                message: format!(
                    "source {i} is not valid UTF-8 (a lone surrogate?) at byte {}",
                    e.valid_up_to()
                ),
            })?;
            sources.push(source);
            start = end;
        }
        let selection = lint::Selection::new(select, ignore, line_length as usize);
        let rows = lint::check_sources(&sources, &filenames, &selection, max_threads as usize);
        (*out_json, *out_len) = into_library_buffer(files_json(&rows).into_bytes());
        Ok(())
    })
}

/// `lint.check_files`: the files at `count` paths, read and linted on up to `max_threads`
/// threads (0: every core), for a trusted caller (the `tandem lint` command; a script's file
/// access goes through `tandem_lint_check_batch`, which takes texts). `paths` holds `count`
/// UTF-8 paths, each ended by a NUL byte. A file that cannot be read or is not UTF-8 is one
/// E902 row. `select`/`ignore` and the result are as in `tandem_lint_check_batch`.
///
/// # Safety
/// `paths`, `select`, `ignore` readable for their lengths; the out-pointers writable.
#[no_mangle]
pub unsafe extern "C" fn tandem_lint_check_files(
    paths: *const u8,
    paths_len: usize,
    count: usize,
    select: *const u8,
    select_len: usize,
    ignore: *const u8,
    ignore_len: usize,
    line_length: u64,
    max_threads: u32,
    out_json: *mut *mut u8,
    out_len: *mut usize,
) -> i32 {
    let arguments =
        FilesArguments { paths, paths_len, count, select, select_len, ignore, ignore_len };
    // SAFETY: forwarded from the caller.
    unsafe {
        with_files(arguments, out_json, out_len, |paths, select, ignore| {
            let selection = lint::Selection::new(select, ignore, line_length as usize);
            Ok(files_json(&lint::check_files(paths, &selection, max_threads as usize)))
        })
    }
}

/// The arguments every `*_check_files` export takes before its own: `count` NUL-ended UTF-8
/// paths packed in `paths`, and the comma-separated `select` and `ignore`.
pub struct FilesArguments {
    pub paths: *const u8,
    pub paths_len: usize,
    pub count: usize,
    pub select: *const u8,
    pub select_len: usize,
    pub ignore: *const u8,
    pub ignore_len: usize,
}

/// The body of an export that takes `FilesArguments` first (the `*_check_files` exports of
/// this library and the Ruff-linked one, `tandem_ruff_fix_files`): the arguments decoded and
/// checked, `body(paths, select, ignore)` run, the JSON it returns written to the
/// library-owned buffer `(*out_json, *out_len)`, panics caught.
///
/// # Safety
/// The buffers in `arguments` readable for their lengths; the out-pointers writable.
pub unsafe fn with_files(
    arguments: FilesArguments,
    out_json: *mut *mut u8,
    out_len: *mut usize,
    body: impl FnOnce(&[&str], &str, &str) -> Result<String, Failure>,
) -> i32 {
    let FilesArguments { paths, paths_len, count, select, select_len, ignore, ignore_len } =
        arguments;
    guard(|| {
        // SAFETY: forwarded from the caller.
        let (paths, select, ignore, out_json, out_len) = unsafe {
            (
                text(paths, paths_len, "paths")?,
                text(select, select_len, "select")?,
                text(ignore, ignore_len, "ignore")?,
                out_value(out_json, "out_json")?,
                out_value(out_len, "out_len")?,
            )
        };
        let paths = nul_ended(paths, count, "paths")?;
        (*out_json, *out_len) = into_library_buffer(body(&paths, select, ignore)?.into_bytes());
        Ok(())
    })
}

/// The `count` strings of `packed`, each ended by a NUL byte.
pub fn nul_ended<'a>(packed: &'a str, count: usize, what: &str) -> Result<Vec<&'a str>, Failure> {
    let ended = packed.is_empty() || packed.ends_with('\0');
    let strings: Vec<&str> = packed.split_terminator('\0').collect();
    if !ended || strings.len() != count {
        let message = format!("{} NUL-ended {what} for a count of {count}", strings.len());
        return Err(Failure { status: INVALID_INPUT, message });
    }
    Ok(strings)
}

/// Each file's rows, in order, as one JSON array.
pub fn files_json(rows: &[Vec<lint::Diagnostic>]) -> String {
    let mut json = String::from("[");
    for (index, file) in rows.iter().enumerate() {
        if index > 0 {
            json.push_str(", ");
        }
        json.push_str(&lint::rows_json(file));
    }
    json.push(']');
    json
}

#[cfg(test)]
mod tests {
    use super::super::{tandem_buffer_free, tandem_last_error, OK};
    use super::*;
    use std::ptr;

    /// `tandem_lint_check_files` of `packed` paths said to be `count`: (status, JSON or last error).
    fn check_files(packed: &str, count: usize) -> (i32, String) {
        let (select, ignore) = ("E7,F", "E702");
        let (mut data, mut len) = (ptr::null_mut(), 0usize);
        // SAFETY: every input is valid for its length; the out-pointers are writable.
        let status = unsafe {
            tandem_lint_check_files(
                packed.as_ptr(),
                packed.len(),
                count,
                select.as_ptr(),
                select.len(),
                ignore.as_ptr(),
                ignore.len(),
                88,
                2,
                &mut data,
                &mut len,
            )
        };
        if status != OK {
            let mut buf = vec![0u8; 256];
            // SAFETY: `buf` holds 256 writable bytes.
            let n = unsafe { tandem_last_error(buf.as_mut_ptr(), buf.len()) };
            return (status, String::from_utf8(buf[..n].to_vec()).unwrap());
        }
        // SAFETY: `(data, len)` is the library's buffer, read then freed once.
        let json =
            unsafe { String::from_utf8(std::slice::from_raw_parts(data, len).to_vec()).unwrap() };
        // SAFETY: as above.
        assert_eq!(unsafe { tandem_buffer_free(data.cast(), len, 1) }, OK);
        (status, json)
    }

    #[test]
    fn files_are_read_and_linted_in_order_and_counts_are_checked() {
        let dir = std::env::temp_dir().join(format!("tandem-ffi-lint-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let good = dir.join("good.py");
        std::fs::write(&good, "import os\nx = 1; y = 2\n").unwrap();
        let missing = dir.join("missing.py");
        let packed = format!("{}\0{}\0", good.display(), missing.display());
        let (status, json) = check_files(&packed, 2);
        assert_eq!(status, OK, "{json}");
        assert_eq!(
            json,
            "[[[\"F401\", 1, 8, 1, 10, \"`os` imported but unused\"]], [[\"E902\", 1, 1, 1, 1, \"No such file or directory\"]]]"
        );
        assert_eq!(check_files("", 0), (OK, "[]".to_string()));
        let (status, message) = check_files(&packed, 3);
        assert_eq!(status, INVALID_INPUT);
        assert!(message.contains("2 NUL-ended paths for a count of 3"), "{message}");
        let (status, message) = check_files(&packed[..packed.len() - 1], 2);
        assert_eq!(status, INVALID_INPUT, "{message}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// Property-based fuzzing of the C ABI: whatever the source, each entry point returns OK
    /// (or INVALID_INPUT for bytes that are not UTF-8) with a JSON array, never PANIC, and
    /// never overflows a stack. Brief by default; `TANDEM_FUZZ_CASES=100000 cargo test fuzz`
    /// runs longer. A failing input is shrunk by proptest; keep it as a case in `regressions`.
    mod fuzz {
        use super::super::super::{tandem_buffer_free, INVALID_INPUT, OK};
        use super::super::{tandem_lint_check, tandem_lint_check_batch, tandem_lint_check_files};
        use crate::lint::{check, rows_json, Selection};
        use proptest::prelude::*;
        use std::ptr;

        /// Pieces of Python that nest, break lines, open strings, and are not ASCII.
        const PIECES: &[&str] = &[
            "(",
            ")",
            "[",
            "]",
            "{",
            "}",
            "a",
            " + ",
            "-",
            ".b",
            "()",
            ",",
            ";",
            "\n",
            "\n    ",
            "\n\t",
            "not ",
            "lambda: ",
            " if b else ",
            "elif x:\n",
            "else:\n",
            "if x:\n",
            "def f(a):\n",
            "class C:\n",
            "'s(",
            "\"\"\"(\n(",
            "f'{a}'",
            "f\"{x:{y}}\"",
            "# noqa\n",
            "\\\n",
            "1e-5",
            "0x1e+5",
            ".5",
            "rb\"x\"",
            "é",
            "日",
            "🙂",
            ":=",
            "**",
            "//=",
            "\r\n",
            "\r",
            "'\\",
            "\t",
            "\x0c",
            " ",
            "\0",
            "import os\n",
            "from . import *\n",
            "global g\n",
            "return ",
            "yield ",
            "await ",
            "async ",
            "match x:\n case 1:\n",
            "type T[U] = U\n",
            "@d\n",
            "try:\n",
            "except* E as e:\n",
            "with a as (b, c):\n",
            "*a, b = c\n",
            "print(undefined)\n",
            "'%s' % (1, 2)\n",
        ];

        fn cases() -> u32 {
            std::env::var("TANDEM_FUZZ_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(32)
        }

        /// Token soup, one piece repeated into deep nesting or a huge line, or any text.
        fn python() -> impl Strategy<Value = String> {
            let soup = prop::collection::vec(prop::sample::select(PIECES), 0..400)
                .prop_map(|p| p.concat());
            let deep =
                (prop::sample::select(PIECES), 150usize..10_000, prop::sample::select(PIECES))
                    .prop_map(|(shape, n, tail)| format!("x = {}{tail}", shape.repeat(n)));
            let long_line =
                (prop::sample::select(PIECES), 1usize..50_000).prop_map(|(p, n)| p.repeat(n));
            prop_oneof![4 => soup, 2 => deep, 1 => long_line, 1 => any::<String>()]
        }

        /// Python, or any bytes (mostly not UTF-8).
        fn bytes() -> impl Strategy<Value = Vec<u8>> {
            prop_oneof![
                python().prop_map(String::into_bytes),
                prop::collection::vec(any::<u8>(), 0..2_000)
            ]
        }

        /// An entry point's status, and the JSON of a successful call.
        fn finish(status: i32, data: *mut u8, len: usize) -> (i32, String) {
            if status != OK {
                return (status, String::new());
            }
            // SAFETY: `(data, len)` is the library's buffer, read then freed once.
            let json = unsafe { std::slice::from_raw_parts(data, len).to_vec() };
            // SAFETY: as above.
            assert_eq!(unsafe { tandem_buffer_free(data.cast(), len, 1) }, OK);
            (status, String::from_utf8(json).expect("the result is UTF-8"))
        }

        fn check_one(source: &[u8]) -> (i32, String) {
            let (mut data, mut len) = (ptr::null_mut(), 0usize);
            // SAFETY: every input is valid for its length; the out-pointers are writable.
            let status = unsafe {
                tandem_lint_check(
                    source.as_ptr(),
                    source.len(),
                    b"t.py".as_ptr(),
                    4,
                    ptr::null(),
                    0,
                    &mut data,
                    &mut len,
                )
            };
            finish(status, data, len)
        }

        fn check_batch(sources: &[Vec<u8>]) -> (i32, String) {
            let texts = sources.concat();
            let ends: Vec<usize> = sources
                .iter()
                .scan(0, |end, s| {
                    *end += s.len();
                    Some(*end)
                })
                .collect();
            let names = "t.py\0".repeat(sources.len());
            let (mut data, mut len) = (ptr::null_mut(), 0usize);
            // SAFETY: every input is valid for its length; the out-pointers are writable.
            let status = unsafe {
                tandem_lint_check_batch(
                    texts.as_ptr(),
                    texts.len(),
                    ends.as_ptr(),
                    sources.len(),
                    names.as_ptr(),
                    names.len(),
                    b"ALL".as_ptr(),
                    3,
                    ptr::null(),
                    0,
                    88,
                    2,
                    &mut data,
                    &mut len,
                )
            };
            finish(status, data, len)
        }

        fn is_rows(json: &str) -> bool {
            json.starts_with('[') && json.ends_with(']')
        }

        proptest! {
            #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

            #[test]
            fn check_never_panics_and_gives_rows(source in bytes()) {
                let (status, json) = check_one(&source);
                let utf8 = std::str::from_utf8(&source).is_ok();
                prop_assert_eq!(status, if utf8 { OK } else { INVALID_INPUT });
                prop_assert!(!utf8 || is_rows(&json), "{}", json);
            }

            #[test]
            fn check_batch_gives_each_source_its_rows(sources in prop::collection::vec(python(), 0..6)) {
                let each: Vec<String> = sources
                    .iter()
                    .map(|s| rows_json(&check(s, "t.py", &Selection::new("ALL", "", 88))))
                    .collect();
                let sources: Vec<Vec<u8>> = sources.into_iter().map(String::into_bytes).collect();
                let (status, json) = check_batch(&sources);
                prop_assert_eq!(status, OK);
                prop_assert_eq!(json, format!("[{}]", each.join(", ")));
            }

            #[test]
            fn check_files_reads_any_bytes(source in bytes()) {
                let dir = std::env::temp_dir().join(format!("tandem-lint-fuzz-{}", std::process::id()));
                std::fs::create_dir_all(&dir).unwrap();
                let path = dir.join(format!("{:?}.py", std::thread::current().id()).replace(['(', ')'], ""));
                std::fs::write(&path, &source).unwrap();
                let packed = format!("{}\0", path.display());
                let (mut data, mut len) = (ptr::null_mut(), 0usize);
                // SAFETY: every input is valid for its length; the out-pointers are writable.
                let status = unsafe {
                    tandem_lint_check_files(packed.as_ptr(), packed.len(), 1, b"ALL".as_ptr(), 3, ptr::null(), 0, 88, 1,
                        &mut data, &mut len)
                };
                let (status, json) = finish(status, data, len);
                std::fs::remove_file(&path).unwrap();
                prop_assert_eq!(status, OK);
                prop_assert!(json.starts_with("[[") && json.ends_with("]]"), "{}", json);
                if std::str::from_utf8(&source).is_err() {
                    prop_assert!(json.contains("stream did not contain valid UTF-8"), "{}", json);
                }
            }
        }

        /// Inputs of the issue and of the fuzzer, kept as cases.
        #[test]
        fn regressions() {
            let chain = format!("x = {}\n", vec!["a"; 3_000_000].join("+"));
            let dicts = format!("x = {}1{}\n", "{1:".repeat(40_000), "}".repeat(40_000));
            let odd = ["x = (((", "f'{", "\\", "'''\\", "if x:\n\tif y:\n        pass\n", "\0"];
            for source in [chain.as_str(), dicts.as_str()].into_iter().chain(odd) {
                let (status, json) = check_one(source.as_bytes());
                assert_eq!(status, OK, "{source:?}");
                assert!(is_rows(&json), "{json}");
            }
        }
    }
}
