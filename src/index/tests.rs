//! The unchanged-check reads no stored record, and the view cache is used only where it
//! is current: a missing, foreign, truncated, corrupt or stale cache is never trusted.

use std::num::NonZeroUsize;
use std::path::Path;
use std::time::Duration;

use super::*;
use crate::pipeline::{NoProgress, UpdateStats, update_index};

struct Fixture {
    dir: tempfile::TempDir,
}

impl Fixture {
    fn new(sheets: usize) -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("corpus")).unwrap();
        let f = Fixture { dir };
        for i in 0..sheets {
            f.write(i, "established");
        }
        f
    }

    /// A fixture indexed, with its view cache written; returns the view.
    fn cached(sheets: usize) -> (Fixture, Vec<(SheetSummary, Vec<Claim>)>) {
        let f = Fixture::new(sheets);
        let view = f.update().0.view_sheets(true).unwrap();
        (f, view)
    }

    fn corpus(&self) -> std::path::PathBuf {
        self.dir.path().join("corpus")
    }

    fn index_dir(&self) -> std::path::PathBuf {
        self.dir.path().join("index")
    }

    fn write(&self, i: usize, verb: &str) {
        let text = format!(
            "# Sheet {i}\n\nThe Auriga Council (AC) was {verb} on 3 March {}.\n\nThe AC met again in May 2001 \
             with the Lyra Programme.\n",
            1950 + i
        );
        std::fs::write(self.corpus().join(format!("s{i:03}.txt")), text).unwrap();
    }

    fn open(&self) -> CorpusIndex {
        CorpusIndex::open(&self.index_dir(), Duration::from_secs(5)).unwrap().0
    }

    /// Opens and updates; returns the index and the update's counts.
    fn update(&self) -> (CorpusIndex, UpdateStats) {
        let mut index = self.open();
        let (stats, problems) =
            update_index(&mut index, &self.corpus(), &Manifest::default(), None, &NoProgress).unwrap();
        assert!(problems.is_empty());
        (index, stats)
    }
}

/// The view as the full stored records give it: what the cache must reproduce.
fn from_records(index: &CorpusIndex) -> Vec<(SheetSummary, Vec<Claim>)> {
    index
        .sheets()
        .unwrap()
        .into_iter()
        .map(|r| {
            let names = NameCount::tally(&r.extraction.bodies);
            let summary = SheetSummary { id: r.id, title: r.title, names, warnings: r.extraction.warnings };
            (summary, r.extraction.claims)
        })
        .collect()
}

fn cache_file(dir: &Path) -> std::path::PathBuf {
    dir.join(view_cache::FILE)
}

#[test]
fn unchanged_update_and_view_read_no_record() {
    let f = Fixture::new(12);
    let (index, stats) = f.update();
    assert_eq!(stats.added, 12);
    let first = index.view_sheets(true).unwrap();
    assert_eq!(first.len(), 12);
    assert!(first.iter().any(|(_, claims)| !claims.is_empty()), "the fixture has claims to cache");
    drop(index);

    let (index, stats) = f.update();
    assert_eq!(stats.unchanged, 12);
    assert_eq!(index.records_read(), 0, "the unchanged-check parsed stored records");
    let again = index.view_sheets(true).unwrap();
    assert_eq!(index.records_read(), 0, "a current cache was not used");
    assert_eq!(again, first);
    assert_eq!(again, from_records(&index));
}

#[test]
fn sheet_ids_and_stamps_skip_deleted_documents() {
    let f = Fixture::new(5);
    drop(f.update());
    std::fs::remove_file(f.corpus().join("s001.txt")).unwrap();
    f.write(2, "dissolved");
    let (index, stats) = f.update();
    assert_eq!((stats.removed, stats.updated, stats.unchanged), (1, 1, 3));
    let ids: Vec<String> = index.sheet_ids().unwrap().into_iter().map(|d| d.0).collect();
    assert_eq!(ids, ["s000.txt", "s002.txt", "s003.txt", "s004.txt"]);
    assert_eq!(index.records_read(), 0);
}

#[test]
fn touched_but_identical_sheet_is_unchanged() {
    let f = Fixture::new(3);
    drop(f.update());
    let path = f.corpus().join("s001.txt");
    let bytes = std::fs::read(&path).unwrap();
    std::thread::sleep(Duration::from_millis(20));
    std::fs::write(&path, bytes).unwrap();
    let (index, stats) = f.update();
    assert_eq!((stats.unchanged, stats.updated, stats.added), (3, 0, 0));
    assert_eq!(index.records_read(), 0, "a touch is decided by the stored hash, not the record");
}

