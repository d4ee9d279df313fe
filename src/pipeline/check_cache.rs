//! `check` at the cost of what changed: the cross-check's findings kept per subject in
//! the index directory, and recomputed only for the subjects that changed sheets touch.
//!
//! Every rule of the cross-check compares the claims of one subject
//! ([`check::check_one_subject`]); only the agent rule ([`check::order::check_agents`])
//! looks across subjects, and each of its findings is about the body an agent names: its
//! subject folds to that agent ([`check::agent_key`]). So the findings are kept per subject
//! beside that subject's claims, and per agent:
//!
//! - `check.bin`: the state. The alias resolution it was computed under (a digest of every
//!   name's canonical body), every sheet with its write stamp and the subjects its claims
//!   are about, every subject with its findings and the agents its claims name, and the
//!   agent rule's findings per agent. Findings cite their claims by position (subject,
//!   index), so reading the state decodes no claim.
//! - `check/<digest of the subject>.bin`: one subject's claims, resolved, in the order the
//!   corpus-wide view sorts them; each file carries a key the state names, so a file from
//!   another run is never mixed in.
//!
//! When sheets change (their write stamps differ from the state's), their old and new
//! claims name the subjects to check again; the agent rule runs again for every agent those
//! subjects are or name. Everything is recomputed (as on a first run) when the state is
//! missing, damaged or from another build, when the alias settings or the resolution of
//! any name changed, when a subject's file cannot be read, or when more than a quarter of
//! the sheets changed. The result is the same as [`check::cross_check_shared`] over the
//! whole view, finding for finding (test `incremental_check_equals_the_full_cross_check`).
//! The claims of a finding are read back only when it is printed with them.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::Session;
use crate::check::{self, Finding, FindingKind, Severity};
use crate::corpus::DocId;
use crate::date::Date;
use crate::error::Result;
use crate::extract::Claim;
use crate::extract::bodies::Registry;
use crate::warning::Warning;

/// The state file in the index directory.
const STATE: &str = "check.bin";
/// The folder of the per-subject claim files in the index directory.
const UNITS_DIR: &str = "check";

