//! Cross-check tests: small hand-built claim sets with known agreements and conflicts.

use super::*;
use crate::extract::{Figure, Qualifier};
use crate::span::Span;

/// A claim as the extractor would produce it: `subject` `event` at `date` (TIMEX3 value)
/// in sheet `doc`, line `line`, with a one-sentence quote whose date is marked.
pub(crate) fn claim(doc: &str, line: u32, subject: &str, event: Event, date: &str) -> Claim {
    let date: Date = date.parse().expect("test dates are valid TIMEX3 values");
    let date_text = date.describe();
    let head = format!("{subject} {} in ", event.as_str());
    let quote = format!("{head}{date_text}.");
    Claim {
        doc: DocId(doc.to_string()),
        subject: subject.to_string(),
        subject_text: subject.to_string(),
        event,
        agent: None,
        object: None,
        date,
        date_text: date_text.clone(),
        inferred: false,
        inferred_from: None,
        qualifiers: Vec::new(),
        figures: Vec::new(),
        line,
        column: u32::try_from(head.chars().count() + 1).unwrap(),
        quote,
        quote_date: Span::new(head.len(), head.len() + date_text.len()),
        quote_subject: Some(Span::new(0, subject.len())),
        confidence: 0.9,
    }
}

fn kinds(f: &[Finding]) -> Vec<(FindingKind, String, Vec<String>)> {
    f.iter().map(|f| (f.kind, f.event.clone(), f.values.clone())).collect()
}

#[test]
fn year_month_and_day_agree() {
    let claims = vec![
        claim("a.txt", 1, "NRC", Event::Established, "1997"),
        claim("b.txt", 2, "NRC", Event::Established, "1997-05"),
        claim("c.txt", 3, "NRC", Event::Established, "1997-05-27"),
    ];
    assert!(cross_check(&claims).is_empty());
    let t = timeline(&claims);
    assert_eq!(t.len(), 1);
    assert_eq!(t[0].date.to_string(), "1997-05-27", "the most precise agreeing date");
    assert_eq!(t[0].supporting_sheets().len(), 3);
    assert!(t[0].dissenting.is_empty());
}

#[test]
fn different_years_conflict() {
    let claims = vec![
        claim("a.txt", 1, "NACC", Event::Established, "1990"),
        claim("b.txt", 5, "NACC", Event::Established, "1991"),
    ];
    let f = cross_check(&claims);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity, Severity::Conflict);
    assert_eq!(f[0].kind, FindingKind::DateConflict);
    assert_eq!(f[0].subject, "NACC");
    assert_eq!(f[0].event, "established");
    assert_eq!(f[0].values, ["1990", "1991"]);
    assert_eq!(f[0].consolidated, None);
    assert!(f[0].id.starts_with("C-") && f[0].id.len() == 10, "{}", f[0].id);
    assert_eq!(f[0].sheets().len(), 2);
}

#[test]
fn a_cluster_against_one_dissenter_is_one_finding() {
    let claims = vec![
        claim("a.txt", 1, "PJC", Event::Established, "1997"),
        claim("b.txt", 1, "PJC", Event::Established, "1997-05"),
        claim("c.txt", 1, "PJC", Event::Established, "1997-05-27"),
        claim("d.txt", 1, "PJC", Event::Established, "1998"),
    ];
    let f = cross_check(&claims);
    assert_eq!(
        kinds(&f),
        [(FindingKind::DateConflict, "established".into(), vec!["1997-05-27".into(), "1998".into()])]
    );
    assert_eq!(f[0].claims.len(), 4, "agreeing and disagreeing claims are listed");
    let t = timeline(&claims);
    assert_eq!(t[0].date.to_string(), "1997-05-27");
    assert_eq!(t[0].supporting_sheets().len(), 3);
    assert_eq!(t[0].dissenting_sheets(), [&DocId("d.txt".into())]);
}

#[test]
fn different_events_subjects_and_agents_do_not_conflict() {
    let mut r = claim("a.txt", 1, "PfP", Event::Joined, "1994");
    r.agent = Some("Russia".into());
    let mut u = claim("b.txt", 1, "PfP", Event::Joined, "1995");
    u.agent = Some("Ukraine".into());
    let claims = vec![
        claim("a.txt", 2, "NACC", Event::Established, "1991"),
        claim("b.txt", 2, "EAPC", Event::Established, "1997"),
        claim("a.txt", 3, "NACC", Event::Signed, "1995"),
        r,
        u,
    ];
    assert!(cross_check(&claims).is_empty(), "{:#?}", cross_check(&claims));
}

#[test]
fn same_agent_different_case_conflicts() {
    let mut r = claim("a.txt", 1, "PfP", Event::Joined, "1994");
    r.agent = Some("Russia".into());
    let mut r2 = claim("b.txt", 1, "PfP", Event::Joined, "1995");
    r2.agent = Some("RUSSIA ".into());
    let f = cross_check(&[r, r2]);
    assert_eq!(f.len(), 1);
    // The label spells the agent as the smallest spelling does, whatever the input order.
    assert_eq!(f[0].event, "joined by RUSSIA");
    let swapped = cross_check(&[(*f[0].claims[1]).clone(), (*f[0].claims[0]).clone()]);
    assert_eq!(swapped[0].id, f[0].id);
}

#[test]
fn recurring_events_are_occurrences_not_conflicts() {
    let claims = vec![
        claim("a.txt", 1, "NRC", Event::Met, "2002-05-28"),
        claim("b.txt", 1, "NRC", Event::Met, "2008"),
        claim("a.txt", 2, "NRC", Event::Suspended, "2008"),
        claim("b.txt", 2, "NRC", Event::Suspended, "2014-04"),
        claim("c.txt", 2, "NRC", Event::Met, "2008-06"),
    ];
    assert!(cross_check(&claims).is_empty());
    let t = timeline(&claims);
    let met: Vec<String> = t.iter().filter(|e| e.event == Event::Met).map(|e| e.date.to_string()).collect();
    assert_eq!(met, ["2002-05-28", "2008-06"], "one entry per occurrence");
}

