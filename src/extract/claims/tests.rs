//! Claim rules, one table row per sentence, on sentences about subjects other than the
//! bundled corpus; then the whole extractor over a small multi-sheet corpus of our own.

use super::*;
use crate::config::BodiesConfig;
use crate::extract::bodies::Registry;
use crate::extract::extract;

/// (subject, event, date) of every claim of `text`, subjects as written. Shared by the
/// stage modules' tests.
pub(super) fn claims(text: &str) -> Vec<(String, Event, String)> {
    let doc = Document::from_text("t.txt", text);
    extract(&doc).claims.into_iter().map(|c| (c.subject, c.event, c.date.to_string())).collect()
}

pub(super) fn full(text: &str) -> Vec<Claim> {
    extract(&Document::from_text("t.txt", text)).claims
}

pub(super) fn has(text: &str, subject: &str, event: Event, date: &str) {
    let got = claims(text);
    assert!(got.iter().any(|(s, e, d)| s == subject && *e == event && d == date), "{text}\n  got {got:?}");
}

/// (subject, event, agent, date) of every claim of `text`, for compact assertions on agents.
pub(super) fn brief(text: &str) -> Vec<(String, Event, Option<String>, String)> {
    full(text).into_iter().map(|c| (c.subject, c.event, c.agent, c.date.to_string())).collect()
}

/// Whether `all` (from [`brief`]) holds `subject — event` at `date`.
pub(super) fn in_brief(
    all: &[(String, Event, Option<String>, String)],
    subject: &str,
    event: Event,
    date: &str,
) -> bool {
    all.iter().any(|(s, e, _, d)| s == subject && *e == event && d == date)
}

/// No claim of `text` has `subject`.
pub(super) fn lacks(text: &str, subject: &str) {
    let got = claims(text);
    assert!(got.iter().all(|(s, _, _)| s != subject), "{text}\n  got {got:?}");
}

fn none(text: &str) {
    let got = claims(text);
    assert!(got.is_empty(), "{text}\n  got {got:?}");
}

#[test]
fn active_and_passive() {
    has(
        "The European Central Bank was established on 1 June 1998.",
        "European Central Bank",
        Event::Established,
        "1998-06-01",
    );
    has(
        "The member states established the European Central Bank in 1998.",
        "European Central Bank",
        Event::Established,
        "1998",
    );
    has("The Hanseatic League was formally dissolved in 1862.", "Hanseatic League", Event::Closed, "1862");
    has("The Oxford Union was founded in 1823 as a debating society.", "Oxford Union", Event::Established, "1823");
    has("In 2009 the club opened the Northern Training Centre.", "Northern Training Centre", Event::Opened, "2009");
    has(
        "The Schengen Agreement, signed on 14 June 1985, abolished checks.",
        "Schengen Agreement",
        Event::Signed,
        "1985-06-14",
    );
    has("A Dutch Mission to Japan was set up in 1609.", "Dutch Mission", Event::Established, "1609");
}

#[test]
fn nominalisations() {
    has(
        "This led to the creation of the European Coal and Steel Community Council in 1951.",
        "European Coal and Steel Community Council",
        Event::Established,
        "1951",
    );
    has(
        "The signing of the Maastricht Treaty on 7 February 1992 changed that.",
        "Maastricht Treaty",
        Event::Signed,
        "1992-02-07",
    );
    has(
        "It followed the launch, in 1999, of the Bologna Process Initiative.",
        "Bologna Process Initiative",
        Event::Launched,
        "1999",
    );
    has("The closure of the Glasgow Office in 2011 cut costs.", "Glasgow Office", Event::Closed, "2011");
}

#[test]
fn joined_and_parentheticals() {
    let text = "In 1973, Denmark joined the European Economic Community.";
    has(text, "European Economic Community", Event::Joined, "1973");
    let c = full(text);
    assert_eq!(c[0].agent.as_deref(), Some("Denmark"));
    has(
        "Portugal joined the European Free Trade Association (1960) and left later.",
        "European Free Trade Association",
        Event::Joined,
        "1960",
    );
    let two = "Norway joined the Nordic Council in 1952 and the Schengen Agreement in 2001.";
    has(two, "Nordic Council", Event::Joined, "1952");
    has(two, "Schengen Agreement", Event::Joined, "2001");
    assert_eq!(claims(two).len(), 2);
}

