//! The corpus: which files are sheets, how they are read, and the [`Document`] every
//! later stage works on.
//!
//! [`scan`] walks a directory (nested folders, hidden entries skipped, symlink loops
//! cut, sorted by path) and lists the `.txt` and `.md` sheets without reading them;
//! [`Document::load`] reads and decodes one sheet (UTF-8 with or without BOM, UTF-16
//! with BOM) and normalises it. The optional `manifest.toml` at the corpus root gives
//! titles and stated document dates; it is never read as a sheet.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::error::{Error, Result};
use crate::normalize::{Normalized, normalize};
use crate::span::{Location, Span};

/// The file name of the provenance manifest at the corpus root.
pub const MANIFEST_FILE: &str = "manifest.toml";

/// Spacing of the character-count checkpoints used to compute columns.
const CHAR_MARK_BYTES: usize = 1024;

/// Largest sheet concord reads, in bytes (offsets are kept as `u32`).
pub const MAX_SHEET_BYTES: u64 = u32::MAX as u64 - 1;

/// A sheet's identity: its path relative to the corpus root, with `/` separators.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DocId(pub String);

impl DocId {
    /// The path as a string.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for DocId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A sheet found by [`scan`], not yet read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetFile {
    /// Corpus-relative identity.
    pub id: DocId,
    /// Path on disk.
    pub path: PathBuf,
}

/// One entry of the provenance manifest.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestEntry {
    /// Corpus-relative path of the sheet.
    pub file: String,
    /// Human title.
    #[serde(default)]
    pub title: Option<String>,
    /// File name the sheet had where it came from.
    #[serde(default)]
    pub original: Option<String>,
    /// The document date the sheet states (TIMEX3-style value).
    #[serde(default)]
    pub date: Option<Date>,
    /// Where the date comes from, or why there is none.
    #[serde(default)]
    pub date_note: Option<String>,
    /// SHA-256 of the file as received.
    #[serde(default)]
    pub sha256: Option<String>,
}

/// The provenance manifest: titles and stated dates by corpus-relative path.
#[derive(Debug, Clone, Default)]
pub struct Manifest {
    entries: BTreeMap<String, ManifestEntry>,
    /// Register overrides from `concord.toml` (`[dates] register`), glob → register, in order.
    registers: Vec<(String, globset::GlobMatcher, crate::extract::Register)>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ManifestFile {
    #[serde(default)]
    sheet: Vec<ManifestEntry>,
}

impl Manifest {
    /// Reads `manifest.toml` from the corpus root; an absent manifest is empty.
    ///
    /// # Errors
    /// A manifest that exists but cannot be read or parsed.
    pub fn load(corpus: &Path) -> Result<Manifest> {
        let path = corpus.join(MANIFEST_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Manifest::default()),
            Err(source) => return Err(Error::Read { path, source }),
        };
        let parsed: ManifestFile = toml::from_str(&text).map_err(|e| Error::Parse {
            path: path.clone(),
            message: "invalid manifest".into(),
            source: Some(Box::new(e)),
        })?;
        let entries = parsed.sheet.into_iter().map(|e| (e.file.clone(), e)).collect();
        Ok(Manifest { entries, registers: Vec::new() })
    }

    /// Adds register overrides: corpus-relative path glob → register (the first match wins).
    ///
    /// # Errors
    /// A glob that does not parse (the message names it).
    pub fn with_registers(
        mut self,
        overrides: &BTreeMap<String, crate::extract::Register>,
    ) -> std::result::Result<Manifest, String> {
        for (glob, register) in overrides {
            let m = globset::Glob::new(glob).map_err(|e| format!("dates.register: bad glob {glob:?}: {e}"))?;
            self.registers.push((glob.clone(), m.compile_matcher(), *register));
        }
        Ok(self)
    }

