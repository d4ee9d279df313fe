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
    fn starting_within_selects_by_start() {
        let items = [Span::new(0, 2), Span::new(3, 5), Span::new(5, 9), Span::new(10, 11)];
        let got = starting_within(&items, Span::new(3, 10), |s| s.start);
        assert_eq!(got, &items[1..3]);
        assert!(starting_within(&items, Span::new(20, 30), |s| s.start).is_empty());
        assert!(starting_within(&items, Span::new(6, 6), |s| s.start).is_empty());
    }
}
