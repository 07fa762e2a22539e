//! A kernel library from an older ABI: only its manifest, which Tandem must refuse.

const MANIFEST: &str = r#"{"abi":0,"kernels":[{"name":"old.kernel","symbol":"old_kernel","arguments":[],"result":"i64","doc":""}]}"#;

/// # Safety
/// `ptr` and `len` must be writable.
#[no_mangle]
pub unsafe extern "C" fn tandem_kernel_manifest(ptr: *mut *const u8, len: *mut usize) -> i32 {
    // SAFETY: the caller vouches that both are writable.
    unsafe {
        ptr.write(MANIFEST.as_ptr());
        len.write(MANIFEST.len());
    }
    0
}

#[no_mangle]
pub extern "C" fn tandem_kernel_free(_ptr: *mut u8, _len: usize, _element_size: usize) -> i32 {
    0
}

#[no_mangle]
pub extern "C" fn tandem_kernel_handle_free(_id: u64) -> i32 {
    0
}

#[no_mangle]
pub extern "C" fn tandem_kernel_last_error(_buf: *mut u8, _capacity: usize) -> usize {
    0
}
