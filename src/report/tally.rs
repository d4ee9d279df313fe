//! A finding's claims counted by the value they give, for output that must fit a screen or
//! an annotation however many sheets agree.
//!
//! In: one [`Finding`] (its claims already sorted by [`crate::check`]). Out: a [`Tally`]:
//! value groups with the number of sheets behind each, the best-supported value first, and
//! the dissenting claim a one-line format points at. Counting is not filtering: every
//! renderer still gets the whole finding, and JSON keeps every claim.

use std::collections::BTreeSet;

use crate::check::{Finding, FindingKind};
use crate::corpus::DocId;
use crate::extract::Claim;

use super::snippet::{plural, position};

/// Claims of a finding that give one value.
#[derive(Debug, Clone, PartialEq)]
pub struct Group<'a> {
    /// The value as shown (`1997-05-27`, `26 allies`, `renamed`).
    pub value: String,
    /// The claims that give it, in the finding's order.
    pub claims: Vec<&'a Claim>,
    /// Distinct sheets among them.
    pub sheets: usize,
    /// Whether the value contradicts the best-supported one (a date disjoint from it, another
    /// figure or wording), rather than only being coarser ("the mid-1970s" beside 1975-04-01).
    pub dissents: bool,
}

/// A finding's value groups: most sheets first, ties by value.
#[derive(Debug, Clone, PartialEq)]
pub struct Tally<'a> {
    /// The groups; never empty for a finding with claims.
    pub groups: Vec<Group<'a>>,
}

/// Groups listed in a tally line before the rest are counted as "+N more values".
const MAX_GROUPS: usize = 6;

/// A group of at most this many claims shows their positions in the tally line.
const MAX_POSITIONS: usize = 3;

/// The value a claim contributes to `f`.
fn value_of(f: &Finding, c: &Claim) -> String {
    match f.kind {
        FindingKind::Figures => {
            let figures: Vec<String> = c
                .figures
                .iter()
                .filter(|fig| f.values.contains(&fig.value.to_string()))
                .map(|fig| fig.value.to_string())
                .collect();
            if figures.is_empty() { c.date.to_string() } else { figures.join(", ") }
        }
        FindingKind::Succession => c.event.as_str().to_string(),
        _ => {
            // A coarser date that fits exactly one of the disagreeing values counts for it
            // ("September 2011" backs "2011-09-14"); one that fits several stands alone.
            let mut fits =
                f.values.iter().filter(|v| v.parse::<crate::date::Date>().is_ok_and(|d| d.overlaps(&c.date)));
            match (fits.next(), fits.next()) {
                (Some(v), None) => v.clone(),
                _ => c.date.to_string(),
            }
        }
    }
}

impl<'a> Tally<'a> {
    /// Counts the claims of `f` by value.
    pub fn of(f: &'a Finding) -> Tally<'a> {
        let mut groups: Vec<Group<'a>> = Vec::new();
        for c in &f.claims {
            let value = value_of(f, c);
            match groups.iter_mut().find(|g| g.value == value) {
                Some(g) => g.claims.push(c),
                None => groups.push(Group { value, claims: vec![c], sheets: 0, dissents: true }),
            }
        }
        for g in &mut groups {
            g.sheets = g.claims.iter().map(|c| &c.doc).collect::<BTreeSet<_>>().len();
        }
        groups.sort_by(|a, b| {
            b.sheets.cmp(&a.sheets).then(b.claims.len().cmp(&a.claims.len())).then(a.value.cmp(&b.value))
        });
        let is_date = !matches!(f.kind, FindingKind::Figures | FindingKind::Succession);
        let even = groups.len() > 1 && groups.iter().all(|g| g.sheets == groups[0].sheets);
        if let Some((top, rest)) = groups.split_first_mut() {
            top.dissents = even;
            for g in rest {
                g.dissents =
                    even || !is_date || !g.claims.iter().any(|c| top.claims.iter().any(|t| t.date.overlaps(&c.date)));
            }
        }
        Tally { groups }
    }

    /// Whether no value has more sheets behind it than another (a one-against-one split).
    pub fn is_even(&self) -> bool {
        self.groups.len() > 1 && self.groups.iter().all(|g| g.sheets == self.groups[0].sheets)
    }

    /// The claims in the order a reader should see them: the dissenting groups first (fewest
    /// sheets first), the best-supported value last. An even split has no dissent: its
    /// values come in order (earliest date first).
    pub fn dissenters_first(&self) -> Box<dyn Iterator<Item = &'a Claim> + '_> {
        let claims = |g: &Group<'a>| g.claims.clone().into_iter();
        if self.is_even() {
            return Box::new(self.groups.iter().flat_map(claims));
        }
        // Contradicting values first (fewest sheets first), then the merely coarser ones,
        // then the best-supported value.
        let (top, rest) = self.groups.split_at(1.min(self.groups.len()));
        let dissenting = rest.iter().rev().filter(|g| g.dissents);
        let coarser = rest.iter().rev().filter(|g| !g.dissents);
        Box::new(dissenting.chain(coarser).chain(top).flat_map(claims))
    }

    /// The position a one-line format points at: a claim from a sheet in `changed` when
    /// there is one (dissenters first), else the first claim of the least-supported value.
    pub fn pointer(&self, changed: &BTreeSet<DocId>) -> Option<&'a Claim> {
        let mut all = self.dissenters_first();
        if changed.is_empty() {
            return all.next();
        }
        self.dissenters_first().find(|c| changed.contains(&c.doc)).or_else(|| all.next())
    }

