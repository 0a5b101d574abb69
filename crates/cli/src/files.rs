//! Finding input files and a per-run pseudonymisation salt.

use anyhow::{Context, Result};
use std::path::{Path, PathBuf};

/// Extensions the importer understands.
const EXTENSIONS: [&str; 5] = ["csv", "txt", "xlsx", "xls", "ods"];

/// Expands files and folders (recursively, sorted) into a list of importable files, each
/// with the name the importer sees: a file named explicitly keeps the path as given, a file
/// found in a folder gets its path inside that folder (`2020/4/Математика.xlsx`), so that the
/// folders' year, grade and subject reach the importer. A file named explicitly is always
/// taken, whatever its extension.
pub fn expand(paths: &[PathBuf]) -> Result<Vec<(PathBuf, String)>> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found = Vec::new();
            walk(p, &mut found).with_context(|| format!("reading folder {}", p.display()))?;
            for f in found {
                let name = f
                    .strip_prefix(p)
                    .map(|r| r.to_string_lossy().replace('\\', "/"))
                    .unwrap_or_else(|_| f.display().to_string());
                out.push((f, name));
            }
        } else if p.exists() {
            out.push((p.clone(), p.to_string_lossy().into_owned()));
        } else {
            anyhow::bail!("no such file or folder: {}", p.display());
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out)?;
        } else if p
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| EXTENSIONS.contains(&e.to_lowercase().as_str()))
        {
            out.push(p);
        }
    }
    Ok(())
}

/// A random salt for this run, from the standard library's randomly keyed hasher
/// (no pseudonym outlives the process).
pub fn session_salt() -> [u8; 16] {
    use std::hash::{BuildHasher, Hasher};
    let mut salt = [0u8; 16];
    for (i, chunk) in salt.chunks_mut(8).enumerate() {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_usize(i);
        chunk.copy_from_slice(&h.finish().to_le_bytes());
    }
    salt
}
