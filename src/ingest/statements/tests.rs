//! Unit tests for statement extraction, with hand-made entities.

use super::*;
use crate::ingest::sentences;
use crate::model::{Entity, EntityKind, Mention};

/// Builds entities by finding every occurrence of each name or alias in `body`.
fn entities(body: &str, list: &[(&str, EntityKind, &[&str])]) -> Entities {
    let sents = sentences::split(body);
    let doc = Doc {
        body,
        published: None,
        sentences: &sents,
    };
    let mut found = Entities::default();
    let mut taken: Vec<Span> = Vec::new();
    let mut forms: Vec<(&str, usize)> = Vec::new();
    for (i, (name, kind, aliases)) in list.iter().enumerate() {
        found.entities.push(Entity {
            kind: *kind,
            name: name.to_string(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
        });
        forms.push((name, i));
        forms.extend(aliases.iter().map(|a| (*a, i)));
    }
    forms.sort_by_key(|(f, _)| std::cmp::Reverse(f.len()));
    for (form, e) in forms {
        for (pos, _) in body.match_indices(form) {
            let span = Span::new(pos, pos + form.len());
            let bounded = !body[span.end..].starts_with(|c: char| c.is_alphanumeric())
                && !body[..pos].ends_with(|c: char| c.is_alphanumeric());
            if bounded && !taken.iter().any(|t| t.overlaps(span)) {
                taken.push(span);
                found.mentions.push(Mention {
                    entity: e,
                    sentence: doc.sentence_at(pos),
                    span,
                });
            }
        }
    }
    found.mentions.sort_by_key(|m| m.span.start);
    found
}

/// Runs extraction and returns (speaker name, kind, content) triples.
fn run(
    body: &str,
    list: &[(&str, EntityKind, &[&str])],
) -> Vec<(Option<String>, &'static str, String)> {
    let found = entities(body, list);
    let sents = sentences::split(body);
    let doc = Doc {
        body,
        published: None,
        sentences: &sents,
    };
    extract(&doc, &found, &[])
        .iter()
        .map(|s| {
            (
                s.speaker.map(|e| found.entities[e].name.clone()),
                s.kind.as_str(),
                s.span.text(body).to_string(),
            )
        })
        .collect()
}

fn st(
    speaker: Option<&str>,
    kind: &'static str,
    text: &str,
) -> (Option<String>, &'static str, String) {
    (speaker.map(str::to_string), kind, text.to_string())
}

use EntityKind::{Organization as Org, Person, Place};

#[test]
fn split_quote_gives_two_statements() {
    let body = "Jane Roe spoke.\n\n\"We are ready,\" she said, \"to provide facilities.\"";
    let got = run(body, &[("Jane Roe", Person, &[])]);
    assert_eq!(
        got,
        [
            st(Some("Jane Roe"), "direct", "We are ready"),
            st(Some("Jane Roe"), "direct", "to provide facilities."),
        ]
    );
}

#[test]
fn multi_sentence_quote_with_trailing_attribution() {
    let body = "\"China and Iran oppose unilateralism. The two countries help each other.\", said John Smith.";
    let got = run(body, &[("John Smith", Person, &[])]);
    assert_eq!(
        got,
        [st(
            Some("John Smith"),
            "direct",
            "China and Iran oppose unilateralism. The two countries help each other."
        )]
    );
}

#[test]
fn scare_quotes_and_titles_are_not_statements() {
    let body = "The attack was launched by a user labelled \"Anonymous\", on the website \"Insurgency Wiki\". The print is called \"Cowboys and Indians\" from 1987.";
    assert!(run(body, &[]).is_empty());
}

#[test]
fn partial_quote_inside_reported_speech_is_one_direct_statement() {
    let body = "Prime Minister John Key said he believes redesigning the flag now has a \"strong rationale\".";
    let got = run(body, &[("John Key", Person, &["Key"])]);
    assert_eq!(
        got,
        [st(
            Some("John Key"),
            "direct",
            "he believes redesigning the flag now has a \"strong rationale\""
        )]
    );
}

#[test]
fn according_to_before_and_after() {
    let body = "Guangdong boasts huge potential in collaborations with Iran, according to Darvishi. According to Wilkins, Warhol was able to reproduce the photograph.";
    let got = run(
        body,
        &[
            ("Darvishi", Person, &[]),
            ("Wilkins", Person, &[]),
            ("Iran", Place, &[]),
            ("Warhol", Person, &[]),
        ],
    );
    assert_eq!(
        got,
        [
            st(
                Some("Darvishi"),
                "indirect",
                "Guangdong boasts huge potential in collaborations with Iran"
            ),
            st(
                Some("Wilkins"),
                "indirect",
                "Warhol was able to reproduce the photograph."
            ),
        ]
    );
}

#[test]
fn told_someone_that() {
    let body = "Mr. Tedeschi also told the court that the parents knew about the illness.";
    let got = run(body, &[("Mark Tedeschi", Person, &["Tedeschi"])]);
    assert_eq!(
        got,
        [st(
            Some("Mark Tedeschi"),
            "indirect",
            "the parents knew about the illness."
        )]
    );
}

#[test]
fn pronoun_resolves_across_sentences() {
    let body = "Alia Salem runs the chapter. She said the boy wishes to spotlight social causes.\n\nThe talks went on. \"It is a good day,\" she said.";
    let got = run(body, &[("Alia Salem", Person, &["Salem"])]);
    assert_eq!(
        got,
        [
            st(
                Some("Alia Salem"),
                "indirect",
                "the boy wishes to spotlight social causes."
            ),
            st(Some("Alia Salem"), "direct", "It is a good day"),
        ]
    );
}

#[test]
fn ambiguous_pronoun_stays_unknown() {
    let body = "For Kevin Allton, Andy Warhol was a legend. He said, \"Warhol was the center of the Zeitgeist.\"";
    let got = run(
        body,
        &[
            ("Kevin Allton", Person, &[]),
            ("Andy Warhol", Person, &["Warhol"]),
        ],
    );
    assert_eq!(
        got,
        [st(
            None,
            "direct",
            "Warhol was the center of the Zeitgeist."
        )]
    );
}

#[test]
fn unnamed_speakers_are_none_and_officials_speak_for_their_org() {
    let body = "A spokesman said the plant would close. Acme officials said the plant would reopen in May. One poster admitted to being a part of the effort, writing in a blog post \"I have loaded up the tool and started it.\"";
    let got = run(body, &[("Acme", Org, &[])]);
    assert_eq!(
        got,
        [
            st(None, "indirect", "the plant would close."),
            st(Some("Acme"), "indirect", "the plant would reopen in May."),
            st(None, "direct", "I have loaded up the tool and started it."),
        ]
    );
}

#[test]
fn appositive_and_introductory_phrases() {
    let body = "Major general Fuad Basya, spokesman for the Indonesian military, said fishermen first noticed the people. In a phone call with Foreign Minister Mohammad Javad Zarif in July, China's Foreign Minister Wang Yi said that China is ready to work with Iran.";
    let got = run(
        body,
        &[
            ("Fuad Basya", Person, &[]),
            ("Indonesian military", Org, &[]),
            ("Mohammad Javad Zarif", Person, &[]),
            ("Wang Yi", Person, &[]),
            ("China", Place, &[]),
            ("Iran", Place, &[]),
        ],
    );
    assert_eq!(
        got,
        [
            st(
                Some("Fuad Basya"),
                "indirect",
                "fishermen first noticed the people."
            ),
            st(
                Some("Wang Yi"),
                "indirect",
                "China is ready to work with Iran."
            ),
        ]
    );
}

#[test]
fn country_speaks_as_place() {
    let body = "Iran said it would keep talking to the agency.";
    let got = run(body, &[("Iran", Place, &[])]);
    assert_eq!(
        got,
        [st(
            Some("Iran"),
            "indirect",
            "it would keep talking to the agency."
        )]
    );
}

#[test]
fn continuation_paragraphs_are_separate_statements() {
    let body = "In a statement, Governor Chris Gregoire said, \"The museum put in a tremendous effort.\n\nImage caption here.\n\n\"However, the trainer will soon call the museum home.\"";
    let got = run(body, &[("Chris Gregoire", Person, &["Gregoire"])]);
    assert_eq!(
        got,
        [
            st(
                Some("Chris Gregoire"),
                "direct",
                "The museum put in a tremendous effort."
            ),
            st(
                Some("Chris Gregoire"),
                "direct",
                "However, the trainer will soon call the museum home."
            ),
        ]
    );
}

#[test]
fn pull_quote_trailer_names_the_speaker() {
    let body =
        "\"So far, it's the Internet: 1, Scientology: 0. But it's a long game.\" - Matthew Ingram";
    let got = run(body, &[("Matthew Ingram", Person, &[])]);
    assert_eq!(
        got,
        [st(
            Some("Matthew Ingram"),
            "direct",
            "So far, it's the Internet: 1, Scientology: 0. But it's a long game."
        )]
    );
}

#[test]
fn name_right_before_verb_then_adding_that() {
    let body = "As of August 17, 2021, China has donated 1.55 million doses of vaccines to Iran Darvishi said, adding that constructive cooperation in the field of health is \"the best example of cooperation between countries in this regard\".";
    let got = run(
        body,
        &[
            ("Hosseinali Darvishi Motevalli", Person, &["Darvishi"]),
            ("China", Place, &[]),
            ("Iran", Place, &[]),
        ],
    );
    assert_eq!(
        got,
        [
            st(Some("Hosseinali Darvishi Motevalli"), "indirect", "As of August 17, 2021, China has donated 1.55 million doses of vaccines to Iran"),
            st(Some("Hosseinali Darvishi Motevalli"), "direct", "constructive cooperation in the field of health is \"the best example of cooperation between countries in this regard\""),
        ]
    );
}

#[test]
fn adverbials_between_verb_and_content() {
    let cases: &[(&str, &str)] = &[
        (
            "Jane Roe said on Monday that the plant would close.",
            "the plant would close.",
        ),
        (
            "Jane Roe said in a statement that the plant would close.",
            "the plant would close.",
        ),
        (
            "Jane Roe told reporters in Paris that the plant would close.",
            "the plant would close.",
        ),
        (
            "Jane Roe said in an interview with the BBC that the plant would close.",
            "the plant would close.",
        ),
        (
            "The plant would close, Jane Roe said on Friday.",
            "The plant would close",
        ),
        (
            "Jane Roe said yesterday the plant would close.",
            "the plant would close.",
        ),
    ];
    for (body, content) in cases {
        let got = run(body, &[("Jane Roe", Person, &[])]);
        assert_eq!(got, [st(Some("Jane Roe"), "indirect", content)], "{body}");
    }
}

#[test]
fn said_date_comes_from_the_cue_sentence_not_the_content() {
    use crate::model::{DateMention, DateRange, Granularity};
    use chrono::NaiveDate;
    let body = "In a phone call in July, Wang Yi said that China had donated vaccines on August 17. \"We will go on,\" he said.";
    let found = entities(body, &[("Wang Yi", Person, &[]), ("China", Place, &[])]);
    let sents = sentences::split(body);
    let doc = Doc {
        body,
        published: None,
        sentences: &sents,
    };
    let july = DateRange {
        start: NaiveDate::from_ymd_opt(2021, 7, 1).expect("valid date"),
        end: NaiveDate::from_ymd_opt(2021, 7, 31).expect("valid date"),
        granularity: Granularity::Month,
    };
    let aug = DateRange {
        start: NaiveDate::from_ymd_opt(2021, 8, 17).expect("valid date"),
        end: NaiveDate::from_ymd_opt(2021, 8, 17).expect("valid date"),
        granularity: Granularity::Day,
    };
    let at = |needle: &str| {
        let p = body.find(needle).expect("needle in body");
        Span::new(p, p + needle.len())
    };
    let dates = [
        DateMention {
            sentence: 0,
            span: at("July"),
            range: july,
        },
        DateMention {
            sentence: 0,
            span: at("August 17"),
            range: aug,
        },
    ];
    let got = extract(&doc, &found, &dates);
    assert_eq!(got.len(), 2);
    assert_eq!(got[0].said, Some(july));
    assert_eq!(got[0].cue.as_deref(), Some("said"));
    assert_eq!(got[1].said, None);
}

#[test]
fn non_speech_uses_of_cue_words() {
    let cases: &[&str] = &[
        "That said, the plan went ahead as expected.",
        "The company added 500 jobs last year.",
        "A ship called \"Liberty\" docked in the harbour.",
        "Homeopathy has been described as pseudoscience by many.",
        "He asked for help with the move.",
        "The so-called deal was never signed.",
    ];
    for body in cases {
        assert!(run(body, &[]).is_empty(), "{body}");
    }
}

#[test]
fn a_document_speaks_for_its_author() {
    let body = "Cornyn's statement added, \"There is no question Houston should have been selected.\" According to a statement by Acme, the plant will close.";
    let got = run(
        body,
        &[
            ("John Cornyn", Person, &["Cornyn"]),
            ("Acme", Org, &[]),
            ("Houston", Place, &[]),
        ],
    );
    assert_eq!(
        got,
        [
            st(
                Some("John Cornyn"),
                "direct",
                "There is no question Houston should have been selected."
            ),
            st(Some("Acme"), "indirect", "the plant will close."),
        ]
    );
}

#[test]
fn names_in_a_leading_clause_are_not_the_speaker() {
    let body = "Asked if he would welcome BNP voters he told the BBC: \"I don't want anybody to vote for these parties.\"";
    let got = run(body, &[("BNP", Org, &[]), ("BBC", Org, &[])]);
    assert_eq!(
        got,
        [st(
            None,
            "direct",
            "I don't want anybody to vote for these parties."
        )]
    );
}

#[test]
fn surname_without_a_marked_mention_resolves_to_the_one_person() {
    // Only the full name is marked; "Miller" alone resolves through the surname.
    let body = "Local resident John Miller, 54, lost his roof. \"I was terrified,\" Miller said.";
    let mut found = entities(body, &[("John Miller", Person, &[])]);
    found
        .mentions
        .retain(|m| m.span.text(body) == "John Miller");
    let sents = sentences::split(body);
    let doc = Doc {
        body,
        published: None,
        sentences: &sents,
    };
    let got = extract(&doc, &found, &[]);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].speaker, Some(0));
    assert_eq!(got[0].span.text(body), "I was terrified");
}