#[test]
fn first_makes_a_recurring_event_one_off() {
    let mut a = claim("a.txt", 1, "NRC", Event::Met, "2002");
    a.qualifiers = vec![Qualifier::First];
    let b = claim("b.txt", 1, "NRC", Event::FirstMeeting, "2003");
    let f = cross_check(&[a, b]);
    assert_eq!(kinds(&f), [(FindingKind::DateConflict, "first-meeting".into(), vec!["2002".into(), "2003".into()])]);
}

#[test]
fn low_confidence_and_inferred_claims_only_raise_reviews() {
    let a = claim("a.txt", 1, "NACC", Event::Established, "1991");
    let mut b = claim("b.txt", 1, "NACC", Event::Established, "1992");
    b.confidence = 0.3;
    let f = cross_check(&[a.clone(), b]);
    assert_eq!(f.len(), 1);
    assert_eq!((f[0].severity, f[0].kind), (Severity::Review, FindingKind::UncertainDates));
    assert!(f[0].id.starts_with("R-"));
    assert_eq!(f[0].consolidated.map(|d| d.to_string()).as_deref(), Some("1991"));
    assert!(f[0].reason.contains("uncertain"), "{}", f[0].reason);

    let mut c = claim("c.txt", 1, "NACC", Event::Established, "1992");
    c.inferred = true;
    let f = cross_check(&[a, c]);
    assert_eq!(f[0].kind, FindingKind::UncertainDates);
}

#[test]
fn a_sheet_contradicting_itself_is_a_review() {
    let claims = vec![
        claim("a.txt", 1, "NACC", Event::Established, "1991"),
        claim("a.txt", 9, "NACC", Event::Established, "1992"),
        claim("b.txt", 1, "NACC", Event::Established, "1991-12"),
    ];
    // b agrees with a's 1991 and a's 1992 has no other sheet against it except b: that is
    // a cross-sheet disagreement (b 1991-12 vs a 1992).
    assert_eq!(cross_check(&claims)[0].kind, FindingKind::DateConflict);
    let only_a = &claims[..2];
    let f = cross_check(only_a);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].kind, FindingKind::SingleSheetDates);
    assert!(f[0].reason.starts_with("a.txt gives disjoint dates"), "{}", f[0].reason);
}

#[test]
fn outreach_and_formal_start_differ_in_wording() {
    // The bundled corpus: "NATO began reaching out to Russia in 1990" against
    // "NATO-Russia relations formally began in 1991".
    let mut outreach = claim("background.md", 5, "NATO-Russia relations", Event::Outreach, "1990");
    outreach.agent = Some("NATO".into());
    let mut began = claim("overview.txt", 1, "NATO-Russia relations", Event::Began, "1991");
    began.qualifiers = vec![Qualifier::Formal];
    let f = cross_check(&[outreach.clone(), began.clone()]);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!((f[0].severity, f[0].kind), (Severity::Review, FindingKind::EventWording));
    assert_eq!(f[0].event, "start");
    assert_eq!(f[0].values, ["outreach by NATO 1990", "began (formally) 1991"]);
    assert!(f[0].reason.contains("\"outreach by NATO\" 1990 (background.md)"), "{}", f[0].reason);
    assert!(f[0].reason.contains("\"began (formally)\" 1991 (overview.txt)"), "{}", f[0].reason);

    // One sheet stating both wordings tells them apart itself: no finding.
    let mut both = began.clone();
    both.doc = outreach.doc.clone();
    assert!(cross_check(&[outreach.clone(), both.clone()]).is_empty());
    // ... even when another sheet repeats one of them.
    assert!(cross_check(&[outreach, both, began]).is_empty());
}

#[test]
fn formally_and_plain_wording_of_one_event() {
    let plain = claim("a.txt", 1, "NATO-Russia relations", Event::Began, "1990");
    let mut formal = claim("b.txt", 1, "NATO-Russia relations", Event::Began, "1991");
    formal.qualifiers = vec![Qualifier::Formal];
    let f = cross_check(&[plain.clone(), formal.clone()]);
    assert_eq!(
        kinds(&f),
        [(FindingKind::EventWording, "start".into(), vec!["began 1990".into(), "began (formally) 1991".into()])]
    );
    // Overlapping dates are no finding whatever the wording.
    let mut same = formal;
    same.date = "1990-07".parse().unwrap();
    assert!(cross_check(&[plain, same]).is_empty());
}

#[test]
fn different_figures_at_the_same_time() {
    let mut a = claim("a.txt", 1, "NRC", Event::Established, "2002-05");
    a.figures = vec![Figure { value: 26, noun: "ally".into() }];
    let mut b = claim("b.txt", 1, "NRC", Event::Established, "2002-05-28");
    b.figures = vec![Figure { value: 19, noun: "ally".into() }];
    let mut c = claim("c.txt", 1, "NRC", Event::Established, "2002");
    c.figures = vec![Figure { value: 19, noun: "ally".into() }, Figure { value: 1, noun: "partner".into() }];
    let f = cross_check(&[a, b.clone(), c]);
    assert_eq!(kinds(&f), [(FindingKind::Figures, "established (ally count)".into(), vec!["19".into(), "26".into()])]);
    assert_eq!(f[0].claims.len(), 3);
    assert_eq!(f[0].consolidated.map(|d| d.to_string()).as_deref(), Some("2002-05-28"));

    // Same number, or different numbers at different times: no figure finding.
    let mut d = claim("d.txt", 1, "NRC", Event::Established, "2002");
    d.figures = vec![Figure { value: 19, noun: "ally".into() }];
    assert!(cross_check(&[b.clone(), d]).is_empty());
}

