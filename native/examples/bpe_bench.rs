//! The Rust BPE encoder on its own (no JVM, no crossing), a runner of `tandem bench --kernel
//! bpe` (scripts/bench/tokenizer_peer.py's `rust-alone`, which builds and runs it):
//!
//!     bpe_bench RANK_FILE PATTERN CORPUS WARMUP RUNS THREADS IDS_OUT
//!
//! PATTERN is 0 (r50k), 1 (cl100k) or 2 (o200k). CORPUS is a UTF-8 file, encoded whole on one
//! thread when THREADS is 0, else as a batch of its lines on THREADS threads. Same protocol as
//! the bench's other runners: runs until WARMUP seconds are spent, then RUNS timed runs. Prints
//! one JSON line, the seconds of each run, the token count and the rank file's load time, and
//! writes the last run's ids to IDS_OUT as little-endian u32 (the caller digests them).

use std::io::Write;
use std::time::{Duration, Instant};
use tandem_native::bpe::{Encoder, Pattern};
use tandem_native::cancel::Cancel;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 8 {
        eprintln!("usage: bpe_bench RANK_FILE PATTERN CORPUS WARMUP RUNS THREADS IDS_OUT");
        std::process::exit(2);
    }
    let number = |i: usize, what: &str| -> f64 {
        args[i].parse().unwrap_or_else(|_| panic!("{what} is not a number: {}", args[i]))
    };
    let ranks = std::fs::read(&args[1]).unwrap_or_else(|e| panic!("rank file {}: {e}", args[1]));
    let pattern =
        Pattern::from_number(number(2, "PATTERN") as u32).unwrap_or_else(|e| panic!("{e}"));
    let text =
        std::fs::read_to_string(&args[3]).unwrap_or_else(|e| panic!("corpus {}: {e}", args[3]));
    // The text the CPython runners read: Python's text files turn \r\n and \r into \n.
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let warmup = Duration::from_secs_f64(number(4, "WARMUP"));
    let runs = number(5, "RUNS") as usize;
    let threads = number(6, "THREADS") as usize;

    let started = Instant::now();
    let encoder = Encoder::load(&ranks, pattern, b"").unwrap_or_else(|e| panic!("{e}"));
    let load = started.elapsed();
    let lines: Vec<&str> = text.split('\n').collect();
    let encode = || -> Vec<u32> {
        let never = Cancel::never();
        if threads == 0 {
            encoder.encode(&text, 0, &never).expect("never cancelled")
        } else {
            encoder.encode_batch(&lines, 0, threads, &never).expect("never cancelled").0
        }
    };

    let deadline = Instant::now() + warmup;
    while Instant::now() < deadline {
        std::hint::black_box(encode());
    }
    let mut seconds = Vec::with_capacity(runs);
    let mut ids = Vec::new();
    for _ in 0..runs {
        let run = Instant::now();
        ids = encode();
        seconds.push(run.elapsed().as_secs_f64());
    }
    let bytes: Vec<u8> = ids.iter().flat_map(|id| id.to_le_bytes()).collect();
    std::fs::File::create(&args[7])
        .and_then(|mut file| file.write_all(&bytes))
        .unwrap_or_else(|e| panic!("ids file {}: {e}", args[7]));
    let seconds: Vec<String> = seconds.iter().map(|s| format!("{s:.6}")).collect();
    println!(
        "{{\"seconds\": [{}], \"tokens\": {}, \"load_ms\": {:.1}}}",
        seconds.join(", "),
        ids.len(),
        load.as_secs_f64() * 1e3
    );
}
