//! Tables of sentences on many subjects (treaties, companies, leagues, other alliances), one
//! row per case: the text in, the mentions out as `surface=value:kind` (`~` marks an
//! inferred value, `-` no value).

use super::*;

/// The mentions of `text` read with `reference` as its stated date.
fn run(text: &str, reference: Option<&str>) -> Vec<String> {
    let doc = Document::from_text("t.txt", text);
    let x = extract_dates(&doc, reference.map(|r| r.parse().unwrap()));
    x.mentions
        .iter()
        .map(|m| {
            let value = m.date.map_or("-".to_string(), |d| d.to_string());
            let mark = if m.inferred { "~" } else { "" };
            format!("{}={mark}{value}:{}", &doc.text()[m.span.start..m.span.end], m.kind.as_str())
        })
        .collect()
}

/// Checks each row: every expected mention, in order, and nothing else.
fn table(rows: &[(&str, &[&str])]) {
    let mut failures = Vec::new();
    for (text, want) in rows {
        let got = run(text, None);
        if got != *want {
            failures.push(format!("{text:?}\n   want {want:?}\n    got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{} rows failed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn every_pattern_compiles() {
    for (name, re) in &scan::PATTERNS {
        assert!(!re.as_str().is_empty(), "{name}");
    }
}

#[test]
fn full_dates_in_every_order() {
    table(&[
        ("The treaty was signed on 27 May 1997 in Paris.", &["27 May 1997=1997-05-27:absolute"]),
        ("The league was founded on May 27, 1997.", &["May 27, 1997=1997-05-27:absolute"]),
        ("Shares were listed on 1997-05-27 at noon.", &["1997-05-27=1997-05-27:absolute"]),
        ("Filed 29-Oct-2002 by the registrar.", &["29-Oct-2002=2002-10-29:absolute"]),
        ("The board met on the 20th of March 2003.", &["the 20th of March 2003=2003-03-20:absolute"]),
        ("It opened on 3rd Feb. 1999 with six members.", &["3rd Feb. 1999=1999-02-03:absolute"]),
        ("It opened on Sept 14 2004.", &["Sept 14 2004=2004-09-14:absolute"]),
        (
            "Closed on Friday, 4 February 2011, 1:32 PM local time.",
            &["Friday, 4 February 2011, 1:32 PM=2011-02-04:absolute"],
        ),
        ("Talks resumed on Tuesday, March 4, 2008.", &["Tuesday, March 4, 2008=2008-03-04:absolute"]),
        ("The cup final is on 29 February 2001.", &["29 February 2001=-:absolute"]),
    ]);
}

#[test]
fn months_seasons_decades() {
    table(&[
        ("The merger closed in December 1991.", &["December 1991=1991-12:absolute"]),
        (
            "Prices fell in Oct. 2002 and again in spring 2009.",
            &["Oct. 2002=2002-10:absolute", "spring 2009=2009-SP:absolute"],
        ),
        ("The federation grew in the 1990s.", &["the 1990s=199:absolute"]),
        ("Membership doubled in the late 1990s.", &["the late 1990s=199:absolute"]),
        (
            "Sales recovered in the early 2000s and the mid-1980s.",
            &["the early 2000s=200:absolute", "the mid-1980s=198:absolute"],
        ),
        ("Trade grew in the summer of 1943.", &["the summer of 1943=1943-SU:absolute"]),
        ("Reforms began in the 19th century.", &["the 19th century=18:absolute"]),
    ]);
}

#[test]
fn bare_years_only_in_context() {
    table(&[
        ("The club was founded in 1994.", &["1994=1994:absolute"]),
        ("It joined the union (1991) and left it.", &["1991=1991:absolute"]),
        ("The 1997 Founding Act set the rules.", &["1997=1997:absolute"]),
        ("Leaders met at the 1990 London Summit.", &["1990=1990:absolute"]),
        ("Prices have risen since 1999 and will fall by 2002.", &["1999=1999:absolute", "2002=2002:absolute"]),
        ("Elections were held in 1994 and 1997.", &["1994=1994:absolute", "1997=1997:absolute"]),
        ("1994: The Partnership for Peace", &["1994=1994:absolute"]),
        ("The battle of Marathon was fought in 490 BC.", &["490 BC=BC0490:absolute"]),
    ]);
}

#[test]
fn numbers_that_are_not_dates() {
    table(&[
        ("The force numbers 1,200 troops and 42,500 reservists.", &[]),
        ("It contributes 2000 troops to the mission.", &[]),
        ("Ministers met at 20 in Rome with 26 Allies.", &[]),
        ("Under Resolution 1244 the mission was set up.", &[]),
        ("Call +32(0)2 707 1010/1002 or fax 707 1252.", &[]),
        ("See page 1998 of the annex.", &[]),
        ("Read http://example.org/docs/official_texts_23693.htm for more.", &[]),
        ("Write to press1999@example.org today.", &["today=-:relative"]),
        ("See Paragraphs 33-34 of the report.", &[]),
        ("It scored 1997 points in total.", &[]),
    ]);
}

#[test]
fn may_as_verb_is_not_a_month() {
    table(&[
        ("Members may join at any time.", &[]),
        ("May they succeed.", &[]),
        ("The council may 2 times a year review it.", &[]),
        ("The vote was held in May.", &["May=-:absolute"]),
    ]);
}

#[test]
fn durations_are_never_dates() {
    table(&[
        ("After a 78-day campaign the talks resumed.", &["78-day=-:duration"]),
        ("The ban lasted six years.", &["six years=-:duration"]),
        ("A year-long pause followed.", &["year-long=-:duration"]),
    ]);
}

#[test]
fn ranges() {
    table(&[
        ("The summit was held on 5-6 July 1990 in London.", &["5-6 July 1990=1990-07-05/1990-07-06:range"]),
        ("The congress sat from 5 to 6 July 1990.", &["5 to 6 July 1990=1990-07-05/1990-07-06:range"]),
        ("The plan ran 1997-1999 under two chairs.", &["1997-1999=1997/1999:range"]),
        ("Talks took place between May and June 2000.", &["May and June 2000=2000-05/2000-06:range"]),
        ("The pact lasted from 1994 until 2014.", &["1994 until 2014=1994/2014:range"]),
        ("The fair ran 30 June - 2 July 2005.", &["30 June - 2 July 2005=2005-06-30/2005-07-02:range"]),
        ("Throughout 1915-17, the two unions merged.", &["1915-17=1915/1917:range"]),
        ("The revolt (499-493 BC) spread east.", &["499-493 BC=BC0499/BC0493:range"]),
        ("The war lasted from 149 B.C to 146 B.C and ended.", &["149 B.C to 146 B.C=BC0149/BC0146:range"]),
    ]);
}

#[test]
fn year_less_dates_take_the_governing_year() {
    let text = "In December 2000 the board met twice. The ministers, who met on 5 December, agreed a plan. \
                The next meeting, on February 20, confirmed it.";
    insta::assert_debug_snapshot!(run(text, None), @r#"
    [
        "December 2000=2000-12:absolute",
        "5 December=~2000-12-05:absolute",
        "February 20=~2001-02-20:absolute",
    ]
    "#);
}

#[test]
fn roll_over_is_blocked_by_backward_words() {
    let text = "In December 2000 ministers welcomed the progress made since their meetings in May and June.";
    insta::assert_debug_snapshot!(run(text, None), @r#"
    [
        "December 2000=2000-12:absolute",
        "May=~2000-05:absolute",
        "June=~2000-06:absolute",
    ]
    "#);
}

#[test]
fn attributive_years_do_not_govern() {
    let text = "In December 2000 the council met. It recalled the 1997 Founding Act. The committee met on 5 December.";
    insta::assert_debug_snapshot!(run(text, None), @r#"
    [
        "December 2000=2000-12:absolute",
        "1997=1997:absolute",
        "5 December=~2000-12-05:absolute",
    ]
    "#);
}

#[test]
fn year_less_dates_never_fall_after_the_document_date() {
    let text = "correct as of\nMay 2002\n\nIn May 2002 the board recalled the events of September 11.";
    insta::assert_debug_snapshot!(run(text, None), @r#"
    [
        "May 2002=2002-05:metadata",
        "May 2002=2002-05:absolute",
        "September 11=~2001-09-11:absolute",
    ]
    "#);
}

#[test]
fn year_less_dates_fall_back_to_the_document_date() {
    insta::assert_debug_snapshot!(run("The index was rebalanced on 14 May.", Some("2002-05")), @r#"
    [
        "14 May=~2002-05-14:absolute",
    ]
    "#);
    insta::assert_debug_snapshot!(run("The index was rebalanced on 14 May.", None), @r#"
    [
        "14 May=-:absolute",
    ]
    "#);
}

#[test]
fn relative_dates() {
    let text = "The union was formed in 1994. The following year it admitted Chile, and two years later Peru. \
                Later that year it met in Lima.";
    insta::assert_debug_snapshot!(run(text, None), @r#"
    [
        "1994=1994:absolute",
        "The following year=~1995:relative",
        "two years later=~1997:relative",
        "Later that year=~1997:relative",
    ]
    "#);
    let deictic = "Today the company reports its results. Revenue rose this year and last October.";
    insta::assert_debug_snapshot!(run(deictic, Some("2011-02-04")), @r#"
    [
        "Today=~2011-02-04:relative",
        "this year=~2011:relative",
        "last October=~2010-10:relative",
    ]
    "#);
    insta::assert_debug_snapshot!(run(deictic, None), @r#"
    [
        "Today=-:relative",
        "this year=-:relative",
        "last October=-:relative",
    ]
    "#);
}

#[test]
fn document_date_from_header_and_footer() {
    let header = "Updated: 29-Oct-2002 Company Background\n\ncorrect as of\nMay 2002\n\nA new board was chosen today.";
    let doc = Document::from_text("t.txt", header);
    let x = extract_dates(&doc, None);
    assert_eq!(x.document_date.map(|d| d.to_string()).as_deref(), Some("2002-05"));
    insta::assert_debug_snapshot!(run(header, None), @r#"
    [
        "29-Oct-2002=2002-10-29:metadata",
        "May 2002=2002-05:metadata",
        "today=~2002-05:relative",
    ]
    "#);
    let footer = "The league admitted two clubs in 1998.\n\nLast modified: Friday, 4 February 2011, 1:32 PM";
    let doc = Document::from_text("t.txt", footer);
    let x = extract_dates(&doc, None);
    assert_eq!(x.document_date.map(|d| d.to_string()).as_deref(), Some("2011-02-04"));
    insta::assert_debug_snapshot!(run(footer, None), @r#"
    [
        "1998=1998:absolute",
        "Friday, 4 February 2011, 1:32 PM=2011-02-04:metadata",
    ]
    "#);
    // A stated date beats the detected one.
    let x = extract_dates(&doc, Some("2012-01-01".parse().unwrap()));
    assert_eq!(x.document_date.map(|d| d.to_string()).as_deref(), Some("2012-01-01"));
}

#[test]
fn whole_company_history() {
    let text = "\
# Acme Rail: a short history

Last updated: 12 March 2015

## Founding

Acme Rail was incorporated on 2 April 1921 in Leeds. The first line opened on 1 September, and by
the end of the year the company ran 40 trains. The 1921 Railways Act later forced a merger.

## Growth

In the 1950s the company doubled its network. In November 1968 it bought Northern Freight; the
deal closed on January 15, after a 90-day review. Tel. +44 113 496 0000, ref. ACME_1968_2.

Today the firm employs 3,150 people in 12 countries.
";
    insta::assert_debug_snapshot!(run(text, None), @r#"
    [
        "12 March 2015=2015-03-12:metadata",
        "2 April 1921=1921-04-02:absolute",
        "1 September=~1921-09-01:absolute",
        "the end of the year=~1921:relative",
        "1921=1921:absolute",
        "the 1950s=195:absolute",
        "November 1968=1968-11:absolute",
        "January 15=~1969-01-15:absolute",
        "90-day=-:duration",
        "Today=~2015-03-12:relative",
    ]
    "#);
}

#[test]
fn no_panic_on_odd_input() {
    for text in [
        "",
        "May",
        "1997",
        "ü1997ü",
        "—1997—",
        "31 June 1997",
        "0 BC",
        "9999-99-99",
        "in 0000",
        "'00s",
        "é May 5 é",
        "\n\n1994:\n",
    ] {
        let _ = run(text, None);
        let _ = run(text, Some("2002-05"));
    }
}

#[test]
fn holidays_seasons_and_lone_months() {
    table(&[
        ("Sales peaked at Christmas 1963.", &["Christmas 1963=1963-12-25:absolute"]),
        ("In 2007 the shop closed on New Year's Eve.", &["2007=2007:absolute", "New Year's Eve=~2007-12-31:absolute"]),
        ("In 1951 the league played a short winter season.", &["1951=1951:absolute", "winter=~1951-WI:absolute"]),
        ("The Prague Spring ended in 1968.", &["1968=1968:absolute"]),
        ("In 1917 the costly August offensives began.", &["1917=1917:absolute", "August=~1917-08:absolute"]),
        ("The Long March began in 1934.", &["1934=1934:absolute"]),
        ("August Wilson wrote it in 1982.", &["1982=1982:absolute"]),
    ]);
}

#[test]
fn bc_years_and_approximations() {
    table(&[
        ("The city fell in 480 BC; by 479 the fleet had sailed.", &["480 BC=BC0480:absolute", "479=~BC0479:absolute"]),
        ("The bridge, built c. 1200, still stands.", &["c. 1200=1200:absolute"]),
        ("The temple was rebuilt in 146 B.C. after a fire.", &["146 B.C.=BC0146:absolute"]),
        ("The fleet of 300 ships sailed in 1805.", &["1805=1805:absolute"]),
        ("In 1805 the fleet lost 120 ships.", &["1805=1805:absolute"]),
        ("By 490 the crew numbered 200.", &[]),
    ]);
}

#[test]
fn month_of_a_relative_year() {
    let text = "The federation was founded in 1921. In August of that year it held its first congress, \
                and on July 25 of the following year it admitted Brazil. That same day it met in Rio.";
    insta::assert_debug_snapshot!(run(text, None), @r#"
    [
        "1921=1921:absolute",
        "August of that year=~1921-08:relative",
        "July 25 of the following year=~1922-07-25:relative",
        "That same day=~1922-07-25:relative",
    ]
    "#);
}

#[test]
fn ordinal_days_take_the_passage_month() {
    table(&[
        (
            "The strike began on 12 March 1984. On the 20th the miners voted.",
            &["12 March 1984=1984-03-12:absolute", "the 20th=~1984-03-20:absolute"],
        ),
        (
            "In 1944 the 5th Army landed; by the 19th century it was gone.",
            &["1944=1944:absolute", "the 19th century=18:absolute"],
        ),
        ("On the 20th the miners voted.", &[]),
    ]);
}

#[test]
fn headings_and_line_heads() {
    let text =
        "# Timeline\n\n## 1994: Partnership\n\nTalks began.\n\n1997 - Founding Act signed\n\nEastern expansion, 1999\n";
    insta::assert_debug_snapshot!(run(text, None), @r#"
    [
        "1994=1994:absolute",
        "1997=1997:absolute",
        "1999=1999:absolute",
    ]
    "#);
}

/// The bundled sheets: mentions sorted and disjoint, and the detected document date equal to
/// the manifest's where the manifest states one. `--nocapture` prints every mention for review.
#[test]
#[allow(clippy::print_stdout)] // the listing is for review with --nocapture
fn bundled_corpus_smoke() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let manifest = std::fs::read_to_string(root.join("manifest.toml")).unwrap();
    let mut files: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt" || x == "md"))
        .collect();
    files.sort();
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let doc = Document::from_text(&name, &std::fs::read_to_string(&path).unwrap());
        let x = extract_dates(&doc, None);
        for pair in x.mentions.windows(2) {
            assert!(pair[0].span.end <= pair[1].span.start, "{name}: overlapping mentions");
        }
        // `date = "..."` in the manifest entry of this file, if any.
        let entry = manifest.split("[[sheet]]").find(|e| e.contains(&format!("file = \"{name}\"")));
        let stated = entry.and_then(|e| e.lines().find_map(|l| l.strip_prefix("date = \"")?.strip_suffix('"')));
        if let Some(stated) = stated {
            assert_eq!(x.document_date.map(|d| d.to_string()).as_deref(), Some(stated), "{name}");
        }
        for m in &x.mentions {
            let value = m.date.map_or("-".to_string(), |d| d.to_string());
            println!("{name}\t{}\t{value}\t{}", &doc.text()[m.span.start..m.span.end], m.kind.as_str());
        }
    }
}

proptest::proptest! {
    /// Any text: no panic, mentions sorted, disjoint and on character boundaries.
    #[test]
    fn never_panics(text in "(\\PC|[0-9 ,.:/()-]|May|June|BC|the|in|1997|December 20|\n){0,60}") {
        let doc = Document::from_text("p.txt", &text);
        for reference in [None, Some("2002-05".parse().unwrap()), Some("BC0490".parse().unwrap())] {
            let x = extract_dates(&doc, reference);
            let mut last = 0;
            for m in &x.mentions {
                proptest::prop_assert!(m.span.start >= last && m.span.end > m.span.start);
                proptest::prop_assert!(doc.text().get(m.span.start..m.span.end).is_some());
                last = m.span.end;
            }
        }
    }
}

#[test]
fn whole_federation_sheet() {
    let text = "\
International Rowing Federation: fact sheet
Last updated: 3 Nov. 2019

The federation was founded in Turin on 25 June 1892 by five national bodies. Its 1893
congress adopted the first rules; the 1900 Paris Games followed. Membership reached 50 in
the 1960s and 150 by 2019.

Headquarters moved to Lausanne in spring 1922. The move took two years, and a new office
opened on 4 April. Contact: info@rowing.example, +41 21 617 8373, fax 617 8375.
The executive board meets twice a year, in March and September; the 2019 session, held
between 12 and 14 September, approved Resolution 2019/4 and a budget of 1,250,000 francs.
";
    // Known gap: "meets twice a year, in March and September" is a recurrence, read here as
    // the months of the passage's year.
    insta::assert_debug_snapshot!(run(text, None), @r#"
    [
        "3 Nov. 2019=2019-11-03:metadata",
        "25 June 1892=1892-06-25:absolute",
        "1893=1893:absolute",
        "1900=1900:absolute",
        "the 1960s=196:absolute",
        "2019=2019:absolute",
        "spring 1922=1922-SP:absolute",
        "two years=-:duration",
        "4 April=~1922-04-04:absolute",
        "March=~1922-03:absolute",
        "September=~1922-09:absolute",
        "2019=2019:absolute",
        "12 and 14 September=~2019-09-12/2019-09-14:range",
    ]
    "#);
}

/// The mentions of `text` as `surface=TIMEX3 value:type`, read with `reference` in `register`
/// (decided from the text when `None`), and the register used.
fn timex(text: &str, reference: &str, register: Option<Register>) -> (Register, Vec<String>) {
    let doc = Document::from_text("t.txt", text);
    let x = extract_dates_in(&doc, Some(Date::parse_reference(reference).unwrap()), register);
    let rows = x
        .mentions
        .iter()
        .map(|m| {
            let value = m.value().unwrap_or_else(|| "-".to_string());
            format!("{}={value}:{}", &doc.text()[m.span.start..m.span.end], m.timex_type())
        })
        .collect();
    (x.register, rows)
}

/// Rows read as news against `reference`.
fn news_table(reference: &str, rows: &[(&str, &[&str])]) {
    let mut failures = Vec::new();
    for (text, want) in rows {
        let (_, got) = timex(text, reference, Some(Register::News));
        if got != *want {
            failures.push(format!("{text:?}\n   want {want:?}\n    got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{} rows failed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn floating_holidays_fall_on_their_weekday() {
    news_table(
        "2000-01-06",
        &[
            ("The shelter served 300 meals on Thanksgiving Day.", &["Thanksgiving Day=1999-11-25:DATE"]),
            ("The store opened on Thanksgiving Day 2004.", &["Thanksgiving Day 2004=2004-11-25:DATE"]),
            ("Turnout on Election Day 1998 was low.", &["Election Day 1998=1998-11-03:DATE"]),
            // Not the holiday's name.
            ("Thanksgiving dinners cost more.", &[]),
            ("The Election Day rally was large.", &["Election Day=1999-11-02:DATE"]),
        ],
    );
    news_table("1998-10-26", &[("Voters go to the polls on Election Day.", &["Election Day=1998-11-03:DATE"])]);
}

#[test]
fn weekdays_follow_the_tense() {
    // 1998-01-08 was a Thursday.
    news_table(
        "1998-01-08",
        &[
            ("The league said Friday it had fined the club.", &["Friday=1998-01-02:DATE"]),
            ("The league said on Friday it would fine the club.", &["Friday=1998-01-02:DATE"]),
            ("The board will meet on Friday to vote.", &["Friday=1998-01-09:DATE"]),
            ("The orchestra played on Thursday night.", &["Thursday night=1998-01-08:DATE"]),
            ("Talks broke down last Tuesday.", &["last Tuesday=1998-01-06:DATE"]),
            ("Talks resume next Thursday.", &["next Thursday=1998-01-15:DATE"]),
            ("The union has until Monday to reply.", &["Monday=1998-01-12:DATE"]),
            ("Shares fell after Monday's ruling.", &["Monday=1998-01-05:DATE"]),
            // A past auxiliary after the day beats a future cue before it.
            ("Until Monday, the police had not named a suspect.", &["Monday=1998-01-05:DATE"]),
            ("A parade planned for Saturday was called off.", &["Saturday=1998-01-03:DATE"]),
            ("A parade is planned for Saturday in the old town.", &["Saturday=1998-01-10:DATE"]),
            ("Fans planned a parade on Saturday and were hiring a band.", &["Saturday=1998-01-10:DATE"]),
            // Names of days are not days of this week.
            ("Markets remember Black Monday.", &[]),
            ("The parade is held on Good Friday.", &[]),
        ],
    );
}

#[test]
fn weeks_weekends_months_quarters_years() {
    news_table(
        "1998-01-08",
        &[
            ("Exports rose this week.", &["this week=1998-W02:DATE"]),
            ("Exports rose last week.", &["last week=1998-W01:DATE"]),
            ("Exports will rise next week.", &["next week=1998-W03:DATE"]),
            ("The shop was busy over the weekend.", &["the weekend=1998-W01-WE:DATE"]),
            ("The fair will open this weekend.", &["this weekend=1998-W02-WE:DATE"]),
            ("Sales fell last month.", &["last month=1997-12:DATE"]),
            ("Sales fell this month.", &["this month=1998-01:DATE"]),
            ("Profit doubled in the third quarter.", &["the third quarter=1997-Q3:DATE"]),
            ("Third-quarter profit doubled.", &["Third-quarter=1997-Q3:DATE"]),
            ("Profit doubled in the first quarter of 1996.", &["the first quarter of 1996=1996-Q1:DATE"]),
            ("Profit doubled in the quarter, the bakery said.", &["the quarter=1997-Q4:DATE"]),
            ("Sales will grow this quarter.", &["this quarter=1998-Q1:DATE"]),
            ("Output fell in the second half.", &["the second half=1997-H2:DATE"]),
            ("Prices rose early this year.", &["early this year=1998:DATE"]),
            ("Prices rose late last year.", &["late last year=1997:DATE"]),
            ("The plant closes at the end of the year.", &["the end of the year=1998:DATE"]),
            ("Budgets were cut this fiscal year.", &["this fiscal year=1998:DATE"]),
            ("Sales fell in June.", &["June=1997-06:DATE"]),
            ("The ferry will resume in March.", &["March=1998-03:DATE"]),
            ("The vote is on Feb. 12.", &["Feb. 12=1998-02-12:DATE"]),
        ],
    );
}

#[test]
fn a_year_ago_in_a_report_of_a_quarter_is_that_quarter() {
    news_table(
        "1989-10-30",
        &[(
            "Net income in the third quarter rose to $5 million from $4 million a year ago.",
            &["the third quarter=1989-Q3:DATE", "a year ago=1988-Q3:DATE"],
        )],
    );
    // Without a quarter in sight it stays a year.
    news_table("1989-10-30", &[("The mill opened a year ago.", &["a year ago=1988:DATE"])]);
}

#[test]
fn references_to_the_present_past_and_future() {
    news_table(
        "1998-01-08",
        &[
            ("Rates are now at a low.", &["now=PRESENT_REF:DATE"]),
            ("The firm currently employs 40.", &["currently=PRESENT_REF:DATE"]),
            ("The firm was recently sold.", &["recently=PAST_REF:DATE"]),
            ("In the past, the firm made boats.", &["the past=PAST_REF:DATE"]),
            ("At the time, the firm made boats.", &["At the time=PAST_REF:DATE"]),
            ("In the future, the firm will make bikes.", &["the future=FUTURE_REF:DATE"]),
            // "that day" and "the same day" take the last day named.
            (
                "The strike began on Jan. 5. Talks failed that day.",
                &["Jan. 5=1998-01-05:DATE", "that day=1998-01-05:DATE"],
            ),
            (
                "The club lost on Tuesday. The same day its coach quit.",
                &["Tuesday=1998-01-06:DATE", "The same day=1998-01-06:DATE"],
            ),
            // A past week, a duration: no reference value.
            ("Prices rose over the past three months.", &["the past three months=P3M:DURATION"]),
        ],
    );
}

#[test]
fn durations_and_sets_have_timex_values() {
    news_table(
        "1998-01-08",
        &[
            ("The trial lasted six years.", &["six years=P6Y:DURATION"]),
            ("It took several months.", &["several months=PXM:DURATION"]),
            ("A month-long strike.", &["month-long=P1M:DURATION"]),
            ("The audit is held every year.", &["every year=P1Y:SET"]),
            ("Prizes are given each season.", &["each season=P1Y:SET"]),
        ],
    );
}

#[test]
fn decades_and_centuries_are_timex3() {
    news_table(
        "1998-01-08",
        &[
            ("Trade grew in the 1990s.", &["the 1990s=199:DATE"]),
            ("Trade grew in the 19th century.", &["the 19th century=18:DATE"]),
        ],
    );
}

#[test]
fn register_is_decided_from_the_text() {
    let report = "The ferry company said on Tuesday that fares would rise next month. A spokesman said \
                  sales fell last week and that the board will meet on Friday. Prices now exceed last \
                  year's, the company said.";
    assert_eq!(timex(report, "2004-03-10", None).0, Register::News);
    let story = "The canal was dug in 1821. In 1830 it was widened, and in 1845 a second lock was \
                 built. By 1860 traffic had doubled; in June a new basin opened. The canal closed in 1921.";
    let (register, rows) = timex(story, "2004-03-10", None);
    assert_eq!(register, Register::Narrative);
    // A narrative reads "in June" in the story's year, not the document's.
    assert!(rows.contains(&"June=1860-06:DATE".to_string()), "{rows:?}");
    // Without a document date nothing can be read as news.
    let doc = Document::from_text("t.txt", report);
    assert_eq!(extract_dates(&doc, None).register, Register::Narrative);
    // An override wins.
    assert_eq!(timex(story, "2004-03-10", Some(Register::News)).0, Register::News);
    let (_, rows) = timex(story, "2004-03-10", Some(Register::News));
    // As news, "in June" is read against the document date (near enough ahead to stay in its year).
    assert!(rows.contains(&"June=2004-06:DATE".to_string()), "{rows:?}");
}

#[test]
fn today_is_the_sheets_date_and_the_present_only_when_undated() {
    // A dated sheet's "today" is its date, in either register (TimeML: "today" is the
    // document's day); vague shifts keep a direction.
    let (_, rows) = timex(
        "The fort fell in 1761. A few years later it was rebuilt. Today it is a museum.",
        "2009-12-19",
        Some(Register::Narrative),
    );
    assert_eq!(rows, ["1761=1761:DATE", "A few years later=FUTURE_REF:DATE", "Today=2009-12-19:DATE"]);
    let (_, rows) = timex("The guild opened a new hall today.", "2011-06-03", Some(Register::News));
    assert_eq!(rows, ["today=2011-06-03:DATE"]);
    // An undated sheet: "today" is the present.
    let doc = Document::from_text("t.txt", "The fort fell in 1761. Today it is a museum.");
    let x = extract_dates(&doc, None);
    let values: Vec<String> = x.mentions.iter().map(|m| m.value().unwrap_or_default()).collect();
    assert_eq!(values, ["1761", "PRESENT_REF"]);
}

#[test]
fn today_in_a_sheet_dated_to_a_month() {
    // The latest day of that month the sheet states in full: the release was written on it.
    let text = "correct as of\nJune 2015\n\nThe guild opened its hall today. Members met on 3 June 2015 \
                and the hall opened on 19 June 2015; an earlier hall closed on 30 May 2015.";
    let doc = Document::from_text("t.txt", text);
    let x = extract_dates(&doc, None);
    assert_eq!(x.document_date.map(|d| d.to_string()).as_deref(), Some("2015-06"));
    let today = x.mentions.iter().find(|m| doc.text()[m.span.start..m.span.end] == *"today").unwrap();
    assert_eq!(today.value().as_deref(), Some("2015-06-19"));
    // No day of that month stated (a day of another month does not count): the month.
    let text = "correct as of\nJune 2015\n\nThe guild opened its hall today. An earlier hall closed on 30 May 2015.";
    let doc = Document::from_text("t.txt", text);
    let x = extract_dates(&doc, None);
    let today = x.mentions.iter().find(|m| doc.text()[m.span.start..m.span.end] == *"today").unwrap();
    assert_eq!(today.value().as_deref(), Some("2015-06"));
    // A sheet dated to the day keeps its day even when it states a later one.
    let (_, rows) = timex("The hall opened today; the next one opens on 20 June 2015.", "2015-06-04", None);
    assert_eq!(rows[0], "today=2015-06-04:DATE");
}

#[test]
fn last_year_is_the_calendar_year_even_near_a_quarter() {
    news_table(
        "1989-10-30",
        &[
            (
                "The brewer earned $5 million in the third quarter, up from last year.",
                &["the third quarter=1989-Q3:DATE", "last year=1988:DATE"],
            ),
            (
                "Sales in the third quarter rose, and the brewer expects more next year.",
                &["the third quarter=1989-Q3:DATE", "next year=1990:DATE"],
            ),
            // A comparison with a year before still names that quarter.
            (
                "Sales in the third quarter rose 4% from a year earlier.",
                &["the third quarter=1989-Q3:DATE", "a year earlier=1988-Q3:DATE"],
            ),
        ],
    );
}

#[test]
fn a_month_of_this_or_last_year_is_one_date() {
    news_table(
        "1998-02-19",
        &[
            ("The canal reopened in June last year.", &["June last year=1997-06:DATE"]),
            ("Fares rose in January this year.", &["January this year=1998-01:DATE"]),
            ("A new line opens in March next year.", &["March next year=1999-03:DATE"]),
        ],
    );
}

#[test]
fn year_earlier_periods_and_quarters_with_their_year() {
    news_table(
        "1989-10-30",
        &[
            (
                "Net profit in the third quarter rose from year-earlier levels.",
                &["the third quarter=1989-Q3:DATE", "year-earlier=1988-Q3:DATE"],
            ),
            ("The mill's output was below year-ago levels.", &["year-ago=1988:DATE"]),
            (
                "Revenue in the second quarter fell from the year-earlier period.",
                &["the second quarter=1989-Q2:DATE", "the year-earlier period=1988-Q2:DATE"],
            ),
            ("Loss narrowed in the latest period.", &["the latest period=1989-Q3:DATE"]),
            ("Profit topped the 1988 third quarter.", &["the 1988 third quarter=1988-Q3:DATE"]),
            ("Profit topped the year-earlier third quarter.", &["the year-earlier third quarter=1988-Q3:DATE"]),
            ("Deliveries start in next year's first quarter.", &["next year's first quarter=1990-Q1:DATE"]),
            ("Sales will grow in the current fiscal year.", &["the current fiscal year=1989:DATE"]),
            // "the past year" is the year before; "the past week" is no date.
            ("Rents rose over the past year.", &["the past year=1988:DATE"]),
            ("Rents rose over the past week.", &[]),
        ],
    );
}

#[test]
fn years_in_words() {
    news_table(
        "1998-01-08",
        &[
            ("The dam was built in nineteen seventy-nine.", &["nineteen seventy-nine=1979:DATE"]),
            ("Prices peaked in January nineteen ninety-seven.", &["January nineteen ninety-seven=1997-01:DATE"]),
            ("It froze in the winter of nineteen ninety-four.", &["the winter of nineteen ninety-four=1994-WI:DATE"]),
            ("Systems must be ready by the year two thousand.", &["the year two thousand=2000:DATE"]),
            ("Jazz flourished in the twenties.", &["the twenties=192:DATE"]),
            // Counts are not years.
            ("About two thousand fans came.", &[]),
            ("Nineteen ninety-six delegates voted.", &[]),
        ],
    );
}

#[test]
fn the_quarter_is_the_one_the_report_named() {
    // 1989-10-30: the default reported quarter would be the third.
    news_table(
        "1989-10-30",
        &[
            (
                "The ferry line lost money in its second quarter. In the quarter, fares fell.",
                &["second quarter=1989-Q2:DATE", "the quarter=1989-Q2:DATE"],
            ),
            (
                "In the second quarter sales rose 5% from the year-earlier quarter.",
                &["the second quarter=1989-Q2:DATE", "the year-earlier quarter=1988-Q2:DATE"],
            ),
            (
                "The second quarter was weak; profit fell below the 1988 period.",
                &["The second quarter=1989-Q2:DATE", "the 1988 period=1988-Q2:DATE"],
            ),
            // A quarter still to come is not what "the quarter" of a report is about.
            (
                "The fourth quarter will be better, the firm said. In the quarter, fares fell.",
                &["The fourth quarter=1989-Q4:DATE", "the quarter=1989-Q3:DATE"],
            ),
            // Without a quarter named, "the 1988 period" is that year.
            ("Sales beat the 1988 period.", &["the 1988 period=1988:DATE"]),
        ],
    );
}

#[test]
fn future_cues_survive_initials_and_titles() {
    news_table(
        "1989-10-26",
        &[
            ("Mr. Lee will succeed Daniel P. Moss Feb. 1, the bank said.", &["Feb. 1=1990-02-01:DATE"]),
            ("The cut is effective Jan. 2.", &["Jan. 2=1990-01-02:DATE"]),
            ("The dividend is payable Jan. 15 to holders of record.", &["Jan. 15=1990-01-15:DATE"]),
            // Past events keep the document's year.
            ("The mill closed Feb. 1, Mr. Lee said.", &["Feb. 1=1989-02-01:DATE"]),
            // A month ten months back or two ahead: news means the near one.
            ("The line is to be sold in January.", &["January=1990-01:DATE"]),
            // Unless a backward word says otherwise.
            ("The line had been sold earlier, in January.", &["January=1989-01:DATE"]),
        ],
    );
}

#[test]
fn undated_sheets_read_deictic_months_from_the_passage() {
    table(&[
        (
            "The league met in December 2000. Elections held last October had changed its mood.",
            &["December 2000=2000-12:absolute", "last October=~2000-10:relative"],
        ),
        // With no date at all there is nothing to read it from.
        ("Elections held last October changed the mood.", &["last October=-:relative"]),
    ]);
}

#[test]
fn a_day_named_again_without_its_year_is_the_day_stated() {
    table(&[
        (
            "The port closed after the storm of 9 March 2004. Trade had grown since 1998; after March 9, \
             the port was rebuilt.",
            &["9 March 2004=2004-03-09:absolute", "1998=1998:absolute", "March 9=~2004-03-09:absolute"],
        ),
        // A later passage's own year is kept: the day recurs.
        (
            "The fair opened on 9 March 2004. In 2006 it opened on March 9 again.",
            &["9 March 2004=2004-03-09:absolute", "2006=2006:absolute", "March 9=~2006-03-09:absolute"],
        ),
    ]);
}

/// The impossible dates of `text` as `surface: reason`.
fn impossible(text: &str) -> Vec<String> {
    let doc = Document::from_text("t.txt", text);
    let x = extract_dates(&doc, None);
    x.impossible.iter().map(|d| format!("{}: {}", &doc.text()[d.span.start..d.span.end], d.reason)).collect()
}

#[test]
fn impossible_dates_are_reported_with_the_reason() {
    assert_eq!(impossible("The Harbour Trust was founded on 31 June 1997."), ["31 June 1997: June has 30 days"]);
    assert_eq!(impossible("Its charter was signed on April 31, 1952."), ["April 31, 1952: April has 30 days"]);
    assert_eq!(
        impossible("The league folded on 29 February 1997 after a vote."),
        ["29 February 1997: 1997 is not a leap year"]
    );
    assert_eq!(impossible("Ratified on 30 February 1889."), ["30 February 1889: February 1889 has 28 days"]);
    assert_eq!(impossible("The talks ran from 30-31 September 2004."), ["30-31 September 2004: September has 30 days"]);
    // The impossible date is a mention without a value, so "June 1997" inside it is not read.
    assert_eq!(run("The Harbour Trust was founded on 31 June 1997.", None), ["31 June 1997=-:absolute"]);
}

#[test]
fn possible_dates_and_other_numbers_raise_nothing() {
    for text in [
        "The fund opened on 29 February 1996.",
        "The board met on 30 June 1997 and on 31 July 1997.",
        "Ratified on 29 February 2000.",
        "The pier is 31 metres long; June was dry.",
        "Room 31, June 1997 intake.",
    ] {
        assert_eq!(impossible(text), Vec::<String>::new(), "{text:?}");
    }
}

#[test]
fn numeric_impossible_dates_are_reported_as_written_ones_are() {
    assert_eq!(impossible("The Lagoon Board first sat on 1997-06-31."), ["1997-06-31: June has 30 days"]);
    assert_eq!(
        impossible("Its log reads 2001-02-29T09:30 for the vote."),
        ["2001-02-29T09:30: 2001 is not a leap year"]
    );
    assert_eq!(impossible("The mill closed on 31-Apr-1931."), ["31-Apr-1931: April has 30 days"]);
    // Slashed, either way round: no reading is a real day, and one reading is a real month.
    assert_eq!(impossible("The ferry guild was chartered on 31/06/1997."), ["31/06/1997: June has 30 days"]);
    assert_eq!(impossible("Dated 09/31/1997 on the letterhead."), ["09/31/1997: September has 30 days"]);
    assert_eq!(impossible("Signed 30/02/1888 in the town hall."), ["30/02/1888: February 1888 has 29 days"]);
    // No value, like the written form: nothing inside it is read as a date.
    assert_eq!(run("The Lagoon Board first sat on 1997-06-31.", None), ["1997-06-31=-:absolute"]);
    assert_eq!(run("The ferry guild was chartered on 31/06/1997.", None), ["31/06/1997=-:absolute"]);
}

#[test]
fn numeric_dates_that_exist_or_are_no_dates_raise_nothing() {
    for text in [
        "The Lagoon Board first sat on 1997-06-30.",
        "Leap day: 2000-02-29 and 29-Feb-1996.",
        // A slashed date that exists either way round is not reported.
        "Dated 05/06/1997 and 30/06/1997 and 06/30/1997.",
        // A month over 12 either way, a day 0 or over 31: a code or a placeholder, not a date.
        "Part 1997-13-01, batch 1997-06-00, lot 1997-06-45.",
        "Ref 31/31/1997 and 00/05/1997 and 45/06/1997.",
        // Glued to a longer number or identifier.
        "Document A/RES/31/06/1997 and serial 12-1997-06-31 and v1997-06-31.",
        "Year 0000-02-30 is no year.",
    ] {
        assert_eq!(impossible(text), Vec::<String>::new(), "{text:?}");
    }
}

#[test]
fn a_dateline_makes_a_sheet_news() {
    // Few relative dates and no reporting verbs, but a wire dateline: read as news.
    let wire = "OSLO, March 3 (Nordwire) -- The two ferry lines were merged in July 1997. The new \
                company will open its first route on April 12.";
    let (register, rows) = timex(wire, "1999-03-03", None);
    assert_eq!(register, Register::News);
    assert!(rows.contains(&"April 12=1999-04-12:DATE".to_string()), "{rows:?}");
    for opening in ["LISBON, Portugal (AP) _ The", "SAN JOSE _ The", "GENEVA (Reuters) -- The"] {
        let text = format!("{opening} league was founded in 1921 and merged in 1960.");
        assert_eq!(timex(&text, "1999-03-03", None).0, Register::News, "{text}");
    }
    // Not a dateline: a heading in capitals without the dash, a sentence in capitals.
    for opening in ["HISTORY OF THE LEAGUE\nThe", "NATO and Russia: the", "01_WW2  HISTORY ARTICLE The"] {
        let text = format!("{opening} league was founded in 1921 and merged in 1960.");
        assert_eq!(timex(&text, "1999-03-03", None).0, Register::Narrative, "{text}");
    }
}

#[test]
fn modern_years_stand_alone_after_a_lower_case_word() {
    table(&[
        ("His failed 1996 bid for the mayoralty ended it.", &["1996=1996:absolute"]),
        ("A 1971 treaty gave the port to the city.", &["1971=1971:absolute"]),
        ("The notes are due 1993 and pay 9%.", &["1993=1993:absolute"]),
        ("Sales grew in both 1990 and 1991.", &["1990=1990:absolute", "1991=1991:absolute"]),
        // Not after a name or a label, not counts, not outside modern years.
        ("The probe Orion 1980 was launched.", &[]),
        ("It scored 1997 points in total.", &[]),
        ("It contributes 2000 troops to the mission.", &[]),
        ("The monks copied 1450 pages by hand.", &[]),
        ("The fund lost 1998 clients last year.", &["last year=-:relative"]),
    ]);
}

#[test]
fn a_clock_time_before_a_day_makes_a_time() {
    // 1998-02-13 was a Friday.
    news_table(
        "1998-02-13",
        &[
            ("The shop was robbed at 10 p.m. Wednesday, police said.", &["10 p.m. Wednesday=1998-02-11T22:00:TIME"]),
            ("Talks broke off at noon Thursday.", &["noon Thursday=1998-02-12T12:00:TIME"]),
            ("The offer runs until 5 p.m. EST, Feb. 20.", &["5 p.m. EST, Feb. 20=1998-02-20T17:00:TIME"]),
            ("The clubs have until 9:30 a.m. Monday to reply.", &["9:30 a.m. Monday=1998-02-16T09:30:TIME"]),
            ("The shop closed at midnight Tuesday.", &["midnight Tuesday=1998-02-10T24:00:TIME"]),
            // A part of the day alone, or a clock time after the day, leaves a date.
            ("The board met on Thursday night.", &["Thursday night=1998-02-12:DATE"]),
            ("The vote will be at 9 o'clock Monday.", &["Monday=1998-02-16:DATE"]),
            ("It sold 12 a.m. tickets on Friday.", &["Friday=1998-02-13:DATE"]),
        ],
    );
}

#[test]
fn the_full_year_is_the_reports_year() {
    news_table("1989-11-02", &[("Sales for the full year rose 13%.", &["the full year=1989:DATE"])]);
}

#[test]
fn recurring_weekdays_are_sets() {
    news_table(
        "1998-02-13",
        &[
            ("A third flight leaves each Thursday.", &["each Thursday=P1W:SET"]),
            ("The club meets every Monday in the hall.", &["every Monday=P1W:SET"]),
            // A single weekday stays a date.
            ("The club met on Monday in the hall.", &["Monday=1998-02-09:DATE"]),
        ],
    );
}

#[test]
fn current_is_the_present_only_in_news() {
    news_table(
        "1998-02-13",
        &[
            ("The current owners will sell the mill.", &["current=PRESENT_REF:DATE"]),
            ("Under current rules the fee is waived.", &["current=PRESENT_REF:DATE"]),
            // A longer expression wins; a noun is no time.
            ("Sales rose in the current quarter.", &["the current quarter=1998-Q1:DATE"]),
            ("The current in the channel is strong.", &[]),
        ],
    );
    let (_, rows) = timex("The current owners sold the mill in 1921.", "1998-02-13", Some(Register::Narrative));
    assert_eq!(rows, vec!["1921=1921:DATE".to_string()]);
}

#[test]
fn a_span_of_time_on_is_no_date() {
    // "a week on" is a length of time, not a shifted date.
    news_table(
        "1998-02-13",
        &[("A week on, the strike goes on.", &[]), ("Two days on, the pumps still ran.", &["Two days=P2D:DURATION"])],
    );
}

#[test]
fn deadlines_half_a_year_back_are_the_coming_ones() {
    news_table(
        "1989-10-30",
        &[
            ("The group must repay the loan by February.", &["February=1990-02:DATE"]),
            ("Credit lines were extended through January.", &["January=1990-01:DATE"]),
            // An end point in the past half-year stays in the document's year.
            ("Sales rose through August.", &["August=1989-08:DATE"]),
            ("Sales rose in February.", &["February=1989-02:DATE"]),
        ],
    );
}

#[test]
fn the_year_after_for_or_of_is_the_reports_year() {
    news_table(
        "1989-11-02",
        &[
            (
                "The brewer hit a high for the year of $42 a share in June.",
                &["the year=1989:DATE", "June=1989-06:DATE"],
            ),
            ("For the year, cereal volume was flat.", &["the year=1989:DATE"]),
            // A fiscal year ended on a date is a length of time; other years are no report's.
            ("For the year ended May 31, the mill earned $4 million.", &["May 31=1989-05-31:DATE"]),
            ("Sales fell from $90 million the year before.", &[]),
            ("The canal opened in the year 1869.", &["1869=1869:DATE"]),
            ("Sales for the year-earlier period were restated.", &["the year-earlier period=1988-Q3:DATE"]),
            ("They chose the year of the flood.", &[]),
            ("The law of the Year III was repealed.", &[]),
        ],
    );
}

#[test]
fn a_discourse_now_and_a_quoted_title_are_no_dates() {
    news_table(
        "1998-02-13",
        &[
            ("Now, the union says, the talks can resume.", &[]),
            ("Now the union says the talks can resume.", &["Now=PRESENT_REF:DATE"]),
            ("The union now says the talks can resume.", &["now=PRESENT_REF:DATE"]),
            ("The minister, speaking on the \"This Week\" programme, declined.", &[]),
            ("The minister spoke this week.", &["this week=1998-W07:DATE"]),
            // "today's" in its nowadays sense; the day's own edition stays the day.
            ("Such rules have no place in today's world.", &[]),
            ("The rally is for today's youth, he said.", &[]),
            ("The notice ran in today's editions.", &["today=1998-02-13:DATE"]),
        ],
    );
}

#[test]
fn qualifiers_that_belong_to_the_span() {
    news_table(
        "2000-02-10",
        &[
            ("The ferry sank nearly four years ago.", &["nearly four years ago=1996:DATE"]),
            ("The league folded almost two weeks ago.", &["almost two weeks ago=2000-W04:DATE"]),
            ("Officials were not available late yesterday.", &["late yesterday=2000-02-09:DATE"]),
            ("Earlier yesterday, the pumps stopped.", &["Earlier yesterday=2000-02-09:DATE"]),
            // "earlier this week" is this week.
            ("The mayor wrote earlier this week to the board.", &["this week=2000-W06:DATE"]),
            ("The mayor wrote earlier this month to the board.", &["earlier this month=2000-02:DATE"]),
        ],
    );
}