#[test]
fn renamed_against_succeeded() {
    let mut a = claim("overview.txt", 1, "NACC", Event::Renamed, "1997");
    a.object = Some("Euro-Atlantic Partnership Council".into());
    let mut b = claim("evolution.txt", 2, "NACC", Event::Succeeded, "1997");
    b.object = Some("Euro-Atlantic  Partnership Council".into());
    let f = cross_check(&[a.clone(), b.clone()]);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].kind, FindingKind::Succession);
    assert_eq!(f[0].values, ["renamed", "succeeded"]);
    assert!(f[0].reason.starts_with("overview.txt says NACC was renamed"), "{}", f[0].reason);
    assert_eq!(f[0].consolidated.map(|d| d.to_string()).as_deref(), Some("1997"));
    // Succession to a different body is a different pair.
    b.object = Some("EAPC-2".into());
    assert!(cross_check(&[a, b]).is_empty());
}

#[test]
fn ids_ignore_order_and_line_numbers() {
    let claims = vec![
        claim("a.txt", 1, "NACC", Event::Established, "1990"),
        claim("b.txt", 5, "NACC", Event::Established, "1991"),
        claim("c.txt", 5, "NRC", Event::Established, "2002"),
        claim("d.txt", 5, "NRC", Event::Established, "2003"),
    ];
    let first = cross_check(&claims);
    let mut moved = claims.clone();
    moved.reverse();
    for (i, c) in moved.iter_mut().enumerate() {
        c.line += 40 + u32::try_from(i).unwrap();
        c.column += 3;
    }
    let second = cross_check(&moved);
    let ids = |f: &[Finding]| f.iter().map(|f| f.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&first), ids(&second));
    assert_eq!(first.len(), 2);
    assert_ne!(first[0].id, first[1].id);
    // A new agreeing coarse claim does not change the id; a new dissent does.
    let mut more = claims.clone();
    more.push(claim("e.txt", 1, "NACC", Event::Established, "199X"));
    assert_eq!(ids(&cross_check(&more)), ids(&first));
    more.push(claim("e.txt", 2, "NACC", Event::Established, "1993"));
    assert_ne!(ids(&cross_check(&more))[0], first[0].id);
}

#[test]
fn findings_sort_by_severity_subject_event_date() {
    let mut low = claim("b.txt", 1, "AAA", Event::Established, "1992");
    low.confidence = 0.1;
    let claims = vec![
        claim("a.txt", 1, "ZZZ", Event::Established, "1990"),
        claim("b.txt", 1, "ZZZ", Event::Established, "1991"),
        claim("a.txt", 2, "AAA", Event::Established, "1991"),
        low,
        claim("a.txt", 3, "MMM", Event::Closed, "2000"),
        claim("b.txt", 3, "MMM", Event::Closed, "2001"),
    ];
    let f = cross_check(&claims);
    let order: Vec<(Severity, &str)> = f.iter().map(|f| (f.severity, f.subject.as_str())).collect();
    assert_eq!(order, [(Severity::Conflict, "MMM"), (Severity::Conflict, "ZZZ"), (Severity::Review, "AAA")]);
}

#[test]
fn minimal_dates_keep_the_most_precise_of_each_side() {
    let cs = [
        claim("a", 1, "s", Event::Closed, "1997"),
        claim("a", 1, "s", Event::Closed, "1997-05"),
        claim("a", 1, "s", Event::Closed, "1997-05-27"),
        claim("a", 1, "s", Event::Closed, "1997-06"),
        claim("a", 1, "s", Event::Closed, "1998"),
    ];
    let shared: Vec<Arc<Claim>> = cs.into_iter().map(Arc::new).collect();
    let refs: Vec<&Arc<Claim>> = shared.iter().collect();
    let v: Vec<String> = minimal_dates(&refs).iter().map(Date::to_string).collect();
    assert_eq!(v, ["1997-05-27", "1997-06", "1998"]);
}

fn consensus_of(cs: &[Claim]) -> Consensus {
    let shared: Vec<Arc<Claim>> = cs.iter().cloned().map(Arc::new).collect();
    let refs: Vec<&Arc<Claim>> = shared.iter().collect();
    consensus(&refs).unwrap()
}

#[test]
fn best_support_prefers_sheets_then_precision() {
    let cs = [
        claim("a", 1, "s", Event::Closed, "1997"),
        claim("b", 1, "s", Event::Closed, "1997-05"),
        claim("c", 1, "s", Event::Closed, "1997-06-02"),
        claim("d", 1, "s", Event::Closed, "1997-06"),
    ];
    // May and 2 June disagree; only the year is overlapped by all four sheets.
    let c = consensus_of(&cs);
    assert_eq!((c.date.to_string().as_str(), c.support), ("1997", (4, 4)));
    assert!(!c.disputed);
    let c = consensus_of(&cs[1..]);
    assert_eq!((c.date.to_string().as_str(), c.support), ("1997-06-02", (2, 2)), "ties go to the most precise");
    assert!(!c.disputed, "two sheets against one is a majority");
    let nested = [
        claim("a", 1, "s", Event::Closed, "1997"),
        claim("b", 1, "s", Event::Closed, "1997-05"),
        claim("b", 2, "s", Event::Closed, "1997-05-27"),
    ];
    let c = consensus_of(&nested);
    assert_eq!((c.date.to_string().as_str(), c.support.1), ("1997-05-27", 2), "a sheet counts once");
}

