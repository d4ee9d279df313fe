//! Byte spans into a document's normalised text, and 1-based positions in the
//! original file they map back to.

use serde::Serialize;

/// A byte range `start..end` into [`crate::Document::text`] (the normalised text).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, serde::Deserialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (exclusive).
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// Whether the span is empty.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// Whether `other` lies within `self`.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Whether the two spans share at least one byte.
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// The run of `items` (sorted by start) whose start lies inside `span`: a binary search,
/// so attributing mentions to passages stays linear over a document.
pub fn starting_within<T>(items: &[T], span: Span, start_of: impl Fn(&T) -> usize) -> &[T] {
    let lo = items.partition_point(|t| start_of(t) < span.start);
    let hi = items.partition_point(|t| start_of(t) < span.end).max(lo);
    &items[lo..hi]
}

/// Whether `span` overlaps any of `spans`, which are sorted and disjoint (as a regex's
/// `find_iter` or a document's headings give them): a binary search, not a scan, so
/// checking every mention of a long document stays n log n.
pub fn overlaps_any(spans: &[Span], span: Span) -> bool {
    let i = spans.partition_point(|s| s.end <= span.start);
    // An empty span overlaps nothing; the first non-empty one starting before `span` ends decides.
    spans[i..].iter().take_while(|s| s.start < span.end).any(|s| s.overlaps(span))
}

/// A position in the original file: 1-based line, 1-based column counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize)]
pub struct Location {
    /// 1-based line number.
    pub line: u32,
    /// 1-based column, in Unicode scalar values (not bytes).
    pub column: u32,
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlaps_any_agrees_with_a_scan() {
        let sets: [&[Span]; 3] = [
            &[Span::new(2, 4), Span::new(4, 4), Span::new(6, 9), Span::new(12, 13)],
            &[Span::new(2, 4), Span::new(5, 5), Span::new(5, 8)],
            &[],
        ];
        for spans in sets {
            for start in 0..15 {
                for end in start..16 {
                    let probe = Span::new(start, end);
                    let scan = spans.iter().any(|s| s.overlaps(probe));
                    assert_eq!(overlaps_any(spans, probe), scan, "{spans:?} {probe:?}");
                }
            }
        }
    }

    #[test]
    fn starting_within_selects_by_start() {
        let items = [Span::new(0, 2), Span::new(3, 5), Span::new(5, 9), Span::new(10, 11)];
        let got = starting_within(&items, Span::new(3, 10), |s| s.start);
        assert_eq!(got, &items[1..3]);
        assert!(starting_within(&items, Span::new(20, 30), |s| s.start).is_empty());
        assert!(starting_within(&items, Span::new(6, 6), |s| s.start).is_empty());
    }
}
