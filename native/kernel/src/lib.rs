//! Write a Tandem kernel in Rust without `unsafe` and without Java:
//!
//! ```
//! /// The number of words in `text`.
//! #[tandem_kernel::kernel("myapp.words")]
//! fn words(text: &str) -> i64 {
//!     text.split_whitespace().count() as i64
//! }
//! ```
//!
//! The attribute keeps the function as it is and adds its C ABI export (symbol `myapp_words`,
//! arguments decoded and checked, the result written for the host, panics caught) and an
//! entry in the library's manifest (name, argument and result types, the doc comment), which
//! the library exports as `tandem_kernel_manifest`. Tandem loads the library, reads the
//! manifest and registers every kernel; `tandem run --kernels PATH` and
//! `Tandem.builder().kernels(path)` do that.
//!
//! Types a kernel may take: `&str`, `&[u8]`, `i32`, `i64`, `f64`, `bool`, `&[i32]`, `&[i64]`,
//! `&[f64]`, [`Handle<T>`] and `Option` of each. It may return `i32`, `i64`, `f64`, `bool`,
//! `String`, `Vec<u8>`, `Vec<i32>`, `Vec<i64>`, `Vec<f64>`, [`Handle<T>`], `()`, `Option` of
//! those, or `Result<T, KernelError>` of any of them. Any other type is a compile error naming
//! it:
//!
//! ```compile_fail
//! #[tandem_kernel::kernel("myapp.bad")]
//! fn bad(values: std::collections::HashMap<String, i64>) -> i64 { values.len() as i64 }
//! ```
//!
//! The C ABI every kernel shares is in [`abi`]; its version is [`ABI_VERSION`].

pub mod abi;
mod args;
mod handle;
mod manifest;
pub mod panics;
mod results;

pub use args::FromArg;
pub use handle::{live_handles, Handle};
pub use manifest::KernelInfo;
pub use results::{IntoOut, IntoResult};
pub use tandem_kernel_macros::kernel;

/// The macro's way to the crate that collects manifest entries, so users need not depend on it.
#[doc(hidden)]
pub use inventory;

#[doc(hidden)]
pub use abi::call;

/// The version of the C ABI and the manifest; Tandem refuses a library of another version.
pub const ABI_VERSION: u32 = 1;

/// An error a kernel returns (`Result<T, KernelError>`): Python gets `tandem.KernelError`
/// with this message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KernelError(pub String);

impl KernelError {
    pub fn new(message: impl Into<String>) -> Self {
        KernelError(message.into())
    }
}

impl std::fmt::Display for KernelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for KernelError {}