#[test]
fn short_quote_continuing_an_attributed_one() {
    let body = "\"We will fight this,\" Tom Brown told the paper. \"Every job matters.\" When asked whether more cuts would follow, he declined to comment.";
    let got = run(body, &[("Tom Brown", Person, &["Brown"])]);
    assert_eq!(
        got,
        [
            st(Some("Tom Brown"), "direct", "We will fight this"),
            st(Some("Tom Brown"), "direct", "Every job matters."),
        ]
    );
}

#[test]
fn anonymity_requests_are_not_statements() {
    let body = "\"It is a scandal,\" said one MP, who asked not to be named.";
    assert_eq!(run(body, &[]), [st(None, "direct", "It is a scandal")]);
}

#[test]
fn another_name_in_between_breaks_the_chain() {
    let body = "\"Prices will rise,\" said Ann Lee. Bob Stone disagreed: \"They will fall.\" Stone added that wages would follow.";
    let got = run(
        body,
        &[
            ("Ann Lee", Person, &["Lee"]),
            ("Bob Stone", Person, &["Stone"]),
        ],
    );
    assert_eq!(
        got,
        [
            st(Some("Ann Lee"), "direct", "Prices will rise"),
            st(Some("Bob Stone"), "direct", "They will fall."),
            st(Some("Bob Stone"), "indirect", "wages would follow."),
        ]
    );
}

