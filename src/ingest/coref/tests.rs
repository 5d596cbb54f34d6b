//! Gender rules of coreference; pronoun and description rules are tested through the
//! statements they attribute (`statements/tests.rs`).

use super::*;
use crate::ingest::sentences;
use crate::model::{Entity, Mention};

/// Entities named in `body`, each mention found by exact match of the name.
fn genders(body: &str, names: &[&str]) -> Vec<Option<Gender>> {
    let sents = sentences::split(body);
    let doc = Doc {
        body,
        published: None,
        sentences: &sents,
    };
    let mut ents = Entities::default();
    for (i, name) in names.iter().enumerate() {
        ents.entities.push(Entity {
            kind: EntityKind::Person,
            name: name.to_string(),
            aliases: Vec::new(),
        });
        for (pos, _) in body.match_indices(name) {
            ents.mentions.push(Mention {
                entity: i,
                sentence: doc.sentence_at(pos),
                span: Span::new(pos, pos + name.len()),
            });
        }
    }
    ents.mentions.sort_by_key(|m| m.span.start);
    let coref = Coref::new(&doc, &ents, &[]);
    (0..names.len()).map(|e| coref.gender(e)).collect()
}

#[test]
fn given_names_carry_a_gender() {
    let got = genders(
        "Hillary Rodham met Donald Grey.",
        &["Hillary Rodham", "Donald Grey"],
    );
    assert_eq!(got, [Some(Gender::Female), Some(Gender::Male)]);
}

#[test]
fn an_honorific_outweighs_the_given_name() {
    // "Leslie" is given to men and women alike, so the gendered list leaves it out.
    let got = genders("Mr. Leslie Hart spoke.", &["Leslie Hart"]);
    assert_eq!(got, [Some(Gender::Male)]);
}

#[test]
fn pronouns_after_a_sentence_subject_give_the_gender_of_an_unknown_name() {
    let got = genders(
        "Zorgan Quill opened her shop. Ubel Trax lost his keys.",
        &["Zorgan Quill", "Ubel Trax"],
    );
    assert_eq!(got, [Some(Gender::Female), Some(Gender::Male)]);
}

#[test]
fn nothing_tells_the_gender_of_an_unknown_name_alone() {
    let got = genders("Zorgan Quill opened the shop.", &["Zorgan Quill"]);
    assert_eq!(got, [None]);
}
