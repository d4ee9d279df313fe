//! `view.bin`: what the corpus-wide view needs of every sheet (title, body names with
//! their counts, claims), kept beside the tantivy index so that `check`, `report`,
//! `search --body` and the listings read one compact file instead of decompressing and
//! parsing every stored record.
//!
//! The file is a cache, never the truth. It opens with a magic line and a header naming
//! the concord build and the number of entries; each entry is one sheet with the write
//! stamp of the sheet document it was taken from. Entries are stored in blocks of
//! [`CHUNK`]: each block is two length-prefixed zstd frames, the sheets (id, title, name
//! counts) and their claims, each holding one length-prefixed postcard section per entry,
//! so a reader that needs no claims skips them without decompressing them. (Compressed
//! per block, the file is about a sixth of its plain size: the claims of neighbouring
//! sheets repeat the same subjects, events and sheet names.) A blake3 hash of everything
//! before it closes the file, so a flipped byte that would still decode is caught too.
//! [`read`] returns nothing for a missing,
//! foreign, truncated or corrupt file, and the caller uses an entry only when the index
//! holds that sheet with that very stamp (every write of a sheet gets a new one). The
//! file is streamed to a temporary name and renamed (`atomic::write_cache_with`, not
//! synced: a file garbled by a power loss fails its trailer and is rebuilt), so a process killed while writing
//! leaves the previous file (or none), never half of one; neither reading nor writing
//! holds the whole file in memory.

use std::io::{BufRead as _, BufReader, Read as _, Write};
use std::path::Path;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::{INDEX_VERSION, SOURCE_ID, SheetSummary};
use crate::atomic::write_cache_with;
use crate::extract::Claim;

/// File name in the index directory.
pub(super) const FILE: &str = "view.bin";

/// The file's first bytes.
const MAGIC: &[u8] = b"concord view cache 2\n";

/// Entries per block: each block is compressed, encoded or decoded as one parallel task.
const CHUNK: usize = 256;
/// zstd level of the blocks and of the keyed files.
const ZSTD_LEVEL: i32 = 3;
/// Entries in flight between the file and the decoder (or encoder): bounds memory.
const WINDOW: usize = 16 * CHUNK;
/// Largest section accepted: a longer length prefix means a corrupt file.
const MAX_SECTION: u32 = 1 << 30;

/// The header after the magic bytes.
#[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
struct Header {
    concord_view: u32,
    source: String,
    entries: u64,
}

impl Header {
    fn current(entries: usize) -> Header {
        Header { concord_view: INDEX_VERSION, source: SOURCE_ID.to_string(), entries: entries as u64 }
    }
}

/// One sheet as cached.
#[derive(Debug)]
pub(super) struct Entry {
    /// Write stamp of the sheet document this entry was taken from.
    pub written: u64,
    /// The sheet.
    pub sheet: SheetSummary,
    /// Its claims, subjects as written; `None` when they were not asked for.
    pub claims: Option<Vec<Claim>>,
}

/// The same, borrowed, for writing.
pub(super) struct EntryRef<'a> {
    pub written: u64,
    pub sheet: &'a SheetSummary,
    pub claims: &'a [Claim],
}

/// One block as read: how many entries it holds, its sheets frame and (when asked for)
/// its claims frame, both still compressed.
type Block = (usize, Vec<u8>, Option<Vec<u8>>);

/// The cached entries in file order (sorted by sheet id), with their claims when
/// `with_claims`; `None` when the file is missing or cannot be trusted as a whole
/// (another build, truncated, not decodable).
pub(super) fn read(dir: &Path, with_claims: bool) -> Option<Vec<Entry>> {
    let file = std::fs::File::open(dir.join(FILE)).ok()?;
    let mut r = Hashing { inner: BufReader::with_capacity(1 << 20, file), hasher: blake3::Hasher::new() };
    let mut magic = vec![0u8; MAGIC.len()];
    r.read_exact(&mut magic).ok()?;
    if magic != MAGIC {
        return None;
    }
    let header: Header = postcard::from_bytes(&section(&mut r)?).ok()?;
    if header != Header::current(usize::try_from(header.entries).ok()?) {
        return None;
    }
    let total = usize::try_from(header.entries).ok()?;
    let mut out: Vec<Entry> = Vec::with_capacity(total);
    let mut raw: Vec<Block> = Vec::with_capacity(WINDOW / CHUNK);
    let mut left = total;
    while left > 0 {
        let n = left.min(CHUNK);
        let heads = section(&mut r)?;
        let claims = if with_claims {
            Some(section(&mut r)?)
        } else {
            skip_section(&mut r)?;
            None
        };
        raw.push((n, heads, claims));
        left -= n;
        if raw.len() == WINDOW / CHUNK || left == 0 {
            out.extend(decode(&raw)?);
            raw.clear();
        }
    }
    let Hashing { inner: mut r, hasher } = r;
    let mut trailer = [0u8; 32];
    r.read_exact(&mut trailer).ok()?;
    // Nothing may follow the hash, and the hash must be that of all before it.
    if !r.fill_buf().ok()?.is_empty() || trailer != *hasher.finalize().as_bytes() {
        return None;
    }
    Some(out)
}