    /// The register `concord.toml` sets for a sheet, if any.
    pub fn register_for(&self, id: &DocId) -> Option<crate::extract::Register> {
        self.registers.iter().find(|(_, m, _)| m.is_match(id.as_str())).map(|(_, _, r)| *r)
    }

    /// A stable description of the register overrides: the index re-reads every sheet when
    /// it changes.
    pub fn registers_fingerprint(&self) -> String {
        self.registers.iter().map(|(g, _, r)| format!("{g}={r};")).collect()
    }

    /// The entry for a sheet, if the manifest has one.
    pub fn get(&self, id: &DocId) -> Option<&ManifestEntry> {
        self.entries.get(id.as_str())
    }
}

/// Lists the sheets under `root`, sorted by [`DocId`].
///
/// Folders are descended; entries whose name starts with `.` are skipped, as are
/// files other than `.txt` and `.md`. A directory reached twice (a symlink loop) is
/// read once. Problems with single entries are returned beside the list so that the
/// rest of the corpus is still processed.
///
/// # Errors
/// `root` is missing or not a directory.
pub fn scan(root: &Path) -> Result<(Vec<SheetFile>, Vec<Error>)> {
    let (sheets, problems) = scan_stamped(root)?;
    Ok((sheets.into_iter().map(|(f, _)| f).collect(), problems))
}

/// Size and modification time of a file when it was listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStamp {
    /// Size in bytes.
    pub size: u64,
    /// Modification time in nanoseconds since the epoch (0 when unknown).
    pub mtime: u64,
}

impl FileStamp {
    /// The stamp of a file's metadata.
    pub fn of(meta: &std::fs::Metadata) -> FileStamp {
        let mtime = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX));
        FileStamp { size: meta.len(), mtime }
    }
}

/// Sheets with their stamps, and the problems met while listing them.
pub type StampedScan = (Vec<(SheetFile, FileStamp)>, Vec<Error>);

/// [`scan`], with each sheet's size and mtime from the listing itself, so that deciding
/// what changed costs no second `stat` per file.
///
/// # Errors
/// `root` is missing or not a directory.
pub fn scan_stamped(root: &Path) -> Result<StampedScan> {
    use rayon::prelude::*;
    let meta = std::fs::metadata(root).map_err(|_| Error::CorpusNotDir { path: root.to_path_buf() })?;
    if !meta.is_dir() {
        return Err(Error::CorpusNotDir { path: root.to_path_buf() });
    }
    // Listing first (directories are few), then one `stat` per sheet on every core: the
    // stats are most of the cost at 200,000 sheets. What each entry is comes from the
    // directory listing itself (`d_type`) where the file system gives it, so a folder or
    // a file that is not a sheet costs no `stat`; symlinks are followed as before.
    let mut listed: Vec<Listed> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        match std::fs::canonicalize(&dir) {
            Ok(c) => {
                if !seen.insert(c) {
                    continue;
                }
            }
            Err(source) => {
                listed.push(Listed::Problem(Error::Read { path: dir, source }));
                continue;
            }
        }
        let entries = match std::fs::read_dir(&dir) {
            Ok(e) => e,
            Err(source) => {
                listed.push(Listed::Problem(Error::Read { path: dir, source }));
                continue;
            }
        };
        for entry in entries {
            let entry = match entry {
                Ok(e) => e,
                Err(source) => {
                    listed.push(Listed::Problem(Error::Read { path: dir.clone(), source }));
                    continue;
                }
            };
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with('.') {
                continue;
            }
            let path = entry.path();
            let kind = entry.file_type().ok().filter(|t| !t.is_symlink());
            match kind {
                Some(t) if t.is_dir() => stack.push(path),
                Some(t) if t.is_file() => {
                    if !is_sheet_name(&name) {
                        continue;
                    }
                    let Ok(rel) = path.strip_prefix(root) else { continue };
                    let id = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
                    if dir == root && id == MANIFEST_FILE {
                        continue;
                    }
                    listed.push(Listed::Sheet(SheetFile { id: DocId(id), path }));
                }
                // Another kind of file (a socket, a fifo) is not a sheet.
                Some(_) => {}
                // A symlink, or a file system that does not say: `stat` decides, following
                // the link (a dangling one is reported).
                None => match std::fs::metadata(&path) {
                    Ok(meta) if meta.is_dir() => stack.push(path),
                    Ok(meta) if meta.is_file() && is_sheet_name(&name) => {
                        let Ok(rel) = path.strip_prefix(root) else { continue };
                        let id =
                            rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
                        if dir == root && id == MANIFEST_FILE {
                            continue;
                        }
                        listed.push(Listed::Sheet(SheetFile { id: DocId(id), path }));
                    }
                    Ok(_) => {}
                    Err(source) => listed.push(Listed::Problem(Error::Read { path, source })),
                },
            }
        }
    }
    // The stats, in parallel, in listing order (so problems keep their order).
    let stamped: Vec<std::result::Result<(SheetFile, FileStamp), Error>> = listed
        .into_par_iter()
        .with_min_len(256)
        .filter_map(|l| match l {
            Listed::Sheet(f) => match std::fs::metadata(&f.path) {
                Ok(meta) if meta.is_file() => Some(Ok((f, FileStamp::of(&meta)))),
                // Replaced by a folder since it was listed: not a sheet now.
                Ok(_) => None,
                Err(source) => Some(Err(Error::Read { path: f.path, source })),
            },
            Listed::Problem(e) => Some(Err(e)),
        })
        .collect();
    let mut sheets = Vec::with_capacity(stamped.len());
    let mut problems = Vec::new();
    for r in stamped {
        match r {
            Ok(s) => sheets.push(s),
            Err(e) => problems.push(e),
        }
    }
    sheets.par_sort_unstable_by(|a, b| a.0.id.cmp(&b.0.id));
    Ok((sheets, problems))
}

