//! Byte-pair merging of one piece: start from single bytes; repeatedly merge the adjacent
//! pair whose concatenation has the lowest rank (the leftmost of equals); stop when no
//! adjacent pair is a token. Ranks are looked up by bytes, as tiktoken does.
//!
//! Short pieces (almost all) rescan a small array after each merge, which beats any
//! cleverer structure at these sizes; long pieces use a heap, so that a megabyte of one
//! character is O(n log n), not O(n^2).

use super::ranks::RankTable;
use crate::cancel::{Cancel, Cancelled};
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// Pieces at least this long are merged with the heap.
const LONG_PIECE: usize = 128;

const NONE: u32 = u32::MAX;

/// Reusable memory for `encode_piece`, so that encoding a text allocates once, not per piece.
#[derive(Default)]
pub struct Scratch {
    /// Short pieces: (start of a part, rank of it merged with the next part, or NONE).
    parts: Vec<(u32, u32)>,
}

/// Calls `emit` with the ranks of the parts BPE leaves of `piece`, which is not empty and
/// not itself a token (the caller looks that up first). A long piece polls `cancel` as it
/// merges; a short one is too quick to.
pub fn encode_piece(
    ranks: &RankTable,
    piece: &[u8],
    scratch: &mut Scratch,
    cancel: &Cancel,
    emit: &mut impl FnMut(u32),
) -> Result<(), Cancelled> {
    if piece.len() >= LONG_PIECE {
        merge_with_heap(ranks, piece, cancel, emit)
    } else {
        merge_by_scanning(ranks, piece, &mut scratch.parts, emit);
        Ok(())
    }
}

fn part_rank(ranks: &RankTable, part: &[u8]) -> u32 {
    // Every single byte has a rank (checked at load) and every merge makes a token.
    ranks.get(part).expect("a BPE part is always a token")
}

fn merge_by_scanning(
    ranks: &RankTable,
    piece: &[u8],
    parts: &mut Vec<(u32, u32)>,
    emit: &mut impl FnMut(u32),
) {
    parts.clear();
    for start in 0..piece.len() - 1 {
        parts.push((start as u32, ranks.get(&piece[start..start + 2]).unwrap_or(NONE)));
    }
    parts.push((piece.len() as u32 - 1, NONE));
    parts.push((piece.len() as u32, NONE)); // the end, so that part i is parts[i].0..parts[i + 1].0
                                            // The rank of part i merged with part i + 1.
    let pair = |parts: &[(u32, u32)], i: usize| match parts.get(i + 2) {
        Some(&(end, _)) => ranks.get(&piece[parts[i].0 as usize..end as usize]).unwrap_or(NONE),
        None => NONE,
    };
    loop {
        let (mut best, mut best_at) = (NONE, 0);
        for (i, &(_, rank)) in parts[..parts.len() - 1].iter().enumerate() {
            if rank < best {
                (best, best_at) = (rank, i);
            }
        }
        if best == NONE {
            break;
        }
        parts.remove(best_at + 1);
        parts[best_at].1 = pair(parts, best_at);
        if best_at > 0 {
            parts[best_at - 1].1 = pair(parts, best_at - 1);
        }
    }
    for window in parts.windows(2) {
        emit(part_rank(ranks, &piece[window[0].0 as usize..window[1].0 as usize]));
    }
}