#[test]
fn attributive_years_and_dated_titles() {
    has("Under the 1957 Rome Treaty, tariffs fell.", "Rome Treaty", Event::Signed, "1957");
    has("Leaders met again after the 2004 Athens Summit to review it.", "Athens Summit", Event::Summit, "2004");
    has(
        "The Madrid Declaration of 8 July 1997 invited three states.",
        "Madrid Declaration",
        Event::Adopted,
        "1997-07-08",
    );
    has("At the Cardiff Summit of 15 June 1998, leaders agreed.", "Cardiff Summit", Event::Summit, "1998-06-15");
}

#[test]
fn headings_date_a_section_not_an_event() {
    none("# History\n\n## 1995: The Barcelona Process Initiative\n\nIt grew quickly.\n");
    none("# History\n\n## The Hanseatic League was dissolved in 1862\n\nIt grew quickly.\n");
    // The sentence under the heading still speaks for itself.
    has(
        "## 1995\n\nThe Barcelona Process Initiative was launched in 1995.\n",
        "Barcelona Process Initiative",
        Event::Launched,
        "1995",
    );
}

#[test]
fn succession_and_renaming() {
    let text = "The European Union Council, which succeeded the Council of Ministers in 1993, meets monthly.";
    has(text, "Council of Ministers", Event::Succeeded, "1993");
    let c = full(text);
    assert_eq!(c[0].object.as_deref(), Some("European Union Council"));
    let passive = full("The League of Nations was replaced by the United Nations Organisation in 1946.");
    assert_eq!(passive.len(), 1, "{passive:?}");
    assert_eq!(passive[0].subject, "League of Nations");
    assert_eq!(passive[0].event, Event::Succeeded);
    assert_eq!(passive[0].object.as_deref(), Some("United Nations Organisation"));
    let paren = full("Students joined the Imperial College in 1907 (renamed the Imperial College of Science in 1908).");
    assert!(
        paren
            .iter()
            .any(|c| c.subject == "Imperial College" && c.event == Event::Renamed && c.date.to_string() == "1908"),
        "{paren:?}"
    );
    has(
        "The club joined the Football League in 1892 (succeeded by the Premier League in 1992).",
        "Football League",
        Event::Succeeded,
        "1992",
    );
}

#[test]
fn first_meetings_and_anaphors() {
    let text = "The Nordic Council was founded in 1952. It met for the first time on 13 February 1953 in Copenhagen.";
    has(text, "Nordic Council", Event::FirstMeeting, "1953-02-13");
    let c = full(text);
    let first = c.iter().find(|c| c.event == Event::FirstMeeting).unwrap();
    assert!(first.confidence < 0.7, "an anaphor lowers confidence: {first:?}");
    assert_eq!(first.quote_subject, None);
    has(
        "Cooperation formally began in 1952 at the opening session of the Nordic Council.",
        "Nordic Council",
        Event::FirstMeeting,
        "1952",
    );
}

#[test]
fn suspended_resumed_and_relationships() {
    has("EU-China relations were suspended in 1989.", "China-EU relations", Event::Suspended, "1989");
    has("China-EU relations resumed in 1992.", "China-EU relations", Event::Resumed, "1992");
    has("Relations between the EU and China began in 1975.", "China-EU relations", Event::Began, "1975");
    has(
        "The Commonwealth began reaching out to Ireland in 1998.",
        "Commonwealth-Ireland relations",
        Event::Outreach,
        "1998",
    );
    has(
        "Iceland froze its relations with Norway over fishing in 1958, but talks went on.",
        "Iceland-Norway relations",
        Event::Suspended,
        "1958",
    );
    let q = full("Canada-Cuba relations formally began in 1945.");
    assert_eq!(q[0].qualifiers, [Qualifier::Formal]);
}

#[test]
fn summits_held_by_a_body() {
    has(
        "On 10 May 2005, the European Council held a summit in Moscow.",
        "European Council",
        Event::Summit,
        "2005-05-10",
    );
    has("On 3 May 2001, the Lima Summit agreed a plan.", "Lima Summit", Event::Summit, "2001-05-03");
    has(
        "Leaders gathered at the Lima Summit in Peru on 3 May 2001 to agree a plan.",
        "Lima Summit",
        Event::Summit,
        "2001-05-03",
    );
    // A fronted date with another subject says nothing about the summit.
    none("On 3 May 2001, ministers praised the Lima Summit.");
}