#[test]
fn a_date_inside_an_earlier_claim_does_not_place_the_next_one() {
    use crate::model::{DateMention, DateRange, Granularity};
    use chrono::NaiveDate;
    let body = "As of August 17, China has donated vaccines to Iran, Darvishi said, adding that cooperation is strong.";
    let found = entities(
        body,
        &[
            ("Darvishi", Person, &[]),
            ("China", Place, &[]),
            ("Iran", Place, &[]),
        ],
    );
    let sents = sentences::split(body);
    let doc = Doc {
        body,
        published: None,
        sentences: &sents,
    };
    let day = NaiveDate::from_ymd_opt(2021, 8, 17).expect("valid date");
    let p = body.find("August 17").expect("date in body");
    let dates = [DateMention {
        sentence: 0,
        span: Span::new(p, p + "August 17".len()),
        range: DateRange {
            start: day,
            end: day,
            granularity: Granularity::Day,
        },
    }];
    let got = extract(&doc, &found, &dates);
    assert_eq!(got.len(), 2);
    assert!(got.iter().all(|s| s.said.is_none()), "{got:?}");
    assert_eq!(got[1].span.text(body), "cooperation is strong.");
}

/// The project's example article, statement by statement (speaker, kind, content), with
/// the real entity finder.
#[test]
fn seed_article_statements() {
    let bytes = include_bytes!("../../../data/000_14e4a38ff4af8c64.txt");
    let article = crate::ingest::parse::parse_article(bytes, None).expect("seed article parses");
    let ex = crate::ingest::extract(&article);
    let got: Vec<(Option<&str>, &str, &str)> = ex
        .statements
        .iter()
        .map(|s| {
            (
                s.speaker.map(|e| ex.entities[e].name.as_str()),
                s.kind.as_str(),
                s.span.text(&article.body),
            )
        })
        .collect();
    let darvishi = Some("Hosseinali Darvishi Motevalli");
    let expected: &[(Option<&str>, &str, &str)] = &[
        (
            darvishi,
            "indirect",
            "Guangdong, a province he expected to be the pioneer",
        ),
        (
            darvishi,
            "indirect",
            "In the China-Iran strategic partnership, Guangdong boasts",
        ),
        (
            darvishi,
            "direct",
            "Iran is ready and welcomes the cooperation with Guangdong",
        ),
        (
            darvishi,
            "direct",
            "We are also ready to provide facilities",
        ),
        (
            darvishi,
            "indirect",
            "Iran as one of the most developed countries in West Asia",
        ),
        (
            darvishi,
            "indirect",
            "Talented people, as well as universities on the two sides",
        ),
        (
            darvishi,
            "indirect",
            "As of August 17, 2021, China has donated 1.55 million doses",
        ),
        (
            darvishi,
            "direct",
            "constructive cooperation in the field of vaccine and health is \"the best",
        ),
        (
            darvishi,
            "indirect",
            "countries such as Iran and China, which have produced",
        ),
        (
            Some("Wang Yi"),
            "indirect",
            "China is ready to work with Iran",
        ),
        (
            darvishi,
            "indirect",
            "both China and Iran take a firm position",
        ),
        (
            darvishi,
            "direct",
            "China and Iran always oppose some countries' behaviors",
        ),
    ];
    assert_eq!(got.len(), expected.len(), "{got:#?}");
    for ((speaker, kind, text), (want_speaker, want_kind, want_start)) in got.iter().zip(expected) {
        assert_eq!(speaker, want_speaker, "{text}");
        assert_eq!(kind, want_kind, "{text}");
        assert!(
            text.starts_with(want_start),
            "{text:?} should start with {want_start:?}"
        );
    }
    // The attribution is not part of the content.
    assert!(got
        .iter()
        .all(|(_, _, t)| !t.ends_with("he said") && !t.contains("according to")));
    // "In a phone call ... in July, ... Wang Yi said" places the statement in July 2021.
    let said = ex.statements[9]
        .said
        .expect("the cue sentence gives a date");
    assert_eq!(said.start.format("%Y-%m-%d").to_string(), "2021-07-01");
    assert_eq!(said.end.format("%Y-%m-%d").to_string(), "2021-07-31");
    assert!(ex.statements[..9].iter().all(|s| s.said.is_none()));
}

