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

#[test]
fn best_support_prefers_sheets_then_precision() {
    let cs = [
        claim("a", 1, "s", Event::Closed, "1997"),
        claim("b", 1, "s", Event::Closed, "1997-05"),
        claim("c", 1, "s", Event::Closed, "1997-06-02"),
        claim("d", 1, "s", Event::Closed, "1997-06"),
    ];
    let shared: Vec<Arc<Claim>> = cs.into_iter().map(Arc::new).collect();
    let refs: Vec<&Arc<Claim>> = shared.iter().collect();
    // May and 2 June disagree; only the year is overlapped by all four sheets.
    let (d, n) = best_supported(&refs).unwrap();
    assert_eq!((d.to_string().as_str(), n), ("1997", 4));
    let (d, n) = best_supported(&refs[1..]).unwrap();
    assert_eq!((d.to_string().as_str(), n), ("1997-06-02", 2), "ties go to the most precise");
    let nested = [
        claim("a", 1, "s", Event::Closed, "1997"),
        claim("b", 1, "s", Event::Closed, "1997-05"),
        claim("b", 2, "s", Event::Closed, "1997-05-27"),
    ];
    let shared: Vec<Arc<Claim>> = nested.into_iter().map(Arc::new).collect();
    let refs: Vec<&Arc<Claim>> = shared.iter().collect();
    let (d, n) = best_supported(&refs).unwrap();
    assert_eq!((d.to_string().as_str(), n), ("1997-05-27", 2), "a sheet counts once");
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
