//! The generated exports, called as the host calls them: arguments in, results, errors, panics,
//! handles, the manifest, and a million calls in bounded memory.

use tandem_kernel::abi::{self, TandemArg, TandemOut};
use tandem_kernel::{kernel, Handle, KernelError};

/// Letters of `text`, uppercased.
#[kernel("sdk.upper")]
fn upper(text: &str) -> String {
    text.to_uppercase()
}

#[kernel("sdk.sum")]
fn sum(values: &[i64], offset: Option<i64>) -> i64 {
    values.iter().sum::<i64>() + offset.unwrap_or(0)
}

#[kernel("sdk.halve")]
fn halve(value: i64) -> Result<i64, KernelError> {
    if value % 2 != 0 {
        return Err(KernelError::new(format!("{value} is odd")));
    }
    Ok(value / 2)
}

#[kernel("sdk.explode")]
fn explode(_flag: bool) -> f64 {
    panic!("boom")
}

struct Counter(std::sync::Mutex<i64>);

#[kernel("sdk.counter_new")]
fn counter_new(start: i64) -> Handle<Counter> {
    Handle::new(Counter(std::sync::Mutex::new(start)))
}

#[kernel("sdk.counter_add")]
fn counter_add(counter: Handle<Counter>, step: i64) -> i64 {
    let mut value = counter.0.lock().unwrap();
    *value += step;
    *value
}

#[kernel("sdk.squares")]
fn squares(count: i32) -> Option<Vec<i32>> {
    (count >= 0).then(|| (0..count).map(|i| i * i).collect())
}

extern "C" {
    fn sdk_upper(args: *const TandemArg, count: usize, out: *mut TandemOut) -> i32;
    fn sdk_sum(args: *const TandemArg, count: usize, out: *mut TandemOut) -> i32;
    fn sdk_halve(args: *const TandemArg, count: usize, out: *mut TandemOut) -> i32;
    fn sdk_explode(args: *const TandemArg, count: usize, out: *mut TandemOut) -> i32;
    fn sdk_counter_new(args: *const TandemArg, count: usize, out: *mut TandemOut) -> i32;
    fn sdk_counter_add(args: *const TandemArg, count: usize, out: *mut TandemOut) -> i32;
    fn sdk_squares(args: *const TandemArg, count: usize, out: *mut TandemOut) -> i32;
}

type Export = unsafe extern "C" fn(*const TandemArg, usize, *mut TandemOut) -> i32;

fn invoke(export: Export, args: &[TandemArg]) -> (i32, TandemOut) {
    let mut out = TandemOut::default();
    let status = unsafe { export(args.as_ptr(), args.len(), &mut out) };
    (status, out)
}

fn last_error() -> String {
    let length = unsafe { abi::tandem_kernel_last_error(std::ptr::null_mut(), 0) };
    let mut message = vec![0u8; length];
    unsafe { abi::tandem_kernel_last_error(message.as_mut_ptr(), length) };
    String::from_utf8(message).unwrap()
}

fn take_string(out: TandemOut) -> String {
    let text = unsafe { std::slice::from_raw_parts(out.ptr, out.len) }.to_vec();
    assert_eq!(unsafe { abi::tandem_kernel_free(out.ptr, out.len, 1) }, abi::OK);
    String::from_utf8(text).unwrap()
}

#[test]
fn text_in_text_out() {
    let (status, out) = invoke(sdk_upper, &[TandemArg::buffer("naïve".as_bytes())]);
    assert_eq!(status, abi::OK);
    assert_eq!(take_string(out), "NAÏVE");
}

#[test]
fn invalid_utf8_is_invalid_input() {
    let (status, _) = invoke(sdk_upper, &[TandemArg::buffer(&[b'a', 0xff][..])]);
    assert_eq!(status, abi::INVALID_INPUT);
    assert_eq!(last_error(), "argument 1 is not valid UTF-8 at byte 1");
}

#[test]
fn slices_and_options() {
    let values = [1i64, 2, 3];
    let (status, out) = invoke(sdk_sum, &[TandemArg::buffer(&values), TandemArg::number(10)]);
    assert_eq!((status, out.bits as i64), (abi::OK, 16));
    let (status, out) = invoke(sdk_sum, &[TandemArg::buffer(&values), TandemArg::none()]);
    assert_eq!((status, out.bits as i64), (abi::OK, 6));
    let (status, _) = invoke(sdk_sum, &[TandemArg::none(), TandemArg::none()]);
    assert_eq!(status, abi::INVALID_INPUT);
    assert_eq!(last_error(), "argument 1 must not be None");
}

#[test]
fn wrong_argument_count() {
    let (status, _) = invoke(sdk_sum, &[TandemArg::number(1)]);
    assert_eq!(status, abi::INVALID_INPUT);
    assert_eq!(last_error(), "sdk.sum takes 2 arguments (1 given)");
}

