//! Body rules, one table row per sentence; sentences about subjects other than the corpus.

use super::*;
use crate::extract::sentences::sentences;

fn bodies(text: &str) -> Vec<(String, Option<String>)> {
    let doc = Document::from_text("t.txt", text);
    extract_bodies(&doc, &sentences(doc.text())).into_iter().map(|m| (m.name, m.acronym)).collect()
}

fn names(text: &str) -> Vec<String> {
    bodies(text).into_iter().map(|(n, _)| n).collect()
}

#[test]
fn acronym_definitions_name_first() {
    let cases: &[(&str, &str, &str)] = &[
        ("The European Central Bank (ECB) raised rates.", "European Central Bank", "ECB"),
        (
            "Members met in the Union of European Football Associations (UEFA) offices.",
            "Union of European Football Associations",
            "UEFA",
        ),
        ("It joined the Partnership for Growth programme (PfG) early.", "Partnership for Growth", "PfG"),
        ("The Anglo-French Joint Commission (JC) sat twice.", "Anglo-French Joint Commission", "JC"),
        ("They opened a Trade Office in Lagos (TRO) last week.", "Trade Office", "TRO"),
        ("The league's Disciplinary Panel (DP ) ruled.", "Disciplinary Panel", "DP"),
    ];
    for (text, name, acr) in cases {
        let got = bodies(text);
        assert!(got.contains(&(name.to_string(), Some(acr.to_string()))), "{text}: {got:?}");
    }
}

#[test]
fn acronym_definitions_acronym_first() {
    let got = bodies("Troops of EUFOR (European Union Force) patrolled.");
    assert!(got.contains(&("European Union Force".into(), Some("EUFOR".into()))), "{got:?}");
    assert!(got.contains(&("EUFOR".into(), None)), "{got:?}");
    let got = bodies("UNICEF (United Nations International Children's Emergency Fund) grew.");
    assert!(!got.iter().any(|(_, a)| a.as_deref() == Some("UNICEF")), "a possessive breaks the name: {got:?}");
    let got = bodies("NESCO (Nordic Educational, Scientific and Cultural Office) grew.");
    assert!(
        got.contains(&("Nordic Educational, Scientific and Cultural Office".into(), Some("NESCO".into()))),
        "{got:?}"
    );
}

#[test]
fn owner_initial_leads_the_acronym() {
    let got = bodies("UEFA opened a Youth Office in Nyon (UYO) in 2001.");
    assert!(got.contains(&("Youth Office".into(), Some("UYO".into()))), "{got:?}");
    // No owner acronym earlier in the sentence: no definition.
    assert!(!bodies("They opened a Youth Office in Nyon (UYO).").iter().any(|(_, a)| a.is_some()));
}

#[test]
fn parentheses_that_are_not_definitions() {
    // The letters do not match: not a definition, the acronym stays a standalone mention.
    let got = bodies("The World Bank (IMF) was mentioned.");
    assert!(!got.iter().any(|(_, a)| a.is_some()), "{got:?}");
    // A year in parentheses is not an acronym.
    assert!(!bodies("The Oxford Union (1823) debated.").iter().any(|(_, a)| a.is_some()));
}

#[test]
fn head_noun_names() {
    let cases: &[(&str, &[&str])] = &[
        ("The Treaty of Lisbon on European Reform entered into force.", &["Treaty of Lisbon on European Reform"]),
        ("The Schengen Agreement and the Dublin Convention were signed.", &["Schengen Agreement", "Dublin Convention"]),
        (
            "The Moscow State University for Economics, Statistics and Informatics hosted it.",
            &["Moscow State University for Economics, Statistics and Informatics"],
        ),
        ("The EU-China Joint Committee met.", &["EU-China Joint Committee"]),
        ("Delegates attended the Paris Peace Conference in Versailles.", &["Paris Peace Conference"]),
        ("Its Search and Rescue Committee reported.", &["Search and Rescue Committee"]),
        ("The Players' Association was founded.", &["Players' Association"]),
        ("The Union's Rules Committee met.", &["Rules Committee"]),
        ("The Junior Hockey Tournament began.", &["Junior Hockey Tournament"]),
        ("An EU-led Naval Force was deployed.", &["Naval Force"]),
        (
            "He visited the Ministry of Defence of the Republic of Ireland.",
            &["Ministry of Defence of the Republic of Ireland"],
        ),
        // "and the" after a complement starts a second name when a head noun follows …
        ("The Council of the Andes and the Pacific Court met.", &["Council of the Andes", "Pacific Court"]),
        ("The Bank of Iceland and the Nordic Fund agreed.", &["Bank of Iceland", "Nordic Fund"]),
        // … and continues the first when none does.
        ("The Ministry of Trade and Industry spoke.", &["Ministry of Trade and Industry"]),
        (
            "The Office for Prevention and the Elimination of Waste met.",
            &["Office for Prevention and the Elimination of Waste"],
        ),
    ];
    for (text, want) in cases {
        assert_eq!(names(text), *want, "{text}");
    }
}

