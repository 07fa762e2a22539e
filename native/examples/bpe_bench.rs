//! Throughput of the Rust BPE encoder, for comparison with tiktoken (scripts/bench-bpe.sh
//! runs both on the same text and prints the ratio).
//!
//!     cargo run --release --example bpe_bench -- RANK_FILE PATTERN TEXT_FILE [REPEATS]
//!
//! PATTERN is 0 (r50k), 1 (cl100k) or 2 (o200k). TEXT_FILE is UTF-8 texts separated by
//! NUL bytes: encoded whole (one call on the concatenation, single thread) and as a batch
//! (one text per NUL-separated part, 2 threads). Prints one line of `key=value` per mode,
//! with the best of REPEATS runs (default 5).

use std::time::{Duration, Instant};
use tandem_native::bpe::{Encoder, Pattern};
use tandem_native::cancel::Cancel;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 4 {
        eprintln!("usage: bpe_bench RANK_FILE PATTERN TEXT_FILE [REPEATS]");
        std::process::exit(2);
    }
    let ranks = std::fs::read(&args[1]).expect("rank file");
    let pattern = Pattern::from_number(args[2].parse().expect("pattern number")).expect("pattern");
    let data = std::fs::read_to_string(&args[3]).expect("text file (UTF-8)");
    let repeats: usize = args.get(4).map_or(5, |r| r.parse().expect("repeats"));

    let started = Instant::now();
    let encoder = Encoder::load(&ranks, pattern, b"").unwrap_or_else(|e| panic!("{e}"));
    let load = started.elapsed();

    let whole: String = data.split('\0').collect();
    let texts: Vec<&str> = data.split('\0').collect();
    let (single, tokens) =
        best(repeats, || encoder.encode(&whole, 0, &Cancel::never()).unwrap().len());
    report("single", whole.len(), tokens, single, load);
    let (batch, batch_tokens) =
        best(repeats, || encoder.encode_batch(&texts, 0, 2, &Cancel::never()).unwrap().0.len());
    report("batch2", whole.len(), batch_tokens, batch, load);
}

/// The shortest of `repeats` runs (after one warm-up run) and the run's result.
fn best(repeats: usize, mut run: impl FnMut() -> usize) -> (Duration, usize) {
    let result = run();
    let fastest = (0..repeats)
        .map(|_| {
            let started = Instant::now();
            std::hint::black_box(run());
            started.elapsed()
        })
        .min()
        .unwrap();
    (fastest, result)
}

fn report(mode: &str, bytes: usize, tokens: usize, time: Duration, load: Duration) {
    let seconds = time.as_secs_f64();
    println!(
        "mode={mode} bytes={bytes} tokens={tokens} seconds={seconds:.4} mb_per_s={:.2} tokens_per_s={:.0} load_ms={:.1}",
        bytes as f64 / seconds / 1e6,
        tokens as f64 / seconds,
        load.as_secs_f64() * 1e3
    );
}
