//! Ingestion, the index and search, driven through the binary.

use crate::util::*;

fn line_of(file: &std::path::Path, line: u64) -> String {
    let text = std::fs::read_to_string(file).expect("read");
    text.lines().nth(usize::try_from(line).unwrap() - 1).unwrap_or("").to_string()
}

#[test]
fn index_summary_counts_added_updated_removed_unchanged() {
    let w = Work::new();
    w.write("a.txt", "The Alpha Council met in 1990.\n").write("sub/b.md", "# Beta\n\nBeta text of 1991.\n");
    let out = w.cmd(&["index"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert!(stdout_of(&out).contains("2 added, 0 updated, 0 removed, 0 unchanged"), "{}", stdout_of(&out));

    let out = w.cmd(&["index"]).output().unwrap();
    assert!(stdout_of(&out).contains("0 added, 0 updated, 0 removed, 2 unchanged"), "{}", stdout_of(&out));

    w.write("a.txt", "The Alpha Council met in 1992, changed.\n");
    w.remove("sub/b.md");
    w.write("c.txt", "Gamma.\n");
    let out = w.cmd(&["index"]).output().unwrap();
    assert!(stdout_of(&out).contains("1 added, 1 updated, 1 removed, 0 unchanged"), "{}", stdout_of(&out));

    // Search sees the change: the old text is gone, the removed sheet is gone.
    let out = w.cmd(&["search", "1990", "--format", "json"]).output().unwrap();
    assert!(json_lines(&out.stdout).is_empty());
    let out = w.cmd(&["search", "beta", "--format", "json"]).output().unwrap();
    assert!(json_lines(&out.stdout).is_empty());
    let out = w.cmd(&["search", "changed", "--format", "json"]).output().unwrap();
    assert_eq!(json_lines(&out.stdout)[0]["doc"], "a.txt");
}

#[test]
fn search_reports_original_lines_through_markup_and_crlf() {
    let w = Work::new();
    w.write(
        "notes/sheet.md",
        "\u{feff}## Heading\r\n\r\nIntro **bold** [link text](http://example.org/x_1).\r\n\r\n\u{2022} The Zephyr Council\u{2019}s \u{201c}first\u{201d} session\r\nwas held in 1994.\r\n",
    );
    w.write("hidden/.secret.txt", "zephyr hidden");
    w.write(".hidden.txt", "zephyr hidden");
    let out = w.cmd(&["search", "session", "--format", "json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let hits = json_lines(&out.stdout);
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0]["doc"], "notes/sheet.md");
    assert_eq!(hits[0]["line"], 5);
    let out = w.cmd(&["search", "held", "--format", "json"]).output().unwrap();
    assert_eq!(json_lines(&out.stdout)[0]["line"], 6);
    let out = w.cmd(&["search", "\"link text\"", "--format", "json"]).output().unwrap();
    assert_eq!(json_lines(&out.stdout)[0]["line"], 3);
    // Hidden files and folders are not sheets.
    let out = w.cmd(&["search", "hidden", "--format", "json"]).output().unwrap();
    assert!(json_lines(&out.stdout).is_empty());
}

#[test]
fn stemming_finds_inflected_forms() {
    let w = Work::new();
    w.write("a.txt", "Regular consultation takes place.\n");
    let out = w.cmd(&["search", "consultations", "--format", "json"]).output().unwrap();
    assert_eq!(json_lines(&out.stdout).len(), 1);
}

#[test]
fn bundled_corpus_queries_hit_the_right_lines() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = bundled_corpus();
    for q in ["\"Permanent Joint Council\"", "PJC", "Kosovo AND 1999"] {
        let out =
            concord(tmp.path(), &corpus, &tmp.path().join("ix"), &["search", q, "--format", "json", "--limit", "20"])
                .output()
                .unwrap();
        assert_eq!(out.status.code(), Some(0), "{q}: {}", stderr_of(&out));
        let hits = json_lines(&out.stdout);
        assert!(!hits.is_empty(), "{q}");
        for h in hits {
            let line = line_of(&corpus.join(h["doc"].as_str().unwrap()), h["line"].as_u64().unwrap());
            let first_term = match q {
                "PJC" => "PJC",
                "Kosovo AND 1999" => "",
                _ => "Permanent",
            };
            assert!(line.contains(first_term), "{q}: line {} of {} is {line:?}", h["line"], h["doc"]);
            assert!(h["title"].as_str().is_some_and(|t| !t.is_empty()));
            assert!(h["score"].as_f64().unwrap() > 0.0);
        }
    }
}

#[test]
fn search_filters_by_doc_glob_body_and_date() {
    let w = Work::new();
    w.write(
        "2001/a.txt",
        "The Orion Treaty Organisation (OTO) was founded in 1961.\n\nThe OTO summit of 1975 was held.\n",
    );
    w.write("2002/b.txt", "The Vega Council was created in May 1990 after talks.\n");
    let hits = |args: &[&str]| {
        let mut a = vec!["search"];
        a.extend_from_slice(args);
        a.extend_from_slice(&["--format", "json"]);
        json_lines(&w.cmd(&a).output().unwrap().stdout)
    };
    assert_eq!(hits(&["was"]).len(), 3);
    assert_eq!(hits(&["was", "--doc", "2002/*"]).len(), 1);
    assert_eq!(hits(&["was", "--from", "1970", "--to", "1980"]).len(), 1);
    assert_eq!(hits(&["was", "--from", "1990-05", "--to", "1990-05-31"]).len(), 1);
    assert_eq!(hits(&["was", "--from", "1990-06"]).len(), 0);
    // Alias-aware: the acronym finds passages naming the full form and vice versa.
    assert_eq!(hits(&["founded", "--body", "OTO"]).len(), 1);
}

/// The date filter is applied before the top hits are taken: dated passages that rank below
/// many undated ones still fill `--limit`, and a passage matches only when one of its dates
/// overlaps the range (not the start of one date and the end of another).
#[test]
fn date_filters_fill_the_limit_from_passages_ranked_below_undated_ones() {
    let w = Work::new();
    // 120 short undated passages that rank high for "harbour" (more than any over-fetch).
    let undated: Vec<String> = (0..120).map(|i| format!("Harbour harbour dues, table {i}.")).collect();
    w.write("dues.txt", undated.join("\n\n"));
    // Six long dated passages in the 1950s, each mentioning the harbour once.
    let dated: Vec<String> = (1950..1956)
        .map(|y| {
            format!(
                "After a long winter of storms that had battered the eastern quay, the fish market and the \
                 old customs house, the town council voted to rebuild the harbour wall in {y}."
            )
        })
        .collect();
    w.write("works.txt", dated.join("\n\n"));
    // Two dates in June's neighbours: the passage's years match, no date overlaps June.
    w.write("trap.txt", "The harbour closed on 1 May 1955 and reopened on 3 July 1955 for the regatta season.\n");
    let hits = |args: &[&str]| {
        let mut a = vec!["search", "harbour"];
        a.extend_from_slice(args);
        a.extend_from_slice(&["--format", "json"]);
        let out = w.cmd(&a).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
        json_lines(&out.stdout)
    };
    // Unfiltered, the undated passages fill the first page.
    assert!(hits(&["--limit", "50"]).iter().all(|h| h["doc"] == "dues.txt"));
    let four = hits(&["--from", "1950", "--to", "1959", "--limit", "4"]);
    assert_eq!(four.len(), 4, "{four:?}");
    assert!(four.iter().all(|h| h["doc"] != "dues.txt"), "{four:?}");
    // Every match when the limit allows: the six dated passages and the trap's (May, July 1955).
    assert_eq!(hits(&["--from", "1950", "--to", "1959", "--limit", "20"]).len(), 7);
    let june = hits(&["--from", "1955-06", "--to", "1955-06-30"]);
    assert_eq!(june.len(), 1, "only the passage dated in 1955 as a year overlaps June: {june:?}");
    assert_eq!(june[0]["doc"], "works.txt");
    assert_eq!(hits(&["--from", "1955-07-03", "--to", "1955-07-03"])[0]["doc"], "trap.txt");
}

/// `search --body` reads the alias registry from a cache in the index: a new sheet that
/// defines an acronym, and a new alias in `concord.toml`, must both be seen at once.
#[test]
fn body_filter_follows_new_aliases_in_sheets_and_config() {
    let w = Work::new();
    w.write("a.txt", "The Harbour Port Authority was founded in 1961.\n\nThe HPA met again in 1975.\n");
    let hits = |body: &str| {
        let out = w.cmd(&["search", "founded OR met", "--body", body, "--format", "json"]).output().unwrap();
        json_lines(&out.stdout).len()
    };
    // HPA is not yet known as the Harbour Port Authority: only its own passage.
    assert_eq!(hits("Harbour Port Authority"), 1);
    assert!(w.index().join("registry.bin").exists(), "the registry was cached");
    w.write("b.txt", "The Harbour Port Authority (HPA) was founded by charter.\n");
    assert_eq!(hits("Harbour Port Authority"), 3, "the new definition was not seen");
    w.write("concord.toml", "[bodies]\naliases = { \"Harbour Port Authority\" = [\"Port Board\"] }\n");
    w.write("c.txt", "The Port Board met in 1980.\n");
    std::fs::rename(w.corpus().join("concord.toml"), w.dir.path().join("concord.toml")).unwrap();
    assert_eq!(hits("HPA"), 4, "the configured alias was not seen");
    std::fs::remove_file(w.dir.path().join("concord.toml")).unwrap();
    assert_eq!(hits("HPA"), 3, "the removed alias is still applied");
}

#[test]
fn missing_and_empty_corpus_are_errors() {
    let w = Work::new();
    let out = w.cmd(&["index"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("no sheets"), "{}", stderr_of(&out));
    let out = concord(w.dir.path(), &w.dir.path().join("nope"), &w.index(), &["index"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("nope"), "{}", stderr_of(&out));
}

#[test]
fn invalid_utf8_names_file_and_offset_and_the_rest_is_indexed() {
    let w = Work::new();
    w.write("good.txt", "Good sheet about the Lyra Council.\n");
    w.write("bad.txt", b"Fine start\n\xff\xfe broken");
    let out = w.cmd(&["search", "Lyra", "--format", "json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert!(err.contains("bad.txt") && err.contains("byte offset 11"), "{err}");
    assert_eq!(json_lines(&out.stdout).len(), 1, "the good sheet is still searched");
    let out = w.cmd(&["--skip-invalid", "search", "Lyra", "--format", "json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
}

#[test]
fn index_path_that_is_a_file_is_an_error() {
    let w = Work::new();
    w.write("a.txt", "text\n");
    std::fs::write(w.index(), "not a dir").unwrap();
    let out = w.cmd(&["index"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("not a directory"), "{}", stderr_of(&out));
}

#[test]
fn incompatible_or_corrupt_index_is_rebuilt_with_a_message() {
    let w = Work::new();
    w.write("a.txt", "The Draco Council.\n");
    assert_eq!(w.cmd(&["index"]).output().unwrap().status.code(), Some(0));
    let meta = w.index().join("tantivy/meta.json");
    let text = std::fs::read_to_string(&meta).unwrap();
    let current = format!("concord_index_version\\\":{}", concord::index::INDEX_VERSION);
    let old = text.replace(&current, "concord_index_version\\\":0");
    assert_ne!(old, text, "payload carries the version: {text}");
    std::fs::write(&meta, old).unwrap();
    let out = w.cmd(&["search", "Draco", "--format", "json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert!(stderr_of(&out).contains("incompatible version"), "{}", stderr_of(&out));
    assert_eq!(json_lines(&out.stdout).len(), 1);

    std::fs::write(&meta, "{ truncated").unwrap();
    let out = w.cmd(&["search", "Draco", "--format", "json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert!(stderr_of(&out).contains("rebuilding"), "{}", stderr_of(&out));
    assert_eq!(json_lines(&out.stdout).len(), 1);
}

#[test]
fn a_held_lock_makes_a_second_process_wait_then_fail_clearly() {
    let w = Work::new();
    w.write("a.txt", "text\n");
    assert_eq!(w.cmd(&["index"]).output().unwrap().status.code(), Some(0));
    let lock = std::fs::OpenOptions::new().write(true).open(w.index().join("concord.lock")).unwrap();
    lock.lock().unwrap();
    let out = w.cmd(&["--lock-timeout", "1", "index"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("locked by another concord process"), "{}", stderr_of(&out));
    lock.unlock().unwrap();
    assert_eq!(w.cmd(&["index"]).output().unwrap().status.code(), Some(0));
}

#[test]
fn bad_query_is_a_clear_error() {
    let w = Work::new();
    w.write("a.txt", "text\n");
    let out = w.cmd(&["search", "title:(unclosed"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("invalid query"), "{}", stderr_of(&out));
    let out = w.cmd(&["search", "x", "--from", "May 1997"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("--from"), "{}", stderr_of(&out));
}

#[test]
fn equal_scores_come_out_by_sheet_and_line_whatever_the_index_layout() {
    // Passages that score the same: which of them fill the limit, and in what order, must
    // not depend on how the index was built (one segment per update here, one in all there).
    let passage = "The Quorum Board of the Vireo Accord convened in 1995.\n";
    let names = ["f.txt", "e.txt", "d/z.txt", "c.txt", "b.txt", "a.txt"];
    let one_by_one = Work::new();
    for name in names {
        one_by_one.write(name, passage);
        let out = one_by_one.cmd(&["index"]).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    }
    let at_once = Work::new();
    for name in names {
        at_once.write(name, passage);
    }
    for args in [
        &["search", "quorum", "--limit", "2", "--format", "json"][..],
        &["search", "quorum", "--limit", "3", "--from", "1990", "--format", "json"][..],
        &["search", "vireo", "--format", "json"][..],
    ] {
        let a = one_by_one.cmd(args).output().unwrap();
        let b = at_once.cmd(args).output().unwrap();
        assert_eq!(a.status.code(), Some(0), "{}", stderr_of(&a));
        assert_eq!(stdout_of(&a), stdout_of(&b), "{args:?}");
        let docs: Vec<String> = json_lines(&a.stdout).iter().map(|h| h["doc"].as_str().unwrap().to_string()).collect();
        let mut sorted = names.map(String::from).to_vec();
        sorted.sort();
        sorted.truncate(docs.len());
        assert_eq!(docs, sorted, "{args:?}: the first sheets by path fill the limit");
    }
}
