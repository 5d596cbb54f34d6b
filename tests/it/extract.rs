//! What import extracts, read back from the database: the seed's entities, aliases, roles,
//! statements and figures exactly, and identity across documents.

use crate::util::{seed_path, Dir};

fn seed() -> Dir {
    let dir = Dir::new();
    dir.import(&[&seed_path()]);
    dir
}

#[test]
fn seed_entities_aliases_and_roles() {
    let dir = seed();
    let entities = dir.sql(
        "SELECT e.kind, e.name, coalesce((SELECT group_concat(alias, '|') FROM (SELECT alias FROM aliases a
            WHERE a.entity_id = e.id AND a.normalized <> e.normalized ORDER BY alias)), '')
         FROM entities e ORDER BY e.kind, e.name",
    );
    let expected = [
        ("organization", "GDToday", ""),
        ("person", "Hosseinali Darvishi Motevalli", "Darvishi"),
        ("person", "Mohammad Javad Zarif", ""),
        ("person", "Wang Yi", ""),
        ("place", "China", ""),
        ("place", "GBA", ""),
        ("place", "Guangdong", ""),
        ("place", "Guangzhou", ""),
        ("place", "Iran", ""),
        ("place", "West Asia", ""),
    ];
    let got: Vec<(&str, &str, &str)> = entities
        .iter()
        .map(|r| (r[0].as_str(), r[1].as_str(), r[2].as_str()))
        .collect();
    assert_eq!(got, expected);
    let roles = dir.sql(
        "SELECT e.name, r.title, coalesce(r.affiliation, ''), r.former FROM roles r JOIN entities e ON e.id = r.entity_id
         ORDER BY e.name",
    );
    assert_eq!(
        roles,
        [
            [
                "Hosseinali Darvishi Motevalli",
                "Consul General of Iran in Guangzhou",
                "Iran",
                "0"
            ],
            [
                "Mohammad Javad Zarif",
                "Iranian Foreign Minister",
                "Iran",
                "1"
            ],
            ["Wang Yi", "Foreign Minister", "China", "0"],
        ]
    );
    // Every mention's offsets point at its surface text in the body.
    assert_eq!(dir.misplaced_spans("mentions", "surface"), "0");
    assert_eq!(dir.misplaced_spans("statements", "content"), "0");
    assert_eq!(dir.misplaced_spans("figures", "surface"), "0");
}

#[test]
fn seed_statements_one_by_one() {
    let dir = seed();
    let rows = dir.sql(
        "SELECT coalesce(e.name, ''), s.kind, s.content, s.said_start FROM statements s
         LEFT JOIN entities e ON e.id = s.speaker_id ORDER BY s.start",
    );
    let d = "Hosseinali Darvishi Motevalli";
    let expected: [(&str, &str, &str); 12] = [
        (
            d,
            "indirect",
            "Guangdong, a province he expected to be the pioneer",
        ),
        (
            d,
            "indirect",
            "In the China-Iran strategic partnership, Guangdong boasts huge potential",
        ),
        (
            d,
            "direct",
            "Iran is ready and welcomes the cooperation with Guangdong",
        ),
        (d, "direct", "We are also ready to provide facilities"),
        (
            d,
            "indirect",
            "Iran as one of the most developed countries in West Asia",
        ),
        (
            d,
            "indirect",
            "Talented people, as well as universities on the two sides",
        ),
        (
            d,
            "indirect",
            "As of August 17, 2021, China has donated 1.55 million doses",
        ),
        (
            d,
            "direct",
            "constructive cooperation in the field of vaccine and health is",
        ),
        (
            d,
            "indirect",
            "countries such as Iran and China, which have produced",
        ),
        (
            "Wang Yi",
            "indirect",
            "China is ready to work with Iran to continue to oppose unilateralism",
        ),
        (
            d,
            "indirect",
            "both China and Iran take a firm position for multilateralism",
        ),
        (
            d,
            "direct",
            "China and Iran always oppose some countries' behaviors",
        ),
    ];
    assert_eq!(rows.len(), expected.len(), "{rows:?}");
    for (row, (speaker, kind, start)) in rows.iter().zip(expected) {
        assert_eq!(
            (row[0].as_str(), row[1].as_str()),
            (speaker, kind),
            "{row:?}"
        );
        assert!(
            row[2].starts_with(start),
            "{:?} does not start with {start:?}",
            row[2]
        );
    }
    // Said in July, per the text; everything else on the publication date.
    let wang = rows.iter().find(|r| r[0] == "Wang Yi").unwrap();
    assert_eq!(wang[3], "2021-07-01");
    assert!(wang[2].contains("and that the two countries will work together"));
}

#[test]
fn seed_figures_with_unit_subject_and_period() {
    let dir = seed();
    let rows = dir.sql(
        "SELECT value, unit, kind, coalesce(approximate, ''), coalesce(subject, ''), period_start, period_end
         FROM figures ORDER BY start",
    );
    assert_eq!(
        rows,
        [
            [
                "4300000000",
                "USD",
                "money",
                "around",
                "Iran’s export to China",
                "2021-04-01",
                "2021-07-31"
            ],
            [
                "3000",
                "student",
                "count",
                "",
                "Iranian students studying in China",
                "2021-08-28",
                "2021-08-28"
            ],
            [
                "20",
                "research center",
                "count",
                "",
                "research centers",
                "2021-08-28",
                "2021-08-28"
            ],
            [
                "14",
                "university",
                "count",
                "",
                "Chinese universities",
                "2021-08-28",
                "2021-08-28"
            ],
            [
                "3000000",
                "mask",
                "count",
                "",
                "medical masks",
                "2021-08-28",
                "2021-08-28"
            ],
            [
                "1550000",
                "dose",
                "count",
                "",
                "doses of vaccines",
                "2021-08-17",
                "2021-08-17"
            ],
        ]
    );
}

#[test]
fn one_identity_across_documents_and_no_merge_by_surname() {
    let dir = Dir::new();
    dir.write("a.txt", "date 2021-01-05\nTalks in Beijing\n\nForeign Minister Wang Yi met Li Wei in Beijing on Monday. Li said the talks were useful.");
    dir.write("b.txt", "date 2021-02-05\nVisit to Tehran\n\nWang Yi arrived in Tehran. Li Na, a trade official, joined him. Wang said trade would grow.");
    dir.run_ok(&["import", "a.txt", "b.txt"]);
    assert_eq!(
        dir.scalar("SELECT count(*) FROM entities WHERE name = 'Wang Yi'"),
        "1"
    );
    assert_eq!(dir.scalar("SELECT count(DISTINCT document_id) FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE e.name = 'Wang Yi'"), "2");
    let lis = dir
        .sql("SELECT name FROM entities WHERE kind = 'person' AND name LIKE 'Li %' ORDER BY name");
    assert_eq!(lis, [["Li Na"], ["Li Wei"]]);
    // The bare "Li" of the first article is Li Wei's alias there, not a merge of the two.
    assert_eq!(
        dir.scalar("SELECT count(*) FROM entities WHERE name = 'Li'"),
        "0"
    );
}