#[test]
fn anniversaries_where_exact() {
    let text = "Marking the tenth anniversary of the signing of the Ohrid Agreement, a Skopje Office was opened on 13 August 2011.";
    has(text, "Ohrid Agreement", Event::Signed, "2001-08-13");
    has(text, "Skopje Office", Event::Opened, "2011-08-13");
    let anniversary = full(text).into_iter().find(|c| c.subject == "Ohrid Agreement").unwrap();
    assert!(anniversary.confidence < 0.5 && anniversary.inferred);
}

#[test]
fn figures_and_positions() {
    let text = "Intro line.\nThe Arctic Council was established in 1996 by the 8 states around the pole.";
    let c = full(text);
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].figures, [Figure { value: 8, noun: "state".into() }]);
    assert_eq!((c[0].line, c[0].column), (2, 39));
    assert_eq!(&c[0].quote[c[0].quote_date.start..c[0].quote_date.end], "1996");
    let s = c[0].quote_subject.unwrap();
    assert_eq!(&c[0].quote[s.start..s.end], "Arctic Council");
}

#[test]
fn unrelated_bodies_and_dates_yield_nothing() {
    none("The Arctic Council discussed shipping routes in 2013.");
    none("In 1996 the weather was poor, and the Arctic Council remains active.");
    none("The University Library holds 1,200 maps of the 1800 coastline.");
    none("The Kyoto Protocol may be revised, the Climate Council said.");
    none("The Brussels Office employs 45 staff.");
    none("Members of the Security Council will meet in May.");
    none("NATO officials met in 1999 to discuss the Danube Commission budget.");
    none("The decision to create the Pacific Fisheries Commission followed the 1976 storms.");
}

#[test]
fn no_panics_on_odd_sentences() {
    for text in [
        "",
        "1999",
        "(1999)",
        "joined (",
        "The Council (",
        "In 1999, .",
        "the fifth anniversary of the signing of",
        "1999: The",
        "It met for the first time on 1 January 2000.",
        "Relations between and in 1990.",
        "\u{e9}\u{e9} 2001 (\u{c9}C) \u{e9}t\u{e9} established",
    ] {
        let _ = full(text);
    }
}

/// The whole pipeline over three sheets of our own: an acronym defined in one sheet,
/// used alone in another, resolved to one canonical body with matching claims.
#[test]
fn multi_sheet_corpus_resolves_acronyms_across_sheets() {
    let sheets = [
        (
            "a.md",
            "# The league\n\nThe Northern Rugby Football Union (NRFU) was founded on 29 August 1895 in Huddersfield.\n\
             It met for the first time on 7 September 1895.\n",
        ),
        (
            "b.txt",
            "Club history\n\nIn 1895, the club joined the NRFU.\nThe NRFU was renamed the Rugby Football League in 1922.\n",
        ),
        ("c.txt", "Timeline\n\nThe Rugby Football League was established in 1896, according to some accounts.\n"),
    ];
    let mut mentions = Vec::new();
    let mut claims = Vec::new();
    for (id, text) in sheets {
        let x = extract(&Document::from_text(id, text));
        mentions.extend(x.bodies);
        claims.extend(x.claims);
    }
    let reg = Registry::build(&mentions, &BodiesConfig::default());
    reg.resolve_claims(&mut claims);
    assert_eq!(reg.canonical("NRFU"), Some("Northern Rugby Football Union"));
    let got: Vec<(&str, &str, Event, String)> =
        claims.iter().map(|c| (c.doc.as_str(), c.subject.as_str(), c.event, c.date.to_string())).collect();
    let want = [
        ("a.md", "Northern Rugby Football Union", Event::Established, "1895-08-29".to_string()),
        ("a.md", "Northern Rugby Football Union", Event::FirstMeeting, "1895-09-07".to_string()),
        ("b.txt", "Northern Rugby Football Union", Event::Joined, "1895".to_string()),
        ("b.txt", "Northern Rugby Football Union", Event::Renamed, "1922".to_string()),
        ("c.txt", "Rugby Football League", Event::Established, "1896".to_string()),
    ];
    assert_eq!(got, want);
    let renamed = claims.iter().find(|c| c.event == Event::Renamed).unwrap();
    assert_eq!(renamed.object.as_deref(), Some("Rugby Football League"));
}