#[test]
fn changed_sheet_is_read_from_the_index_and_the_cache_refreshed() {
    let (f, _) = Fixture::cached(10);
    f.write(4, "dissolved");
    f.write(10, "founded");
    let (index, stats) = f.update();
    assert_eq!((stats.updated, stats.added), (1, 1));
    let view = index.view_sheets(true).unwrap();
    assert_eq!(index.records_read(), 2, "only the two sheets written since the cache was made");
    assert_eq!(view, from_records(&index));
    drop(index);
    let index = f.open();
    assert_eq!(index.view_sheets(true).unwrap(), view);
    assert_eq!(index.records_read(), 0, "the refreshed cache is current");
}

#[test]
fn removed_sheet_leaves_the_view() {
    let (f, _) = Fixture::cached(4);
    std::fs::remove_file(f.corpus().join("s002.txt")).unwrap();
    let (index, _) = f.update();
    let view = index.view_sheets(true).unwrap();
    assert_eq!(index.records_read(), 0);
    assert_eq!(view.len(), 3);
    assert!(view.iter().all(|(s, _)| s.id.as_str() != "s002.txt"));
    // The entry of the removed sheet is gone from the file too.
    let cached: Vec<String> =
        view_cache::read(&f.index_dir(), false).unwrap().into_iter().map(|e| e.sheet.id.0).collect();
    assert_eq!(cached, ["s000.txt", "s001.txt", "s003.txt"]);
}

/// Every way a cache can be wrong: each is ignored whole and rewritten from the records.
#[test]
fn missing_corrupt_truncated_or_foreign_cache_is_never_trusted() {
    let (f, truth) = Fixture::cached(6);
    let path = cache_file(&f.index_dir());
    let good = std::fs::read(&path).unwrap();
    let magic_and_header = good.iter().position(|&b| b == b'\n').unwrap() + 1;
    let header_len = u32::from_le_bytes(good[magic_and_header..magic_and_header + 4].try_into().unwrap()) as usize;
    let header = good[..magic_and_header + 4 + header_len].to_vec();
    let truncated = good[..good.len() - 7].to_vec();
    let trailing = [good.clone(), b"x".to_vec()].concat();
    let foreign = {
        let at = good.windows(SOURCE_ID.len()).position(|w| w == SOURCE_ID.as_bytes()).unwrap();
        let mut v = good.clone();
        v[at..at + SOURCE_ID.len()].copy_from_slice("0".repeat(SOURCE_ID.len()).as_bytes());
        v
    };
    // A section cut in the middle (the lengths still right): caught by the decoder.
    let garbled = {
        let mut v = good.clone();
        let at = header.len() + 4;
        for b in &mut v[at..at + 6] {
            *b = 0xff;
        }
        v
    };
    for (what, content) in [
        ("missing", None),
        ("empty", Some(Vec::new())),
        ("binary", Some(b"\0\x01garbage".to_vec())),
        ("the old JSON cache", Some(b"{\"concord_view\":2}\n".to_vec())),
        ("header only", Some(header)),
        ("truncated", Some(truncated)),
        ("trailing bytes", Some(trailing)),
        ("another build", Some(foreign)),
        ("garbled section", Some(garbled)),
    ] {
        match &content {
            None => std::fs::remove_file(&path).unwrap(),
            Some(c) => std::fs::write(&path, c).unwrap(),
        }
        let index = f.open();
        assert_eq!(index.view_sheets(true).unwrap(), truth, "{what}");
        assert_eq!(index.records_read(), 6, "{what}: every record read back");
        drop(index);
        let index = f.open();
        assert_eq!(index.view_sheets(true).unwrap(), truth, "{what}: rewritten");
        assert_eq!(index.records_read(), 0, "{what}: the rewritten cache is used");
    }
}

#[test]
fn entry_of_an_older_write_is_not_used() {
    let (f, _) = Fixture::cached(3);
    let old_cache = std::fs::read(cache_file(&f.index_dir())).unwrap();
    f.write(1, "dissolved");
    let (index, _) = f.update();
    let fresh = index.view_sheets(true).unwrap();
    drop(index);
    // Put back the cache made before the edit: its entry for s001 names the old write.
    std::fs::write(cache_file(&f.index_dir()), old_cache).unwrap();
    let index = f.open();
    let view = index.view_sheets(true).unwrap();
    assert_eq!(index.records_read(), 1);
    assert_eq!(view, fresh);
}

