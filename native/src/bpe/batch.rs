//! `Encoder::encode_batch`: many texts, fanned out over threads.
//!
//! Plain `std::thread::scope`, not rayon: a batch call is rare and coarse (milliseconds or
//! more of work), so spawning a few threads per call costs nothing that shows (~20 µs each),
//! while a global pool would add a dependency and idle threads living on in the JVM process
//! after the call. Texts are split into contiguous runs of about equal bytes, one per thread,
//! so the results concatenate in order without any sorting.

use super::Encoder;
use crate::cancel::{Cancel, Cancelled};
use std::thread;

/// Below this many bytes in all, one thread does the batch: spawning would cost more.
const BYTES_PER_THREAD: usize = 64 * 1024;

pub fn encode_batch(
    encoder: &Encoder,
    texts: &[&str],
    allowed: u64,
    max_threads: usize,
    cancel: &Cancel,
) -> Result<(Vec<u32>, Vec<usize>), Cancelled> {
    let total: usize = texts.iter().map(|t| t.len()).sum();
    let machine = thread::available_parallelism().map_or(1, |n| n.get());
    let threads = (if max_threads == 0 { machine } else { max_threads })
        .min(total / BYTES_PER_THREAD + 1)
        .min(texts.len())
        .max(1);
    let chunks = split_by_bytes(texts, total, threads);
    let results: Vec<(Vec<u32>, Vec<usize>)> = if chunks.len() == 1 {
        vec![encode_run(encoder, texts, allowed, cancel)?]
    } else {
        thread::scope(|scope| {
            let handles: Vec<_> = chunks
                .iter()
                .map(|&(from, to)| {
                    let cancel = cancel.share();
                    scope.spawn(move || {
                        crate::panics::as_helper_thread(|| {
                            encode_run(encoder, &texts[from..to], allowed, &cancel)
                        })
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|payload| std::panic::resume_unwind(payload)))
                .collect::<Result<_, Cancelled>>()
        })?
    };
    let mut ids = Vec::with_capacity(results.iter().map(|(ids, _)| ids.len()).sum());
    let mut ends = Vec::with_capacity(texts.len());
    for (run_ids, run_ends) in results {
        let base = ids.len();
        ids.extend_from_slice(&run_ids);
        ends.extend(run_ends.iter().map(|end| base + end));
    }
    Ok((ids, ends))
}

/// The ids of `texts` one after the other, and where each text's ids end.
fn encode_run(
    encoder: &Encoder,
    texts: &[&str],
    allowed: u64,
    cancel: &Cancel,
) -> Result<(Vec<u32>, Vec<usize>), Cancelled> {
    let mut ids = Vec::new();
    let mut ends = Vec::with_capacity(texts.len());
    for text in texts {
        encoder.encode_with(text, allowed, cancel, &mut |id| ids.push(id))?;
        ends.push(ids.len());
    }
    Ok((ids, ends))
}

/// `threads` contiguous index ranges of `texts` with about `total / threads` bytes each
/// (fewer ranges when texts are few and large).
fn split_by_bytes(texts: &[&str], total: usize, threads: usize) -> Vec<(usize, usize)> {
    let share = total.div_ceil(threads).max(1);
    let mut chunks = Vec::with_capacity(threads);
    let (mut from, mut bytes) = (0, 0);
    for (i, text) in texts.iter().enumerate() {
        bytes += text.len();
        if bytes >= share && chunks.len() + 1 < threads {
            chunks.push((from, i + 1));
            (from, bytes) = (i + 1, 0);
        }
    }
    if from < texts.len() || chunks.is_empty() {
        chunks.push((from, texts.len()));
    }
    chunks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bpe::ranks::test_data::rank_file;
    use crate::bpe::Pattern;
    use crate::cancel::{Cancel, Cancelled};

    #[test]
    fn a_batch_is_each_text_encoded_in_order() {
        let encoder = Encoder::load(&rank_file(&[b"ab", b"abab"]), Pattern::O200k, b"").unwrap();
        let texts: Vec<String> =
            (0..500).map(|i| format!("ab{} ", "ab".repeat(i % 30)).repeat(40)).collect();
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        for threads in [1, 2, 3, 0] {
            let (ids, ends) = encoder.encode_batch(&texts, 0, threads, &Cancel::never()).unwrap();
            assert_eq!(ends.len(), texts.len());
            let mut start = 0;
            for (text, &end) in texts.iter().zip(&ends) {
                let alone = encoder.encode(text, 0, &Cancel::never()).unwrap();
                assert_eq!(ids[start..end], alone, "{threads} threads");
                start = end;
            }
        }
        assert_eq!(encoder.encode_batch(&[], 0, 2, &Cancel::never()), Ok((vec![], vec![])));
        let flag = std::sync::atomic::AtomicU32::new(1);
        assert_eq!(encoder.encode_batch(&texts, 0, 2, &Cancel::new(&flag)), Err(Cancelled));
    }

    #[test]
    fn runs_cover_the_texts_in_order() {
        let texts = ["aaaa", "b", "cc", "dddddd", "", "e"];
        assert_eq!(split_by_bytes(&texts, 14, 3), [(0, 2), (2, 4), (4, 6)]);
        assert_eq!(split_by_bytes(&texts, 14, 1), [(0, 6)]);
        assert_eq!(split_by_bytes(&[], 0, 1), [(0, 0)]);
    }
}
