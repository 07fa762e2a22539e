//! Arguments: how each supported Rust type is read from a `TandemArg`, and its name in the
//! manifest.

use crate::abi::TandemArg;
use crate::KernelError;

/// A type a kernel may take. `position` (1-based) is for the error message.
#[diagnostic::on_unimplemented(
    message = "a Tandem kernel cannot take `{Self}`",
    label = "unsupported argument type",
    note = "kernel arguments may be &str, &[u8], i32, i64, f64, bool, &[i32], &[i64], &[f64], \
            Handle<T>, or Option of one of these"
)]
pub trait FromArg<'a>: Sized {
    /// The type's name in the manifest, which the host reads to convert Python's values.
    fn type_name() -> String;
    fn from_arg(arg: &'a TandemArg, position: usize) -> Result<Self, KernelError>;
}

fn present(arg: &TandemArg, position: usize) -> Result<(), KernelError> {
    if arg.present == 0 {
        return Err(KernelError(format!("argument {position} must not be None")));
    }
    Ok(())
}

/// The `len` elements at `ptr`, checked for null and alignment.
fn slice<T>(arg: &TandemArg, position: usize) -> Result<&[T], KernelError> {
    present(arg, position)?;
    if arg.len == 0 {
        return Ok(&[]);
    }
    if arg.ptr.is_null() || !(arg.ptr as usize).is_multiple_of(std::mem::align_of::<T>()) {
        return Err(KernelError(format!("argument {position}: a null or misaligned buffer")));
    }
    // SAFETY: the host passes `len` readable elements at `ptr` for the call (abi's contract).
    Ok(unsafe { std::slice::from_raw_parts(arg.ptr.cast::<T>(), arg.len) })
}

macro_rules! numbers {
    ($($ty:ty => $name:literal, |$bits:ident| $decode:expr;)*) => {$(
        impl<'a> FromArg<'a> for $ty {
            fn type_name() -> String {
                $name.to_owned()
            }
            fn from_arg(arg: &'a TandemArg, position: usize) -> Result<Self, KernelError> {
                present(arg, position)?;
                let $bits = arg.bits;
                Ok($decode)
            }
        }
    )*};
}

numbers! {
    i32 => "i32", |bits| bits as i32;
    i64 => "i64", |bits| bits as i64;
    f64 => "f64", |bits| f64::from_bits(bits);
    bool => "bool", |bits| bits != 0;
}

macro_rules! slices {
    ($($ty:ty => $name:literal;)*) => {$(
        impl<'a> FromArg<'a> for &'a [$ty] {
            fn type_name() -> String {
                $name.to_owned()
            }
            fn from_arg(arg: &'a TandemArg, position: usize) -> Result<Self, KernelError> {
                slice(arg, position)
            }
        }
    )*};
}

slices! {
    u8 => "bytes";
    i32 => "i32[]";
    i64 => "i64[]";
    f64 => "f64[]";
}

impl<'a> FromArg<'a> for &'a str {
    fn type_name() -> String {
        "str".to_owned()
    }
    fn from_arg(arg: &'a TandemArg, position: usize) -> Result<Self, KernelError> {
        std::str::from_utf8(slice(arg, position)?).map_err(|invalid| {
            KernelError(format!(
                "argument {position} is not valid UTF-8 at byte {}",
                invalid.valid_up_to()
            ))
        })
    }
}

impl<'a, T: FromArg<'a>> FromArg<'a> for Option<T> {
    fn type_name() -> String {
        format!("{}?", T::type_name())
    }
    fn from_arg(arg: &'a TandemArg, position: usize) -> Result<Self, KernelError> {
        if arg.present == 0 {
            return Ok(None);
        }
        T::from_arg(arg, position).map(Some)
    }
}