#[test]
fn one_sheet_against_one_is_disputed() {
    let split = [claim("a", 1, "s", Event::Established, "1990"), claim("b", 1, "s", Event::Established, "1991")];
    let c = consensus_of(&split);
    assert!(c.disputed, "{c:?}");
    // A low-confidence third sheet does not break a tie between two confident ones.
    let mut weak = claim("c", 1, "s", Event::Established, "1991");
    weak.confidence = 0.3;
    let c = consensus_of(&[split[0].clone(), split[1].clone(), weak.clone()]);
    assert!(c.disputed, "{c:?}");
    // ... but a confident one does.
    let c = consensus_of(&[split[0].clone(), split[1].clone(), claim("c", 1, "s", Event::Established, "1991")]);
    assert_eq!(c.date.to_string(), "1991");
    assert!(!c.disputed);
    // Overlapping dates are never a dispute.
    let c = consensus_of(&[split[0].clone(), claim("b", 1, "s", Event::Established, "1990-06")]);
    assert!(!c.disputed);
    let t = timeline(&split);
    assert_eq!(t.len(), 1);
    assert!(t[0].disputed, "the timeline says the date is disputed: {:?}", t[0]);
}

/// Issue 15, defect 3: a finding's `consolidated` date and the timeline's date came from two
/// rules (the confident claims only, all claims) and could differ in one JSON document.
#[test]
fn consolidated_and_timeline_dates_follow_one_rule() {
    // One confident sheet says 1991; two sheets say 1990, both at low confidence.
    let a = claim("a.txt", 1, "Rowing Union", Event::Established, "1991");
    let mut b = claim("b.txt", 1, "Rowing Union", Event::Established, "1990");
    b.confidence = 0.3;
    let mut c = claim("c.txt", 1, "Rowing Union", Event::Established, "1990");
    c.confidence = 0.4;
    let claims = vec![a, b, c];
    let f = cross_check(&claims);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].kind, FindingKind::UncertainDates);
    let t = timeline(&claims);
    assert_eq!(t.len(), 1);
    assert_eq!(f[0].consolidated, Some(t[0].date), "one rule for both: {:?} vs {:?}", f[0].consolidated, t[0].date);
    assert_eq!(t[0].date.to_string(), "1991", "low-confidence claims do not outvote a confident one");
    assert!(!t[0].disputed);

    // Every finding with a consolidated date agrees with its timeline entry, over a mixed set.
    let mut claims = claims;
    let mut f1 = claim("a.txt", 3, "Rowing Union", Event::Renamed, "1995");
    f1.figures = vec![Figure { value: 12, noun: "club".into() }];
    let mut f2 = claim("b.txt", 3, "Rowing Union", Event::Renamed, "1995-04");
    f2.figures = vec![Figure { value: 14, noun: "club".into() }];
    let f3 = claim("c.txt", 3, "Rowing Union", Event::Renamed, "1995-04-02");
    claims.extend([f1, f2, f3]);
    let f = cross_check(&claims);
    let t = timeline(&claims);
    let mut checked = 0;
    for finding in f.iter().filter(|f| f.consolidated.is_some()) {
        let entry = t
            .iter()
            .find(|e| e.subject == finding.subject && finding.event.starts_with(&e.label))
            .expect("a timeline entry for the finding's event");
        assert_eq!(finding.consolidated, Some(entry.date), "{finding:#?}");
        assert!(!entry.disputed);
        checked += 1;
    }
    assert_eq!(checked, 2, "{f:#?}");
}

#[test]
fn disjoint_across_needs_two_tags() {
    assert!(!disjoint_across(&[((0, 1), 'a'), ((5, 6), 'a')]));
    assert!(disjoint_across(&[((0, 1), 'a'), ((5, 6), 'a'), ((6, 7), 'b')]));
    assert!(!disjoint_across(&[((0, 10), 'a'), ((5, 9), 'b'), ((9, 9), 'c')]));
    assert!(disjoint_across(&[((0, 10), 'a'), ((5, 9), 'b'), ((9, 9), 'c'), ((11, 12), 'a')]));
    assert!(disjoint_across(&[((0, 10), 'a'), ((5, 6), 'b'), ((9, 9), 'c')]), "b and c are disjoint");
    assert!(!disjoint_across::<char>(&[]));
}

#[test]
fn severity_parses_and_orders() {
    assert_eq!("conflict".parse::<Severity>().unwrap(), Severity::Conflict);
    assert_eq!("Review".parse::<Severity>().unwrap(), Severity::Review);
    assert!("bogus".parse::<Severity>().is_err());
    assert!(Severity::Conflict.reaches(Severity::Review));
    assert!(Severity::Conflict.reaches(Severity::Conflict));
    assert!(!Severity::Review.reaches(Severity::Conflict));
}

#[test]
fn empty_and_hostile_input_does_not_panic() {
    assert!(cross_check(&[]).is_empty());
    assert!(timeline(&[]).is_empty());
    let mut c = claim("a.txt", 0, "", Event::Renamed, "BC0490");
    c.object = Some("   ".into());
    c.agent = Some(String::new());
    c.confidence = f32::NAN;
    c.quote_date = Span::new(900, 3);
    let mut d = c.clone();
    d.date = "19XX".parse().unwrap();
    let _ = cross_check(&[c.clone(), d.clone(), c, d]);
}

/// 200 000 synthetic claims over 20 000 subjects: grouping is a sort, so this runs in well
/// under a second in release and a few seconds in debug. No timing assertion.
#[test]
fn scales_to_many_claims() {
    let events = [Event::Established, Event::Signed, Event::Met, Event::Closed];
    let mut claims = Vec::with_capacity(200_000);
    for i in 0..200_000u32 {
        let subject = format!("Body {}", i % 20_000);
        let event = events[(i as usize / 20_000) % events.len()];
        let year = 1950 + (i % 7) as i32 * if i % 1000 == 0 { 3 } else { 0 };
        let mut c = claim(&format!("sheet-{}.txt", i % 97), i, &subject, event, &year.to_string());
        c.quote = String::new();
        claims.push(c);
    }
    let f = cross_check(&claims);
    assert!(!f.is_empty());
    assert!(f.iter().all(|f| f.severity == Severity::Conflict || f.kind == FindingKind::SingleSheetDates));
    let t = timeline(&claims);
    assert!(t.len() >= 20_000);
}