/// One entry of the directory walk, before its `stat`.
enum Listed {
    Sheet(SheetFile),
    Problem(Error),
}

fn is_sheet_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".txt") || lower.ends_with(".md") || lower.ends_with(".markdown")
}

/// Decodes a sheet's bytes: UTF-8 (BOM allowed, kept as the first character) or UTF-16 with a BOM.
///
/// # Errors
/// [`Error::InvalidUtf8`] with the byte offset, or [`Error::Binary`] for NUL bytes.
pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<String> {
    if bytes.len() >= 2 && (bytes[..2] == [0xFF, 0xFE] || bytes[..2] == [0xFE, 0xFF]) {
        let little = bytes[0] == 0xFF;
        let units: Vec<u16> = bytes[2..]
            .chunks(2)
            .map(|c| {
                let pair = [c[0], c.get(1).copied().unwrap_or(0)];
                if little { u16::from_le_bytes(pair) } else { u16::from_be_bytes(pair) }
            })
            .collect();
        return String::from_utf16(&units).map_err(|_| Error::InvalidUtf8 {
            path: path.to_path_buf(),
            line: 1,
            offset: 0,
        });
    }
    if let Some(offset) = memchr_nul(&bytes) {
        return Err(Error::Binary { path: path.to_path_buf(), line: line_at(&bytes, offset), offset });
    }
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        Error::InvalidUtf8 { path: path.to_path_buf(), line: line_at(e.as_bytes(), offset), offset }
    })
}

/// The 1-based line of byte `offset`.
fn line_at(bytes: &[u8], offset: usize) -> u32 {
    let newlines = bytes.get(..offset).unwrap_or(bytes).iter().filter(|&&b| b == b'\n').count();
    u32::try_from(newlines + 1).unwrap_or(u32::MAX)
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == 0)
}

