//! The manifest: every kernel of the library, collected from the `#[kernel]` attributes at
//! load time, as the JSON `tandem_kernel_manifest` exports:
//! `{"abi": 1, "kernels": [{"name": "myapp.score", "symbol": "myapp_score",
//!   "parameters": ["text"], "arguments": ["str"], "result": "i64", "doc": "..."}]}`
//! (`parameters` names the arguments, for stubs and messages).
//! Type names: i32 i64 f64 bool str bytes i32[] i64[] f64[] handle none, `T?` for an Option.

use std::fmt::Write;
use std::sync::OnceLock;

/// One kernel's entry, as the attribute submits it.
pub struct KernelInfo {
    pub name: &'static str,
    pub symbol: &'static str,
    pub doc: &'static str,
    pub parameters: &'static [&'static str],
    pub arguments: fn() -> Vec<String>,
    pub result: fn() -> String,
}

inventory::collect!(KernelInfo);

/// The manifest, built once.
pub(crate) fn json() -> &'static str {
    static JSON: OnceLock<String> = OnceLock::new();
    JSON.get_or_init(|| {
        let mut kernels: Vec<&KernelInfo> = inventory::iter::<KernelInfo>.into_iter().collect();
        kernels.sort_by_key(|kernel| kernel.name);
        let entries: Vec<String> = kernels
            .iter()
            .map(|kernel| {
                let arguments: Vec<String> =
                    (kernel.arguments)().iter().map(|name| quoted(name)).collect();
                let parameters: Vec<String> =
                    kernel.parameters.iter().map(|name| quoted(name)).collect();
                format!(
                    "{{\"name\":{},\"symbol\":{},\"parameters\":[{}],\"arguments\":[{}],\"result\":{},\"doc\":{}}}",
                    quoted(kernel.name),
                    quoted(kernel.symbol),
                    parameters.join(","),
                    arguments.join(","),
                    quoted(&(kernel.result)()),
                    quoted(kernel.doc)
                )
            })
            .collect();
        format!("{{\"abi\":{},\"kernels\":[{}]}}", crate::ABI_VERSION, entries.join(","))
    })
}

/// `text` as a JSON string.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
