//! Prints each function scope js-source-scopes finds in the file named by the only argument:
//! one line per scope, `start<TAB>end<TAB>name` (UTF-8 byte offsets; name `<none>` when none).

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: js-scopes-parity FILE.js");
    let text = std::fs::read_to_string(&path).expect("a UTF-8 file");
    let scopes = js_source_scopes::extract_scope_names(&text).expect("JavaScript swc parses");
    for (range, name) in scopes {
        let name = name.map_or_else(|| "<none>".to_string(), |name| name.to_string());
        println!("{}\t{}\t{}", range.start, range.end, name);
    }
}
