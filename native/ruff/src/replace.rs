//! Writing a fixed file back, all or nothing: the new text goes to a temporary file beside it,
//! is flushed to disk, and takes the file's place by a rename, so that a crash or an interrupt
//! leaves the old file or the new one, never half of one (at worst a stray temporary file).

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Replaces the file at `path`, whose content was `read`, with `new`, keeping its permissions
/// (and, on Unix, its owner where the process may). A symbolic link keeps pointing where it
/// did; its target is replaced. Refused, the file untouched: a read-only file, and one whose
/// content is no longer `read` (changed since it was read). The reason is for the user.
pub fn replace(path: &str, read: &[u8], new: &[u8]) -> Result<(), String> {
    let target =
        fs::canonicalize(path).map_err(|e| format!("cannot find it to write: {}", reason(&e)))?;
    let metadata =
        fs::metadata(&target).map_err(|e| format!("cannot read its status: {}", reason(&e)))?;
    if metadata.permissions().readonly() {
        return Err("the file is read-only: not fixed".to_string());
    }
    let now = fs::read(&target).map_err(|e| format!("cannot read it again: {}", reason(&e)))?;
    if now != read {
        return Err("the file changed on disk while it was being fixed: not fixed".to_string());
    }
    let temporary = temporary_beside(&target);
    let written = write_synced(&temporary, new, &metadata)
        .and_then(|()| fs::rename(&temporary, &target).map_err(|e| reason(&e)));
    if let Err(why) = written {
        let _ = fs::remove_file(&temporary);
        return Err(format!("cannot write it: {why}: not fixed"));
    }
    // The rename itself made durable; where a directory cannot be opened or synced (not
    // Unix), the file's own data is already on disk.
    if let Some(directory) = target.parent() {
        let _ = File::open(directory).and_then(|d| d.sync_all());
    }
    Ok(())
}

/// `.NAME.tandem-fix-PID-N` in the file's directory, so that the rename stays on one file system.
fn temporary_beside(target: &Path) -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let unique = format!(
        ".{name}.tandem-fix-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    );
    target.with_file_name(unique)
}

fn write_synced(temporary: &Path, new: &[u8], original: &fs::Metadata) -> Result<(), String> {
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(temporary)
        .map_err(|e| format!("cannot create a temporary file beside it: {}", reason(&e)))?;
    file.write_all(new).map_err(|e| reason(&e))?;
    file.set_permissions(original.permissions()).map_err(|e| reason(&e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // Only root may give a file away; anyone else's file is theirs already.
        let _ = std::os::unix::fs::fchown(&file, Some(original.uid()), Some(original.gid()));
    }
    file.sync_all().map_err(|e| reason(&e))
}

/// The system's text for an I/O error, without Rust's " (os error N)".
fn reason(error: &std::io::Error) -> String {
    let text = error.to_string();
    text.split(" (os error").next().unwrap_or(&text).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("tandem-replace-{}-{name}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn replaces_keeping_permissions_and_leaves_nothing_beside() {
        let dir = scratch("ok");
        let file = dir.join("mod.py");
        fs::write(&file, "import os\n").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&file, fs::Permissions::from_mode(0o640)).unwrap();
        }
        replace(file.to_str().unwrap(), b"import os\n", b"").unwrap();
        assert_eq!(fs::read(&file).unwrap(), b"");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o640);
        }
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 1);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn read_only_and_changed_files_are_left_alone() {
        let dir = scratch("refused");
        let file = dir.join("mod.py");
        fs::write(&file, "x = 2\n").unwrap();
        let error = replace(file.to_str().unwrap(), b"x = 1\n", b"y\n").unwrap_err();
        assert_eq!(error, "the file changed on disk while it was being fixed: not fixed");
        let mut permissions = fs::metadata(&file).unwrap().permissions();
        permissions.set_readonly(true);
        fs::set_permissions(&file, permissions).unwrap();
        let error = replace(file.to_str().unwrap(), b"x = 2\n", b"y\n").unwrap_err();
        assert_eq!(error, "the file is read-only: not fixed");
        assert_eq!(fs::read(&file).unwrap(), b"x = 2\n");
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 1);
        let mut permissions = fs::metadata(&file).unwrap().permissions();
        #[allow(clippy::permissions_set_readonly_false)]
        permissions.set_readonly(false);
        fs::set_permissions(&file, permissions).unwrap();
        fs::remove_dir_all(&dir).unwrap();
    }
}