#[test]
fn conjunction_before_the_subject_and_adverbial_passives() {
    let body = "It was widely believed he would retire. But Lawrence Dallaglio, who left England this year, said: \"I assure you I would not let anyone down.\"";
    let got = run(
        body,
        &[
            ("Lawrence Dallaglio", Person, &["Dallaglio"]),
            ("England", Place, &[]),
        ],
    );
    assert_eq!(
        got,
        [st(
            Some("Lawrence Dallaglio"),
            "direct",
            "I assure you I would not let anyone down."
        )]
    );
}

#[test]
fn quoted_as_saying() {
    let body = "Ann Lee was quoted as saying that the deal was dead.";
    let got = run(body, &[("Ann Lee", Person, &[])]);
    assert_eq!(got, [st(Some("Ann Lee"), "indirect", "the deal was dead.")]);
}

#[test]
fn bare_short_objects_are_not_claims() {
    for body in [
        "Ann Lee stressed the importance of education.",
        "Ann Lee admitted the offence.",
    ] {
        assert!(run(body, &[("Ann Lee", Person, &[])]).is_empty(), "{body}");
    }
    let body = "Ann Lee said prices rose.";
    assert_eq!(
        run(body, &[("Ann Lee", Person, &[])]),
        [st(Some("Ann Lee"), "indirect", "prices rose.")]
    );
}