#[test]
fn second_predicates_and_plain_objects_take_no_body_subject() {
    let c = claims("Chile joined the Andean Pact Council (1969) and deployed observers in 1975.");
    assert!(c.iter().any(|(s, e, d)| s == "Andean Pact Council" && *e == Event::Joined && d == "1969"), "{c:?}");
    assert!(!c.iter().any(|(_, e, _)| *e == Event::Deployed), "{c:?}");
    // The Council resumed talks; it was not resumed: at most the generic reader's `other`.
    let c = claims("The Andean Pact Council resumed talks in 1975.");
    assert!(c.iter().all(|(_, e, _)| *e == Event::Other), "{c:?}");
}

proptest::proptest! {
    /// Whatever the text, extraction never panics and every span stays inside its quote.
    #[test]
    fn never_panics(text in "[A-Za-z0-9 ,.;:()'\\-\u{e9}\n]{0,200}") {
        for c in extract(&Document::from_text("p.txt", &text)).claims {
            proptest::prop_assert!(c.quote.get(c.quote_date.start..c.quote_date.end).is_some());
        }
    }

    /// Sentences built from the words the rules look for, in any order.
    #[test]
    fn never_panics_on_rule_words(words in proptest::collection::vec(proptest::sample::select(vec![
        "The", "the", "Council", "Treaty", "of", "Rome", "(", ")", "EU", "(EU)", "European", "Union", ",", "1990",
        "27 May 1997", "was", "established", "joined", "in", "on", "by", "replaced", "renamed", "later", "It", "met",
        "for", "first", "time", "anniversary", "fifth", "signing", "relations", "between", "and", "EU-China", ":",
        "\n", "\n\n", "which", "succeeded", "launch", "opening", "session", "held", "a", "summit", "its", "with",
    ]), 0..40)) {
        let text = words.join(" ");
        let _ = extract(&Document::from_text("p.txt", &text));
    }
}

#[test]
fn each_date_goes_to_its_own_verb() {
    // The creation has its own date; the earlier one belongs to another clause.
    let c = claims("Membership grew to 50 federations by 1990, and the Speed Skating Committee was created in 1961.");
    assert_eq!(c, [("Speed Skating Committee".to_string(), Event::Established, "1961".to_string())]);
    // An elliptical subject after "but" is the first clause's subject.
    has(
        "Relations between the ISU and the IOC were suspended in 1935, but resumed in 1938.",
        "IOC-ISU relations",
        Event::Resumed,
        "1938",
    );
    // The first date belongs to a verb whose object is no body: no claim, not the next verb's body.
    let c = claims("The Union signed the World Anti-Doping Code in 2003 and adopted the Ethics Charter in 2012.");
    assert_eq!(c, [("Ethics Charter".to_string(), Event::Adopted, "2012".to_string())]);
    // "held its first congress" after a sentence naming the body.
    has(
        "The International Skating Union was founded in 1892. It held its first congress on 23 July 1892.",
        "International Skating Union",
        Event::FirstMeeting,
        "1892-07-23",
    );
}

#[test]
fn names_appositions_and_anaphors_within_a_sentence() {
    // A capitalised event word is part of a name, not an event.
    has("In 1980 the Foundation opened the Riverside School.", "Riverside School", Event::Opened, "1980");
    // An apposition does not take the subject's place.
    has(
        "The Southern Rail Company (SRC), formerly the Coast Railway Office, was founded in 1920.",
        "Southern Rail Company",
        Event::Established,
        "1920",
    );
    // A typed anaphor may point back within the sentence, never forward.
    has(
        "The Board approved the Green Energy Programme in June 2007; the programme was launched in 2008.",
        "Green Energy Programme",
        Event::Launched,
        "2008",
    );
    let c = claims("This club was succeeded in 1997 by the Northern Athletic Club.");
    assert!(c.iter().all(|(s, _, _)| s != "Northern Athletic Club"), "{c:?}");
    // Coordination carries the verb only over articles: "and left X" is another verb.
    let c = claims("Acme Holdings joined the Index Group in 1987 and left the Trade Association in 1995.");
    assert_eq!(
        c,
        [
            ("Index Group".to_string(), Event::Joined, "1987".to_string()),
            ("Trade Association".to_string(), Event::Withdrew, "1995".to_string())
        ]
    );
    let agent = full("Acme Holdings joined the Index Group in 1987.");
    assert_eq!(agent[0].agent.as_deref(), Some("Acme Holdings"));
    has(
        "The Acme Sports Club was renamed the Acme Athletic Association in 1991.",
        "Acme Sports Club",
        Event::Renamed,
        "1991",
    );
}