#[test]
fn not_names() {
    for text in [
        "The Council met.",                       // a head noun alone
        "Central and Eastern Europe changed.",    // no head noun
        "Building on the plan, the council met.", // sentence-initial ordinary word
        "In May the Board decided.",              // month and single head noun
        "President Smith of the Republic spoke.", // no head noun
        "OFFICE OF PRESS AND INFORMATION",        // an all-caps address line
    ] {
        let got = bodies(text);
        assert!(got.is_empty(), "{text}: {got:?}");
    }
}

#[test]
fn sentence_initial_words_are_dropped() {
    assert_eq!(names("Following talks, the Dublin Convention was signed."), ["Dublin Convention"]);
    assert_eq!(names("The Hague Convention was signed."), ["Hague Convention"]);
}

#[test]
fn standalone_acronyms() {
    assert_eq!(names("Later, UEFA and the ECB's staff met."), ["UEFA", "ECB"]);
}

#[test]
fn no_panics_on_odd_input() {
    for text in ["", "(", ")", "( )", "A (B)", "X (", "((((", "\u{e9} (\u{c9}T\u{c9})", "Council of", "ABC (Alpha"] {
        let _ = bodies(text);
    }
}

#[test]
fn shouted_words_are_not_acronyms() {
    // A bold term rendered in capitals, written normally elsewhere in the sheet.
    let got = names("The ANDEAN PARLIAMENT meets in Bogota. The Andean states fund the parliament.");
    assert!(!got.iter().any(|n| n == "ANDEAN" || n == "PARLIAMENT"), "{got:?}");
    // A single all-caps common word the sheet also writes in lower case.
    let got = names("NOTE: the rowing federation moved its office. Each note was filed.");
    assert!(!got.iter().any(|n| n == "NOTE"), "{got:?}");
    // Real acronyms stay: undefined, defined, or also written in mixed case alone.
    let got = names("FIFA met UEFA officials. The Unesco office and UNESCO staff agreed.");
    assert!(got.iter().any(|n| n == "FIFA") && got.iter().any(|n| n == "UEFA"), "{got:?}");
    assert!(got.iter().any(|n| n == "UNESCO"), "{got:?}");
    // A shouted word the sheet defines as an acronym is one.
    let got = names("The Pacific Rowing Union (PRU) met. PRU RULES apply; the rules are old.");
    assert!(got.iter().any(|n| n == "PRU"), "{got:?}");
    // A web address is not where a sheet writes a word in lower case.
    let got = names("See www.fifa.com for FIFA news.");
    assert!(got.iter().any(|n| n == "FIFA"), "{got:?}");
}

#[test]
fn names_in_capitals() {
    let got = bodies("The NORDIC RIVER COMMISSION (NRC) is a body of Nordic states. The Nordic River Commission met.");
    assert!(got.contains(&("Nordic River Commission".into(), Some("NRC".into()))), "{got:?}");
    let got = names("The COUNCIL OF THE ALPINE STATES is a forum of the states of the Alpine region.");
    assert!(got.contains(&"Council of the Alpine States".to_string()), "{got:?}");
    // A word the document never writes in lower case: the name stays as written.
    let got = names("The ASBM TREATY was an arms treaty on missiles.");
    assert!(got.contains(&"ASBM TREATY".to_string()), "{got:?}");
    let got = names("The SPACE AGENCY is an agency in space.");
    assert!(got.contains(&"Space Agency".to_string()), "{got:?}");
    // No head noun: no name ("PLEASE NOTE", a shouted phrase).
    let got = names("PLEASE NOTE that the office is closed today.");
    assert!(!got.iter().any(|n| n.contains(' ')), "{got:?}");
    // An all-capitals line is a heading or an address, read as before.
    assert!(
        !names("ANNUAL REPORT OF THE COMMISSION\nThe report was published.").iter().any(|n| n.contains("Commission"))
    );
    // One capital word is not a run.
    assert!(!names("The COUNCIL met on Monday.").iter().any(|n| n == "Council"));
}

#[test]
fn an_agreement_on_a_named_act_is_that_act() {
    let got = names("In 1988 the states reached the Agreement on the Rhine Shipping Treaty at last.");
    assert!(got.contains(&"Rhine Shipping Treaty".to_string()), "{got:?}");
    assert!(!got.iter().any(|n| n.starts_with("Agreement")), "{got:?}");
    // An agreement whose complement is no act keeps its own name.
    let got = names("The Agreement on the Alpine Water Area entered into force.");
    assert!(got.contains(&"Agreement on the Alpine Water Area".to_string()), "{got:?}");
}

#[test]
fn countries_are_never_bodies() {
    let got = names("The Soviet Union joined the Danube Shipping Council in 1950, and the USSR left in 1960.");
    assert!(got.contains(&"Danube Shipping Council".to_string()), "{got:?}");
    assert!(!got.iter().any(|n| n.contains("Soviet") || n == "USSR"), "{got:?}");
    let got = names("The Union of Soviet Socialist Republics (USSR) signed. The UK and the US abstained.");
    assert!(got.is_empty(), "{got:?}");
    // An acronym the document defines for a body stays that body's.
    let got = names("The Pacific Reef Commission (PRC) met. The PRC met again.");
    assert!(got.contains(&"PRC".to_string()), "{got:?}");
    // Words in capitals that are no organisation: not acronyms.
    assert!(names("HIV and AIDS spread.").is_empty());
}
