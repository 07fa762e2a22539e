//! `text.fnv1a_32` as PyO3 writes it: the peer of Tandem's scalar kernel call in `tandem bench
//! --kernel boundary` (the same hash of the same UTF-8 bytes, lone surrogates aside).

use pyo3::prelude::*;

/// 32-bit FNV-1a hash of `text` encoded as UTF-8.
#[pyfunction]
fn fnv1a_32(text: &str) -> u32 {
    text.bytes().fold(0x811C_9DC5, |hash, byte| (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193))
}

/// Takes a text and does nothing: what a call into PyO3 with that argument costs by itself.
#[pyfunction]
fn noop(_text: &str) {}

#[pymodule]
fn pyo3_peer(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_function(wrap_pyfunction!(fnv1a_32, module)?)?;
    module.add_function(wrap_pyfunction!(noop, module)?)?;
    Ok(())
}
