//! Stage 4, discourse: subjects and dates the sentence does not name itself — an anaphor
//! (`It met for the first time …`, `this forum`) resolved in the sentence before or,
//! typed, earlier in the same sentence.

use super::super::BodyType;
use super::Reader;
use super::items::ItemKind;

impl<'a> Reader<'a, '_> {
    /// The body an anaphor refers to: with a type, the last body of that type in the
    /// previous sentence; without, the first body of the previous sentence.
    pub(super) fn anaphor(&self, kind: Option<BodyType>, at: usize) -> Option<String> {
        // A typed anaphor may point back within the sentence ("X was approved; the programme …").
        if let Some(k) = kind {
            let mut here = self.items().get(..at).unwrap_or_default().iter().rev().filter_map(|it| match it.kind {
                ItemKind::Body(b) => self.bodies.get(b).filter(|m| m.kind == k),
                _ => None,
            });
            if let Some(m) = here.next() {
                return Some(m.name.clone());
            }
        }
        let prev = self.previous?;
        let mut bodies = prev.items.iter().filter_map(|it| match it.kind {
            ItemKind::Body(b) => self.bodies.get(b),
            _ => None,
        });
        match kind {
            None => bodies.next().map(|m| m.name.clone()),
            Some(k) => bodies.rfind(|m| m.kind == k).map(|m| m.name.clone()),
        }
    }
}