#[test]
fn first_met_and_second_predicates() {
    has(
        "The Security Council first met on 17 January 1946 in London.",
        "Security Council",
        Event::FirstMeeting,
        "1946-01-17",
    );
    // A second predicate keeps its own date.
    // (The later dates are the generic reader's `other: revived`, never a beginning.)
    let c = claims("The Hockey Tournament began in 1996 and was revived in 2004 and 2016.");
    let specific: Vec<_> = c.iter().filter(|(_, e, _)| *e != Event::Other).cloned().collect();
    assert_eq!(specific, [("Hockey Tournament".to_string(), Event::Began, "1996".to_string())]);
    // Entry into force is an event of its own, with the first predicate's subject.
    let c = claims("The Paris Charter was signed on 21 November 1990 and entered into force in 1991.");
    assert_eq!(
        c,
        [
            ("Paris Charter".to_string(), Event::Signed, "1990-11-21".to_string()),
            ("Paris Charter".to_string(), Event::EnteredIntoForce, "1991".to_string())
        ]
    );
}

#[test]
fn relative_clauses_and_dated_documents() {
    let c = claims(
        "The Treaty of Rome, which established the Common Market Council, was signed on 25 March 1957 by six states.",
    );
    assert_eq!(c, [("Treaty of Rome".to_string(), Event::Signed, "1957-03-25".to_string())]);
    has("The Schengen Agreement (1985) abolished border checks.", "Schengen Agreement", Event::Signed, "1985");
    // A council is not dated by a bare year in parentheses.
    none("The Nordic Council (1952) discussed fishing.");
}

#[test]
fn passive_by_agent_is_about_the_created_thing() {
    // The created thing is no body: nothing about the agent's own founding.
    none("The league adopted the anthem which was created by the Nordic Music Council in 1962.");
    none("The fund uses the logo that was designed and created by the World Heritage Committee in 1978.");
    none("Its new stadium was opened by the Pacific Rugby Union in 2004.");
    // The created thing is a body: it is the subject, the agent is not.
    let text = "The Andean Development Bank was founded by the Lima Chamber of Commerce in 1968.";
    has(text, "Andean Development Bank", Event::Established, "1968");
    assert!(!claims(text).iter().any(|(s, _, _)| s == "Lima Chamber of Commerce"), "{:?}", claims(text));
    // A pronoun or a typed anaphor still finds its body.
    let text = "The Alpine Rescue Commission is based in Bern. It was created by the cantons in 1948.";
    has(text, "Alpine Rescue Commission", Event::Established, "1948");
}

#[test]
fn designations_are_not_foundings() {
    none("On 12 June 1990, the city council established 1 July as Harbour Day.");
    none("The World Meteorological Organization established 23 March as World Meteorological Day.");
    let text = "The Andean Rowing Council was established in 1971 and set 4 May as its regatta day.";
    has(text, "Andean Rowing Council", Event::Established, "1971");
    assert_eq!(claims(text).len(), 1, "{:?}", claims(text));
    // "established as" a kind of body is still the founding.
    has(
        "The Baltic Sea Commission was established as an advisory body in 1974.",
        "Baltic Sea Commission",
        Event::Established,
        "1974",
    );
}

#[test]
fn references_state_no_claims() {
    none("Garcia, M. (2015) The founding of the Andean Development Bank. Latin American Review 4, 1-20.");
    none("[12] Pacific Rugby Union. \"The Union was founded in 1921\". Retrieved 3 May 2014.");
    none("Okafor, C. and Lund, P. (eds) (2009) The creation of the West African Court in 1991. Lagos: Unity Press.");
    none("The Alpine Club was founded in 1857 (PDF). Club archive, pp. 3–9.");
    none("^ The Harbour Board was established in 1881.");
    // A reference line on its own does not silence the prose around it.
    let text = "The Harbour Board was established in 1881.\n\n[3] Lee, K. (2003) Ports. Retrieved 4 May 2010.";
    has(text, "Harbour Board", Event::Established, "1881");
    assert_eq!(claims(text).len(), 1, "{:?}", claims(text));
}

