//! Finding the resident Tandem process of this user and build, and starting it when it is not
//! running: its socket lives in a directory only the user can open, named by a key over the
//! JVM command line and the build's stamp files, so that a rebuild or other JVM options get a
//! resident process of their own and never talk to one running older code.

use std::ffi::OsString;
use std::fs::{self, File, OpenOptions};
use std::io;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt};
use std::os::unix::io::AsRawFd;
use std::os::unix::net::UnixStream;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// The resident process's main class, started with the launcher's JVM options.
pub const SERVER_MAIN: &str = "dev.tandem/dev.tandem.resident.ResidentMain";
/// How long a client waits for a resident process it started to listen (a cold JVM with
/// GraalPy on a loaded machine takes well over ten seconds).
const START_TIMEOUT: Duration = Duration::from_secs(120);

/// Where one resident process listens and logs.
pub struct Location {
    pub socket: PathBuf,
    pub lock: PathBuf,
    pub log: PathBuf,
}

impl Location {
    /// The location for this JVM command line and these stamp files, in the user's socket
    /// directory (created 0700 when missing, refused when another user could open it).
    pub fn find(java: &[OsString], stamps: &[PathBuf]) -> Result<Location, String> {
        let directory = socket_directory()?;
        let name = format!("{:016x}", key(java, stamps));
        Ok(Location {
            socket: directory.join(format!("{name}.sock")),
            lock: directory.join(format!("{name}.lock")),
            log: directory.join(format!("{name}.log")),
        })
    }

    pub fn connect(&self) -> io::Result<UnixStream> {
        UnixStream::connect(&self.socket)
    }

    /// A connection to the running resident process, after starting it if none listens. One
    /// client at a time starts it (a lock file); the others wait for the lock and connect.
    pub fn connect_or_start(&self, java: &[OsString]) -> Result<UnixStream, String> {
        if let Ok(stream) = self.connect() {
            return Ok(stream);
        }
        let lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .mode(0o600)
            .open(&self.lock)
            .map_err(|e| format!("cannot open {}: {e}", self.lock.display()))?;
        // SAFETY: flock on a descriptor this function owns; released when `lock` is closed.
        if unsafe { libc::flock(lock.as_raw_fd(), libc::LOCK_EX) } != 0 {
            return Err(format!(
                "cannot lock {}: {}",
                self.lock.display(),
                io::Error::last_os_error()
            ));
        }
        if let Ok(stream) = self.connect() {
            return Ok(stream); // another client started it while this one waited for the lock
        }
        // Nothing listens: a socket left by a crashed process, or any other file in its place.
        match fs::remove_file(&self.socket) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(format!("cannot remove stale {}: {e}", self.socket.display())),
        }
        self.start(java)
    }

    fn start(&self, java: &[OsString]) -> Result<UnixStream, String> {
        let log = File::create(&self.log)
            .map_err(|e| format!("cannot create {}: {e}", self.log.display()))?;
        let log_err = log.try_clone().map_err(|e| e.to_string())?;
        let mut command = Command::new(&java[0]);
        command.args(&java[1..]).arg("-m").arg(SERVER_MAIN).arg(&self.socket);
        command.stdin(Stdio::null()).stdout(log).stderr(log_err);
        // Programs for the resident JVM alone (the patchelf GraalPy runs to give each context
        // its own copy of a native module), first on its PATH; scripts keep their caller's PATH.
        if let Some(directory) = std::env::var_os("TANDEM_SERVER_PATH") {
            let mut directories = vec![PathBuf::from(directory)];
            directories
                .extend(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()));
            if let Ok(path) = std::env::join_paths(directories) {
                command.env("PATH", path);
            }
        }
        // SAFETY: setsid and sigprocmask are async-signal-safe. A session of its own keeps
        // the terminal's Ctrl-C away from the resident process; the signal mask is the
        // default one, not the client's (which blocks the signals it forwards).
        unsafe {
            command.pre_exec(|| {
                libc::setsid();
                let mut none: libc::sigset_t = std::mem::zeroed();
                libc::sigemptyset(&mut none);
                libc::pthread_sigmask(libc::SIG_SETMASK, &none, std::ptr::null_mut());
                Ok(())
            });
        }
        let mut child = command.spawn().map_err(|e| format!("cannot start {:?}: {e}", java[0]))?;
        let started = Instant::now();
        loop {
            if let Ok(stream) = self.connect() {
                return Ok(stream);
            }
            if let Ok(Some(status)) = child.try_wait() {
                return Err(format!(
                    "the resident process exited at start ({status}); see {}",
                    self.log.display()
                ));
            }
            if started.elapsed() > START_TIMEOUT {
                return Err(format!(
                    "the resident process did not listen within {START_TIMEOUT:?}; see {}",
                    self.log.display()
                ));
            }
            thread::sleep(Duration::from_millis(10));
        }
    }
}

/// $TANDEM_DAEMON_DIR, else $XDG_RUNTIME_DIR/tandem, else /tmp/tandem-UID; 0700 and the user's.
fn socket_directory() -> Result<PathBuf, String> {
    // SAFETY: getuid cannot fail.
    let uid = unsafe { libc::getuid() };
    let directory = match std::env::var_os("TANDEM_DAEMON_DIR") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => match std::env::var_os("XDG_RUNTIME_DIR") {
            Some(dir) if !dir.is_empty() => Path::new(&dir).join("tandem"),
            _ => PathBuf::from(format!("/tmp/tandem-{uid}")),
        },
    };
    match fs::DirBuilder::new().mode(0o700).create(&directory) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(format!("cannot create {}: {e}", directory.display())),
    }
    let meta =
        fs::symlink_metadata(&directory).map_err(|e| format!("{}: {e}", directory.display()))?;
    if !meta.is_dir() || meta.uid() != uid || meta.mode() & 0o077 != 0 {
        return Err(format!(
            "{} must be a directory of this user with mode 0700",
            directory.display()
        ));
    }
    Ok(directory)
}

/// FNV-1a over the JVM command line and each stamp file's identity and modification time.
fn key(java: &[OsString], stamps: &[PathBuf]) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325u64;
    let mut feed = |bytes: &[u8]| {
        for &byte in bytes.iter().chain([0u8].iter()) {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    };
    for arg in java {
        feed(arg.as_bytes());
    }
    for stamp in stamps {
        feed(stamp.as_os_str().as_bytes());
        if let Ok(meta) = fs::metadata(stamp) {
            let identity = [meta.ino(), meta.size(), meta.mtime() as u64, meta.mtime_nsec() as u64];
            for value in identity {
                feed(&value.to_le_bytes());
            }
        }
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_changes_with_the_jvm_options_and_the_stamps() {
        let java: Vec<OsString> = vec!["java".into(), "-Xmx1g".into()];
        let other: Vec<OsString> = vec!["java".into(), "-Xmx2g".into()];
        let stamp =
            std::env::temp_dir().join(format!("tandem-client-stamp-{}", std::process::id()));
        fs::write(&stamp, b"one").unwrap();
        let first = key(&java, std::slice::from_ref(&stamp));
        assert_eq!(first, key(&java, std::slice::from_ref(&stamp)));
        assert_ne!(first, key(&other, std::slice::from_ref(&stamp)));
        fs::write(&stamp, b"a longer build").unwrap();
        assert_ne!(first, key(&java, std::slice::from_ref(&stamp)));
        fs::remove_file(&stamp).unwrap();
    }
}
