//! Checks on a user's search input before it reaches the index: the query's syntax (with
//! the position of what is wrong) and the `--doc` globs, which follow ripgrep's `-g`.
//!
//! In: the strings as typed. Out: a clear [`Error::Invalid`] or a [`DocGlobs`] matcher.
//! Nothing here touches tantivy.

use crate::error::{Error, Result};

/// Rejects a query concord cannot run as meant: empty, unbalanced quotes or parentheses,
/// wildcards (`*`) and fuzzy terms (`~`, except a phrase's slop `"a b"~2`). Positions are
/// 1-based characters.
///
/// # Errors
/// [`Error::Invalid`] saying what is wrong and where.
pub fn check_query(query: &str) -> Result<()> {
    let bad = |msg: String| Err(Error::Invalid(msg));
    if query.trim().is_empty() {
        return bad(
            "invalid query: it is empty; give words to search for, e.g. concord search \"joint council\"".into()
        );
    }
    let chars: Vec<char> = query.chars().collect();
    let mut open_quote: Option<usize> = None;
    let mut parens: Vec<usize> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        let at = i + 1;
        if c == '"' {
            open_quote = if open_quote.is_some() { None } else { Some(at) };
            continue;
        }
        if open_quote.is_some() {
            continue;
        }
        match c {
            '(' => parens.push(at),
            ')' if parens.pop().is_none() => {
                return bad(format!("invalid query: syntax error at character {at}: `)` closes nothing"));
            }
            '*' => {
                return bad(format!(
                    "invalid query: wildcards are not supported (`*` at character {at}): search for whole words, \
                     or use --doc to choose sheets"
                ));
            }
            '~' if !(i > 0 && chars[i - 1] == '"' && chars.get(i + 1).is_some_and(char::is_ascii_digit)) => {
                return bad(format!(
                    "invalid query: fuzzy terms are not supported (`~` at character {at}); only a phrase's slop is, as in \"joint council\"~2"
                ));
            }
            _ => {}
        }
    }
    if let Some(at) = open_quote {
        return bad(format!("invalid query: syntax error at character {at}: `\"` opens a phrase that is never closed"));
    }
    if let Some(at) = parens.pop() {
        return bad(format!("invalid query: syntax error at character {at}: `(` is never closed"));
    }
    Ok(())
}

/// `--doc` globs with ripgrep's `-g` semantics: a pattern without `/` matches the file name
/// at any depth, one with `/` matches the corpus-relative path (or a folder above it); `*`
/// never crosses a `/` (use `**`); a leading `!` excludes. With only exclusions, every
/// other sheet is kept.
#[derive(Debug, Clone)]
pub struct DocGlobs {
    include: globset::GlobSet,
    exclude: globset::GlobSet,
    any_include: bool,
}

impl DocGlobs {
    /// Compiles the patterns.
    ///
    /// # Errors
    /// [`Error::Invalid`] naming a pattern that does not compile.
    pub fn new(patterns: &[String]) -> Result<DocGlobs> {
        let mut include = globset::GlobSetBuilder::new();
        let mut exclude = globset::GlobSetBuilder::new();
        let mut any_include = false;
        for raw in patterns {
            let (negated, pattern) = match raw.strip_prefix('!') {
                Some(p) => (true, p),
                None => (false, raw.as_str()),
            };
            let pattern = pattern.trim_start_matches("./").trim_start_matches('/');
            let full = if pattern.contains('/') { pattern.to_string() } else { format!("**/{pattern}") };
            let glob = globset::GlobBuilder::new(&full)
                .literal_separator(true)
                .build()
                .map_err(|e| Error::Invalid(format!("invalid --doc glob {raw:?}: {e}")))?;
            if negated {
                exclude.add(glob);
            } else {
                any_include = true;
                include.add(glob);
            }
        }
        let build =
            |b: globset::GlobSetBuilder| b.build().map_err(|e| Error::Invalid(format!("invalid --doc glob: {e}")));
        Ok(DocGlobs { include: build(include)?, exclude: build(exclude)?, any_include })
    }

    /// Whether the sheet with corpus-relative id `id` (with `/`) is kept.
    pub fn is_match(&self, id: &str) -> bool {
        // The path or any folder above it, as ripgrep matches a directory and all below.
        let prefixes = id.match_indices('/').map(|(i, _)| &id[..i]).chain(std::iter::once(id));
        let hits = |set: &globset::GlobSet| prefixes.clone().any(|p| set.is_match(p));
        (!self.any_include || hits(&self.include)) && !hits(&self.exclude)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn globs(p: &[&str]) -> DocGlobs {
        DocGlobs::new(&p.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap()
    }

    #[test]
    fn a_pattern_without_a_slash_matches_the_name_at_any_depth() {
        let g = globs(&["*.md"]);
        assert!(g.is_match("a.md") && g.is_match("topics/2001/a.md"));
        assert!(!g.is_match("a.txt"));
        let g = globs(&["overview.txt"]);
        assert!(g.is_match("overview.txt") && g.is_match("nested/overview.txt"));
        assert!(!g.is_match("nested/overview.txt.bak"));
    }

    #[test]
    fn a_pattern_with_a_slash_matches_the_path() {
        let g = globs(&["archive/*.txt"]);
        assert!(g.is_match("archive/a.txt"));
        assert!(!g.is_match("archive/old/a.txt"), "`*` does not cross `/`");
        assert!(!g.is_match("other/archive/a.txt"));
        let g = globs(&["archive/**"]);
        assert!(g.is_match("archive/old/a.txt"));
        let g = globs(&["archive"]);
        assert!(g.is_match("archive/old/a.txt"), "a folder name keeps what is below it");
    }

    #[test]
    fn negation_excludes() {
        let g = globs(&["!draft*"]);
        assert!(g.is_match("a.txt") && !g.is_match("x/draft-2.txt"));
        let g = globs(&["*.txt", "!old/**"]);
        assert!(g.is_match("new/a.txt") && !g.is_match("old/a.txt"));
        assert!(DocGlobs::new(&["[".to_string()]).unwrap_err().to_string().contains("invalid --doc glob \"[\""));
    }

    #[test]
    fn queries_with_unsupported_or_broken_syntax_name_the_position() {
        for (q, expected) in [
            ("", "it is empty"),
            ("   ", "it is empty"),
            ("council*", "`*` at character 8"),
            ("counsil~1", "`~` at character 8"),
            ("\"joint council", "character 1: `\"` opens a phrase"),
            ("(nato OR russia", "character 1: `(` is never closed"),
            ("nato)", "character 5: `)` closes nothing"),
        ] {
            let e = check_query(q).unwrap_err().to_string();
            assert!(e.contains(expected), "{q:?}: {e}");
        }
        for ok in ["joint council", "\"joint council\"~2", "\"a*b\"", "+nato -russia", "title:(nato)"] {
            assert!(check_query(ok).is_ok(), "{ok}");
        }
    }
}