/// Where a mention stands in the original file, and its text there: a [`Location`] with
/// the exact original characters, kept so listings need not re-read the sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Site {
    /// 1-based line.
    pub line: u32,
    /// 1-based column in characters.
    pub column: u32,
    /// The exact original text.
    pub text: String,
}

impl Site {
    /// The site of a span of `doc`'s normalised text.
    pub fn of(doc: &Document, span: Span) -> Site {
        let loc = doc.location(span.start);
        Site { line: loc.line, column: loc.column, text: doc.original_slice(span).to_string() }
    }
}

/// One sheet, read and normalised.
#[derive(Debug, Clone)]
pub struct Document {
    /// Corpus-relative identity.
    pub id: DocId,
    /// Title from the manifest, else the first line of text, else the file name.
    pub title: String,
    /// The decoded original text, exactly as in the file.
    pub original: String,
    /// Normalised text with its origin map.
    pub normalized: Normalized,
    /// Start byte of every line of `original`.
    line_starts: Vec<usize>,
    /// `(byte offset, characters before it)` about every [`CHAR_MARK_BYTES`] bytes of
    /// `original`, so a column is found in bounded time even on a 50 MB line.
    char_marks: Vec<(usize, usize)>,
    /// The document date stated in the manifest or given on the command line.
    pub stated_date: Option<Date>,
    /// The register set by configuration or flag; `None` lets the date extractor decide.
    pub register: Option<crate::extract::Register>,
}

impl Document {
    /// Builds a document from text already in memory (tests, stdin, benchmarks).
    pub fn from_text(id: &str, original: &str) -> Document {
        let normalized = normalize(original);
        let line_starts = std::iter::once(0).chain(original.match_indices('\n').map(|(i, _)| i + 1)).collect();
        let mut char_marks = vec![(0, 0)];
        let mut next_mark = CHAR_MARK_BYTES;
        for (chars, (i, _)) in original.char_indices().enumerate() {
            if i >= next_mark {
                char_marks.push((i, chars));
                next_mark = i + CHAR_MARK_BYTES;
            }
        }
        let mut doc = Document {
            id: DocId(id.to_string()),
            title: String::new(),
            original: original.to_string(),
            normalized,
            line_starts,
            char_marks,
            stated_date: None,
            register: None,
        };
        doc.title = doc.first_line_title().unwrap_or_else(|| id.rsplit('/').next().unwrap_or(id).to_string());
        doc
    }

    /// Reads, decodes and normalises one sheet; manifest title and date are applied.
    ///
    /// # Errors
    /// The file cannot be read, is too large, binary, or not valid text.
    pub fn load(sheet: &SheetFile, manifest: &Manifest) -> Result<Document> {
        Document::load_hashed(sheet, manifest).map(|(doc, _)| doc)
    }

    /// [`Document::load`], also giving the blake3 hash of the file's bytes (the index's
    /// content identity). Every sheet concord reads comes through here, so the size limit
    /// and the decoding rules hold on every path.
    ///
    /// # Errors
    /// The file cannot be read, is too large, binary, or not valid text.
    pub fn load_hashed(sheet: &SheetFile, manifest: &Manifest) -> Result<(Document, blake3::Hash)> {
        let bytes = read_bounded(&sheet.path)?;
        let hash = blake3::hash(&bytes);
        let text = decode(&sheet.path, bytes)?;
        let mut doc = Document::from_text(sheet.id.as_str(), &text);
        if let Some(entry) = manifest.get(&sheet.id) {
            if let Some(title) = &entry.title {
                doc.title.clone_from(title);
            }
            doc.stated_date = entry.date;
        }
        doc.register = manifest.register_for(&sheet.id);
        Ok((doc, hash))
    }

    /// The normalised text every extractor reads.
    pub fn text(&self) -> &str {
        &self.normalized.text
    }

    /// The original line and column of a byte offset into the normalised text.
    pub fn location(&self, offset: usize) -> Location {
        let origin = self.normalized.origin.get(offset).or(self.normalized.origin.last()).copied().unwrap_or(0);
        self.original_location(origin as usize)
    }