#[test]
fn findings_cite_the_shared_claims_without_copying_them() {
    // "opened" and "established" share the start family: the same claims back a date
    // conflict and a wording finding, and both must point at the caller's handles.
    let shared: Vec<Arc<Claim>> = vec![
        claim("a.txt", 1, "NACC", Event::Established, "1990"),
        claim("b.txt", 1, "NACC", Event::Established, "1991"),
        claim("c.txt", 1, "NACC", Event::Opened, "1995"),
    ]
    .into_iter()
    .map(Arc::new)
    .collect();
    let f = cross_check_shared(&shared);
    assert!(f.len() >= 2, "{f:#?}");
    for finding in &f {
        for c in &finding.claims {
            assert!(shared.iter().any(|s| Arc::ptr_eq(s, c)), "{} cites a copy of {c:?}", finding.id);
        }
    }
    // Each handle is held by the caller and by every finding citing it, nothing else.
    let citations = |s: &Arc<Claim>| f.iter().flat_map(|x| &x.claims).filter(|c| Arc::ptr_eq(s, c)).count();
    for s in &shared {
        assert_eq!(Arc::strong_count(s), 1 + citations(s));
    }
    // The same claims through the copying entry point give the same findings.
    let plain: Vec<Claim> = shared.iter().map(|c| (**c).clone()).collect();
    assert_eq!(cross_check(&plain), f);
}

#[test]
fn subjects_checked_in_parallel_give_the_sequential_order() {
    // Many subjects, so rayon splits the work; the order must still be severity, subject.
    let mut claims = Vec::new();
    for i in (0..200).rev() {
        let subject = format!("Body {i:03}");
        claims.push(claim("a.txt", i, &subject, Event::Established, "1990"));
        claims.push(claim("b.txt", i, &subject, Event::Established, "1991"));
    }
    let f = cross_check(&claims);
    assert_eq!(f.len(), 200);
    let subjects: Vec<&str> = f.iter().map(|x| x.subject.as_str()).collect();
    let mut sorted = subjects.clone();
    sorted.sort_unstable();
    assert_eq!(subjects, sorted);
    assert_eq!(f, cross_check(&claims.iter().rev().cloned().collect::<Vec<_>>()));
}

#[test]
fn a_reason_names_ten_sheets_and_counts_the_rest() {
    // 25 sheets restate an event, one of them with another year: the reason names the
    // first ten sheets and counts the others; the claims still cite all 25.
    let mut claims: Vec<Claim> =
        (0..24).map(|i| claim(&format!("s{i:02}.txt"), 1, "NACC", Event::Established, "1991")).collect();
    claims.push(claim("z.txt", 1, "NACC", Event::Established, "1990"));
    let f = cross_check(&claims);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].kind, FindingKind::DateConflict);
    assert!(f[0].reason.contains("(sheets: s00.txt, s01.txt, s02.txt"), "{}", f[0].reason);
    assert!(f[0].reason.contains("s09.txt and 15 more)"), "{}", f[0].reason);
    assert!(!f[0].reason.contains("s10.txt"), "{}", f[0].reason);
    assert_eq!(f[0].claims.len(), 25);
    // Up to ten, every name is written.
    assert_eq!(name_list(["b", "a", "b"]), "a, b");
}

// ---------------------------------------------------------------------------------------
// Order of events (issue 13, item 7) and findings within one sheet (item 8)
// ---------------------------------------------------------------------------------------

fn with_confidence(mut c: Claim, confidence: f32) -> Claim {
    c.confidence = confidence;
    c
}

fn qualified(mut c: Claim, q: Qualifier) -> Claim {
    c.qualifiers.push(q);
    c
}

#[test]
fn a_first_meeting_before_the_founding_in_another_sheet_is_a_conflict() {
    let founded = claim("yearbook.txt", 4, "Rowing Federation", Event::Established, "1963");
    let met = qualified(claim("history.txt", 9, "Rowing Federation", Event::Met, "1962-03-12"), Qualifier::First);
    let f = cross_check(&[founded.clone(), met.clone()]);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!((f[0].severity, f[0].kind), (Severity::Conflict, FindingKind::EventOrder));
    assert_eq!(f[0].event, "first-meeting before established");
    assert_eq!(f[0].values, ["first-meeting 1962-03-12", "established 1963"]);
    assert!(
        f[0].reason.starts_with("first met on 12 March 1962 (history.txt), but established in 1963 (yearbook.txt)"),
        "{}",
        f[0].reason
    );
    assert_eq!(f[0].claims.len(), 2);
    assert_eq!(f[0].consolidated, None);
    // The same with the event word "first meeting", and in any input order.
    let first_meeting = claim("history.txt", 9, "Rowing Federation", Event::FirstMeeting, "1962-03-12");
    let g = cross_check(&[first_meeting, founded]);
    assert_eq!(g[0].id, f[0].id, "{g:#?}");
}

#[test]
fn precision_compatible_dates_are_in_order() {
    // "1963" against "March 1963": either may come first.
    for (founded, met) in [("1963", "1963-03-12"), ("1963-03", "1963"), ("1963-03-12", "1963-03")] {
        let claims = [
            claim("a.txt", 1, "Glacier Survey", Event::Established, founded),
            claim("b.txt", 1, "Glacier Survey", Event::FirstMeeting, met),
            claim("c.txt", 1, "Glacier Survey", Event::Closed, met),
        ];
        assert!(cross_check(&claims).is_empty(), "{founded} / {met}: {:#?}", cross_check(&claims));
    }
}

#[test]
fn meetings_after_the_founding_and_before_the_end_are_no_finding() {
    let mut joined = claim("b.txt", 3, "Glacier Survey", Event::Joined, "1975");
    joined.agent = Some("Norway".into());
    let claims = [
        claim("a.txt", 1, "Glacier Survey", Event::Established, "1963"),
        claim("b.txt", 1, "Glacier Survey", Event::FirstMeeting, "1964-02"),
        claim("b.txt", 2, "Glacier Survey", Event::Met, "1970"),
        claim("c.txt", 1, "Glacier Survey", Event::Met, "1988-11-02"),
        claim("c.txt", 2, "Glacier Survey", Event::Summit, "1980"),
        joined,
        claim("d.txt", 1, "Glacier Survey", Event::Closed, "1990"),
    ];
    // A first meeting a year after the founding is no longer a "start" worded apart.
    assert!(cross_check(&claims).is_empty(), "{:#?}", cross_check(&claims));
}

