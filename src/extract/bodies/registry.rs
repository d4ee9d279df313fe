//! Corpus-wide alias resolution: every name or acronym of a body to one canonical name.
//!
//! Built once from the mentions of all sheets plus `concord.toml`. Names are linked when
//! a sheet defines an acronym (`Full Name (ACR)`), and when one known name reduces to
//! another known name of at least two words by dropping a capitalised qualifier in
//! front (`EU-China Joint Committee` → `Joint Committee`) or a complement behind
//! (`Treaty of Lisbon on Reform` → `Treaty of Lisbon`). A reduction is refused when the
//! short name is ambiguous: two longer names reduce to it with different qualifiers or
//! different complements (`Joint Committee` from both `EU-China …` and `EU-India …`).
//! The canonical name of a group is the configured one, else the full name mentioned
//! most often (ties: the one that defines an acronym, then the longer, then by text).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::super::{BodyMention, BodyType, Claim};
use super::name_type;
use super::words::{is_acronym_shape, is_cap_word, is_connector};
use crate::config::BodiesConfig;

/// The subject of a relationship between two parties, the same whichever order they come in.
pub fn relationship_subject(a: &str, b: &str) -> String {
    let a = a.trim().trim_start_matches("the ");
    let b = b.trim().trim_start_matches("the ");
    let (x, y) = if a.to_lowercase() <= b.to_lowercase() { (a, b) } else { (b, a) };
    format!("{x}-{y} relations")
}

/// A canonical body with its aliases.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Body {
    /// The canonical name.
    pub canonical: String,
    /// Every other name that refers to it, sorted.
    pub aliases: Vec<String>,
    /// Its type.
    pub kind: BodyType,
    /// How many mentions, across the corpus, name it in any form.
    pub mentions: usize,
}

/// Corpus-wide alias resolution: any name or acronym to one canonical body.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Registry {
    by_name: BTreeMap<String, usize>,
    bodies: Vec<Body>,
    excluded: BTreeSet<String>,
}

/// The lookup key of a name: lower case, white space collapsed, no leading article.
fn key(name: &str) -> String {
    let lower = name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    let trimmed = lower.strip_prefix("the ").unwrap_or(&lower);
    trimmed.trim_end_matches("'s").to_string()
}

/// What one name says about itself, collected over all mentions.
#[derive(Debug, Default)]
struct NameInfo {
    display: String,
    count: usize,
    defines: bool,
}

/// Union-find over name indices.
struct Groups {
    parent: Vec<usize>,
}

impl Groups {
    fn find(&mut self, mut i: usize) -> usize {
        while let Some(&p) = self.parent.get(i) {
            if p == i {
                break;
            }
            let gp = self.parent.get(p).copied().unwrap_or(p);
            if let Some(slot) = self.parent.get_mut(i) {
                *slot = gp;
            }
            i = p;
        }
        i
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (lo, hi) = (ra.min(rb), ra.max(rb));
            if let Some(slot) = self.parent.get_mut(hi) {
                *slot = lo;
            }
        }
    }
}

/// Whether a qualifier word names the parties of a body, so that dropping it keeps the
/// body: a hyphenated pair (`NATO-Russia`, `Anglo-French`) or an acronym (`EU`). A plain
/// capitalised adjective changes the body: the `Western European Union` is not the
/// `European Union`, nor the `Supreme Court` a `Court`.
fn names_parties(word: &str) -> bool {
    let pair = word.contains('-') && word.split('-').all(|p| p.chars().next().is_some_and(char::is_uppercase));
    pair || is_acronym_shape(word)
}

/// The shorter known names `name` reduces to, each with the qualifier and complement dropped.
fn reductions(name: &str) -> Vec<(String, String, String)> {
    let words: Vec<&str> = name.split(' ').collect();
    let n = words.len();
    // Where a complement may start: a connector after at least two words.
    let mut cuts: Vec<usize> = (2..n).filter(|&j| matches!(words[j], "of" | "for" | "on")).collect();
    cuts.push(n);
    let mut out = Vec::new();
    for &cut in &cuts {
        // The qualifier: leading capitalised words, never a connector.
        for k in 0..cut.saturating_sub(1) {
            if k == 0 && cut == n {
                continue;
            }
            if words[..k].iter().any(|w| !is_cap_word(w) || is_connector(w) || !names_parties(w)) {
                break;
            }
            let short = &words[k..cut];
            if short.len() < 2 || short.first().is_some_and(|w| is_connector(w)) {
                continue;
            }
            out.push((short.join(" "), words[..k].join(" "), words[cut..].join(" ")));
        }
    }
    out
}