#[test]
fn kernel_errors_become_messages() {
    let (status, out) = invoke(sdk_halve, &[TandemArg::number(8)]);
    assert_eq!((status, out.bits), (abi::OK, 4));
    let (status, _) = invoke(sdk_halve, &[TandemArg::number(7)]);
    assert_eq!(status, abi::INVALID_INPUT);
    assert_eq!(last_error(), "7 is odd");
}

#[test]
fn panics_are_caught() {
    let (status, _) = invoke(sdk_explode, &[TandemArg::number(1)]);
    assert_eq!(status, abi::PANIC);
    let message = last_error();
    assert!(message.starts_with("boom at ") && message.contains("kernels.rs:"), "{message}");
}

#[test]
fn null_pointers_are_refused() {
    let status = unsafe { sdk_upper(std::ptr::null(), 1, &mut TandemOut::default()) };
    assert_eq!(status, abi::NULL_POINTER);
}

#[test]
fn handles_live_until_freed() {
    let (status, out) = invoke(sdk_counter_new, &[TandemArg::number(5)]);
    assert_eq!(status, abi::OK);
    let id = out.bits;
    let (status, out) = invoke(sdk_counter_add, &[TandemArg::number(id), TandemArg::number(2)]);
    assert_eq!((status, out.bits), (abi::OK, 7));
    assert_eq!(abi::tandem_kernel_handle_free(id), abi::OK);
    let (status, _) = invoke(sdk_counter_add, &[TandemArg::number(id), TandemArg::number(2)]);
    assert_eq!(status, abi::INVALID_INPUT);
    assert_eq!(last_error(), format!("argument 1: handle {id} was already freed, or never made"));
    assert_eq!(abi::tandem_kernel_handle_free(id), abi::INVALID_INPUT);
}

#[test]
fn optional_vectors() {
    let (status, out) = invoke(sdk_squares, &[TandemArg::number(4)]);
    assert_eq!((status, out.present, out.len), (abi::OK, 1, 4));
    let squares = unsafe { std::slice::from_raw_parts(out.ptr.cast::<i32>(), out.len) }.to_vec();
    assert_eq!(squares, [0, 1, 4, 9]);
    assert_eq!(unsafe { abi::tandem_kernel_free(out.ptr, out.len, 4) }, abi::OK);
    let (status, out) = invoke(sdk_squares, &[TandemArg::number(-1i64 as u64)]);
    assert_eq!((status, out.present), (abi::OK, 0));
}

#[test]
fn manifest_lists_every_kernel() {
    let mut ptr = std::ptr::null();
    let mut len = 0;
    assert_eq!(unsafe { abi::tandem_kernel_manifest(&mut ptr, &mut len) }, abi::OK);
    let json = std::str::from_utf8(unsafe { std::slice::from_raw_parts(ptr, len) }).unwrap();
    assert!(json.starts_with("{\"abi\":1,\"kernels\":["), "{json}");
    assert!(json.contains(
        "{\"name\":\"sdk.sum\",\"symbol\":\"sdk_sum\",\"parameters\":[\"values\",\"offset\"],\"arguments\":[\"i64[]\",\"i64?\"],\"result\":\"i64\",\"doc\":\"\"}"
    ));
    assert!(json.contains("\"name\":\"sdk.upper\",\"symbol\":\"sdk_upper\",\"parameters\":[\"text\"],\"arguments\":[\"str\"],\"result\":\"str\",\"doc\":\"Letters of `text`, uppercased.\""));
    assert!(json.contains("\"name\":\"sdk.counter_new\",\"symbol\":\"sdk_counter_new\",\"parameters\":[\"start\"],\"arguments\":[\"i64\"],\"result\":\"handle\""));
    // A leading `_` is not part of the name a stub shows.
    assert!(json
        .contains("\"name\":\"sdk.explode\",\"symbol\":\"sdk_explode\",\"parameters\":[\"flag\"]"));
    assert!(json.contains("\"name\":\"sdk.squares\",\"symbol\":\"sdk_squares\",\"parameters\":[\"count\"],\"arguments\":[\"i32\"],\"result\":\"i32[]?\""));
}

/// Resident memory in bytes, from /proc (Linux).
fn resident_bytes() -> usize {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap();
    statm.split_whitespace().nth(1).unwrap().parse::<usize>().unwrap() * 4096
}

#[test]
fn a_million_calls_in_bounded_memory() {
    let text = "a kernel call that allocates its result".as_bytes();
    let before = resident_bytes();
    for _ in 0..1_000_000 {
        let (status, out) = invoke(sdk_upper, &[TandemArg::buffer(text)]);
        assert_eq!(status, abi::OK);
        assert_eq!(unsafe { abi::tandem_kernel_free(out.ptr, out.len, 1) }, abi::OK);
        let (_, out) = invoke(sdk_counter_new, &[TandemArg::number(1)]);
        assert_eq!(abi::tandem_kernel_handle_free(out.bits), abi::OK);
    }
    let grown = resident_bytes().saturating_sub(before);
    // Each call allocates ~40 bytes of result and a handle: leaking either would be > 40 MB.
    assert!(grown < 8 << 20, "resident memory grew by {grown} bytes over a million calls");
}
