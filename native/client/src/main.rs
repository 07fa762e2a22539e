//! tandem-client: what ./tandem runs for `run`, `-c`, `-m`, `tokenize` and `symbolicate`. It
//! hands the command to the resident Tandem JVM of this user and build (starting it when none
//! runs) and forwards argv, cwd, environment, standard streams and signals; when the resident
//! process cannot be reached it runs the command in a JVM of its own, exactly as before.
//!
//! Usage: tandem-client [--stamp FILE]... JAVA [JVM-OPTIONS...] -- TANDEM-ARGS...
//! JAVA and its options start the JVM (the same ones for the resident process and for the
//! in-process fallback); each stamp file (the built jar) keys the resident process to a build.

mod frames;
mod resident;
mod session;

use resident::Location;
use std::ffi::OsString;
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{exit, Command};

const IN_PROCESS_MAIN: &str = "dev.tandem/dev.tandem.cli.Main";

fn main() {
    let mut args: Vec<OsString> = std::env::args_os().skip(1).collect();
    let mut stamps = Vec::new();
    while args.len() >= 2 && args[0] == "--stamp" {
        stamps.push(PathBuf::from(args.remove(1)));
        args.remove(0);
    }
    let Some(split) = args.iter().position(|arg| arg == "--") else {
        eprintln!("usage: tandem-client [--stamp FILE]... JAVA [JVM-OPTIONS...] -- TANDEM-ARGS...");
        exit(2);
    };
    let tandem_args = args.split_off(split + 1);
    args.pop();
    let java = args;
    if java.is_empty() {
        eprintln!("tandem-client: no JVM command before --");
        exit(2);
    }
    if tandem_args.first().is_some_and(|arg| arg == "daemon") {
        exit(daemon(&java, &stamps, &tandem_args[1..]));
    }
    let location = match Location::find(&java, &stamps) {
        Ok(location) => location,
        Err(why) => {
            eprintln!("tandem: not using the resident process: {why}");
            in_process(&java, &tandem_args)
        }
    };
    // Blocked before the first thread starts, so that only the forwarding thread takes them.
    let signals = session::block_forwarded_signals();
    let stream = match location.connect_or_start(&java) {
        Ok(stream) => stream,
        Err(why) => {
            eprintln!("tandem: running in-process: {why}");
            in_process(&java, &tandem_args)
        }
    };
    exit(session::run(stream, &tandem_args, signals, &location.log.display().to_string()));
}

/// Replaces this process with the JVM running the command itself (TANDEM_DAEMON=0's path).
fn in_process(java: &[OsString], tandem_args: &[OsString]) -> ! {
    // SAFETY: restores the default signal mask that exec would otherwise pass on blocked.
    unsafe {
        let mut none: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut none);
        libc::pthread_sigmask(libc::SIG_SETMASK, &none, std::ptr::null_mut());
    }
    let failure = Command::new(&java[0])
        .args(&java[1..])
        .arg("-m")
        .arg(IN_PROCESS_MAIN)
        .args(tandem_args)
        .exec();
    eprintln!("tandem: cannot start {:?}: {failure}", java[0]);
    exit(3);
}

/// `tandem daemon status|stop|serve`.
fn daemon(java: &[OsString], stamps: &[PathBuf], args: &[OsString]) -> i32 {
    let location = match Location::find(java, stamps) {
        Ok(location) => location,
        Err(why) => {
            eprintln!("tandem daemon: {why}");
            return 1;
        }
    };
    let command = args.first().and_then(|arg| arg.to_str()).unwrap_or("");
    let request = match (command, args.len()) {
        ("status", 1) => frames::STATUS,
        ("stop", 1) => frames::STOP,
        ("serve", 1) => {
            let failure = Command::new(&java[0])
                .args(&java[1..])
                .arg("-m")
                .arg(resident::SERVER_MAIN)
                .arg(&location.socket)
                .exec();
            eprintln!("tandem daemon: cannot start {:?}: {failure}", java[0]);
            return 3;
        }
        _ => {
            eprintln!("usage: tandem daemon status|stop|serve");
            return 2;
        }
    };
    let Ok(mut stream) = location.connect() else {
        println!("not running (socket {})", location.socket.display());
        return if request == frames::STATUS { 1 } else { 0 };
    };
    if frames::write(&mut stream, request, &[]).is_err() {
        eprintln!("tandem daemon: the resident process closed the connection");
        return 1;
    }
    session::run_reply(stream)
}