    /// `1997-05-27: 9 sheets · 1998-05: 1 sheet (overview.txt:1:602)`: every value with its
    /// sheets, positions for the small groups, at most a handful of values.
    pub fn line(&self) -> String {
        let mut parts: Vec<String> = self
            .groups
            .iter()
            .take(MAX_GROUPS)
            .map(|g| {
                let mut s = format!("{}: {}", g.value, plural(g.sheets, "sheet"));
                if g.claims.len() <= MAX_POSITIONS {
                    let at: Vec<String> = g.claims.iter().map(|c| position(c)).collect();
                    s.push_str(&format!(" ({})", at.join(", ")));
                }
                s
            })
            .collect();
        if self.groups.len() > MAX_GROUPS {
            let rest = &self.groups[MAX_GROUPS..];
            let sheets: usize = rest.iter().map(|g| g.sheets).sum();
            parts.push(format!("+{} giving {}", plural(rest.len(), "more value"), plural(sheets, "sheet")));
        }
        parts.join(" · ")
    }

    /// What the sheets other than `pointer`'s say, summarised: `+9 sheets give 1997-05-27`.
    pub fn others(&self, pointer: &Claim) -> String {
        let mut parts = Vec::new();
        for g in &self.groups {
            let sheets =
                g.claims.iter().filter(|c| !std::ptr::eq(**c, pointer)).map(|c| &c.doc).collect::<BTreeSet<_>>();
            if sheets.is_empty() {
                continue;
            }
            let verb = if sheets.len() == 1 { "gives" } else { "give" };
            parts.push(format!("+{} {verb} {}", plural(sheets.len(), "sheet"), g.value));
        }
        parts.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::cross_check;
    use crate::check::tests::claim;
    use crate::extract::Event;

    fn finding(n_majority: usize) -> Finding {
        let mut claims: Vec<Claim> = (0..n_majority)
            .map(|i| claim(&format!("s{i:04}.txt"), 3, "Vega Compact", Event::Signed, "2011-09-14"))
            .collect();
        claims.push(claim("odd.txt", 7, "Vega Compact", Event::Signed, "2012-03"));
        let f = cross_check(&claims);
        assert_eq!(f.len(), 1, "{f:?}");
        f.into_iter().next().unwrap()
    }

    #[test]
    fn counts_values_and_names_the_dissenter() {
        let f = finding(9);
        let t = Tally::of(&f);
        assert_eq!(t.groups.len(), 2);
        assert_eq!((t.groups[0].value.as_str(), t.groups[0].sheets), ("2011-09-14", 9));
        assert_eq!(t.line(), "2011-09-14: 9 sheets · 2012-03: 1 sheet (odd.txt:7:24)");
        let p = t.pointer(&BTreeSet::new()).unwrap();
        assert_eq!(p.doc.as_str(), "odd.txt");
        assert_eq!(t.others(p), "+9 sheets give 2011-09-14");
        assert_eq!(t.dissenters_first().next().unwrap().doc.as_str(), "odd.txt");
        assert!(!t.is_even());
    }

    #[test]
    fn a_changed_sheet_is_pointed_at_first() {
        let f = finding(3);
        let t = Tally::of(&f);
        let changed: BTreeSet<DocId> = [DocId("s0001.txt".into())].into();
        assert_eq!(t.pointer(&changed).unwrap().doc.as_str(), "s0001.txt");
        let p = t.pointer(&changed).unwrap();
        assert_eq!(t.others(p), "+2 sheets give 2011-09-14, +1 sheet gives 2012-03");
    }

    #[test]
    fn the_pointer_skips_a_value_that_is_only_coarser() {
        // "The 1970s" fits the majority's day and the dissent's year alike: it stands alone
        // but dissents from nothing, so the pointer goes to the contradicting sheet.
        let mut claims: Vec<Claim> =
            (0..5).map(|i| claim(&format!("s{i}.txt"), 2, "Vega Treaty", Event::Signed, "1975-04-01")).collect();
        claims.push(claim("changed.txt", 9, "Vega Treaty", Event::Signed, "1979-04-01"));
        claims.push(claim("vague.txt", 4, "Vega Treaty", Event::Signed, "197X"));
        let f = cross_check(&claims);
        let t = Tally::of(&f[0]);
        assert!(t.groups.iter().any(|g| g.value == "197" && !g.dissents), "{:?}", t.groups);
        assert_eq!(t.pointer(&BTreeSet::new()).unwrap().doc.as_str(), "changed.txt");
    }

    #[test]
    fn a_coarser_date_counts_for_the_value_it_fits() {
        let f = cross_check(&[
            claim("a.txt", 1, "Vega Compact", Event::Signed, "2011-09-14"),
            claim("b.txt", 1, "Vega Compact", Event::Signed, "2011-09"),
            claim("c.txt", 1, "Vega Compact", Event::Signed, "2012"),
        ]);
        let t = Tally::of(&f[0]);
        assert_eq!(
            t.groups.iter().map(|g| (g.value.as_str(), g.sheets)).collect::<Vec<_>>(),
            [("2011-09-14", 2), ("2012", 1)]
        );
    }

    #[test]
    fn a_one_against_one_split_is_even() {
        let f = finding(1);
        assert!(Tally::of(&f).is_even());
    }

    #[test]
    fn the_line_stays_short_with_many_values() {
        let claims: Vec<Claim> = (0..20)
            .map(|i| claim(&format!("s{i}.txt"), 1, "Vega Compact", Event::Signed, &format!("{}", 1950 + i)))
            .collect();
        let f = cross_check(&claims);
        let t = Tally::of(&f[0]);
        let line = t.line();
        assert_eq!(line.matches(" · ").count(), MAX_GROUPS, "{line}");
        assert!(line.ends_with("+14 more values giving 14 sheets"), "{line}");
    }
}