#[test]
fn titled_appositive_name_and_claims_with_a_clause() {
    let body = "The team's leader, Professor Michel Mayor, described the finding as \"a milestone\". Acme, the company that hired John Smith, said profits rose. Some bloggers claimed the discovery proved life existed. The rebels claimed responsibility for the attack.";
    let got = run(
        body,
        &[
            ("Michel Mayor", Person, &["Mayor"]),
            ("Acme", Org, &[]),
            ("John Smith", Person, &[]),
        ],
    );
    assert_eq!(
        got,
        [
            st(
                Some("Michel Mayor"),
                "direct",
                "the finding as \"a milestone\""
            ),
            st(Some("Acme"), "indirect", "profits rose."),
            st(None, "indirect", "the discovery proved life existed."),
        ]
    );
}

/// Truncated and odd inputs never panic (unbalanced quotes, cues at the very end).
#[test]
fn robust_on_truncated_text() {
    let seed = include_str!("../../../data/000_14e4a38ff4af8c64.txt");
    let extra = "\"Unclosed quote, he said, \"and another “curly” one\" - \n\"according to\", said. told: \"";
    for text in [seed, extra] {
        let cuts: Vec<usize> = (0..=text.len())
            .filter(|i| text.is_char_boundary(*i))
            .step_by(5)
            .collect();
        for cut in cuts {
            let body = &text[..cut];
            let sents = sentences::split(body);
            let doc = Doc {
                body,
                published: None,
                sentences: &sents,
            };
            let found = crate::ingest::entities::extract(&doc);
            for s in extract(&doc, &found, &[]) {
                assert!(s.span.start < s.span.end && s.span.end <= body.len());
                assert!(s.speaker.map_or(true, |e| e < found.entities.len()));
            }
        }
    }
}

