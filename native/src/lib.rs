//! Tandem's native kernels. One module per kernel area holds the logic as plain safe Rust;
//! `ffi` is the only place with a C ABI, raw pointers and panic handling.

pub mod bpe;
pub mod cancel;
pub mod ffi;
pub mod sourcemap;
pub mod text;
pub mod lint;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