    /// The line and column of a byte offset into the original text.
    pub fn original_location(&self, offset: usize) -> Location {
        let offset = offset.min(self.original.len());
        let line_idx = self.line_starts.partition_point(|&s| s <= offset).saturating_sub(1);
        let line_start = self.line_starts.get(line_idx).copied().unwrap_or(0);
        let column = self.chars_before(offset).saturating_sub(self.chars_before(line_start));
        Location {
            line: u32::try_from(line_idx + 1).unwrap_or(u32::MAX),
            column: u32::try_from(column + 1).unwrap_or(u32::MAX),
        }
    }

    /// Number of characters of `original` before byte `offset` (a char boundary).
    fn chars_before(&self, offset: usize) -> usize {
        let k = self.char_marks.partition_point(|&(b, _)| b <= offset).saturating_sub(1);
        let (byte, chars) = self.char_marks.get(k).copied().unwrap_or((0, 0));
        chars + self.original.get(byte..offset).map_or(0, |s| s.chars().count())
    }

    /// The original text a normalised span came from.
    pub fn original_slice(&self, span: Span) -> &str {
        let o = &self.normalized.origin;
        let start = o.get(span.start).copied().unwrap_or(0) as usize;
        // End: the origin of the last byte in the span, extended to its char's end.
        let end = if span.end > span.start {
            let last = o.get(span.end - 1).copied().unwrap_or(0) as usize;
            let ch_len = self.original.get(last..).and_then(|s| s.chars().next()).map_or(0, char::len_utf8);
            last + ch_len
        } else {
            start
        };
        self.original.get(start..end.max(start)).unwrap_or("")
    }

    /// Paragraphs of the normalised text: runs of non-blank lines.
    pub fn paragraphs(&self) -> Vec<Span> {
        paragraphs(self.text())
    }

    fn first_line_title(&self) -> Option<String> {
        let line = self.text().lines().map(str::trim).find(|l| !l.is_empty())?;
        let mut title: String = line.chars().take(100).collect();
        if title.len() < line.len() {
            title.push('…');
        }
        Some(title)
    }
}

/// Passages of `text`: runs of non-blank lines, further cut after a line that ends a
/// sentence (`.`, `!`, `?`, `:` possibly followed by a closing quote or bracket) or that
/// looks like a heading (short, capitalised, no final punctuation, followed by a
/// capitalised line). Hard-wrapped prose stays one passage; one-paragraph-per-line
/// sheets get one passage per line.
pub fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut pos = 0;
    let mut lines = text.split_inclusive('\n').peekable();
    while let Some(line) = lines.next() {
        if line.trim().is_empty() {
            if let Some(s) = start.take() {
                out.push(Span::new(s, trim_end_at(text, pos)));
            }
        } else {
            if start.is_none() {
                start = Some(pos + (line.len() - line.trim_start().len()));
            }
            let next = lines.peek().map_or("", |l| l.trim());
            if !next.is_empty()
                && ends_passage(line.trim(), next)
                && let Some(s) = start.take()
            {
                out.push(Span::new(s, trim_end_at(text, pos + line.len())));
            }
        }
        pos += line.len();
    }
    if let Some(s) = start {
        out.push(Span::new(s, trim_end_at(text, pos)));
    }
    out
}

/// Whether a passage ends after `line` (trimmed) when `next` (trimmed, non-empty) follows.
fn ends_passage(line: &str, next: &str) -> bool {
    let core = line.trim_end_matches(['"', '\'', ')', ']', '*']);
    if core.ends_with(['.', '!', '?', ':']) {
        return true;
    }
    let capital = |s: &str| s.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    line.chars().count() < 80 && !core.ends_with([',', ';', '-']) && capital(line) && capital(next)
}

fn trim_end_at(text: &str, end: usize) -> usize {
    text[..end].trim_end().len()
}

