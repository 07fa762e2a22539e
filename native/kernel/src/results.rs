//! Results: how each supported Rust type is written into a `TandemOut`, and its name in the
//! manifest. Buffers are handed over as boxed slices, which `tandem_kernel_free` takes back.

use crate::abi::TandemOut;
use crate::KernelError;

/// A type a kernel may return (besides `Result<T, KernelError>` of one).
#[diagnostic::on_unimplemented(
    message = "a Tandem kernel cannot return `{Self}`",
    label = "unsupported result type",
    note = "kernel results may be i32, i64, f64, bool, String, Vec<u8>, Vec<i32>, Vec<i64>, Vec<f64>, \
            Handle<T>, (), Option of one of these, or Result<one of these, KernelError>"
)]
pub trait IntoOut {
    fn type_name() -> String;
    fn into_out(self) -> TandemOut;
}

/// What a kernel's function returns: a value (`IntoOut`) or `Result<value, KernelError>`.
#[diagnostic::on_unimplemented(
    message = "a Tandem kernel cannot return `{Self}`",
    label = "unsupported result type",
    note = "kernel results may be i32, i64, f64, bool, String, Vec<u8>, Vec<i32>, Vec<i64>, Vec<f64>, \
            Handle<T>, (), Option of one of these, or Result<one of these, KernelError>"
)]
pub trait IntoResult {
    fn type_name() -> String;
    fn into_result(self) -> Result<TandemOut, KernelError>;
}

impl<T: IntoOut> IntoResult for T {
    fn type_name() -> String {
        T::type_name()
    }
    fn into_result(self) -> Result<TandemOut, KernelError> {
        Ok(self.into_out())
    }
}

impl<T: IntoOut> IntoResult for Result<T, KernelError> {
    fn type_name() -> String {
        T::type_name()
    }
    fn into_result(self) -> Result<TandemOut, KernelError> {
        self.map(T::into_out)
    }
}

fn number(bits: u64) -> TandemOut {
    TandemOut { bits, ..TandemOut::default() }
}

fn buffer<T>(values: Vec<T>) -> TandemOut {
    let len = values.len();
    let ptr = Box::into_raw(values.into_boxed_slice()).cast::<u8>();
    TandemOut { ptr, len, ..TandemOut::default() }
}

macro_rules! results {
    ($($ty:ty => $name:literal, |$value:ident| $encode:expr;)*) => {$(
        impl IntoOut for $ty {
            fn type_name() -> String {
                $name.to_owned()
            }
            fn into_out(self) -> TandemOut {
                let $value = self;
                $encode
            }
        }
    )*};
}

results! {
    () => "none", |_unit| TandemOut::default();
    i32 => "i32", |value| number(value as i64 as u64);
    i64 => "i64", |value| number(value as u64);
    f64 => "f64", |value| number(value.to_bits());
    bool => "bool", |value| number(value as u64);
    String => "str", |value| buffer(value.into_bytes());
    Vec<u8> => "bytes", |value| buffer(value);
    Vec<i32> => "i32[]", |value| buffer(value);
    Vec<i64> => "i64[]", |value| buffer(value);
    Vec<f64> => "f64[]", |value| buffer(value);
}

impl<T: IntoOut> IntoOut for Option<T> {
    fn type_name() -> String {
        format!("{}?", T::type_name())
    }
    fn into_out(self) -> TandemOut {
        match self {
            Some(value) => value.into_out(),
            None => TandemOut { present: 0, ..TandemOut::default() },
        }
    }
}
