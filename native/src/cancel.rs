//! Cancellation of long kernel work. The caller owns a flag (an aligned 32-bit word it sets to
//! non-zero from another thread, such as the host's watchdog when a script's deadline passes);
//! a kernel that may run long takes a `Cancel` and polls it every so often, returning
//! `Cancelled` once the flag is set. Polling is one relaxed atomic load per `POLL_WORK` units
//! of work (bytes, merges, comparisons), so it costs nothing that shows.

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicU32, Ordering};

/// Units of work between two looks at the flag: about 0.1 ms of the slowest kernel's work.
const POLL_WORK: usize = 1 << 14;

/// The caller set the flag: the work was abandoned and its partial result dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cancelled;

/// A caller's cancellation flag, or none (`Cancel::never`), with a count of work since the
/// last look at it. One per thread: helper threads make their own with `share`.
pub struct Cancel<'a> {
    flag: Option<&'a AtomicU32>,
    work: Cell<usize>,
}

impl<'a> Cancel<'a> {
    /// Polls `flag`.
    pub fn new(flag: &'a AtomicU32) -> Cancel<'a> {
        Cancel { flag: Some(flag), work: Cell::new(0) }
    }

    /// A cancel that never fires: for callers without a deadline, and tests.
    pub fn never() -> Cancel<'static> {
        Cancel { flag: None, work: Cell::new(0) }
    }

    /// The same flag, for a helper thread (a `Cancel` counts work in a `Cell`, so it is not `Sync`).
    pub fn share(&self) -> Cancel<'a> {
        Cancel { flag: self.flag, work: Cell::new(0) }
    }

    /// Whether the flag is set, looking at it now.
    pub fn is_set(&self) -> bool {
        self.flag.is_some_and(|flag| flag.load(Ordering::Relaxed) != 0)
    }

    /// Counts `work` units done; every `POLL_WORK` units, `Cancelled` if the flag is set.
    #[inline]
    pub fn tick(&self, work: usize) -> Result<(), Cancelled> {
        let done = self.work.get() + work;
        if done < POLL_WORK {
            self.work.set(done);
            return Ok(());
        }
        self.work.set(0);
        if self.is_set() {
            Err(Cancelled)
        } else {
            Ok(())
        }
    }

    /// Runs `body`, which has no way to return early (such as a sort whose comparator calls
    /// `tick_or_unwind`), and turns an unwinding started by `tick_or_unwind` into `Cancelled`.
    /// Other panics go on unwinding.
    pub fn run_unwinding<T>(&self, body: impl FnOnce() -> T) -> Result<T, Cancelled> {
        match panic::catch_unwind(AssertUnwindSafe(body)) {
            Ok(value) => Ok(value),
            Err(payload) if payload.is::<Cancelled>() => Err(Cancelled),
            Err(payload) => panic::resume_unwind(payload),
        }
    }

    /// `tick` for code inside `run_unwinding`: unwinds (without calling the panic hook, so
    /// nothing is printed or recorded) when cancelled.
    #[inline]
    pub fn tick_or_unwind(&self, work: usize) {
        if self.tick(work).is_err() {
            panic::resume_unwind(Box::new(Cancelled));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fires_within_poll_work_of_the_flag_being_set() {
        let flag = AtomicU32::new(0);
        let cancel = Cancel::new(&flag);
        for _ in 0..POLL_WORK * 3 {
            assert_eq!(cancel.tick(1), Ok(()));
        }
        flag.store(1, Ordering::Relaxed);
        let ticks = (0..=POLL_WORK).take_while(|_| cancel.tick(1).is_ok()).count();
        assert!(ticks < POLL_WORK, "{ticks} ticks after the flag was set");
        assert_eq!(Cancel::never().tick(POLL_WORK * 2), Ok(()));
    }

    #[test]
    fn run_unwinding_turns_only_cancellation_into_cancelled() {
        let flag = AtomicU32::new(1);
        let cancel = Cancel::new(&flag);
        let mut numbers: Vec<u32> = (0..100_000).rev().collect();
        let sorted = cancel.run_unwinding(|| {
            numbers.sort_by(|a, b| {
                cancel.tick_or_unwind(1);
                a.cmp(b)
            })
        });
        assert_eq!(sorted, Err(Cancelled));
        let other = panic::catch_unwind(|| Cancel::never().run_unwinding(|| panic!("a bug")));
        assert!(other.is_err(), "a real panic must not pass for a cancellation");
        assert_eq!(Cancel::never().run_unwinding(|| 7), Ok(7));
    }
}
