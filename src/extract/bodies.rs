//! Named bodies (placeholder: acronym definitions only; the bodies issue replaces it).

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

use super::{BodyMention, BodyType};
use crate::config::BodiesConfig;
use crate::corpus::Document;
use crate::span::Span;

static NAME_ACRONYM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?x)\b(?P<name>(?:[A-Z][A-Za-z-]+\ ){1,6}[A-Z][a-z]+)\ \((?P<acr>[A-Z][A-Za-z]{1,7})\)")
        .expect("NAME_ACRONYM is a valid regex")
});

/// Finds the named-body mentions of `doc`; `sentences` are its sentence spans.
pub fn extract_bodies(doc: &Document, _sentences: &[Span]) -> Vec<BodyMention> {
    let text = doc.text();
    NAME_ACRONYM
        .captures_iter(text)
        .filter_map(|c| {
            let name = c.name("name")?;
            Some(BodyMention {
                span: Span::new(name.start(), name.end()),
                name: name.as_str().to_string(),
                acronym: c.name("acr").map(|a| a.as_str().to_string()),
                kind: BodyType::Other,
            })
        })
        .collect()
}

/// A canonical body with its aliases.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Body {
    /// The canonical name.
    pub canonical: String,
    /// Every other name that refers to it.
    pub aliases: Vec<String>,
    /// Its type.
    pub kind: BodyType,
}

/// Corpus-wide alias resolution: any name or acronym to one canonical body.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    by_name: BTreeMap<String, usize>,
    bodies: Vec<Body>,
}

impl Registry {
    /// Builds the registry from every document's mentions and the user's configuration.
    pub fn build<'a>(mentions: impl IntoIterator<Item = &'a BodyMention>, _config: &BodiesConfig) -> Registry {
        let mut reg = Registry::default();
        for m in mentions {
            if let Some(acr) = &m.acronym {
                let idx = *reg.by_name.entry(m.name.to_lowercase()).or_insert_with(|| {
                    reg.bodies.push(Body { canonical: m.name.clone(), aliases: Vec::new(), kind: m.kind });
                    reg.bodies.len() - 1
                });
                reg.by_name.entry(acr.to_lowercase()).or_insert(idx);
                if let Some(b) = reg.bodies.get_mut(idx)
                    && !b.aliases.contains(acr)
                {
                    b.aliases.push(acr.clone());
                }
            }
        }
        reg
    }

    /// The canonical name for any known name or alias (case-insensitive).
    pub fn canonical(&self, name: &str) -> Option<&str> {
        self.by_name.get(&name.to_lowercase()).and_then(|&i| self.bodies.get(i)).map(|b| b.canonical.as_str())
    }

    /// All bodies, sorted by canonical name.
    pub fn bodies(&self) -> Vec<&Body> {
        let mut v: Vec<&Body> = self.bodies.iter().collect();
        v.sort_by(|a, b| a.canonical.cmp(&b.canonical));
        v
    }

    /// The body a name refers to.
    pub fn body(&self, name: &str) -> Option<&Body> {
        self.by_name.get(&name.to_lowercase()).and_then(|&i| self.bodies.get(i))
    }
}