fn decode(raw: &[Block]) -> Option<Vec<Entry>> {
    raw.par_iter()
        .map(|(n, heads, claims)| {
            let heads = zstd::decode_all(heads.as_slice()).ok()?;
            let heads = sections(&heads, *n)?;
            let claims = match claims {
                Some(frame) => Some(zstd::decode_all(frame.as_slice()).ok()?),
                None => None,
            };
            let claims = match &claims {
                Some(bytes) => sections(bytes, *n)?.into_iter().map(Some).collect(),
                None => vec![None; *n],
            };
            heads
                .into_iter()
                .zip(claims)
                .map(|(head, claims)| {
                    let (written, sheet): (u64, SheetSummary) = postcard::from_bytes(head).ok()?;
                    let claims = match claims {
                        Some(bytes) => Some(postcard::from_bytes::<Vec<Claim>>(bytes).ok()?),
                        None => None,
                    };
                    Some(Entry { written, sheet, claims })
                })
                .collect::<Option<Vec<Entry>>>()
        })
        .collect::<Option<Vec<Vec<Entry>>>>()
        .map(|v| v.into_iter().flatten().collect())
}

/// The `n` length-prefixed sections that make up `bytes` exactly; `None` when they do not.
fn sections(mut bytes: &[u8], n: usize) -> Option<Vec<&[u8]>> {
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let (len, rest) = bytes.split_first_chunk::<4>()?;
        let len = u32::from_le_bytes(*len);
        if len > MAX_SECTION {
            return None;
        }
        let (section, rest) = rest.split_at_checked(len as usize)?;
        out.push(section);
        bytes = rest;
    }
    bytes.is_empty().then_some(out)
}

fn section_len(r: &mut impl std::io::Read) -> Option<u32> {
    let mut len = [0u8; 4];
    r.read_exact(&mut len).ok()?;
    let len = u32::from_le_bytes(len);
    (len <= MAX_SECTION).then_some(len)
}

fn section(r: &mut impl std::io::Read) -> Option<Vec<u8>> {
    let len = section_len(r)?;
    let mut buf = Vec::new();
    r.take(u64::from(len)).read_to_end(&mut buf).ok()?;
    (buf.len() == len as usize).then_some(buf)
}

/// Hashes what passes through it.
struct Hashing<T> {
    inner: T,
    hasher: blake3::Hasher,
}

impl<T: std::io::Read> std::io::Read for Hashing<T> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(buf.get(..n).unwrap_or_default());
        Ok(n)
    }
}

impl<T: Write> Write for Hashing<T> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(buf.get(..n).unwrap_or_default());
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

fn skip_section(r: &mut impl std::io::Read) -> Option<()> {
    let len = section_len(r)?;
    let copied = std::io::copy(&mut r.take(u64::from(len)), &mut std::io::sink()).ok()?;
    (copied == u64::from(len)).then_some(())
}

fn put_section(out: &mut Vec<u8>, bytes: &[u8]) -> postcard::Result<()> {
    let len =
        u32::try_from(bytes.len()).ok().filter(|&l| l <= MAX_SECTION).ok_or(postcard::Error::SerializeBufferFull)?;
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(bytes);
    Ok(())
}