fn read_bounded(path: &Path) -> Result<Vec<u8>> {
    let meta = std::fs::metadata(path).map_err(|source| Error::Read { path: path.to_path_buf(), source })?;
    if meta.len() > MAX_SHEET_BYTES {
        return Err(Error::Parse {
            path: path.to_path_buf(),
            message: format!("file is {} bytes; concord reads sheets up to {} bytes", meta.len(), MAX_SHEET_BYTES),
            source: None,
        });
    }
    std::fs::read(path).map_err(|source| Error::Read { path: path.to_path_buf(), source })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_are_original_line_and_char_column() {
        let doc = Document::from_text("a.txt", "first line\r\n## “Quoted” 1997\nthird");
        let text = doc.text();
        let at = text.find("1997").unwrap();
        assert_eq!(doc.location(at), Location { line: 2, column: 13 });
        assert_eq!(doc.original_slice(Span::new(at, at + 4)), "1997");
        let q = text.find("\"Quoted").unwrap();
        assert_eq!(doc.original_slice(Span::new(q, q + 8)), "“Quoted”");
        assert_eq!(doc.location(text.find("third").unwrap()), Location { line: 3, column: 1 });
    }

    #[test]
    fn columns_count_characters_on_long_lines() {
        let line = "é".repeat(3000) + "x";
        let doc = Document::from_text("a.txt", &format!("first\n{line}"));
        let at = doc.text().find('x').unwrap();
        assert_eq!(doc.location(at), Location { line: 2, column: 3001 });
        assert_eq!(doc.location(0), Location { line: 1, column: 1 });
        assert_eq!(doc.location(doc.text().len()), Location { line: 2, column: 3002 });
    }

    #[test]
    fn paragraphs_split_on_blank_lines() {
        let p = paragraphs("a\nb\n\n  c\n\n\n");
        assert_eq!(p, vec![Span::new(0, 3), Span::new(7, 8)]);
        let text = "Title line\nFirst paragraph ends here.\nSecond one, wrapped\nacross two lines.\n";
        let got: Vec<&str> = paragraphs(text).iter().map(|s| &text[s.start..s.end]).collect();
        assert_eq!(got, ["Title line", "First paragraph ends here.", "Second one, wrapped\nacross two lines."]);
    }

    #[test]
    fn decode_reports_offsets() {
        let e = decode(Path::new("x.txt"), b"ok\xffbad".to_vec()).unwrap_err();
        assert!(matches!(e, Error::InvalidUtf8 { offset: 2, line: 1, .. }), "{e}");
        let e = decode(Path::new("x.txt"), b"one\ntwo\nok\xffbad".to_vec()).unwrap_err();
        assert!(matches!(e, Error::InvalidUtf8 { offset: 10, line: 3, .. }), "{e}");
        assert_eq!(e.to_string(), "x.txt:3: invalid UTF-8 at byte offset 10");
        let e = decode(Path::new("x.txt"), b"ok\0bad".to_vec()).unwrap_err();
        assert!(matches!(e, Error::Binary { offset: 2, line: 1, .. }));
        let e = decode(Path::new("x.txt"), b"a\n\nb\0".to_vec()).unwrap_err();
        assert!(matches!(e, Error::Binary { offset: 4, line: 3, .. }), "{e}");
        let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain("hé".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        assert_eq!(decode(Path::new("x.txt"), utf16).unwrap(), "hé");
        assert_eq!(decode(Path::new("x.txt"), "\u{FEFF}bom".as_bytes().to_vec()).unwrap(), "\u{FEFF}bom");
    }

    #[test]
    fn title_is_first_non_empty_line() {
        let d = Document::from_text("dir/x.md", "\n\n## The background\n\ntext");
        assert_eq!(d.title, "The background");
        assert_eq!(Document::from_text("dir/x.md", "").title, "x.md");
    }
}
