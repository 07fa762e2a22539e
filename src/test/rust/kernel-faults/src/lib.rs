//! Kernels for KernelSdkTest: ones that work, and ones that fail as a user's kernel can.

use std::sync::atomic::{AtomicI64, Ordering};
use tandem_kernel::abi::{TandemArg, TandemOut};
use tandem_kernel::{kernel, Handle, IntoOut, KernelError, KernelInfo};

/// `a + b`.
#[kernel("faults.add")]
fn add(a: i64, b: i64) -> i64 {
    a + b
}

#[kernel("faults.join")]
fn join(words: Option<&str>, separator: &str, counts: &[i32]) -> Result<String, KernelError> {
    let words = words.ok_or_else(|| KernelError::new("no words"))?;
    Ok(format!("{}{separator}{}", words, counts.iter().sum::<i32>()))
}

#[kernel("faults.explode")]
fn explode(message: &str) -> i64 {
    panic!("{message}")
}

#[kernel("faults.counter")]
fn counter(start: i64) -> Handle<AtomicI64> {
    Handle::new(AtomicI64::new(start))
}

#[kernel("faults.bump")]
fn bump(counter: Handle<AtomicI64>) -> i64 {
    counter.fetch_add(1, Ordering::Relaxed) + 1
}

#[kernel("faults.live_handles")]
fn live_handles() -> i64 {
    tandem_kernel::live_handles() as i64
}

/// A kernel whose manifest entry says it returns str but that hands back bytes that are not
/// UTF-8, written without the attribute (which cannot produce it) to test the host's check.
#[export_name = "faults_bad_utf8"]
pub unsafe extern "C" fn bad_utf8(args: *const TandemArg, count: usize, out: *mut TandemOut) -> i32 {
    // SAFETY: the host passes what the ABI asks.
    unsafe { tandem_kernel::call("faults.bad_utf8", args, count, 0, out, |_| Ok(vec![b'a', 0xff].into_out())) }
}

tandem_kernel::inventory::submit! {
    KernelInfo { name: "faults.bad_utf8", symbol: "faults_bad_utf8", doc: "", parameters: &[], arguments: Vec::new, result: || "str".to_owned() }
}