#[test]
fn shouted_words_and_adjectives_are_no_subjects() {
    none("In 1920, advocating the creation of a European customs union, the writer travelled.");
    // A name in capitals is the name, not an acronym "ANDEAN" (see `bodies::shouted`).
    has(
        "The ANDEAN PARLIAMENT was established in 1979. The Andean states pay for it.",
        "Andean Parliament",
        Event::Established,
        "1979",
    );
    // A state is the agent of an accession, never its subject (see `membership`).
    has(
        "The accession of Croatia to the Danube Commission in 2013 followed.",
        "Danube Commission",
        Event::Joined,
        "2013",
    );
    lacks("The accession of Croatia in 2013 followed.", "Croatia");
}

#[test]
fn a_second_predicate_takes_its_own_date() {
    none("The Nordic Council created, and has since 1960 awarded, the Nordic Literature Prize.");
    // The second predicate's date is not the signing; it is the entry into force.
    let c = claims("The Caribbean Court Agreement was signed in Bridgetown and entered into force in 2005.");
    assert_eq!(c, [("Caribbean Court Agreement".to_string(), Event::EnteredIntoForce, "2005".to_string())]);
}

#[test]
fn created_by_a_dated_act() {
    let text = "Ministers met in 2001, when the Pacific Fisheries Commission, established by the 1999 Apia Convention, took over.";
    has(text, "Pacific Fisheries Commission", Event::Established, "1999");
    has(text, "Apia Convention", Event::Signed, "1999");
    // Not when the thing created is no body.
    let text = "The quota system, established by the 1999 Apia Convention, was revised.";
    assert!(!claims(text).iter().any(|(_, e, _)| *e == Event::Established), "{:?}", claims(text));
}

#[test]
fn dates_of_other_verbs_and_reference_points() {
    // The date belongs to a verb that names no event.
    none("Originally designed in 1961 for the Nordic Council, the emblem was adopted by the Baltic Assembly.");
    none("Rules for clubs wishing to join the Asian Hockey Federation were agreed upon in May 1999.");
    // "N years after the dissolution of X": the fronted date is not the dissolution's.
    none("In 2003, ten years after the dissolution of the Andean Customs Union, four states signed a pact.");
    has(
        "It grew after the dissolution of the Andean Customs Union in 1993.",
        "Andean Customs Union",
        Event::Closed,
        "1993",
    );
    // A "when" clause takes the main clause's date.
    has(
        "Ties were strengthened in 2010, when the Harbour Board was replaced by the Port Authority.",
        "Harbour Board",
        Event::Succeeded,
        "2010",
    );
}

#[test]
fn a_parenthesis_with_its_own_predicate_keeps_its_date() {
    let text = "The Harbour Trade Office (later renamed the Port Commerce Office in 1988) opened in 1950.";
    has(text, "Harbour Trade Office", Event::Opened, "1950");
    let got = claims(text);
    assert!(
        !got.iter().any(|(s, e, d)| s == "Harbour Trade Office" && *e == Event::Opened && d == "1988"),
        "the renaming's year dated the opening: {got:?}"
    );
    // A date alone or with a preposition in parentheses still dates what precedes it.
    has("Norway joined the Nordic Patent Council (in 1973).", "Nordic Patent Council", Event::Joined, "1973");
}

#[test]
fn a_coarser_restatement_of_the_same_event_is_dropped() {
    let got = claims("The Hague Convention (1907) was signed on 18 October 1907 by the delegates.");
    assert_eq!(got, vec![("Hague Convention".to_string(), Event::Signed, "1907-10-18".to_string())]);
    // Two events of one subject keep both dates.
    let got = claims("The Hague Convention was signed in 1907 and revised in October 1910.");
    assert!(got.iter().any(|(_, _, d)| d == "1907"), "{got:?}");
}