#[test]
fn nothing_happens_after_a_body_closed_or_was_replaced() {
    let closed = claim("a.txt", 1, "Harbour Board", Event::Closed, "1990-06");
    let met = claim("b.txt", 1, "Harbour Board", Event::Met, "1995");
    let f = cross_check(&[closed.clone(), met.clone()]);
    assert_eq!(
        kinds(&f),
        [(FindingKind::EventOrder, "met after ended".into(), vec!["met 1995".into(), "closed 1990-06".into()])]
    );
    assert!(f[0].reason.starts_with("met in 1995 (b.txt), but closed in June 1990 (a.txt)"), "{}", f[0].reason);

    let mut replaced = claim("a.txt", 1, "Harbour Board", Event::Succeeded, "1990");
    replaced.object = Some("Port Authority".into());
    let mut joined = claim("c.txt", 4, "Harbour Board", Event::Joined, "1992-01-01");
    joined.agent = Some("Leith".into());
    let f = cross_check(&[replaced, joined]);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].event, "joined by Leith after ended");
    assert!(
        f[0].reason.contains("but replaced by Port Authority in 1990 (a.txt): nothing can happen to a body after"),
        "{}",
        f[0].reason
    );
    // A meeting in the year it closed may well precede the closure.
    assert!(cross_check(&[closed, claim("b.txt", 1, "Harbour Board", Event::Met, "1990")]).is_empty());
}

#[test]
fn joining_renaming_or_closing_before_the_founding_conflict() {
    let founded = claim("a.txt", 1, "Seed Bank", Event::Established, "2001-05");
    for event in [Event::Joined, Event::Renamed, Event::Closed, Event::Suspended, Event::Deployed] {
        let f = cross_check(&[founded.clone(), claim("b.txt", 1, "Seed Bank", event, "2000")]);
        assert_eq!(f.len(), 1, "{event:?}: {f:#?}");
        assert_eq!(f[0].kind, FindingKind::EventOrder, "{event:?}");
    }
    // Events that tell a start, or whose subject is the thing made, are not ordered here.
    for event in [Event::Signed, Event::Adopted, Event::Launched, Event::Opened, Event::Began, Event::Outreach] {
        let f = cross_check(&[founded.clone(), claim("b.txt", 1, "Seed Bank", event, "2000")]);
        assert!(f.iter().all(|f| f.kind != FindingKind::EventOrder), "{event:?}: {f:#?}");
    }
}

#[test]
fn an_act_cannot_enter_into_force_before_it_was_signed() {
    let signed = claim("a.txt", 1, "Fisheries Convention", Event::Signed, "1958-03-25");
    let in_force = claim("b.txt", 1, "Fisheries Convention", Event::EnteredIntoForce, "1958-01-01");
    let f = cross_check(&[signed.clone(), in_force]);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].kind, FindingKind::EventOrder);
    assert_eq!(f[0].event, "entered-into-force before signed");
    assert!(
        f[0].reason.starts_with("entered into force on 1 January 1958 (b.txt), but signed on 25 March 1958 (a.txt)"),
        "{}",
        f[0].reason
    );
    // In force after the signing: fine. A party signing later (an accession): fine.
    let later = claim("b.txt", 1, "Fisheries Convention", Event::EnteredIntoForce, "1959");
    assert!(cross_check(&[signed.clone(), later.clone()]).is_empty());
    let mut accession = claim("c.txt", 1, "Fisheries Convention", Event::Signed, "1970");
    accession.agent = Some("Iceland".into());
    assert!(cross_check(&[signed, later, accession]).is_empty());
}

#[test]
fn an_order_broken_only_by_a_low_confidence_claim_is_a_review() {
    let founded = claim("a.txt", 1, "Rowing Federation", Event::Established, "1963");
    let met = with_confidence(claim("b.txt", 1, "Rowing Federation", Event::Met, "1962"), 0.3);
    let f = cross_check(&[founded.clone(), met]);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!((f[0].severity, f[0].kind), (Severity::Review, FindingKind::UncertainOrder));
    // The same when the founding is the uncertain claim, or its year was inferred.
    let weak = with_confidence(founded.clone(), 0.45);
    let met = claim("b.txt", 1, "Rowing Federation", Event::Met, "1962");
    assert_eq!(cross_check(&[weak, met.clone()])[0].kind, FindingKind::UncertainOrder);
    let mut inferred = founded;
    inferred.inferred = true;
    assert_eq!(cross_check(&[inferred, met])[0].kind, FindingKind::UncertainOrder);
}

#[test]
fn within_one_sheet_only_two_direct_readings_raise_a_review() {
    let founded = claim("a.txt", 1, "Rowing Federation", Event::Established, "1963");
    let met = claim("a.txt", 7, "Rowing Federation", Event::FirstMeeting, "1962");
    let f = cross_check(&[founded.clone(), met.clone()]);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!((f[0].severity, f[0].kind), (Severity::Review, FindingKind::SingleSheetOrder));
    // One of the two below the high-confidence mark: an extraction slip, no finding.
    let slip = with_confidence(met.clone(), HIGH_CONFIDENCE - 0.05);
    assert!(cross_check(&[founded.clone(), slip]).is_empty());
    let slip = with_confidence(founded, 0.6);
    assert!(cross_check(&[slip, met]).is_empty());
}