/// What the state records (see the module documentation).
#[derive(Debug, Serialize, Deserialize)]
struct State {
    /// Digest of the alias resolution the claims were resolved with ([`resolution_digest`]).
    resolution: [u8; 32],
    /// Every sheet, sorted by id.
    sheets: Vec<SheetEntry>,
    /// Every subject ever seen by this state (a subject left with no claim stays, empty).
    units: Vec<Unit>,
    /// The agent rule's findings, per folded agent name, sorted by it.
    agents: Vec<AgentUnit>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct SheetEntry {
    id: DocId,
    written: u64,
    /// Indices into [`State::units`] of the subjects its claims are about.
    units: Vec<u32>,
    /// What extraction warned about in it.
    warnings: Vec<Warning>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Unit {
    /// The canonical subject.
    subject: String,
    /// The key its claims file was written with (all zero: no file, no claims).
    key: [u8; 32],
    /// How many claims it has.
    claims: u32,
    /// The agents its claims name, folded, sorted.
    agents: Vec<String>,
    /// Its findings, as [`check::check_one_subject`] makes them.
    findings: Vec<Cached>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct AgentUnit {
    agent: String,
    findings: Vec<Cached>,
}

/// A finding whose claims are positions (subject, index in the subject's claims).
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Cached {
    id: String,
    severity: Severity,
    kind: FindingKind,
    subject: String,
    event: String,
    reason: String,
    values: Vec<String>,
    consolidated: Option<Date>,
    /// The earliest date of its claims (the sort needs it without the claims).
    earliest: Option<Date>,
    claims: Vec<(u32, u32)>,
}

/// How a check got its findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum How {
    /// Nothing changed: all read back from the state.
    Stored,
    /// Only the subjects and agents that changed sheets touch were checked.
    Incremental,
    /// Everything was checked.
    Full,
}

/// The findings of a check, sorted and with unique ids, whose claims are read on demand.
#[derive(Debug)]
pub(super) struct Checked {
    /// How they were made.
    pub(super) how: How,
    findings: Vec<Cached>,
    /// Claims compared.
    pub(super) claims: usize,
    /// Sheets read.
    pub(super) sheets: usize,
    /// The sheets' extraction warnings, in sheet order.
    pub(super) warnings: Vec<Warning>,
    /// Each subject's claims file (name, key), by unit index.
    files: Vec<(String, [u8; 32])>,
    /// Claims already in memory, by unit index.
    loaded: HashMap<u32, Vec<Arc<Claim>>>,
    dir: PathBuf,
}

impl Checked {
    /// The findings, in order; those for which `with_claims` holds get their claims (read
    /// from the subjects' files as needed), the others an empty list.
    ///
    /// # Errors
    /// A subject's claims file can no longer be read.
    pub(super) fn into_findings(mut self, with_claims: impl Fn(&str) -> bool) -> Result<Vec<Finding>> {
        let wanted: Vec<bool> = self.findings.iter().map(|f| with_claims(&f.id)).collect();
        let needed: BTreeSet<u32> = self
            .findings
            .iter()
            .zip(&wanted)
            .filter(|(_, w)| **w)
            .flat_map(|(f, _)| f.claims.iter().map(|&(u, _)| u))
            .filter(|u| !self.loaded.contains_key(u))
            .collect();
        let read: Vec<(u32, Option<Vec<Arc<Claim>>>)> = needed
            .into_par_iter()
            .map(|u| {
                let (name, key) = self.files.get(u as usize).cloned().unwrap_or_default();
                (u, read_unit(&self.dir, &name, &key))
            })
            .collect();
        for (u, claims) in read {
            let claims = claims.ok_or_else(|| crate::Error::Index {
                path: self.dir.clone(),
                message: "a subject's cached claims changed while reading them".into(),
            })?;
            self.loaded.insert(u, claims);
        }
        let loaded = &self.loaded;
        Ok(self
            .findings
            .into_iter()
            .zip(wanted)
            .map(|(f, w)| {
                let claims = if w {
                    f.claims
                        .iter()
                        .filter_map(|&(u, i)| loaded.get(&u).and_then(|c| c.get(i as usize)).cloned())
                        .collect()
                } else {
                    Vec::new()
                };
                Finding {
                    id: f.id,
                    severity: f.severity,
                    kind: f.kind,
                    subject: f.subject,
                    event: f.event,
                    reason: f.reason,
                    values: f.values,
                    claims,
                    consolidated: f.consolidated,
                }
            })
            .collect())
    }
}

/// The cross-check of the session's corpus, from the cached state where it is current.
///
/// # Errors
/// The index cannot be read.
pub(super) fn run(session: &Session) -> Result<Checked> {
    let index = &session.index;
    let writes = index.sheet_writes()?;
    let settings = settings_key(session);
    if let Some(state) = index.cached::<State>(STATE, &settings) {
        let changed = changed_sheets(&state.sheets, &writes);
        if changed.is_empty() {
            return Ok(finish(How::Stored, state, HashMap::new(), index.dir(), writes.len()));
        }
        if changed.len() <= writes.len() / 4 {
            let registry = session.registry()?;
            if resolution_digest(&registry) == state.resolution
                && let Some(done) = incremental(session, state, &registry, &changed, &settings)?
            {
                return Ok(done);
            }
        }
    }
    full(session, &settings, writes.len())
}

/// What the state depends on besides the sheets: the alias settings.
fn settings_key(session: &Session) -> [u8; 32] {
    let mut h = blake3::Hasher::new();
    h.update(b"concord check state 1\0");
    h.update(format!("{:?}", session.config.bodies).as_bytes());
    *h.finalize().as_bytes()
}

/// A digest of how the registry resolves every name it knows: two registries with the
/// same digest give every claim the same subject (mention counts do not enter it).
fn resolution_digest(registry: &Registry) -> [u8; 32] {
    let mut h = blake3::Hasher::new();
    for b in registry.bodies() {
        for name in std::iter::once(&b.canonical).chain(&b.aliases) {
            let canonical = registry.canonical(name).unwrap_or("");
            for s in [name.as_str(), canonical] {
                h.update(&(s.len() as u64).to_le_bytes());
                h.update(s.as_bytes());
            }
        }
    }
    *h.finalize().as_bytes()
}

/// Ids whose write stamp differs between the state and the index, or that only one holds.
fn changed_sheets(state: &[SheetEntry], now: &[(DocId, u64)]) -> Vec<DocId> {
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < state.len() || j < now.len() {
        match (state.get(i), now.get(j)) {
            (Some(a), Some((id, w))) => match a.id.cmp(id) {
                std::cmp::Ordering::Equal => {
                    if a.written != *w {
                        out.push(id.clone());
                    }
                    i += 1;
                    j += 1;
                }
                std::cmp::Ordering::Less => {
                    out.push(a.id.clone());
                    i += 1;
                }
                std::cmp::Ordering::Greater => {
                    out.push(id.clone());
                    j += 1;
                }
            },
            (Some(a), None) => {
                out.push(a.id.clone());
                i += 1;
            }
            (None, Some((id, _))) => {
                out.push(id.clone());
                j += 1;
            }
            (None, None) => break,
        }
    }
    out
}

/// Every subject checked from the whole view; the state written anew.
fn full(session: &Session, settings: &[u8; 32], sheets: usize) -> Result<Checked> {
    let t = std::time::Instant::now();
    let view = session.view()?;
    let t = crate::timing::phase("check: view", t);
    let resolution = resolution_digest(&view.registry);
    // Units in order of first appearance; each holds its claims in view order.
    let mut by_subject: HashMap<&str, u32> = HashMap::new();
    let mut unit_claims: Vec<Vec<Arc<Claim>>> = Vec::new();
    let mut sheet_units: Vec<(DocId, BTreeSet<u32>)> = Vec::new();
    for c in &view.claims {
        let next = u32::try_from(unit_claims.len()).unwrap_or(u32::MAX);
        let u = *by_subject.entry(c.subject.as_str()).or_insert(next);
        if u == next {
            unit_claims.push(Vec::new());
        }
        unit_claims[u as usize].push(Arc::clone(c));
        match sheet_units.last_mut() {
            Some((doc, set)) if *doc == c.doc => {
                set.insert(u);
            }
            _ => sheet_units.push((c.doc.clone(), BTreeSet::from([u]))),
        }
    }
    drop(by_subject);
    let unit_findings: Vec<Vec<Finding>> = unit_claims.par_iter().map(|c| check::check_one_subject(c)).collect();
    let agent_findings = check::order::check_agents(&view.claims);
    let t = crate::timing::phase("check: cross-check", t);
    // Claim handle -> (unit, index), for the agent rule's findings.
    let mut positions: Vec<(usize, u32, u32)> = unit_claims
        .iter()
        .enumerate()
        .flat_map(|(u, cs)| cs.iter().enumerate().map(move |(i, c)| (Arc::as_ptr(c) as usize, u as u32, i as u32)))
        .collect();
    positions.par_sort_unstable();
    let locate = |c: &Arc<Claim>| -> (u32, u32) {
        let p = Arc::as_ptr(c) as usize;
        positions.binary_search_by(|x| x.0.cmp(&p)).map_or((u32::MAX, 0), |k| (positions[k].1, positions[k].2))
    };
    let mut units: Vec<Unit> = unit_claims
        .par_iter()
        .zip(unit_findings)
        .map(|(claims, findings)| Unit {
            subject: claims.first().map(|c| c.subject.clone()).unwrap_or_default(),
            key: [0; 32],
            claims: u32::try_from(claims.len()).unwrap_or(u32::MAX),
            agents: agents_of(claims.iter().map(|c| &**c)),
            findings: findings.iter().map(|f| compact(f, &locate)).collect(),
        })
        .collect();
    let mut agents: Vec<AgentUnit> = Vec::new();
    let mut by_agent: std::collections::BTreeMap<String, Vec<Cached>> = std::collections::BTreeMap::new();
    for f in &agent_findings {
        by_agent.entry(check::agent_key(&f.subject)).or_default().push(compact(f, &locate));
    }
    agents.extend(by_agent.into_iter().map(|(agent, findings)| AgentUnit { agent, findings }));
    drop(agent_findings);
    drop(positions);
    let dir = session.index.dir().to_path_buf();
    let written =
        write_units(&dir, &mut units, unit_claims.iter().enumerate().map(|(u, c)| (u as u32, c.as_slice())).collect());
    let state = State {
        resolution,
        sheets: {
            let mut by_doc: HashMap<DocId, Vec<u32>> =
                sheet_units.into_iter().map(|(d, s)| (d, s.into_iter().collect())).collect();
            let mut warned: HashMap<&DocId, &Vec<Warning>> = view.sheets.iter().map(|s| (&s.id, &s.warnings)).collect();
            session
                .index
                .sheet_writes()?
                .into_iter()
                .map(|(id, written)| {
                    let units = by_doc.remove(&id).unwrap_or_default();
                    let warnings = warned.remove(&id).cloned().unwrap_or_default();
                    SheetEntry { id, written, units, warnings }
                })
                .collect()
        },
        units,
        agents,
    };
    save(session, settings, &state, written);
    crate::timing::phase("check: state written", t);
    let loaded = unit_claims.into_iter().enumerate().map(|(u, c)| (u as u32, c)).collect();
    Ok(finish(How::Full, state, loaded, &dir, sheets))
}

/// Only the subjects and agents the `changed` sheets touch checked again; `None` when a
/// subject's file cannot be read (the caller then checks everything).
fn incremental(
    session: &Session,
    mut state: State,
    registry: &Registry,
    changed: &[DocId],
    settings: &[u8; 32],
) -> Result<Option<Checked>> {
    let t = std::time::Instant::now();
    let dir = session.index.dir().to_path_buf();
    let mut by_subject: HashMap<String, u32> =
        state.units.iter().enumerate().map(|(i, u)| (u.subject.clone(), i as u32)).collect();
    let position: HashMap<&DocId, usize> = state.sheets.iter().enumerate().map(|(i, s)| (&s.id, i)).collect();
    let mut affected: BTreeSet<u32> =
        changed.iter().filter_map(|id| position.get(id)).flat_map(|&i| state.sheets[i].units.clone()).collect();
    drop(position);
    // The changed sheets' claims now, resolved and in view order (line, column).
    let mut fresh: Vec<(DocId, Vec<Claim>)> = Vec::new();
    let mut fresh_warnings: HashMap<DocId, Vec<Warning>> = HashMap::new();
    for (summary, claims) in session.index.sheet_views(changed)? {
        fresh_warnings.insert(summary.id.clone(), summary.warnings);
        fresh.push((summary.id, claims));
    }
    for (_, claims) in &mut fresh {
        registry.resolve_claims(claims);
        claims.sort_by_key(|c| (c.line, c.column));
    }
    let mut fresh_units: HashMap<DocId, BTreeSet<u32>> = HashMap::new();
    for (doc, claims) in &fresh {
        for c in claims {
            let u = match by_subject.get(&c.subject) {
                Some(&u) => u,
                None => {
                    let u = u32::try_from(state.units.len()).unwrap_or(u32::MAX);
                    state.units.push(Unit {
                        subject: c.subject.clone(),
                        key: [0; 32],
                        claims: 0,
                        agents: Vec::new(),
                        findings: Vec::new(),
                    });
                    by_subject.insert(c.subject.clone(), u);
                    u
                }
            };
            affected.insert(u);
            fresh_units.entry(doc.clone()).or_default().insert(u);
        }
    }
    // The affected subjects' claims: the cached ones of unchanged sheets, then the fresh.
    let gone: BTreeSet<&DocId> = changed.iter().collect();
    let mut loaded: HashMap<u32, Vec<Arc<Claim>>> = HashMap::new();
    for (u, claims) in load_units(&dir, &state.units, &affected) {
        let Some(claims) = claims else { return Ok(None) };
        loaded.insert(u, claims);
    }
    for &u in &affected {
        let subject = state.units[u as usize].subject.as_str();
        let kept = loaded.remove(&u).unwrap_or_default();
        let mut merged: Vec<Arc<Claim>> = Vec::with_capacity(kept.len());
        let mut new_iter = fresh.iter().map(|(doc, cs)| (doc, cs.iter().filter(|c| c.subject == subject))).peekable();
        let mut kept = kept.into_iter().filter(|c| !gone.contains(&c.doc)).peekable();
        // Both sides are in sheet order: merge sheet blocks.
        loop {
            let take_new = match (kept.peek(), new_iter.peek()) {
                (Some(k), Some((doc, _))) => **doc < k.doc,
                (None, Some(_)) => true,
                (Some(_), None) => false,
                (None, None) => break,
            };
            if take_new {
                if let Some((_, cs)) = new_iter.next() {
                    merged.extend(cs.cloned().map(Arc::new));
                }
            } else if let Some(k) = kept.next() {
                merged.push(k);
            }
        }
        loaded.insert(u, merged);
    }
    drop(fresh);
    let t = crate::timing::phase("check: affected subjects loaded", t);
    // Agents to check again: the affected subjects themselves, and every agent their
    // claims name, before and after the change.
    let mut agents: BTreeSet<String> = BTreeSet::new();
    for &u in &affected {
        let unit = &state.units[u as usize];
        agents.insert(check::agent_key(&unit.subject));
        agents.extend(unit.agents.iter().cloned());
        agents.extend(agents_of(loaded[&u].iter().map(|c| &**c)));
    }
    // Recompute the affected subjects.
    let recomputed: Vec<(u32, Vec<Finding>)> =
        affected.par_iter().map(|&u| (u, check::check_one_subject(&loaded[&u]))).collect();
    for (u, findings) in recomputed {
        let claims = &loaded[&u];
        let index: HashMap<usize, u32> =
            claims.iter().enumerate().map(|(i, c)| (Arc::as_ptr(c) as usize, i as u32)).collect();
        let locate = |c: &Arc<Claim>| (u, index.get(&(Arc::as_ptr(c) as usize)).copied().unwrap_or(u32::MAX));
        let unit = &mut state.units[u as usize];
        unit.findings = findings.iter().map(|f| compact(f, &locate)).collect();
        unit.claims = u32::try_from(claims.len()).unwrap_or(u32::MAX);
        unit.agents = agents_of(claims.iter().map(|c| &**c));
    }
    // The agent rule, per affected agent, over the subjects that are it or name it.
    let mut sources: BTreeSet<u32> = BTreeSet::new();
    for (u, unit) in state.units.iter().enumerate() {
        if agents.contains(&check::agent_key(&unit.subject)) || unit.agents.iter().any(|a| agents.contains(a)) {
            sources.insert(u as u32);
        }
    }
    let missing: BTreeSet<u32> = sources.iter().copied().filter(|u| !loaded.contains_key(u)).collect();
    for (u, claims) in load_units(&dir, &state.units, &missing) {
        let Some(claims) = claims else { return Ok(None) };
        loaded.insert(u, claims);
    }
    let mut fresh_agents: Vec<AgentUnit> = agents
        .par_iter()
        .map(|agent| {
            let mut positions: HashMap<usize, (u32, u32)> = HashMap::new();
            let mut subset: Vec<Arc<Claim>> = Vec::new();
            for &u in &sources {
                let unit = &state.units[u as usize];
                let whole = check::agent_key(&unit.subject) == *agent;
                if !whole && !unit.agents.contains(agent) {
                    continue;
                }
                for (i, c) in loaded[&u].iter().enumerate() {
                    if whole || c.agent.as_deref().is_some_and(|a| check::agent_key(a) == *agent) {
                        positions.insert(Arc::as_ptr(c) as usize, (u, i as u32));
                        subset.push(Arc::clone(c));
                    }
                }
            }
            subset.sort_by(|a, b| (&a.doc, a.line, a.column).cmp(&(&b.doc, b.line, b.column)));
            let locate = |c: &Arc<Claim>| positions.get(&(Arc::as_ptr(c) as usize)).copied().unwrap_or((u32::MAX, 0));
            let findings = check::order::check_agents(&subset)
                .iter()
                .filter(|f| check::agent_key(&f.subject) == *agent)
                .map(|f| compact(f, &locate))
                .collect();
            AgentUnit { agent: agent.clone(), findings }
        })
        .collect();
    state.agents.retain(|a| !agents.contains(&a.agent));
    fresh_agents.retain(|a| !a.findings.is_empty());
    state.agents.extend(fresh_agents);
    state.agents.sort_by(|a, b| a.agent.cmp(&b.agent));
    let t = crate::timing::phase("check: affected subjects and agents checked", t);
    // The sheets: changed ones take their new stamps and subjects.
    let writes: HashMap<DocId, u64> = session.index.sheet_writes()?.into_iter().collect();
    state.sheets.retain(|s| !gone.contains(&s.id));
    for id in changed {
        if let Some(&written) = writes.get(id) {
            let units = fresh_units.remove(id).map(|s| s.into_iter().collect()).unwrap_or_default();
            let warnings = fresh_warnings.remove(id).unwrap_or_default();
            state.sheets.push(SheetEntry { id: id.clone(), written, units, warnings });
        }
    }
    state.sheets.sort_by(|a, b| a.id.cmp(&b.id));
    let sheets = state.sheets.len();
    let written = write_units(
        &dir,
        &mut state.units,
        affected.iter().map(|&u| (u, loaded.get(&u).map_or(&[][..], Vec::as_slice))).collect(),
    );
    save(session, settings, &state, written);
    crate::timing::phase("check: state written", t);
    Ok(Some(finish(How::Incremental, state, loaded, &dir, sheets)))
}

/// The folded agents the claims name, sorted, once each.
fn agents_of<'a>(claims: impl Iterator<Item = &'a Claim>) -> Vec<String> {
    let set: BTreeSet<String> =
        claims.filter_map(|c| c.agent.as_deref()).map(check::agent_key).filter(|a| !a.is_empty()).collect();
    set.into_iter().collect()
}

fn compact(f: &Finding, locate: &impl Fn(&Arc<Claim>) -> (u32, u32)) -> Cached {
    Cached {
        id: f.id.clone(),
        severity: f.severity,
        kind: f.kind,
        subject: f.subject.clone(),
        event: f.event.clone(),
        reason: f.reason.clone(),
        values: f.values.clone(),
        consolidated: f.consolidated,
        earliest: f.claims.iter().map(|c| c.date).min(),
        claims: f.claims.iter().map(locate).collect(),
    }
}

/// The state's findings in [`check::cross_check_shared`]'s order, ids made unique as it
/// makes them: the subjects' findings, then the agent rule's, sorted (stably) by severity,
/// subject, event, earliest date and id.
fn finish(how: How, state: State, loaded: HashMap<u32, Vec<Arc<Claim>>>, dir: &Path, sheets: usize) -> Checked {
    let claims = state.units.iter().map(|u| u.claims as usize).sum();
    let warnings = state.sheets.into_iter().flat_map(|s| s.warnings).collect();
    let files = state.units.iter().map(|u| (file_name(&u.subject), u.key)).collect();
    let mut findings: Vec<Cached> = state
        .units
        .into_iter()
        .flat_map(|u| u.findings)
        .chain(state.agents.into_iter().flat_map(|a| a.findings))
        .collect();
    findings.sort_by(|a, b| {
        (a.severity, &a.subject, &a.event, a.earliest, &a.id)
            .cmp(&(b.severity, &b.subject, &b.event, b.earliest, &b.id))
    });
    let mut seen: HashMap<String, usize> = HashMap::new();
    for f in &mut findings {
        let n = seen.entry(f.id.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            f.id = format!("{}-{}", f.id, n);
        }
    }
    Checked { how, findings, claims, sheets, warnings, files, loaded, dir: dir.join(UNITS_DIR) }
}

/// The file of a subject's claims: named by a digest, so any subject is a safe file name.
fn file_name(subject: &str) -> String {
    let hex = blake3::hash(subject.as_bytes()).to_hex();
    format!("{}.bin", &hex.as_str()[..32])
}

/// A key no earlier write of a subject's file had.
fn fresh_key(subject: &str) -> [u8; 32] {
    static CALLS: AtomicU64 = AtomicU64::new(0);
    let mut h = blake3::Hasher::new();
    h.update(&std::process::id().to_le_bytes());
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    h.update(&now.to_le_bytes());
    h.update(&CALLS.fetch_add(1, Ordering::Relaxed).to_le_bytes());
    h.update(subject.as_bytes());
    *h.finalize().as_bytes()
}

/// Stores the state when every subject file it names was written; else removes it, so
/// that the next run checks everything (a cache that cannot be written costs speed, not
/// correctness).
fn save(session: &Session, settings: &[u8; 32], state: &State, units_written: bool) {
    if units_written {
        session.index.store_cached(STATE, settings, state);
    } else {
        let _ = std::fs::remove_file(session.index.dir().join(STATE));
    }
}

/// Writes the claims of the given units (in parallel) and records their new keys; a unit
/// with no claims gets no file. Returns whether every file was written.
fn write_units(index_dir: &Path, units: &mut [Unit], claims: Vec<(u32, &[Arc<Claim>])>) -> bool {
    let dir = index_dir.join(UNITS_DIR);
    let _ = std::fs::create_dir_all(&dir);
    let keys: Vec<(u32, Option<[u8; 32]>)> = claims
        .into_par_iter()
        .map(|(u, cs)| {
            let Some(unit) = units.get(u as usize) else { return (u, Some([0; 32])) };
            let path = dir.join(file_name(&unit.subject));
            if cs.is_empty() {
                let _ = std::fs::remove_file(&path);
                return (u, Some([0; 32]));
            }
            let key = fresh_key(&unit.subject);
            let plain: Vec<&Claim> = cs.iter().map(|c| &**c).collect();
            match crate::index::write_keyed_file(&path, &key, &plain) {
                Ok(()) => (u, Some(key)),
                Err(_) => (u, None),
            }
        })
        .collect();
    let mut all = true;
    for (u, key) in keys {
        if let Some(unit) = units.get_mut(u as usize) {
            all &= key.is_some();
            unit.key = key.unwrap_or([0; 32]);
        }
    }
    all
}

/// Reads the claims of one unit's file; `None` when it is missing or not the one `key` names.
fn read_unit(dir: &Path, name: &str, key: &[u8; 32]) -> Option<Vec<Arc<Claim>>> {
    if *key == [0; 32] {
        return Some(Vec::new());
    }
    let claims: Vec<Claim> = crate::index::read_keyed_file(&dir.join(name), key)?;
    Some(claims.into_iter().map(Arc::new).collect())
}

/// Reads the claims of the given units in parallel.
fn load_units(index_dir: &Path, units: &[Unit], which: &BTreeSet<u32>) -> Vec<(u32, Option<Vec<Arc<Claim>>>)> {
    let dir = index_dir.join(UNITS_DIR);
    which
        .par_iter()
        .map(|&u| {
            let claims = units.get(u as usize).and_then(|unit| read_unit(&dir, &file_name(&unit.subject), &unit.key));
            (u, claims)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::{NoProgress, Options};

    struct Fixture {
        dir: tempfile::TempDir,
    }

    impl Fixture {
        fn new() -> Fixture {
            let dir = tempfile::tempdir().unwrap();
            std::fs::create_dir_all(dir.path().join("corpus")).unwrap();
            std::fs::write(dir.path().join("none.toml"), "").unwrap();
            let f = Fixture { dir };
            // Invented bodies: a date conflict, a first meeting, an act signed twice, and an
            // agent (the Lyra Council) that joined a body before it was itself established.
            f.write("a.txt", "The Rowing Union was established on 4 May 1990.\n\nThe Rowing Union held its first meeting on 2 June 1991.\n");
            f.write(
                "b.txt",
                "The Rowing Union was established on 9 May 1994.\n\nThe Oslo Treaty was signed on 3 March 1985.\n",
            );
            f.write("c.txt", "The Oslo Treaty was signed on 3 March 1986.\n\nThe Rowing Union held its first meeting on 2 June 1993.\n");
            f.write("d.txt", "The Lyra Council joined the Rowing Union in 1985.\n\nThe Rowing Union was established on 4 May 1990.\n");
            f.write("e.txt", "The Lyra Council was established on 2 July 1995.\n");
            // Sheets no step changes, so that each step changes under a quarter of them.
            for i in 0..16 {
                f.write(&format!("filler{i:02}.txt"), &format!("The Pavo Institute opened in {}.\n", 1960 + i % 2));
            }
            f
        }

        fn write(&self, name: &str, text: &str) {
            std::fs::write(self.dir.path().join("corpus").join(name), text).unwrap();
        }

        fn session(&self) -> Session {
            let mut opts = Options::new(self.dir.path().join("corpus"), self.dir.path().join("index"));
            opts.config = Some(self.dir.path().join("none.toml"));
            Session::open(&opts, &NoProgress).unwrap()
        }

        /// The cached check's findings (all with their claims) and how it made them, and
        /// the full cross-check's over the same index.
        fn check(&self) -> (How, Vec<Finding>, Vec<Finding>) {
            let session = self.session();
            let checked = run(&session).unwrap();
            let (how, claims, sheets) = (checked.how, checked.claims, checked.sheets);
            let warnings = checked.warnings.clone();
            let findings = checked.into_findings(|_| true).unwrap();
            let view = session.view().unwrap();
            assert_eq!((claims, sheets), (view.claims.len(), view.sheets.len()));
            assert_eq!(warnings, view.sheets.iter().flat_map(|s| s.warnings.clone()).collect::<Vec<_>>());
            (how, findings, check::cross_check_shared(&view.claims))
        }
    }

    #[test]
    fn incremental_check_equals_the_full_cross_check() {
        let f = Fixture::new();
        let (how, cached, full) = f.check();
        assert_eq!(how, How::Full);
        assert!(full.len() >= 4, "the fixture must have findings: {full:#?}");
        assert!(full.iter().any(|x| x.subject == "Lyra Council"), "an agent finding: {full:#?}");
        assert_eq!(cached, full);
        let (how, cached, full) = f.check();
        assert_eq!(how, How::Stored);
        assert_eq!(cached, full);
        // The agent's own founding moves before the join: its finding goes.
        f.write("e.txt", "The Lyra Council was established on 2 July 1975.\n");
        let (how, cached, full) = f.check();
        assert_eq!(how, How::Incremental);
        assert!(!full.iter().any(|x| x.subject == "Lyra Council"));
        assert_eq!(cached, full);
        // Back again, a sheet removed, one added, one edited.
        f.write("e.txt", "The Lyra Council was established on 2 July 1995.\n");
        std::fs::remove_file(f.dir.path().join("corpus/c.txt")).unwrap();
        f.write("f.txt", "The Oslo Treaty was signed on 3 March 1987.\n\nThe Rowing Union met in 2001.\n");
        f.write("a.txt", "The Rowing Union was established on 4 May 1990.\n");
        let (how, cached, full) = f.check();
        assert_eq!(how, How::Incremental);
        assert!(full.iter().any(|x| x.subject == "Lyra Council"));
        assert_eq!(cached, full);
        // The join is gone: only the agent's sheet and the joined body's changed.
        f.write("d.txt", "The Rowing Union was established on 4 May 1990.\n");
        let (how, cached, full) = f.check();
        assert_eq!(how, How::Incremental);
        assert!(!full.iter().any(|x| x.subject == "Lyra Council"));
        assert_eq!(cached, full);
    }

    #[test]
    fn a_damaged_subject_file_means_a_full_check() {
        let f = Fixture::new();
        let (_, first, _) = f.check();
        for e in std::fs::read_dir(f.dir.path().join("index").join(UNITS_DIR)).unwrap() {
            let path = e.unwrap().path();
            let mut bytes = std::fs::read(&path).unwrap();
            let last = bytes.len() - 1;
            bytes[last] ^= 1;
            std::fs::write(&path, bytes).unwrap();
        }
        f.write(
            "b.txt",
            "The Rowing Union was established on 9 May 1996.\n\nThe Oslo Treaty was signed on 3 March 1985.\n",
        );
        let (how, cached, full) = f.check();
        assert_eq!(how, How::Full);
        assert_eq!(cached, full);
        assert_ne!(cached, first);
    }

    #[test]
    fn known_findings_can_come_without_their_claims() {
        let f = Fixture::new();
        f.check();
        let session = f.session();
        let checked = run(&session).unwrap();
        assert_eq!(checked.how, How::Stored);
        let all = checked.into_findings(|_| false).unwrap();
        assert!(!all.is_empty());
        assert!(all.iter().all(|x| x.claims.is_empty()));
        let full = check::cross_check_shared(&session.view().unwrap().claims);
        let ids =
            |v: &[Finding]| v.iter().map(|x| (x.id.clone(), x.values.clone(), x.reason.clone())).collect::<Vec<_>>();
        assert_eq!(ids(&all), ids(&full));
    }
}