#[test]
fn a_date_belongs_to_its_own_predicate() {
    // Coordinated predicates are two events of one subject.
    let text =
        "The Statute of the Hanseatic Court was approved on 23 October 1856 and came into force on 29 July 1857.";
    has(text, "Statute of the Hanseatic Court", Event::Adopted, "1856-10-23");
    has(text, "Statute of the Hanseatic Court", Event::EnteredIntoForce, "1857-07-29");
    // Not across a party: whose departure is it?
    let c = claims("Sweden joined the Baltic Council in 1991 and then left in 1995.");
    assert!(c.iter().all(|(_, _, d)| d != "1995"), "{c:?}");
    // A relative clause in parentheses keeps its own date.
    let got = claims(
        "The Area was created on 1 January 1994 with the Nordic Union (which had become the Union two months earlier).",
    );
    assert!(got.iter().all(|(_, _, d)| d != "1993-11"), "{got:?}");
    // A purpose clause between subject and verb holds no subject.
    has(
        "The Riga Convention (1920), to establish the Baltic Postal Union, was signed on 3 March 1920 in Riga.",
        "Riga Convention",
        Event::Signed,
        "1920-03-03",
    );
    none("The Riga Convention, to establish the Baltic Postal Union, was discussed on 3 March 1920.");
}

#[test]
fn entry_into_force() {
    has(
        "The Treaty of Utrecht entered into force on 12 May 1713.",
        "Treaty of Utrecht",
        Event::EnteredIntoForce,
        "1713-05-12",
    );
    has(
        "In 1995, upon the entry into force of the Treaty of Ghent, trade resumed.",
        "Treaty of Ghent",
        Event::EnteredIntoForce,
        "1995",
    );
    // "force" alone is no event.
    none("The Treaty of Ghent used force in 1995.");
}

#[test]
fn dated_meetings_of_a_body() {
    has("The inaugural Nordic Council was held in Oslo on 10 March 1953.", "Nordic Council", Event::Met, "1953-03-10");
    has(
        "When Nordic Council foreign ministers met in June 2014, they agreed.",
        "Nordic Council",
        Event::Met,
        "2014-06",
    );
    has("On 19 August 2008, Nordic Council Foreign Ministers met in Oslo.", "Nordic Council", Event::Met, "2008-08-19");
    // An active "held" is no meeting: the body holds an office.
    none("The Nordic Council held the chair in 1999.");
    // A meeting of something that is no body.
    none("The first vote was held in 1999.");
}

#[test]
fn the_sheet_topic_is_the_subject_of_a_bare_membership() {
    let sheet = "The Nordic Trade Association (NTA) is a trade bloc of four states.\n\n";
    let text = format!("{sheet}Latvia became an associate member in 1993 and Estonia joined in 1996.");
    has(&text, "Nordic Trade Association", Event::Joined, "1993");
    has(&text, "Nordic Trade Association", Event::Joined, "1996");
    let c = full(&text);
    assert!(c.iter().all(|c| c.confidence < 0.5), "{c:?}");
    assert_eq!(c[0].agent.as_deref(), Some("Latvia"));
    // "became a member of X" names what was joined.
    has(
        &format!("{sheet}Estonia became a member of the Baltic Council in 1994."),
        "Baltic Council",
        Event::Joined,
        "1994",
    );
    // No topic: a sheet that opens with no definition.
    none("Latvia became an associate member in 1993 and Estonia joined in 1996.");
    // The date before the verb may be another event's ("In 1995, its neighbour joined").
    none(&format!("{sheet}At the vote in 1995, its neighbour, Lithuania joined."));
    // Another body before the verb: the text does not say what was joined.
    none(&format!("{sheet}After the Baltic Council vote, Lithuania joined in 1997."));
}

#[test]
fn coordinated_dates_and_parties() {
    let text = "The Nordic Council met in May and June 2000 in Oslo.";
    has(text, "Nordic Council", Event::Met, "2000-06");
    has(text, "Nordic Council", Event::Met, "2000-05");
    let may = full(text).into_iter().find(|c| c.date.to_string() == "2000-05").unwrap();
    assert!(may.inferred);
    // "may" the verb is no month.
    let got = claims("The Nordic Council may and in June 2000 did meet in Oslo.");
    assert!(got.iter().all(|(_, _, d)| d != "2000-05"), "{got:?}");
    // Every party of a list is kept.
    let c = full("The Oslo Treaty was signed by Belgium, France, Italy and Spain in 1951.");
    assert_eq!(c[0].agent.as_deref(), Some("Belgium, France, Italy and Spain"), "{c:?}");
    let c = full("The Oslo Treaty was signed by Belgium in 1951.");
    assert_eq!(c[0].agent, None, "{c:?}");
}

