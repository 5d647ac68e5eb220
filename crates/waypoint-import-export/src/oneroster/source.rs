//! Where a package's bytes come from (a directory, a zip archive, memory), with size limits.
//! Nothing is ever extracted to disk: files are streamed from the source while parsing.

use std::cell::Cell;
use std::fmt;
use std::fs::File;
use std::io::{self, Read, Seek};
use std::path::{Path, PathBuf};

/// One file of a package source.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    /// The path as stored (zip entry name, or file name in a directory).
    pub(crate) path: String,
    /// The declared uncompressed size, when known.
    pub(crate) size: u64,
    /// Directory entries of a zip.
    pub(crate) is_dir: bool,
}

/// A package source: a list of entries, each of which can be opened for streaming.
pub(crate) trait Source {
    fn entries(&self) -> &[Entry];
    fn open(&mut self, index: usize) -> io::Result<Box<dyn Read + '_>>;
}

/// A directory: its regular files (not recursive).
pub(crate) struct DirSource {
    root: PathBuf,
    entries: Vec<Entry>,
}

impl DirSource {
    pub(crate) fn new(root: &Path) -> io::Result<DirSource> {
        let mut entries = Vec::new();
        for item in std::fs::read_dir(root)? {
            let item = item?;
            let meta = item.metadata()?;
            let meta = if meta.file_type().is_symlink() {
                std::fs::metadata(item.path())?
            } else {
                meta
            };
            if !meta.is_file() {
                continue;
            }
            // Names that are not UTF-8 cannot be OneRoster file names.
            if let Ok(name) = item.file_name().into_string() {
                entries.push(Entry {
                    path: name,
                    size: meta.len(),
                    is_dir: false,
                });
            }
        }
        entries.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(DirSource {
            root: root.to_owned(),
            entries,
        })
    }
}

impl Source for DirSource {
    fn entries(&self) -> &[Entry] {
        &self.entries
    }

    fn open(&mut self, index: usize) -> io::Result<Box<dyn Read + '_>> {
        Ok(Box::new(File::open(self.root.join(&self.entries[index].path))?))
    }
}

/// Files given in memory, e.g. an upload.
pub(crate) struct MemSource {
    files: Vec<Vec<u8>>,
    entries: Vec<Entry>,
}

impl MemSource {
    pub(crate) fn new(files: impl IntoIterator<Item = (String, Vec<u8>)>) -> MemSource {
        let (entries, files) = files
            .into_iter()
            .map(|(path, bytes)| {
                (
                    Entry {
                        path,
                        size: bytes.len() as u64,
                        is_dir: false,
                    },
                    bytes,
                )
            })
            .unzip();
        MemSource { files, entries }
    }
}

impl Source for MemSource {
    fn entries(&self) -> &[Entry] {
        &self.entries
    }

    fn open(&mut self, index: usize) -> io::Result<Box<dyn Read + '_>> {
        Ok(Box::new(&self.files[index][..]))
    }
}

/// A zip archive read through its central directory; entries are inflated while parsing.
pub(crate) struct ZipSource<R: Read + Seek> {
    archive: zip::ZipArchive<R>,
    entries: Vec<Entry>,
}

impl<R: Read + Seek> ZipSource<R> {
    pub(crate) fn new(reader: R) -> Result<ZipSource<R>, String> {
        let mut archive = zip::ZipArchive::new(reader).map_err(|e| e.to_string())?;
        let mut entries = Vec::with_capacity(archive.len());
        for i in 0..archive.len() {
            let f = archive.by_index_raw(i).map_err(|e| e.to_string())?;
            let path = match f.name() {
                Ok(name) => name.into_owned(),
                Err(_) => String::from_utf8_lossy(f.name_raw()).into_owned(),
            };
            entries.push(Entry {
                path,
                size: f.size(),
                is_dir: f.is_dir(),
            });
        }
        Ok(ZipSource { archive, entries })
    }
}

impl<R: Read + Seek> Source for ZipSource<R> {
    fn entries(&self) -> &[Entry] {
        &self.entries
    }

    fn open(&mut self, index: usize) -> io::Result<Box<dyn Read + '_>> {
        let f = self.archive.by_index(index).map_err(io::Error::other)?;
        Ok(Box::new(f))
    }
}

/// Why reading stopped early; carried inside an `io::Error` through the CSV reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Stop {
    /// More bytes than allowed: `limit` bytes for this file (`total == false`) or for the
    /// package (`total == true`).
    TooLarge { limit: u64, total: bool },
    /// Broken CSV syntax found at `line`.
    Syntax { line: u32, message: String },
}

impl fmt::Display for Stop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Stop::TooLarge { limit, total: false } => write!(f, "file larger than {limit} bytes"),
            Stop::TooLarge { limit, total: true } => write!(f, "package larger than {limit} bytes"),
            Stop::Syntax { line, message } => write!(f, "line {line}: {message}"),
        }
    }
}