#[test]
fn pronoun_reaches_back_a_few_sentences_when_no_one_else_is_named() {
    let body = "John Smith, 42, was hurt in the crash. He was taken to hospital. \"It hurt a lot,\" he said.";
    let got = run(body, &[("John Smith", Person, &["Smith"])]);
    assert_eq!(got, [st(Some("John Smith"), "direct", "It hurt a lot")]);
}

#[test]
fn definite_descriptions_resolve_to_the_organization_in_view() {
    let body = "The request was made by the Municipality of Livorno in 2010. The city reasoned that schools charge a fee. Acme hired staff and spoke to Reuters. The company said sales were up.";
    let got = run(
        body,
        &[
            ("Municipality of Livorno", Org, &[]),
            ("Acme", Org, &[]),
            ("Reuters", Org, &[]),
        ],
    );
    assert_eq!(
        got,
        [
            st(
                Some("Municipality of Livorno"),
                "indirect",
                "schools charge a fee."
            ),
            // Two organizations in view: "the company" stays unresolved.
            st(None, "indirect", "sales were up."),
        ]
    );
}

/// Runs extraction and returns (speaker name, basis) per statement.
fn speakers(
    body: &str,
    list: &[(&str, EntityKind, &[&str])],
) -> Vec<(Option<String>, Option<&'static str>)> {
    let found = entities(body, list);
    let sents = sentences::split(body);
    let doc = Doc {
        body,
        published: None,
        sentences: &sents,
    };
    extract(&doc, &found, &[])
        .iter()
        .map(|s| {
            (
                s.speaker.map(|e| found.entities[e].name.clone()),
                s.speaker_basis.map(|b| b.as_str()),
            )
        })
        .collect()
}

fn sp(name: Option<&str>, basis: Option<&'static str>) -> (Option<String>, Option<&'static str>) {
    (name.map(str::to_string), basis)
}

#[test]
fn coref_gender_picks_between_a_man_and_a_woman() {
    let body = "Hillary Rodham met Donald Grey on Monday. \"It went well,\" she said.";
    let got = speakers(
        body,
        &[
            ("Hillary Rodham", Person, &[]),
            ("Donald Grey", Person, &[]),
        ],
    );
    assert_eq!(got, [sp(Some("Hillary Rodham"), Some("pronoun"))]);
}

#[test]
fn coref_honorifics_give_the_gender() {
    let body = "Mrs. Patel thanked Mr. Gray for the loan. \"We will repay it soon,\" she said.";
    let got = speakers(body, &[("Patel", Person, &[]), ("Gray", Person, &[])]);
    assert_eq!(got, [sp(Some("Patel"), Some("pronoun"))]);
}

