//! Tandem's native kernels. One module per kernel area holds the logic as plain safe Rust;
//! `ffi` is the only place with a C ABI and raw pointers; `panics` keeps panics (on the
//! calling thread and on the helper threads an area starts) from reaching the caller.

pub mod bpe;
pub mod cancel;
pub mod ffi;
pub mod lint;
pub mod sourcemap;
pub mod text;

/// The panic guard of the kernel SDK, which the built-in kernels share: see `tandem_kernel::panics`.
pub use tandem_kernel::panics;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