#[test]
fn within_one_sheet_the_same_event_needs_two_direct_readings() {
    // An extraction slip: the second date belongs to another predicate, read at 0.6.
    let a = claim("a.txt", 1, "Statute of the Fund", Event::Adopted, "1956-10-23");
    let b = with_confidence(claim("a.txt", 1, "Statute of the Fund", Event::Adopted, "1957-07-29"), 0.6);
    assert!(cross_check(&[a.clone(), b.clone()]).is_empty());
    // Both direct readings: the sheet contradicts itself, a review.
    let b = with_confidence(b, 0.85);
    let f = cross_check(&[a.clone(), b.clone()]);
    assert_eq!((f[0].severity, f[0].kind), (Severity::Review, FindingKind::SingleSheetDates));
    // An inferred year is never a direct reading.
    let mut b = b;
    b.inferred = true;
    assert!(cross_check(&[a, b]).is_empty());
}

#[test]
fn several_founding_dates_leave_the_order_to_the_date_rule() {
    let claims = [
        claim("a.txt", 1, "Rowing Federation", Event::Established, "1960"),
        claim("b.txt", 1, "Rowing Federation", Event::Established, "1963"),
        claim("c.txt", 1, "Rowing Federation", Event::FirstMeeting, "1962"),
    ];
    let f = cross_check(&claims);
    assert_eq!(
        kinds(&f),
        [(FindingKind::DateConflict, "established".into(), vec!["1960".into(), "1963".into()])],
        "the meeting fits the 1960 founding"
    );
}

#[test]
fn qualifiers_that_allow_an_earlier_or_later_event() {
    let met = claim("b.txt", 1, "Rowing Federation", Event::Met, "1962");
    // Formally established later than it first met: common, and no violation.
    let formal = qualified(claim("a.txt", 1, "Rowing Federation", Event::Established, "1963"), Qualifier::Formal);
    assert!(cross_check(&[formal, met.clone()]).is_empty());
    // An informal meeting before the founding.
    let founded = claim("a.txt", 1, "Rowing Federation", Event::Established, "1963");
    let informal = qualified(met, Qualifier::Informal);
    assert!(cross_check(&[founded, informal]).is_empty());
    // A partial closure ends nothing.
    let partial = qualified(claim("a.txt", 1, "Rowing Federation", Event::Closed, "1970"), Qualifier::Partial);
    assert!(cross_check(&[partial, claim("b.txt", 1, "Rowing Federation", Event::Met, "1975")]).is_empty());
}

#[test]
fn meetings_recur_and_never_conflict_with_each_other() {
    let claims = [
        claim("a.txt", 1, "Rowing Federation", Event::Met, "1962"),
        claim("b.txt", 1, "Rowing Federation", Event::Met, "1975-04"),
        claim("c.txt", 1, "Rowing Federation", Event::Summit, "1962-05"),
        claim("d.txt", 1, "Rowing Federation", Event::Summit, "1999"),
    ];
    assert!(cross_check(&claims).is_empty());
}

#[test]
fn the_order_rule_is_not_quadratic_in_one_subject() {
    // One subject restated by many sheets: 40,000 foundings and 40,000 meetings. Pairwise,
    // this would be 1.6 billion comparisons; the rule needs a bound and a few sheet sets.
    let mut claims = Vec::with_capacity(80_000);
    for i in 0..40_000u32 {
        let doc = format!("sheet-{}.txt", i % 500);
        claims.push(claim(&doc, i, "Lake Authority", Event::Established, "1963"));
        let mut met = claim(&doc, i + 50_000, "Lake Authority", Event::Met, if i == 7 { "1962" } else { "1970" });
        met.quote = String::new();
        claims.push(met);
    }
    let f = cross_check(&claims);
    assert_eq!(
        kinds(&f),
        [(
            FindingKind::EventOrder,
            "met before established".into(),
            vec!["met 1962".into(), "established 1963".into()]
        )]
    );
    assert_eq!(f[0].claims.len(), 40_001, "the one early meeting and every founding");
}

#[test]
fn a_body_cannot_sign_or_join_before_it_was_founded_nor_after_it_ended() {
    let founded = claim("union.txt", 1, "Rowing Union", Event::Established, "1963");
    let mut signed = claim("accord.txt", 2, "Kestrel Accord", Event::Signed, "1950-05-03");
    signed.agent = Some("rowing union".into());
    let f = cross_check(&[founded.clone(), signed.clone()]);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!((f[0].severity, f[0].kind), (Severity::Conflict, FindingKind::EventOrder));
    assert_eq!(f[0].subject, "Rowing Union", "the finding is about the body that acted");
    assert_eq!(f[0].event, "Kestrel Accord signed by rowing union before established");
    assert!(
        f[0].reason.starts_with(
            "Kestrel Accord signed by rowing union on 3 May 1950 (accord.txt), but Rowing Union established in 1963 (union.txt)"
        ),
        "{}",
        f[0].reason
    );

    // After the body ended.
    let dissolved = claim("state.txt", 1, "Danube Republic", Event::Closed, "1991");
    let mut joined = claim("league.txt", 4, "Chess League", Event::Joined, "1995");
    joined.agent = Some("Danube Republic".into());
    let f = cross_check(&[dissolved.clone(), joined.clone()]);
    assert_eq!(kinds(&f).len(), 1, "{f:#?}");
    assert_eq!(f[0].event, "Chess League joined by Danube Republic after ended");

    // Negatives: acting after the founding; an agent spelled otherwise; the agent being the
    // subject itself (the subject's own rules cover it); a low-confidence act is a review.
    let mut later = signed.clone();
    later.date = "1970".parse().unwrap();
    assert!(cross_check(&[founded.clone(), later]).is_empty());
    let mut other = signed.clone();
    other.agent = Some("RU".into());
    assert!(cross_check(&[founded.clone(), other]).is_empty());
    let mut own = claim("union.txt", 5, "Rowing Union", Event::Adopted, "1950");
    own.agent = Some("Rowing Union".into());
    assert!(cross_check(&[founded.clone(), own]).is_empty());
    let weak = with_confidence(signed, 0.3);
    let f = cross_check(&[founded, weak]);
    assert_eq!(f[0].kind, FindingKind::UncertainOrder, "{f:#?}");
}