/// The same merges for long pieces. Parts are linked both ways by their starts; the heap
/// holds (rank, start) of candidate pairs, and an entry whose rank is no longer that of
/// the pair starting there is stale and skipped (a pair only grows, and ranks are unique,
/// so a stale entry never looks current). Popping the least (rank, start) is "lowest rank,
/// leftmost first".
fn merge_with_heap(
    ranks: &RankTable,
    piece: &[u8],
    cancel: &Cancel,
    emit: &mut impl FnMut(u32),
) -> Result<(), Cancelled> {
    // Positions are u32 (the C ABI refuses texts of 4 GiB or more), which halves the memory:
    // 20 bytes per byte of the piece with the heap.
    let size = u32::try_from(piece.len()).expect("a piece is shorter than 4 GiB");
    let mut end: Vec<u32> = (1..=size).collect(); // end[start]: where the part at start ends
    let mut previous: Vec<u32> = (0..size).map(|s| s.wrapping_sub(1)).collect(); // u32::MAX: none
    let mut pair_rank = vec![NONE; size as usize]; // rank of (part at start) + (next part)
    let rank_of_pair = |end: &[u32], start: u32| {
        let right = end[start as usize];
        if right < size {
            ranks.get(&piece[start as usize..end[right as usize] as usize]).unwrap_or(NONE)
        } else {
            NONE
        }
    };
    // Heap entries are rank << 32 | start: the least is the lowest rank, leftmost first.
    let entry = |rank: u32, start: u32| Reverse(u64::from(rank) << 32 | u64::from(start));
    let mut candidates = Vec::with_capacity(piece.len());
    for start in 0..size {
        cancel.tick(1)?;
        let rank = rank_of_pair(&end, start);
        pair_rank[start as usize] = rank;
        if rank != NONE {
            candidates.push(entry(rank, start));
        }
    }
    let mut heap = BinaryHeap::from(candidates); // O(n), where n pushes would be O(n log n)
    while let Some(Reverse(top)) = heap.pop() {
        cancel.tick(1)?;
        let (rank, start) = ((top >> 32) as u32, top as u32);
        if pair_rank[start as usize] != rank {
            continue;
        }
        let right = end[start as usize];
        end[start as usize] = end[right as usize];
        pair_rank[right as usize] = NONE;
        if end[start as usize] < size {
            previous[end[start as usize] as usize] = start;
        }
        let before = previous[start as usize];
        for at in [Some(start), (before != u32::MAX).then_some(before)].into_iter().flatten() {
            let rank = rank_of_pair(&end, at);
            pair_rank[at as usize] = rank;
            if rank != NONE {
                heap.push(entry(rank, at));
            }
        }
    }
    let mut start = 0;
    while start < size {
        let stop = end[start as usize];
        emit(part_rank(ranks, &piece[start as usize..stop as usize]));
        start = stop;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bpe::ranks::{self, test_data::rank_file};

    /// Ranks: every byte by its value, then `merges` from 256 on.
    fn table(merges: &[&str]) -> RankTable {
        let merges: Vec<&[u8]> = merges.iter().map(|m| m.as_bytes()).collect();
        ranks::parse(&rank_file(&merges)).unwrap_or_else(|e| panic!("{}", e.0)).table
    }

    fn both(ranks: &RankTable, piece: &[u8]) -> Vec<u32> {
        let mut scanned = Vec::new();
        merge_by_scanning(ranks, piece, &mut Vec::new(), &mut |r| scanned.push(r));
        let mut heaped = Vec::new();
        merge_with_heap(ranks, piece, &Cancel::never(), &mut |r| heaped.push(r)).unwrap();
        assert_eq!(scanned, heaped, "{piece:?}");
        scanned
    }

    #[test]
    fn lowest_rank_first_leftmost_among_equals() {
        let ranks = table(&["aa", "ab", "bc", "aab"]);
        assert_eq!(both(&ranks, b"aaa"), [256, 97]);
        assert_eq!(both(&ranks, b"abc"), [257, 99]);
        assert_eq!(both(&ranks, b"aab"), [259]);
        assert_eq!(both(&ranks, b"xbc"), [120, 258]);
        assert_eq!(both(&ranks, b"z"), [122]);
    }

    #[test]
    fn scanning_and_heap_agree_on_long_and_random_pieces() {
        let ranks = table(&["ab", "ba", "aa", "abab", "aaaa", "bab", "aab", "abba"]);
        let mut seed = 7u64;
        for len in 1..300 {
            let piece: Vec<u8> = (0..len)
                .map(|_| {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    if seed >> 63 == 0 {
                        b'a'
                    } else {
                        b'b'
                    }
                })
                .collect();
            let ids = both(&ranks, &piece);
            assert!(ids.len() <= piece.len());
        }
    }

    #[test]
    fn a_mega_byte_of_one_byte_merges_fast() {
        let ranks = table(&["aa", "aaaa", "aaaaaaaa"]);
        let mut ids = Vec::new();
        let piece = vec![b'a'; 1 << 20];
        let never = Cancel::never();
        encode_piece(&ranks, &piece, &mut Scratch::default(), &never, &mut |r| ids.push(r))
            .unwrap();
        assert_eq!(ids, vec![258; 1 << 17]);
        let flag = std::sync::atomic::AtomicU32::new(1);
        let cancelled = Cancel::new(&flag);
        let outcome =
            encode_piece(&ranks, &piece, &mut Scratch::default(), &cancelled, &mut |_| {});
        assert_eq!(outcome, Err(Cancelled));
    }
}
