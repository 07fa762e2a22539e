//! One run through the resident process: the request, then output frames written to this
//! process's descriptors 1 and 2 as they come, input read from descriptor 0 only when the
//! script asks for it, and SIGINT/SIGTERM/SIGHUP forwarded. Nothing is buffered beyond one
//! frame: a slow reader of our stdout stops us reading the socket, which stops the script.

use crate::frames;
use std::ffi::OsString;
use std::fs::File;
use std::io::{self, Read, Write};
use std::mem::ManuallyDrop;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::io::FromRawFd;
use std::os::unix::net::UnixStream;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread;

/// The exit status when the resident process goes away in the middle of a run (EX_SOFTWARE,
/// as the in-process launcher reports a failure of Tandem itself).
pub const LOST: i32 = 70;
const FORWARDED: [libc::c_int; 3] = [libc::SIGINT, libc::SIGTERM, libc::SIGHUP];

/// The signals the client forwards, blocked in every thread so that one thread takes them
/// with sigwait; call before any thread starts.
pub fn block_forwarded_signals() -> libc::sigset_t {
    // SAFETY: plain signal-set manipulation on a local set.
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        for signal in FORWARDED {
            libc::sigaddset(&mut set, signal);
        }
        libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut());
        set
    }
}

/// The RUN frame's payload: cwd, which of 0/1/2 are terminals, argc, argv, then KEY=VALUE.
fn request(args: &[OsString]) -> io::Result<Vec<u8>> {
    let cwd = std::env::current_dir()?;
    // SAFETY: isatty only inspects the descriptor.
    let ttys: Vec<u8> =
        (0..3).map(|fd| if unsafe { libc::isatty(fd) } == 1 { b'1' } else { b'0' }).collect();
    let argc = args.len().to_string();
    let env: Vec<Vec<u8>> = std::env::vars_os()
        .map(|(key, value)| [key.as_bytes(), b"=", value.as_bytes()].concat())
        .collect();
    let mut items: Vec<&[u8]> = vec![cwd.as_os_str().as_bytes(), &ttys, argc.as_bytes()];
    items.extend(args.iter().map(|arg| arg.as_bytes()));
    items.extend(env.iter().map(Vec::as_slice));
    Ok(frames::strings(items))
}

/// Runs `args` on the resident process behind `stream`; returns the exit status.
pub fn run(stream: UnixStream, args: &[OsString], signals: libc::sigset_t, log: &str) -> i32 {
    let writer = match stream.try_clone() {
        Ok(writer) => Arc::new(Mutex::new(writer)),
        Err(e) => return lost(&e.to_string(), log),
    };
    match request(args) {
        Ok(payload) => {
            if let Err(e) = frames::write(&mut *writer.lock().unwrap(), frames::RUN, &payload) {
                return lost(&e.to_string(), log);
            }
        }
        Err(e) => {
            eprintln!("tandem: cannot read the working directory: {e}");
            return 2;
        }
    }
    forward_signals(Arc::clone(&writer), signals);
    let wanted = forward_stdin(Arc::clone(&writer));
    let mut reader = stream;
    // Descriptors 1 and 2 as files, never closed here; writes go straight through.
    let mut stdout = ManuallyDrop::new(unsafe { File::from_raw_fd(1) });
    let mut stderr = ManuallyDrop::new(unsafe { File::from_raw_fd(2) });
    let (mut stdout_open, mut stderr_open) = (true, true);
    loop {
        match frames::read(&mut reader) {
            Ok(Some((frames::STDOUT, bytes))) => {
                stdout_open = stdout_open && stdout.write_all(&bytes).is_ok();
            }
            Ok(Some((frames::STDERR, bytes))) => {
                stderr_open = stderr_open && stderr.write_all(&bytes).is_ok();
            }
            Ok(Some((frames::WANT_STDIN, payload))) => {
                let _ = wanted.send(frames::u32_of(&payload).unwrap_or(0) as usize);
            }
            Ok(Some((frames::TEXT, text))) => {
                let _ = stdout.write_all(&text);
            }
            Ok(Some((frames::EXIT, payload))) => {
                return frames::u32_of(&payload).map_or(LOST, |status| status as i32);
            }
            Ok(Some((kind, _))) => return lost(&format!("unknown frame type {kind}"), log),
            Ok(None) => return lost("it closed the connection", log),
            Err(e) => return lost(&e.to_string(), log),
        }
    }
}

fn lost(why: &str, log: &str) -> i32 {
    eprintln!("tandem: lost the resident Tandem process during the run ({why}); its log: {log}");
    LOST
}

/// A thread that takes the forwarded signals and sends each to the server.
fn forward_signals(writer: Arc<Mutex<UnixStream>>, set: libc::sigset_t) {
    thread::spawn(move || loop {
        let mut signal: libc::c_int = 0;
        // SAFETY: sigwait on signals that every thread of this process blocks.
        if unsafe { libc::sigwait(&set, &mut signal) } != 0 {
            return;
        }
        if frames::write(&mut *writer.lock().unwrap(), frames::SIGNAL, &[signal as u8]).is_err() {
            return;
        }
    });
}

/// A thread that reads standard input when the server asks for it (at most the bytes asked
/// for, so no input is read ahead of the script) and sends it; an empty frame is its end.
fn forward_stdin(writer: Arc<Mutex<UnixStream>>) -> mpsc::Sender<usize> {
    let (wanted, requests) = mpsc::channel::<usize>();
    thread::spawn(move || {
        let mut stdin = ManuallyDrop::new(unsafe { File::from_raw_fd(0) });
        let mut buffer = vec![0u8; 64 * 1024];
        let mut ended = false;
        for limit in requests {
            let n = if ended {
                0
            } else {
                loop {
                    match stdin.read(&mut buffer[..limit.clamp(1, 64 * 1024)]) {
                        Ok(n) => break n,
                        Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                        Err(_) => break 0, // a closed or unreadable stdin reads as its end
                    }
                }
            };
            ended = n == 0;
            if frames::write(&mut *writer.lock().unwrap(), frames::STDIN, &buffer[..n]).is_err() {
                return;
            }
        }
    });
    wanted
}

/// Prints the TEXT frames of a status or stop reply; returns the EXIT status (0 when the
/// resident process closes the connection as it stops).
pub fn run_reply(mut stream: UnixStream) -> i32 {
    loop {
        match frames::read(&mut stream) {
            Ok(Some((frames::TEXT, text))) => {
                let _ = io::stdout().write_all(&text);
            }
            Ok(Some((frames::EXIT, payload))) => {
                return frames::u32_of(&payload).map_or(1, |s| s as i32)
            }
            Ok(Some(_)) => {}
            Ok(None) => return 0,
            Err(e) => {
                eprintln!("tandem daemon: {e}");
                return 1;
            }
        }
    }
}
