//! The wire format between the client and the resident Tandem process
//! (dev.tandem.resident.Frames on the Java side): a frame is a one-byte type, a big-endian u32
//! payload length and the payload. Output and input travel as raw bytes, never as text.

use std::io::{self, Read, Write};

/// Client -> server: a run (argv, cwd, environment, terminals); the first frame of a run.
pub const RUN: u8 = b'R';
/// Client -> server: asks for the `tandem daemon status` text.
pub const STATUS: u8 = b'Q';
/// Client -> server: asks the resident process to exit.
pub const STOP: u8 = b'S';
/// Client -> server: bytes of standard input, sent only when asked; empty means end of input.
pub const STDIN: u8 = b'I';
/// Client -> server: a signal the client received (one byte, its number).
pub const SIGNAL: u8 = b'K';
/// Server -> client: bytes for standard output.
pub const STDOUT: u8 = b'O';
/// Server -> client: bytes for standard error.
pub const STDERR: u8 = b'E';
/// Server -> client: the script waits for at most this many bytes of input (u32).
pub const WANT_STDIN: u8 = b'N';
/// Server -> client: the run ended with this exit status (i32); the last frame.
pub const EXIT: u8 = b'X';
/// Server -> client: a line of text for the client's standard output (status replies).
pub const TEXT: u8 = b'T';

/// The largest payload a client accepts; the server sends output in chunks of 64 KiB.
const MAX_PAYLOAD: usize = 1 << 20;

pub fn write(out: &mut impl Write, kind: u8, payload: &[u8]) -> io::Result<()> {
    let mut frame = Vec::with_capacity(5 + payload.len());
    frame.push(kind);
    frame.extend_from_slice(&(payload.len() as u32).to_be_bytes());
    frame.extend_from_slice(payload);
    out.write_all(&frame)
}

/// The next frame, or None at a clean end of the stream (between frames).
pub fn read(input: &mut impl Read) -> io::Result<Option<(u8, Vec<u8>)>> {
    let mut header = [0u8; 5];
    let mut filled = 0;
    while filled < header.len() {
        match input.read(&mut header[filled..]) {
            Ok(0) if filled == 0 => return Ok(None),
            Ok(0) => return Err(io::ErrorKind::UnexpectedEof.into()),
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    let length = u32::from_be_bytes([header[1], header[2], header[3], header[4]]) as usize;
    if length > MAX_PAYLOAD {
        return Err(io::Error::new(io::ErrorKind::InvalidData, format!("frame of {length} bytes")));
    }
    let mut payload = vec![0u8; length];
    input.read_exact(&mut payload)?;
    Ok(Some((header[0], payload)))
}

/// A list of byte strings, each with its u32 length first (the payload of a RUN frame).
pub fn strings<'a>(items: impl IntoIterator<Item = &'a [u8]>) -> Vec<u8> {
    let mut payload = Vec::new();
    for item in items {
        payload.extend_from_slice(&(item.len() as u32).to_be_bytes());
        payload.extend_from_slice(item);
    }
    payload
}

pub fn u32_of(payload: &[u8]) -> Option<u32> {
    Some(u32::from_be_bytes(payload.get(..4)?.try_into().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_frame_reads_back_as_written_and_a_clean_end_is_none() {
        let mut wire = Vec::new();
        write(&mut wire, STDOUT, b"\xff\x00raw").unwrap();
        let mut input = &wire[..];
        assert_eq!(read(&mut input).unwrap(), Some((STDOUT, b"\xff\x00raw".to_vec())));
        assert_eq!(read(&mut input).unwrap(), None);
    }

    #[test]
    fn a_cut_frame_and_an_oversized_one_are_errors() {
        let mut wire = Vec::new();
        write(&mut wire, STDERR, b"abc").unwrap();
        assert!(read(&mut &wire[..6]).is_err());
        assert!(read(&mut &wire[..3]).is_err());
        let huge = [STDOUT, 0x7f, 0, 0, 0];
        assert_eq!(read(&mut &huge[..]).unwrap_err().kind(), io::ErrorKind::InvalidData);
    }

    #[test]
    fn strings_are_length_prefixed() {
        assert_eq!(strings([&b"ab"[..], b""]), vec![0, 0, 0, 2, b'a', b'b', 0, 0, 0, 0]);
    }
}