impl std::error::Error for Stop {}

impl Stop {
    pub(crate) fn into_io(self) -> io::Error {
        io::Error::other(self)
    }

    /// The `Stop` inside an `io::Error`, if it carries one.
    pub(crate) fn from_io(e: &io::Error) -> Option<&Stop> {
        e.get_ref().and_then(|inner| inner.downcast_ref::<Stop>())
    }
}

/// Counts bytes and stops with [`Stop::TooLarge`] past the file's limit or the package's
/// (the bytes of all files read so far, kept in `used`).
pub(crate) struct Limited<'u, R> {
    inner: R,
    count: u64,
    file_limit: u64,
    used: &'u Cell<u64>,
    total_limit: u64,
}

impl<'u, R: Read> Limited<'u, R> {
    pub(crate) fn new(inner: R, file_limit: u64, used: &'u Cell<u64>, total_limit: u64) -> Limited<'u, R> {
        Limited {
            inner,
            count: 0,
            file_limit,
            used,
            total_limit,
        }
    }
}

impl<R: Read> Read for Limited<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        // Reading one byte past a limit tells "too large" from "exactly at the limit".
        let room = (self.file_limit.saturating_add(1))
            .saturating_sub(self.count)
            .min(self.total_limit.saturating_add(1).saturating_sub(self.used.get()));
        let want = buf.len().min(usize::try_from(room).unwrap_or(usize::MAX));
        let n = if want == 0 {
            0
        } else {
            self.inner.read(&mut buf[..want])?
        };
        self.count += n as u64;
        self.used.set(self.used.get() + n as u64);
        if self.count > self.file_limit {
            return Err(Stop::TooLarge {
                limit: self.file_limit,
                total: false,
            }
            .into_io());
        }
        if self.used.get() > self.total_limit {
            return Err(Stop::TooLarge {
                limit: self.total_limit,
                total: true,
            }
            .into_io());
        }
        Ok(n)
    }
}

/// Why an entry path is unsafe (absolute, a drive, or with a `..` component), if it is.
pub(crate) fn unsafe_path(path: &str) -> Option<&'static str> {
    if path.starts_with('/') || path.starts_with('\\') {
        return Some("it is an absolute path");
    }
    let b = path.as_bytes();
    if b.len() >= 2 && b[1] == b':' && b[0].is_ascii_alphabetic() {
        return Some("it starts with a drive letter");
    }
    if path.contains('\0') {
        return Some("it contains a NUL character");
    }
    if path.split(['/', '\\']).any(|c| c == "..") {
        return Some("it contains a \"..\" component that points outside the archive");
    }
    None
}

/// The path's components, without empty and `.` ones.
pub(crate) fn components(path: &str) -> Vec<&str> {
    path.split(['/', '\\']).filter(|c| !c.is_empty() && *c != ".").collect()
}

/// Entries that archivers add and that are never part of a package (macOS resource forks,
/// Finder metadata, Windows thumbnails).
pub(crate) fn is_archiver_noise(comps: &[&str]) -> bool {
    comps.first() == Some(&"__MACOSX")
        || comps
            .last()
            .is_some_and(|n| n.starts_with("._") || *n == ".DS_Store" || n.eq_ignore_ascii_case("Thumbs.db"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The limits hold on the bytes actually read, whatever a zip header declares.
    #[test]
    fn limited_counts_real_bytes() {
        let data = [b'x'; 100];
        let used = Cell::new(0);
        let mut r = Limited::new(&data[..], 100, &used, 1000);
        let mut out = Vec::new();
        assert_eq!(r.read_to_end(&mut out).unwrap(), 100, "exactly at the limit is fine");

        let used = Cell::new(0);
        let mut r = Limited::new(&data[..], 99, &used, 1000);
        let e = r.read_to_end(&mut Vec::new()).unwrap_err();
        assert_eq!(
            Stop::from_io(&e),
            Some(&Stop::TooLarge {
                limit: 99,
                total: false
            })
        );

        let used = Cell::new(950);
        let mut r = Limited::new(&data[..], 1000, &used, 1000);
        let e = r.read_to_end(&mut Vec::new()).unwrap_err();
        assert_eq!(
            Stop::from_io(&e),
            Some(&Stop::TooLarge {
                limit: 1000,
                total: true
            })
        );
    }

    #[test]
    fn unsafe_paths() {
        for p in [
            "/a.csv",
            "\\a.csv",
            "../a.csv",
            "a/../../b",
            "a\\..\\b",
            "C:/x.csv",
            "c:x.csv",
            "a\0b",
        ] {
            assert!(unsafe_path(p).is_some(), "{p}");
        }
        for p in ["a.csv", "dir/a.csv", "./a.csv", "a..b.csv", "..a.csv"] {
            assert!(unsafe_path(p).is_none(), "{p}");
        }
    }
}