#[test]
fn coref_the_subject_outranks_an_object_of_the_same_gender() {
    let body = "Tom Scott joked that Bob Trump ranks fourth.\n\n\"I have always been insulted by the term,\" he told the group.";
    let got = speakers(
        body,
        &[("Tom Scott", Person, &[]), ("Bob Trump", Person, &[])],
    );
    assert_eq!(got[got.len() - 1], sp(Some("Tom Scott"), Some("pronoun")));
}

#[test]
fn coref_the_speaker_of_a_run_of_quotations_stays_salient() {
    let body = "\"We will win,\" Tom Smith said. The crowd cheered for Bob Jones's rival. \"We will win by a lot,\" he said.";
    let got = speakers(
        body,
        &[("Tom Smith", Person, &[]), ("Bob Jones", Person, &[])],
    );
    assert_eq!(
        got,
        [
            sp(Some("Tom Smith"), Some("name")),
            sp(Some("Tom Smith"), Some("pronoun"))
        ]
    );
}

#[test]
fn coref_two_candidates_of_one_gender_and_no_salience_winner_give_no_speaker() {
    let body = "Tom Smith and Bob Jones arrived late. \"We had a flat tyre on the way,\" he said.";
    let got = speakers(
        body,
        &[("Tom Smith", Person, &[]), ("Bob Jones", Person, &[])],
    );
    assert_eq!(got, [sp(None, None)]);
}

#[test]
fn coref_a_pronoun_before_any_name_gives_no_speaker() {
    let body = "\"It is over now for all of us,\" he said. Later Tom Smith arrived.";
    let got = speakers(body, &[("Tom Smith", Person, &[])]);
    assert_eq!(got, [sp(None, None)]);
}

#[test]
fn coref_a_description_refers_back_to_the_person_in_view() {
    let body = "Ted Cruz spoke in Houston on Monday. \"We fight for every vote,\" the senator said. \"We fight,\" the 45-year-old said.";
    let got = speakers(body, &[("Ted Cruz", Person, &[])]);
    assert_eq!(
        got,
        [
            sp(Some("Ted Cruz"), Some("description")),
            sp(Some("Ted Cruz"), Some("description"))
        ]
    );
}

#[test]
fn coref_a_shared_surname_goes_to_the_one_an_honorific_fits() {
    let body = "Bill Clinton and Hillary Clinton came to Flint. \"It makes no sense at all,\" Mrs. Clinton said.";
    let got = speakers(
        body,
        &[
            ("Bill Clinton", Person, &[]),
            ("Hillary Clinton", Person, &[]),
        ],
    );
    assert_eq!(got, [sp(Some("Hillary Clinton"), Some("alias"))]);
}

#[test]
fn coref_a_shared_surname_goes_to_the_one_named_most() {
    let body = "Bill Clinton spoke in Flint. Bill Clinton praised Hillary Clinton. \"It makes no sense at all,\" Clinton said.";
    let got = speakers(
        body,
        &[
            ("Bill Clinton", Person, &[]),
            ("Hillary Clinton", Person, &[]),
        ],
    );
    assert_eq!(got, [sp(Some("Bill Clinton"), Some("alias"))]);
}

#[test]
fn coref_it_refers_to_the_one_organization_in_view() {
    let body = "Acme Corp cut 300 jobs on Friday. It said the cuts would save money.";
    let got = speakers(body, &[("Acme Corp", Org, &[])]);
    assert_eq!(got, [sp(Some("Acme Corp"), Some("pronoun"))]);
}

#[test]
fn a_party_and_state_in_brackets_after_the_name_is_no_obstacle() {
    let body = "Rep. Earl Blumenauer (D-Ore.) said the bill would pass. Sen. Rob Portman (R-Ohio), another incumbent, said he would vote against it.";
    let got = speakers(
        body,
        &[
            ("Earl Blumenauer", Person, &[]),
            ("Rob Portman", Person, &[]),
        ],
    );
    assert_eq!(
        got,
        [
            sp(Some("Earl Blumenauer"), Some("name")),
            sp(Some("Rob Portman"), Some("name"))
        ]
    );
}

#[test]
fn a_poll_or_a_campaign_speaks_for_its_author() {
    let body = "Turnout will be high, according to a CBS poll released Monday. The Smith campaign said the rally was a success.";
    let got = speakers(
        body,
        &[("CBS", Org, &[]), ("Jane Smith", Person, &["Smith"])],
    );
    assert_eq!(
        got,
        [
            sp(Some("CBS"), Some("name")),
            sp(Some("Jane Smith"), Some("alias"))
        ]
    );
}

