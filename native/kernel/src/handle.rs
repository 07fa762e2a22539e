//! Handles: state a kernel makes once and later kernels use (a loaded model, a parsed file).
//! The host holds only an id; the value lives in this table until the host releases it, so a
//! released or unknown id is an error, never a dangling pointer.

use crate::abi::{TandemArg, TandemOut};
use crate::{FromArg, IntoOut, KernelError};
use std::any::{type_name, Any};
use std::collections::HashMap;
use std::ops::Deref;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

/// A value behind a handle. Return `Handle::new(value)` from one kernel and take
/// `Handle<T>` in others; Tandem frees it when Python drops the object (or calls `close()`).
/// The value is shared between threads that call at once: keep mutable state behind a Mutex.
pub struct Handle<T>(Arc<T>);

impl<T: Send + Sync + 'static> Handle<T> {
    pub fn new(value: T) -> Self {
        Handle(Arc::new(value))
    }
}

impl<T> Deref for Handle<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

struct Entry {
    value: Arc<dyn Any + Send + Sync>,
    type_name: &'static str,
}

fn table() -> &'static Mutex<HashMap<u64, Entry>> {
    static TABLE: OnceLock<Mutex<HashMap<u64, Entry>>> = OnceLock::new();
    TABLE.get_or_init(Default::default)
}

fn lock() -> std::sync::MutexGuard<'static, HashMap<u64, Entry>> {
    // A panic never happens while the lock is held; recover the table all the same.
    table().lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

pub(crate) fn release(id: u64) -> Result<(), KernelError> {
    match lock().remove(&id) {
        Some(_) => Ok(()),
        None => Err(KernelError(format!("handle {id} was already freed, or never made"))),
    }
}

/// How many handles are alive in this library: for a kernel library's own tests of leaks.
pub fn live_handles() -> usize {
    lock().len()
}

impl<T: Send + Sync + 'static> IntoOut for Handle<T> {
    fn type_name() -> String {
        "handle".to_owned()
    }
    fn into_out(self) -> TandemOut {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        let id = NEXT.fetch_add(1, Ordering::Relaxed);
        lock().insert(id, Entry { value: self.0, type_name: type_name::<T>() });
        TandemOut { bits: id, ..TandemOut::default() }
    }
}

impl<'a, T: Send + Sync + 'static> FromArg<'a> for Handle<T> {
    fn type_name() -> String {
        "handle".to_owned()
    }
    fn from_arg(arg: &'a TandemArg, position: usize) -> Result<Self, KernelError> {
        if arg.present == 0 {
            return Err(KernelError(format!("argument {position} must not be None")));
        }
        let id = arg.bits;
        let table = lock();
        let entry = table.get(&id).ok_or_else(|| {
            KernelError(format!(
                "argument {position}: handle {id} was already freed, or never made"
            ))
        })?;
        let value = entry.value.clone().downcast::<T>().map_err(|_| {
            KernelError(format!(
                "argument {position}: handle {id} holds a {}, not a {}",
                entry.type_name,
                type_name::<T>()
            ))
        })?;
        Ok(Handle(value))
    }
}