#[test]
fn leftover_temporary_files_are_removed() {
    let f = Fixture::new(2);
    let (index, _) = f.update();
    let leftover = f.index_dir().join(format!(".{}.99999.tmp", view_cache::FILE));
    std::fs::write(&leftover, "half a file").unwrap();
    index.view_sheets(true).unwrap();
    assert!(!leftover.exists());
    assert!(cache_file(&f.index_dir()).exists());
}

#[test]
fn view_without_claims_skips_them_and_agrees_with_the_full_view() {
    let f = Fixture::new(8);
    let (index, _) = f.update();
    // No cache yet: the records are read (claims too, for the cache), the claims dropped.
    let bare = index.view_sheets(false).unwrap();
    assert_eq!(index.records_read(), 8);
    assert!(bare.iter().all(|(_, claims)| claims.is_empty()));
    drop(index);
    let index = f.open();
    let full = index.view_sheets(true).unwrap();
    assert_eq!(index.records_read(), 0, "the cache written without claims asked for holds them");
    assert!(full.iter().any(|(_, claims)| !claims.is_empty()));
    let sheets = |v: &[(SheetSummary, Vec<Claim>)]| v.iter().map(|(s, _)| s.clone()).collect::<Vec<_>>();
    assert_eq!(sheets(&bare), sheets(&full));
    assert_eq!(index.view_sheets(false).unwrap().len(), 8);
    assert_eq!(index.records_read(), 0);
}

#[test]
fn keyed_cache_needs_the_same_key_and_intact_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("thing.bin");
    let value: Vec<String> = vec!["Harbour Board".into(), "HB".into()];
    let key = [7u8; 32];
    assert_eq!(view_cache::read_keyed::<Vec<String>>(&path, &key), None, "missing");
    view_cache::write_keyed(&path, &key, &value).unwrap();
    assert_eq!(view_cache::read_keyed::<Vec<String>>(&path, &key), Some(value.clone()));
    assert_eq!(view_cache::read_keyed::<Vec<String>>(&path, &[8u8; 32]), None, "another key");
    let good = std::fs::read(&path).unwrap();
    for at in [0, 25, good.len() / 2, good.len() - 1] {
        let mut bad = good.clone();
        bad[at] ^= 0x20;
        std::fs::write(&path, &bad).unwrap();
        assert_eq!(view_cache::read_keyed::<Vec<String>>(&path, &key), None, "byte {at} flipped");
    }
    std::fs::write(&path, &good[..good.len() - 3]).unwrap();
    assert_eq!(view_cache::read_keyed::<Vec<String>>(&path, &key), None, "truncated");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().map(|e| e.file_name()).collect();
    assert_eq!(leftovers.len(), 1, "no temporary file left: {leftovers:?}");
}

#[test]
fn a_released_lock_lets_another_handle_update_and_is_taken_back_to_update() {
    let f = Fixture::new(3);
    let (mut reader, _) = f.update();
    reader.release_lock();
    // Another handle (another process, for the lock) opens and commits a new sheet.
    f.write(3, "founded");
    let (other, stats) = f.update();
    assert_eq!(stats.added, 1);
    drop(other);
    // The first handle's update reloads before planning: nothing is left to write, and
    // the sheet is not indexed twice.
    let (stats, _) = update_index(&mut reader, &f.corpus(), &Manifest::default(), None, &NoProgress).unwrap();
    assert_eq!((stats.added, stats.updated, stats.unchanged, stats.passages), (0, 0, 4, 0));
    assert_eq!(reader.sheet_ids().unwrap().len(), 4);
    let opts = SearchOptions {
        limit: NonZeroUsize::new(50).unwrap(),
        doc_globs: vec!["s003.txt".into()],
        body_names: Vec::new(),
        from: None,
        to: None,
    };
    assert_eq!(reader.search("founded", &opts).unwrap().len(), 1);
    // Its own update of an edit takes the lock and lets it go again.
    f.write(1, "dissolved");
    let (stats, _) = update_index(&mut reader, &f.corpus(), &Manifest::default(), None, &NoProgress).unwrap();
    assert_eq!(stats.updated, 1);
    let (_, stats) = f.update();
    assert_eq!(stats.unchanged, 4, "the lock was free again and the index current");
}