/// One block: the entries' sheets and their claims, each a zstd frame of sections.
fn encode(chunk: &[EntryRef<'_>]) -> std::io::Result<Vec<u8>> {
    let other = std::io::Error::other;
    let mut heads = Vec::new();
    let mut claims = Vec::new();
    for e in chunk {
        put_section(&mut heads, &postcard::to_stdvec(&(e.written, e.sheet)).map_err(other)?).map_err(other)?;
        put_section(&mut claims, &postcard::to_stdvec(e.claims).map_err(other)?).map_err(other)?;
    }
    let mut buf = Vec::new();
    put_section(&mut buf, &zstd::bulk::compress(&heads, ZSTD_LEVEL)?).map_err(other)?;
    put_section(&mut buf, &zstd::bulk::compress(&claims, ZSTD_LEVEL)?).map_err(other)?;
    Ok(buf)
}

/// Replaces the file with `entries` (streamed to a temporary file, then renamed).
///
/// # Errors
/// The file cannot be written; the previous one, if any, is then left as it was.
pub(super) fn write(dir: &Path, entries: &[EntryRef<'_>]) -> crate::Result<()> {
    remove_leftovers(dir);
    write_cache_with(&dir.join(FILE), |w| {
        let mut file = Hashing { inner: w, hasher: blake3::Hasher::new() };
        file.write_all(MAGIC)?;
        let mut header = Vec::new();
        put_section(&mut header, &postcard::to_stdvec(&Header::current(entries.len())).map_err(std::io::Error::other)?)
            .map_err(std::io::Error::other)?;
        file.write_all(&header)?;
        for window in entries.chunks(WINDOW) {
            let bufs: Vec<Vec<u8>> = window.par_chunks(CHUNK).map(encode).collect::<std::io::Result<_>>()?;
            for b in &bufs {
                file.write_all(b)?;
            }
        }
        let Hashing { inner: file, hasher } = file;
        file.write_all(hasher.finalize().as_bytes())
    })
}

/// Temporary files of killed runs (`write_cache_with` names them `.<file>.<pid>.<n>.tmp`),
/// and the cache file of earlier versions. Only the
/// lock holder writes, so none is in use.
fn remove_leftovers(dir: &Path) {
    let _ = std::fs::remove_file(dir.join("view.ndjson"));
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') && (name.contains(".view.") || name.contains(".registry.")) && name.ends_with(".tmp") {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// The first bytes of a keyed cache file: then the key, the value (postcard, one zstd
/// frame) and a blake3 hash of key and value.
const KEYED_MAGIC: &[u8] = b"concord keyed cache 2\n";

/// Reads a value written by [`write_keyed`] under the same `key`; `None` when the file
/// is missing, was written under another key or by another build, or is damaged.
pub(super) fn read_keyed<T: serde::de::DeserializeOwned>(path: &Path, key: &[u8; 32]) -> Option<T> {
    let bytes = std::fs::read(path).ok()?;
    let body = bytes.strip_prefix(KEYED_MAGIC)?;
    let split = body.len().checked_sub(32)?;
    let (body, trailer) = body.split_at(split);
    if blake3::hash(body).as_bytes() != trailer {
        return None;
    }
    let (stored_key, value) = body.split_at_checked(32)?;
    if stored_key != keyed(key) {
        return None;
    }
    postcard::from_bytes(&zstd::decode_all(value).ok()?).ok()
}

/// Writes `value` under `key` (temporary file, then rename).
///
/// # Errors
/// The file cannot be written; the previous one, if any, is then left as it was.
pub(super) fn write_keyed<T: Serialize>(path: &Path, key: &[u8; 32], value: &T) -> crate::Result<()> {
    let failed = |source: std::io::Error| crate::Error::Write { path: path.to_path_buf(), source };
    let plain = postcard::to_stdvec(value).map_err(|e| failed(std::io::Error::other(e)))?;
    let mut body = keyed(key).to_vec();
    body.extend_from_slice(&zstd::bulk::compress(&plain, ZSTD_LEVEL).map_err(failed)?);
    drop(plain);
    let trailer = *blake3::hash(&body).as_bytes();
    write_cache_with(path, |w| {
        w.write_all(KEYED_MAGIC)?;
        w.write_all(&body)?;
        w.write_all(&trailer)
    })
}

/// The caller's key bound to this build and layout version.
fn keyed(key: &[u8; 32]) -> [u8; 32] {
    let mut h = blake3::Hasher::new();
    h.update(&INDEX_VERSION.to_le_bytes());
    h.update(SOURCE_ID.as_bytes());
    h.update(key);
    *h.finalize().as_bytes()
}