#[test]
fn order_findings_do_not_depend_on_input_order() {
    let mut j1 = claim("b.txt", 3, "Glacier Survey", Event::Joined, "1960");
    j1.agent = Some("Norway".into());
    let mut j2 = claim("b.txt", 8, "Glacier Survey", Event::Joined, "1960");
    j2.agent = Some("NORWAY".into());
    let claims = vec![
        claim("a.txt", 1, "Glacier Survey", Event::Established, "1963"),
        claim("c.txt", 1, "Glacier Survey", Event::Established, "1963-04"),
        j1,
        j2,
        claim("c.txt", 2, "Glacier Survey", Event::Met, "1961"),
        claim("d.txt", 2, "Glacier Survey", Event::Closed, "1990"),
        claim("e.txt", 2, "Glacier Survey", Event::Met, "1995"),
    ];
    let f = cross_check(&claims);
    assert_eq!(f.len(), 3, "{f:#?}");
    let mut reversed = claims.clone();
    reversed.reverse();
    assert_eq!(cross_check(&reversed), f);
}

#[test]
fn one_resumption_after_one_suspension_dated_apart_is_a_review() {
    let claims = vec![
        claim("a.txt", 1, "Andean-Pacific relations", Event::Suspended, "2008-08"),
        qualified(claim("a.txt", 2, "Andean-Pacific relations", Event::Resumed, "2009-SP"), Qualifier::Formal),
        qualified(claim("b.txt", 7, "Andean-Pacific relations", Event::Resumed, "2008-12"), Qualifier::Informal),
    ];
    let f = cross_check(&claims);
    assert_eq!(
        kinds(&f),
        [(
            FindingKind::Resumption,
            "resumed after the suspension of August 2008".to_string(),
            vec!["2008-12".to_string(), "2009-SP".to_string()]
        )]
    );
    assert_eq!(f[0].severity, Severity::Review);
    // Both resumptions are cited, each with its sheet; the reason names both and the suspension.
    assert_eq!(f[0].sheets().len(), 2);
    assert_eq!(f[0].claims.len(), 2);
    for part in
        ["December 2008 (b.txt)", "spring 2009 (a.txt)", "suspended August 2008, a.txt", "informally", "formally"]
    {
        assert!(f[0].reason.contains(part), "{part} in {}", f[0].reason);
    }
}

#[test]
fn resumptions_after_different_suspensions_or_that_agree_are_no_finding() {
    // A suspension between them: two resumptions, two occurrences.
    let apart = vec![
        claim("a.txt", 1, "Rowing Federation", Event::Suspended, "1999"),
        claim("a.txt", 2, "Rowing Federation", Event::Resumed, "2000-05"),
        claim("b.txt", 3, "Rowing Federation", Event::Suspended, "2008-08"),
        claim("b.txt", 4, "Rowing Federation", Event::Resumed, "2009"),
    ];
    assert!(cross_check(&apart).is_empty(), "{:?}", kinds(&cross_check(&apart)));
    // Dates that overlap agree.
    let agree = vec![
        claim("a.txt", 1, "Rowing Federation", Event::Suspended, "2008-08"),
        claim("a.txt", 2, "Rowing Federation", Event::Resumed, "2009"),
        claim("b.txt", 4, "Rowing Federation", Event::Resumed, "2009-04-04"),
    ];
    assert!(cross_check(&agree).is_empty());
    // No suspension known before them: nothing says they follow the same one.
    let unanchored = vec![
        claim("a.txt", 2, "Rowing Federation", Event::Resumed, "1999"),
        claim("b.txt", 4, "Rowing Federation", Event::Resumed, "2009"),
        claim("b.txt", 5, "Rowing Federation", Event::Suspended, "2014"),
    ];
    assert!(cross_check(&unanchored).is_empty());
    // Years apart with no suspension stated between: two resumptions, not one dated twice.
    let years_apart = vec![
        claim("a.txt", 1, "Rowing Federation", Event::Suspended, "1999"),
        claim("a.txt", 2, "Rowing Federation", Event::Resumed, "2000-05"),
        claim("b.txt", 4, "Rowing Federation", Event::Resumed, "2008-12"),
    ];
    assert!(cross_check(&years_apart).is_empty());
    // One sheet alone giving two dates: no finding from this rule.
    let one_sheet = vec![
        claim("a.txt", 1, "Rowing Federation", Event::Suspended, "2008-08"),
        claim("a.txt", 2, "Rowing Federation", Event::Resumed, "2008-12"),
        claim("a.txt", 3, "Rowing Federation", Event::Resumed, "2009-05"),
    ];
    assert!(cross_check(&one_sheet).is_empty());
}

#[test]
fn a_resumption_in_the_suspensions_year_joins_its_run() {
    // Suspended in 1999 and (inferred) resumed that year by one sheet, resumed May 2000 by another.
    let mut inferred = with_confidence(claim("a.txt", 5, "Rowing Federation", Event::Resumed, "1999"), 0.3);
    inferred.inferred = true;
    let claims = vec![
        claim("a.txt", 5, "Rowing Federation", Event::Suspended, "1999"),
        inferred,
        claim("b.txt", 7, "Rowing Federation", Event::Resumed, "2000-05"),
        claim("c.txt", 1, "Rowing Federation", Event::Suspended, "2014-04"),
    ];
    let f = cross_check(&claims);
    assert_eq!(f.len(), 1, "{:?}", kinds(&f));
    assert_eq!(f[0].values, ["1999", "2000-05"]);
    // Order of input does not matter.
    let mut reversed = claims.clone();
    reversed.reverse();
    assert_eq!(cross_check(&reversed)[0].id, f[0].id);
}
