//! Terminal colour, one type for every human renderer: the listings (`search`, `dates`,
//! `bodies`, `claims`) and the text report and gate. ANSI escapes when on, nothing when off;
//! the binary decides (terminal, `--color`, `NO_COLOR`), renderers never look.

use crate::check::Severity;

/// Terminal styling: ANSI escapes when on, nothing when off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Style {
    /// Plain text, for pipes and files: no markers at all.
    #[default]
    Plain,
    /// ANSI colours.
    Color,
}

impl Style {
    /// Colour when `on`.
    pub fn new(on: bool) -> Style {
        if on { Style::Color } else { Style::Plain }
    }

    /// `s` in the SGR `code` (`"1;31"`), or as is when plain.
    pub(crate) fn paint(self, code: &str, s: &str) -> String {
        match self {
            Style::Plain => s.to_string(),
            Style::Color => format!("\x1b[{code}m{s}\x1b[0m"),
        }
    }

    /// A sheet path in a listing.
    pub(crate) fn path(self, s: &str) -> String {
        self.paint("35", s)
    }

    /// Secondary text.
    pub(crate) fn dim(self, s: &str) -> String {
        self.paint("2", s)
    }

    /// A matched term or a marked date.
    pub(crate) fn mark(self, s: &str) -> String {
        self.paint("1;31", s)
    }

    /// A severity label: red for conflicts, yellow for reviews.
    pub(crate) fn severity(self, sev: Severity, s: &str) -> String {
        self.paint(if sev == Severity::Conflict { "1;31" } else { "1;33" }, s)
    }

    /// The frame of a diagnostic (`-->`, `|`, `=`).
    pub(crate) fn frame(self, s: &str) -> String {
        self.paint("1;34", s)
    }

    /// Bold.
    pub(crate) fn bold(self, s: &str) -> String {
        self.paint("1", s)
    }

    /// A warning or stale-entry label.
    pub(crate) fn warning(self, s: &str) -> String {
        self.paint("1;35", s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_writes_no_escape_and_colour_wraps_each_piece() {
        assert_eq!(Style::Plain.severity(Severity::Conflict, "conflict"), "conflict");
        assert_eq!(Style::new(false), Style::Plain);
        assert_eq!(Style::new(true).severity(Severity::Review, "review"), "\x1b[1;33mreview\x1b[0m");
        assert_eq!(Style::Color.path("a.txt"), "\x1b[35ma.txt\x1b[0m");
        assert_eq!(Style::Color.mark("1997"), "\x1b[1;31m1997\x1b[0m");
    }
}