#[test]
fn coref_an_unmarked_shared_surname_counts_for_salience() {
    // "Trump" is no marked mention here (two people share it), yet it is the subject that
    // "he" refers back to, not the possessive "Crutcher's"; Donald Trump is named most.
    let body = "Donald Trump spoke in Ohio. Donald Trump and Ivana Trump flew home. The flight was long. The crowd was large. The day ended. Later Trump commented on Tom Crutcher's death.\n\nOn Wednesday, he told a crowd that he was troubled by the case.";
    let got = speakers(
        body,
        &[
            ("Donald Trump", Person, &[]),
            ("Ivana Trump", Person, &[]),
            ("Tom Crutcher", Person, &[]),
        ],
    );
    assert_eq!(got, [sp(Some("Donald Trump"), Some("pronoun"))]);
}

#[test]
fn a_name_with_an_appositive_between_the_quotation_and_the_verb() {
    let body = "\"We will not give up on this bill,\" Senator Charles E. Grassley, Republican of Iowa, said.";
    let got = speakers(body, &[("Charles E. Grassley", Person, &[])]);
    assert_eq!(got, [sp(Some("Charles E. Grassley"), Some("name"))]);
}

#[test]
fn a_description_after_an_inverted_name_is_not_the_claim() {
    let body = "The plan will fail in the Senate, said Robert Shapiro, a political science professor at Columbia.";
    let got = run(body, &[("Robert Shapiro", Person, &[])]);
    assert_eq!(
        got,
        [st(
            Some("Robert Shapiro"),
            "indirect",
            "The plan will fail in the Senate"
        )]
    );
}

#[test]
fn vowed_pledged_and_declared_are_cues() {
    let body = "Jane Smith vowed that the plant would stay open. Tom Brown declared that the war was over. Ann Lee pledged, \"We will rebuild every home.\"";
    let got = speakers(
        body,
        &[
            ("Jane Smith", Person, &[]),
            ("Tom Brown", Person, &[]),
            ("Ann Lee", Person, &[]),
        ],
    );
    assert_eq!(
        got,
        [
            sp(Some("Jane Smith"), Some("name")),
            sp(Some("Tom Brown"), Some("name")),
            sp(Some("Ann Lee"), Some("name"))
        ]
    );
}

#[test]
fn the_noun_states_is_no_cue() {
    let body = "Many states require voters to show an ID at the polls. Several states allow early voting by mail.";
    assert!(run(body, &[]).is_empty());
}

#[test]
fn a_participle_after_a_verb_that_is_no_cue_takes_the_sentence_subject() {
    let body = "On Sunday, Chris Christie even bristled at the suggestion, saying that the advice he gives is private. Lori Bernstein held up a sign saying \"Jews Against Trump\".";
    let got = run(
        body,
        &[
            ("Chris Christie", Person, &[]),
            ("Lori Bernstein", Person, &[]),
        ],
    );
    assert_eq!(
        got,
        [st(
            Some("Chris Christie"),
            "indirect",
            "the advice he gives is private."
        )]
    );
}

#[test]
fn coref_a_person_named_in_the_pronouns_sentence_outranks_a_speaker_three_sentences_back() {
    let body = "Mr. Tedeschi told the court that the girl was ill. The parents did nothing. The girl got worse. Thomas' sister pleaded with him, but he replied \"I am not able to do that\".";
    let got = speakers(
        body,
        &[
            ("Tedeschi", Person, &[]),
            ("Thomas Sam", Person, &["Thomas"]),
        ],
    );
    assert_eq!(
        got,
        [
            sp(Some("Tedeschi"), Some("name")),
            sp(Some("Thomas Sam"), Some("pronoun"))
        ]
    );
}

#[test]
fn a_headline_name_then_colon_says_the_rest_of_the_line() {
    let body = "Obama: I Am Optimistic Voters Will Say No.\n\nBarack Obama spoke on Sunday.\n\nTime: A Look Back At The Week.";
    let got = speakers(body, &[("Obama", Person, &[])]);
    assert_eq!(got, [sp(Some("Obama"), Some("name"))]);
    let got = run(body, &[("Obama", Person, &[])]);
    assert_eq!(got[0].2, "I Am Optimistic Voters Will Say No.");
}