/// One name as a sheet writes it (with the acronym it defines, if any) and how many of
/// the sheet's mentions write it so: all the registry needs of a sheet, far smaller than
/// its mentions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameCount {
    /// The name as written.
    pub name: String,
    /// The acronym this name defines in these mentions.
    pub acronym: Option<String>,
    /// How many mentions.
    pub count: u32,
}

impl NameCount {
    /// The distinct (name, acronym) pairs of `mentions`, in order of first appearance,
    /// with their counts. [`Registry::build_counted`] over these builds the same registry
    /// as [`Registry::build`] over the mentions.
    pub fn tally(mentions: &[BodyMention]) -> Vec<NameCount> {
        let mut at: HashMap<(&str, Option<&str>), usize> = HashMap::new();
        let mut out: Vec<NameCount> = Vec::new();
        for m in mentions {
            let k = (m.name.as_str(), m.acronym.as_deref());
            match at.get(&k) {
                Some(&i) => {
                    if let Some(n) = out.get_mut(i) {
                        n.count = n.count.saturating_add(1);
                    }
                }
                None => {
                    at.insert(k, out.len());
                    out.push(NameCount { name: m.name.clone(), acronym: m.acronym.clone(), count: 1 });
                }
            }
        }
        out
    }
}

impl Registry {
    /// Builds the registry from every document's mentions and the user's configuration.
    pub fn build<'a>(mentions: impl IntoIterator<Item = &'a BodyMention>, config: &BodiesConfig) -> Registry {
        Registry::build_from(mentions.into_iter().map(|m| (m.name.as_str(), m.acronym.as_deref(), 1)), config)
    }

    /// Builds the registry from every document's name counts (see [`NameCount::tally`]).
    pub fn build_counted<'a>(names: impl IntoIterator<Item = &'a NameCount>, config: &BodiesConfig) -> Registry {
        Registry::build_from(names.into_iter().map(|n| (n.name.as_str(), n.acronym.as_deref(), n.count)), config)
    }

    fn build_from<'a>(
        mentions: impl Iterator<Item = (&'a str, Option<&'a str>, u32)>,
        config: &BodiesConfig,
    ) -> Registry {
        let excluded: BTreeSet<String> = config.exclude.iter().map(|e| key(e)).collect();
        let mut index: BTreeMap<String, usize> = BTreeMap::new();
        let mut infos: Vec<NameInfo> = Vec::new();
        let intern = |name: &str, index: &mut BTreeMap<String, usize>, infos: &mut Vec<NameInfo>| -> usize {
            *index.entry(key(name)).or_insert_with(|| {
                infos.push(NameInfo { display: name.to_string(), ..NameInfo::default() });
                infos.len() - 1
            })
        };
        let mut links: Vec<(usize, usize)> = Vec::new();
        // Acronym → the full names that define it, linked after everything else.
        let mut definitions: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
        for (name, acronym, count) in mentions {
            if excluded.contains(&key(name)) {
                continue;
            }
            let i = intern(name, &mut index, &mut infos);
            if let Some(info) = infos.get_mut(i) {
                info.count += count as usize;
            }
            if let Some(acr) = acronym {
                if excluded.contains(&key(acr)) {
                    continue;
                }
                let a = intern(acr, &mut index, &mut infos);
                if let Some(info) = infos.get_mut(i) {
                    info.defines = true;
                }
                definitions.entry(a).or_default().insert(i);
            }
        }
        let mut forced: Vec<(usize, String)> = Vec::new();
        for (canonical, aliases) in &config.aliases {
            let c = intern(canonical, &mut index, &mut infos);
            forced.push((c, canonical.clone()));
            for alias in aliases {
                let a = intern(alias, &mut index, &mut infos);
                links.push((c, a));
            }
        }
        // Qualifier and complement reductions, refused for ambiguous short names.
        let mut reduced: BTreeMap<usize, Vec<(usize, String, String)>> = BTreeMap::new();
        for (i, info) in infos.iter().enumerate() {
            for (short, qualifier, complement) in reductions(&info.display) {
                if let Some(&s) = index.get(&key(&short))
                    && s != i
                {
                    reduced.entry(s).or_default().push((i, qualifier, complement));
                }
            }
        }
        for (s, longer) in &reduced {
            let qualifiers: BTreeSet<&str> =
                longer.iter().map(|(_, q, _)| q.as_str()).filter(|q| !q.is_empty()).collect();
            let complements: BTreeSet<&str> =
                longer.iter().map(|(_, _, c)| c.as_str()).filter(|c| !c.is_empty()).collect();
            if qualifiers.len() <= 1 && complements.len() <= 1 {
                links.extend(longer.iter().map(|(l, _, _)| (*s, *l)));
            }
        }
        let mut groups = Groups { parent: (0..infos.len()).collect() };
        for (a, b) in links {
            groups.union(a, b);
        }
        // An acronym defined for names that are otherwise different bodies ("ECB" for two
        // banks in two sheets) is ambiguous: it goes to the most mentioned of them only.
        for (acr, names) in &definitions {
            let roots: BTreeSet<usize> = names.iter().map(|&n| groups.find(n)).collect();
            let chosen: Vec<usize> = if roots.len() <= 1 {
                names.iter().copied().collect()
            } else {
                let count = |n: &usize| infos.get(*n).map_or(0, |i| i.count);
                names.iter().max_by_key(|n| (count(n), std::cmp::Reverse(**n))).into_iter().copied().collect()
            };
            for n in chosen {
                groups.union(*acr, n);
            }
        }
        // One body per group.
        let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for i in 0..infos.len() {
            let root = groups.find(i);
            members.entry(root).or_default().push(i);
        }
        let mut reg = Registry { excluded, ..Registry::default() };
        for (root, names) in members {
            let configured = forced.iter().find(|(c, _)| groups.find(*c) == root).map(|(_, name)| name.clone());
            let best = names
                .iter()
                .filter_map(|&i| infos.get(i).map(|info| (i, info)))
                .max_by(|(_, a), (_, b)| {
                    let full = |x: &NameInfo| !is_acronym_shape(&x.display) || x.display.contains(' ');
                    (full(a), a.count, a.defines, a.display.len(), std::cmp::Reverse(&a.display)).cmp(&(
                        full(b),
                        b.count,
                        b.defines,
                        b.display.len(),
                        std::cmp::Reverse(&b.display),
                    ))
                })
                .map(|(_, info)| info.display.clone());
            let Some(canonical) = configured.or(best) else { continue };
            let mut aliases: Vec<String> = names
                .iter()
                .filter_map(|&i| infos.get(i))
                .map(|info| info.display.clone())
                .filter(|d| key(d) != key(&canonical))
                .collect();
            aliases.sort();
            aliases.dedup();
            let mut kind = name_type(&canonical);
            if kind == BodyType::Other {
                kind = names
                    .iter()
                    .filter_map(|&i| infos.get(i))
                    .map(|info| name_type(&info.display))
                    .find(|&k| k != BodyType::Other)
                    .unwrap_or(BodyType::Other);
            }
            let mentions = names.iter().filter_map(|&i| infos.get(i)).map(|info| info.count).sum();
            let idx = reg.bodies.len();
            reg.by_name.insert(key(&canonical), idx);
            for &i in &names {
                if let Some(info) = infos.get(i) {
                    reg.by_name.insert(key(&info.display), idx);
                }
            }
            reg.bodies.push(Body { canonical, aliases, kind, mentions });
        }
        reg
    }

    /// The canonical name for any known name or alias (case-insensitive).
    pub fn canonical(&self, name: &str) -> Option<&str> {
        self.body(name).map(|b| b.canonical.as_str())
    }

    /// All bodies, sorted by canonical name.
    pub fn bodies(&self) -> Vec<&Body> {
        let mut v: Vec<&Body> = self.bodies.iter().collect();
        v.sort_by(|a, b| a.canonical.cmp(&b.canonical));
        v
    }

    /// The body a name refers to.
    pub fn body(&self, name: &str) -> Option<&Body> {
        self.by_name.get(&key(name)).and_then(|&i| self.bodies.get(i))
    }

    /// Every name of the body `name` refers to (canonical first, then aliases); empty when unknown.
    pub fn names_of(&self, name: &str) -> Vec<String> {
        self.body(name)
            .map(|b| std::iter::once(b.canonical.clone()).chain(b.aliases.iter().cloned()).collect())
            .unwrap_or_default()
    }

    /// Whether the configuration excludes `name` from being a body.
    pub fn is_excluded(&self, name: &str) -> bool {
        self.excluded.contains(&key(name))
    }

    /// Rewrites each claim's `subject` (and `object`) to the canonical name where known.
    /// Relationship subjects ("EU-China relations") have each party resolved.
    pub fn resolve_claims(&self, claims: &mut [Claim]) {
        claims.par_iter_mut().for_each(|c| {
            if let Some(canonical) = self.canonical(&c.subject) {
                c.subject = canonical.to_string();
            } else if let Some(parties) = c.subject.strip_suffix(" relations")
                && let Some((a, b)) = parties.split_once('-')
            {
                let a = self.canonical(a).unwrap_or(a).to_string();
                let b = self.canonical(b).unwrap_or(b).to_string();
                c.subject = relationship_subject(&a, &b);
            }
            if let Some(object) = &c.object
                && let Some(canonical) = self.canonical(object)
            {
                c.object = Some(canonical.to_string());
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    fn mention(name: &str, acronym: Option<&str>) -> BodyMention {
        BodyMention {
            span: Span::new(0, name.len()),
            name: name.to_string(),
            acronym: acronym.map(str::to_string),
            kind: name_type(name),
        }
    }

    #[test]
    fn name_counts_build_the_same_registry_as_the_mentions() {
        let sheets = [
            vec![
                mention("Joint Commission", None),
                mention("Anglo-French Joint Commission", Some("JC")),
                mention("JC", None),
                mention("Joint Commission", None),
                mention("the Harbour Board", None),
            ],
            vec![
                mention("Harbour Board", None),
                mention("JC", None),
                mention("Harbour Board", Some("HB")),
                mention("HB", None),
                mention("HB", None),
            ],
        ];
        let tallies: Vec<Vec<NameCount>> = sheets.iter().map(|ms| NameCount::tally(ms)).collect();
        assert_eq!(tallies[1].len(), 4, "distinct (name, acronym) pairs: {:?}", tallies[1]);
        assert_eq!(tallies[1][3], NameCount { name: "HB".into(), acronym: None, count: 2 });
        let config = BodiesConfig::default();
        let from_mentions = Registry::build(sheets.iter().flatten(), &config);
        let from_counts = Registry::build_counted(tallies.iter().flatten(), &config);
        assert_eq!(from_counts.bodies(), from_mentions.bodies());
        assert!(from_counts.bodies().iter().any(|b| b.mentions == 5), "{:?}", from_counts.bodies());
    }

    #[test]
    fn acronym_and_qualified_forms_share_one_body() {
        let ms = [
            mention("Anglo-French Joint Commission", Some("JC")),
            mention("Joint Commission", None),
            mention("Joint Commission", None),
            mention("JC", None),
        ];
        let reg = Registry::build(&ms, &BodiesConfig::default());
        assert_eq!(reg.canonical("JC"), Some("Joint Commission"));
        assert_eq!(reg.canonical("the Anglo-French Joint Commission"), Some("Joint Commission"));
        assert_eq!(reg.body("jc").map(|b| b.kind), Some(BodyType::Council));
        assert_eq!(reg.names_of("JC"), ["Joint Commission", "Anglo-French Joint Commission", "JC"]);
    }

    #[test]
    fn complements_reduce_to_the_short_title() {
        let ms = [
            mention("Treaty of Lisbon on European Reform", None),
            mention("Treaty of Lisbon", None),
            mention("Treaty of Lisbon", None),
        ];
        let reg = Registry::build(&ms, &BodiesConfig::default());
        assert_eq!(reg.canonical("Treaty of Lisbon on European Reform"), Some("Treaty of Lisbon"));
    }

    #[test]
    fn an_adjective_qualifier_makes_another_body() {
        let ms = [
            mention("Northern Rowing Union", None),
            mention("Rowing Union", None),
            mention("UN Rowing Union", None),
            mention("Permanent Trade Council", None),
            mention("Trade Council", None),
        ];
        let reg = Registry::build(&ms, &BodiesConfig::default());
        assert_eq!(reg.canonical("Northern Rowing Union"), Some("Northern Rowing Union"));
        assert_eq!(reg.canonical("Rowing Union"), reg.canonical("UN Rowing Union"));
        assert_ne!(reg.canonical("Rowing Union"), reg.canonical("Northern Rowing Union"));
        assert_eq!(reg.canonical("Permanent Trade Council"), Some("Permanent Trade Council"));
    }

    #[test]
    fn ambiguous_short_names_are_not_merged() {
        let ms = [
            mention("EU-China Joint Committee", None),
            mention("EU-India Joint Committee", None),
            mention("Joint Committee", None),
        ];
        let reg = Registry::build(&ms, &BodiesConfig::default());
        assert_eq!(reg.canonical("EU-China Joint Committee"), Some("EU-China Joint Committee"));
        assert_eq!(reg.canonical("EU-India Joint Committee"), Some("EU-India Joint Committee"));
        assert_eq!(reg.bodies().len(), 3);
    }

    #[test]
    fn an_acronym_of_two_different_bodies_goes_to_one() {
        let ms = [
            mention("European Central Bank", Some("ECB")),
            mention("European Central Bank", None),
            mention("Eastern Cricket Board", Some("ECB")),
        ];
        let reg = Registry::build(&ms, &BodiesConfig::default());
        assert_eq!(reg.canonical("ECB"), Some("European Central Bank"));
        assert_eq!(reg.canonical("Eastern Cricket Board"), Some("Eastern Cricket Board"));
    }

    #[test]
    fn single_words_do_not_absorb_names() {
        let ms = [mention("Security Council", None), mention("European Council", None)];
        let reg = Registry::build(&ms, &BodiesConfig::default());
        assert_eq!(reg.bodies().len(), 2);
    }

    #[test]
    fn claims_resolve_subjects_objects_and_relationship_parties() {
        use crate::date::{Date, Point};
        let ms = [mention("European Free Trade Association", Some("EFTA")), mention("EFTA", None)];
        let reg = Registry::build(&ms, &BodiesConfig::default());
        let claim = |subject: &str, object: Option<&str>| Claim {
            doc: crate::corpus::DocId("a.txt".into()),
            subject: subject.into(),
            subject_text: subject.into(),
            event: super::super::super::Event::Joined,
            agent: None,
            object: object.map(str::to_string),
            date: Date::point(Point::year(1960).unwrap()),
            date_text: "1960".into(),
            inferred: false,
            inferred_from: None,
            what: None,
            qualifiers: Vec::new(),
            figures: Vec::new(),
            line: 1,
            column: 1,
            quote: String::new(),
            quote_date: Span::default(),
            quote_subject: None,
            confidence: 1.0,
        };
        let mut claims =
            [claim("EFTA", Some("EFTA")), claim("EFTA-Norway relations", None), claim("Norway-EFTA relations", None)];
        reg.resolve_claims(&mut claims);
        assert_eq!(claims[0].subject, "European Free Trade Association");
        assert_eq!(claims[0].object.as_deref(), Some("European Free Trade Association"));
        assert_eq!(claims[1].subject, "European Free Trade Association-Norway relations");
        assert_eq!(claims[1].subject, claims[2].subject);
    }

    #[test]
    fn config_aliases_and_exclusions() {
        let mut config = BodiesConfig::default();
        config.aliases.insert("Bank of England".into(), vec!["the Old Lady".into()]);
        config.exclude.push("Cold War".into());
        let ms = [mention("Bank of England", None), mention("Old Lady", None), mention("Cold War", None)];
        let reg = Registry::build(&ms, &config);
        assert_eq!(reg.canonical("Old Lady"), Some("Bank of England"));
        assert_eq!(reg.canonical("Cold War"), None);
        assert!(reg.is_excluded("cold war"));
    }
}