#[test]
fn definite_descriptions_resolve_to_the_salient_body() {
    let text = "The Baltic Council was founded in 1990. The new Council met for the first time on 3 May 1991.";
    has(text, "Baltic Council", Event::FirstMeeting, "1991-05-03");
    let c = full(text);
    assert!(c.iter().find(|c| c.event == Event::FirstMeeting).is_some_and(|c| c.confidence < 0.5), "{c:?}");
    // Same head noun first: "the Council" is the Baltic Council, not the Oslo Commission.
    has(
        "The Oslo Commission and the Baltic Council were founded in 1990. The Council was dissolved in 1999.",
        "Baltic Council",
        Event::Closed,
        "1999",
    );
    // Two councils in the sentence before: no guess.
    let got =
        claims("The Nordic Council and the Baltic Council signed a pact in 1990. The Council was dissolved in 1999.");
    assert!(got.iter().all(|(_, _, d)| d != "1999"), "{got:?}");
}

#[test]
fn the_seat_of_an_office_is_part_of_its_name_as_written() {
    let c = full("On 3 May 2001, a Baltic Information Office in Vilnius was inaugurated.");
    assert_eq!(c[0].subject_text, "Baltic Information Office in Vilnius", "{c:?}");
    // Not for a council, nor for a lower-case place.
    let c = full("The Baltic Council in Vilnius was founded in 1990.");
    assert_eq!(c[0].subject_text, "Baltic Council", "{c:?}");
    let c = full("The Baltic Information Office in the city was opened in 2001.");
    assert_eq!(c[0].subject_text, "Baltic Information Office", "{c:?}");
}

#[test]
fn entry_into_force_regressions() {
    // The subject right before "came into force" is the treaty, not a body farther back.
    has(
        "The Nordic Union was established when the Oslo Treaty came into force in 1993.",
        "Oslo Treaty",
        Event::EnteredIntoForce,
        "1993",
    );
    // A farther date before a later event word that has a nearer one is not its date.
    // (The generic reader's `other: ratified` in 2015 is right: only no entry into force.)
    let got = claims("The Oslo Protocol was ratified in 2015 and on 9 November 2016 it entered into force.");
    assert!(got.iter().all(|(_, e, d)| d != "2015" || *e == Event::Other), "{got:?}");
    // An anniversary of the entry into force is no entry into force.
    none(
        "The office has worked since 1 December 2010, the first anniversary of the entry into force of the Oslo Treaty.",
    );
}

#[test]
fn an_apposition_to_a_common_noun_is_not_about_the_of_object() {
    has(
        "The forerunner of the Nordic Union, the Baltic Postal Union (BPU), was formed by two activists in 1889.",
        "Baltic Postal Union",
        Event::Established,
        "1889",
    );
    let got = claims(
        "The forerunner of the Nordic Union, the Baltic Postal Union (BPU), was formed by two activists in 1889.",
    );
    assert!(got.iter().all(|(s, _, _)| s != "Nordic Union"), "{got:?}");
    // A true apposition still names its head: "X (XA), formerly Y, was …".
    has("The Nordic Union, the Baltic Postal Union, was formed in 1889.", "Nordic Union", Event::Established, "1889");
}

#[test]
fn an_absolute_clause_has_its_own_date() {
    let text = "Sweden joined the Baltic Council in 1981, Norway and Finland following in 1986.";
    has(text, "Baltic Council", Event::Joined, "1981");
    let got = claims(text);
    assert!(got.iter().all(|(_, _, d)| d != "1986"), "{got:?}");
    // A place after a comma is no clause of its own.
    has("The Oslo Treaty was signed in Oslo, Norway, on 3 May 1951.", "Oslo Treaty", Event::Signed, "1951-05-03");
}

#[test]
fn in_force_since_dates_the_entry_into_force_not_the_signing() {
    // A parenthesis with its own predicate keeps its date.
    let c = claims("1983: The Lakeland Water Convention signed (in force since 1986).");
    assert!(
        !c.iter().any(|(_, e, d)| *e == Event::Signed && d == "1986"),
        "the parenthesis's date is not the signing: {c:?}"
    );
    has(
        "The Lakeland Water Convention, in force since 1986, binds nine states.",
        "Lakeland Water Convention",
        Event::EnteredIntoForce,
        "1986",
    );
    // "in force" without a date of its own starts nothing.
    none("The Lakeland Water Convention is in force in nine states.");
}
