use super::*;
use crate::{AttemptId, UserId};
use proptest::prelude::*;
use std::collections::BTreeMap;

const BANDS: &str = r#"
[[scoring.bands]]
id = "low"
from = 0
to = 39
label = { en = "Low", es = "Bajo" }

[[scoring.bands]]
id = "middle"
from = 40
to = 69
label = { en = "Middle", es = "Medio" }

[[scoring.bands]]
id = "high"
from = 70
to = 100
label = { en = "High", es = "Alto" }
"#;

const LETTERS: [&str; 6] = ["r", "i", "a", "s", "e", "c"];

/// A small RIASEC inventory: three items a scale (`r1`…`c3`, `r3` reverse-
/// keyed when `reverse`), answers 1–5, scored by sum, two answers needed a
/// scale; a short form for grade 6 with `r1`, `i1`, … `c1`, one needed.
fn riasec(reverse: bool) -> String {
    let mut s = format!(
        r#"format = "waypoint-instrument"
format_version = 1
id = "test-interests"
version = "1"
kind = "interest_inventory"
languages = ["en", "es"]
grades = {{ min = 6, max = 12 }}
title = {{ en = "Test", es = "Prueba" }}
instructions = {{ en = "Answer.", es = "Responde." }}

[response]
type = "likert"
points = [
  {{ value = 1, label = {{ en = "Strongly dislike", es = "No me gusta nada" }} }},
  {{ value = 2, label = {{ en = "Dislike", es = "No me gusta" }} }},
  {{ value = 3, label = {{ en = "Not sure", es = "No sé" }} }},
  {{ value = 4, label = {{ en = "Like", es = "Me gusta" }} }},
  {{ value = 5, label = {{ en = "Strongly like", es = "Me encanta" }} }},
]

[scoring]
method = "sum"
min_answered = 2
code_length = 3
{BANDS}
"#
    );
    for (id, letter) in RIASEC {
        s.push_str(&format!(
            r#"
[[scales]]
id = "{id}"
code = "{letter}"
name = {{ en = "{id}", es = "{id} (es)" }}
description = {{ en = "About {id}.", es = "Sobre {id}." }}
meaning.low = {{ en = "Low {id}.", es = "{id} bajo." }}
meaning.middle = {{ en = "Middle {id}.", es = "{id} medio." }}
meaning.high = {{ en = "High {id}.", es = "{id} alto." }}
"#
        ));
    }
    for n in 1..=3 {
        for ((scale, _), l) in RIASEC.iter().zip(LETTERS) {
            let rev = if reverse && l == "r" && n == 3 {
                "reverse = true\n"
            } else {
                ""
            };
            s.push_str(&format!(
                "\n[[items]]\nid = \"{l}{n}\"\nscales = [\"{scale}\"]\n{rev}text = {{ en = \"Do {l}{n}\", es = \"Hacer {l}{n}\" }}\n"
            ));
        }
    }
    s.push_str(
        r#"
[[forms]]
id = "short"
name = { en = "Short form", es = "Versión corta" }
grades = { min = 6, max = 6 }
items = ["r1", "i1", "a1", "s1", "e1", "c1"]
min_answered = 1
"#,
    );
    s
}

fn load(src: &str) -> Instrument {
    match Instrument::from_toml_str(src) {
        Ok(i) => i,
        Err(e) => panic!("fixture does not load:\n{e}"),
    }
}

fn inventory() -> Instrument {
    load(&riasec(false))
}

/// Answers from per-letter lists: `[("r", &[5, 5, 5])]` answers r1, r2, r3;
/// a 0 leaves that item unanswered.
fn answers(per_scale: &[(&str, &[i32])]) -> Answers {
    let mut a = Answers::new();
    for (letter, values) in per_scale {
        for (n, &v) in values.iter().enumerate() {
            if v != 0 {
                a.insert(format!("{letter}{}", n + 1), v);
            }
        }
    }
    a
}

fn score_of(s: &Scores, scale: &str) -> Option<u8> {
    s.scale(scale).and_then(ScaleScore::score)
}

fn problems(src: &str) -> Vec<String> {
    match Instrument::from_toml_str(src) {
        Ok(_) => panic!("expected problems"),
        Err(LoadError::Invalid(p)) => p.iter().map(ToString::to_string).collect(),
        Err(e) => panic!("expected validation problems, got {e}"),
    }
}

fn has(problems: &[String], needle: &str) -> bool {
    problems.iter().any(|p| p.contains(needle))
}

// ----- Scoring: known answers, known scores and codes -----

#[test]
fn known_answers_give_known_scores_bands_and_code() {
    let inst = inventory();
    let a = answers(&[
        ("r", &[5, 5, 5]),
        ("i", &[4, 4, 4]),
        ("a", &[3, 3, 3]),
        ("s", &[2, 2, 2]),
        ("e", &[1, 1, 1]),
        ("c", &[1, 2, 3]),
    ]);
    let s = inst.score("full", &a).unwrap();
    assert!(s.complete);
    assert_eq!(s.instrument_id, "test-interests");
    assert_eq!(s.form_id, "full");
    let got: Vec<_> = s
        .scales
        .iter()
        .map(|x| (x.scale.as_str(), x.score().unwrap(), x.band().unwrap()))
        .collect();
    assert_eq!(
        got,
        [
            ("realistic", 100, "high"),
            ("investigative", 75, "high"),
            ("artistic", 50, "middle"),
            ("social", 25, "low"),
            ("enterprising", 0, "low"),
            ("conventional", 25, "low"),
        ]
    );
    // Sum method: the raw score is the sum of the answers.
    assert_eq!(
        s.scale("realistic").unwrap().outcome,
        ScaleOutcome::Scored {
            raw: 15.0,
            score: 100,
            band: "high".into()
        }
    );
    let code = s.code.unwrap();
    assert_eq!(code.text, "RIA");
    assert!(!code.is_tied());
    assert_eq!(code.alternatives(10), ["RIA"]);
    // Social and conventional tie at 25, but below the code's three places.
    assert_eq!(code.groups.len(), 3);
}

#[test]
fn tie_for_first_is_reported_as_a_tie() {
    let inst = inventory();
    let a = answers(&[
        ("r", &[4, 4, 4]),
        ("i", &[5, 5, 5]),
        ("a", &[5, 5, 5]),
        ("s", &[4, 4, 3]),
        ("e", &[1, 1, 1]),
        ("c", &[1, 1, 1]),
    ]);
    let code = inst.score("full", &a).unwrap().code.unwrap();
    assert_eq!(code.text, "I/A-R");
    assert!(code.is_tied());
    assert_eq!(code.groups[0].scales, ["investigative", "artistic"]);
    assert_eq!(code.groups[0].places, 2);
    assert_eq!(code.groups[1].scales, ["realistic"]);
    assert_eq!(code.groups[1].places, 1);
    assert_eq!(code.alternatives(10), ["IAR", "AIR"]);
}

#[test]
fn tie_across_the_last_place_lists_every_candidate() {
    let inst = inventory();
    let a = answers(&[
        ("r", &[3, 3, 3]),
        ("i", &[5, 5, 5]),
        ("a", &[3, 3, 3]),
        ("s", &[3, 3, 3]),
        ("e", &[1, 1, 1]),
        ("c", &[2, 2, 2]),
    ]);
    let code = inst.score("full", &a).unwrap().code.unwrap();
    assert_eq!(code.text, "I-R/A/S");
    assert_eq!(code.groups[1].letters, ["R", "A", "S"]);
    assert_eq!(code.groups[1].places, 2);
    assert_eq!(code.alternatives(100), ["IRA", "IRS", "IAR", "IAS", "ISR", "ISA"]);
    assert_eq!(code.alternatives(2), ["IRA", "IRS"]);
}

#[test]
fn tie_in_second_and_third_place_is_a_tie_too() {
    let inst = inventory();
    let a = answers(&[
        ("r", &[1, 1, 1]),
        ("i", &[2, 2, 2]),
        ("a", &[5, 5, 5]),
        ("s", &[4, 4, 4]),
        ("e", &[4, 4, 4]),
        ("c", &[2, 2, 2]),
    ]);
    let code = inst.score("full", &a).unwrap().code.unwrap();
    assert_eq!(code.text, "A-S/E");
    assert_eq!(code.alternatives(10), ["ASE", "AES"]);
}

#[test]
fn flat_profile_is_a_six_way_tie() {
    let inst = inventory();
    let three: &[i32] = &[3, 3, 3];
    let a = answers(&LETTERS.map(|l| (l, three)));
    let s = inst.score("full", &a).unwrap();
    assert!(s.scales.iter().all(|x| x.score() == Some(50)));
    let code = s.code.unwrap();
    assert_eq!(code.text, "R/I/A/S/E/C");
    assert_eq!(code.groups.len(), 1);
    assert_eq!(code.groups[0].places, 3);
    assert_eq!(code.alternatives(1000).len(), 120);
}

#[test]
fn ties_are_on_the_reported_whole_number_scores() {
    // Means 4.5 (87.5 → 88) and 4.5: tied; 13/3 = 4.33 (83.3 → 83) is not.
    let inst = inventory();
    let a = answers(&[
        ("r", &[5, 4, 0]),
        ("i", &[4, 5, 0]),
        ("a", &[4, 4, 5]),
        ("s", &[1, 1, 1]),
        ("e", &[1, 1, 1]),
        ("c", &[1, 1, 1]),
    ]);
    let s = inst.score("full", &a).unwrap();
    assert_eq!(score_of(&s, "realistic"), Some(88));
    assert_eq!(score_of(&s, "investigative"), Some(88));
    assert_eq!(score_of(&s, "artistic"), Some(83));
    assert_eq!(s.code.unwrap().text, "R/I-A");
    assert!(!s.complete);
}

#[test]
fn halves_round_up() {
    let inst = inventory();
    // r: 1 and 2 → mean 1.5 → 12.5 → 13. i: 2,2,3 → 7/3 → 33.33 → 33.
    let a = answers(&[("r", &[1, 2, 0]), ("i", &[2, 2, 3])]);
    let s = inst.score("full", &a).unwrap();
    assert_eq!(score_of(&s, "realistic"), Some(13));
    assert_eq!(score_of(&s, "investigative"), Some(33));
    // Sum of the answered items, lower when an answer is missing.
    assert_eq!(
        s.scale("realistic").unwrap().outcome,
        ScaleOutcome::Scored {
            raw: 3.0,
            score: 13,
            band: "low".into()
        }
    );
}

#[test]
fn too_few_answers_leave_a_scale_unscored_and_no_code() {
    let inst = inventory();
    let a = answers(&[
        ("r", &[5, 0, 0]),
        ("i", &[4, 4, 4]),
        ("a", &[3, 3, 3]),
        ("s", &[2, 2, 2]),
        ("e", &[1, 1, 1]),
        ("c", &[1, 2, 3]),
    ]);
    let s = inst.score("full", &a).unwrap();
    let r = s.scale("realistic").unwrap();
    assert_eq!(r.outcome, ScaleOutcome::NotEnoughAnswers);
    assert_eq!((r.items, r.answered, r.needed), (3, 1, 2));
    assert_eq!(s.incomplete_scales().count(), 1);
    assert_eq!(score_of(&s, "investigative"), Some(75));
    assert_eq!(s.code, None);
    assert!(!s.complete);
    // No answers at all: nothing scored, no panic.
    let s = inst.score("full", &Answers::new()).unwrap();
    assert_eq!(s.incomplete_scales().count(), 6);
}

#[test]
fn reverse_keyed_items_count_backwards() {
    let inst = load(&riasec(true));
    assert!(inst.item("r3").unwrap().reverse);
    let a = answers(&[("r", &[5, 5, 1])]);
    let s = inst.score("full", &a).unwrap();
    assert_eq!(score_of(&s, "realistic"), Some(100));
    let a = answers(&[("r", &[5, 5, 5])]);
    let s = inst.score("full", &a).unwrap();
    // (5 + 5 + 1) / 3 = 3.67 → 66.7 → 67.
    assert_eq!(score_of(&s, "realistic"), Some(67));
}

#[test]
fn mean_method_reports_the_mean_and_the_same_score() {
    let inst = load(&riasec(false).replace("method = \"sum\"", "method = \"mean\""));
    let a = answers(&[("r", &[5, 4, 0])]);
    let s = inst.score("full", &a).unwrap();
    assert_eq!(
        s.scale("realistic").unwrap().outcome,
        ScaleOutcome::Scored {
            raw: 4.5,
            score: 88,
            band: "high".into()
        }
    );
}

#[test]
fn band_edges() {
    // Answers 1–3 on one item: 1 → 0, 2 → 50, 3 → 100; bands 0–49, 50–100.
    let src = riasec(false)
        .replace("{ value = 4, label = { en = \"Like\", es = \"Me gusta\" } },", "")
        .replace(
            "{ value = 5, label = { en = \"Strongly like\", es = \"Me encanta\" } },",
            "",
        )
        .replace("to = 39", "to = 49")
        .replace("from = 40\nto = 69", "from = 50\nto = 59")
        .replace("from = 70", "from = 60");
    let inst = load(&src);
    let s = inst
        .score("short", &answers(&[("r", &[2]), ("i", &[1]), ("a", &[3])]))
        .unwrap();
    assert_eq!(s.scale("realistic").unwrap().band(), Some("middle"));
    assert_eq!(s.scale("investigative").unwrap().band(), Some("low"));
    assert_eq!(s.scale("artistic").unwrap().band(), Some("high"));
}

#[test]
fn the_short_form_counts_only_its_items() {
    let inst = inventory();
    let a = answers(&[
        ("r", &[5]),
        ("i", &[4]),
        ("a", &[3]),
        ("s", &[2]),
        ("e", &[1]),
        ("c", &[1]),
    ]);
    let s = inst.score("short", &a).unwrap();
    assert!(s.complete);
    assert_eq!(s.form_id, "short");
    assert_eq!(s.scale("realistic").unwrap().items, 1);
    assert_eq!(s.code.unwrap().text, "RIA");
    // r2 is not on the short form.
    let mut b = a.clone();
    b.insert("r2".into(), 5);
    assert_eq!(
        inst.score("short", &b),
        Err(ScoreError::Answers(vec![AnswerProblem::UnknownItem {
            item: "r2".into()
        }]))
    );
    assert_eq!(inst.score("long", &a), Err(ScoreError::UnknownForm("long".into())));
}

#[test]
fn invalid_answers_are_listed() {
    let inst = inventory();
    let mut a = answers(&[("r", &[6, 5, 0])]);
    a.insert("nope".into(), 3);
    let Err(ScoreError::Answers(p)) = inst.score("full", &a) else {
        panic!("expected answer problems")
    };
    assert_eq!(
        p,
        [
            AnswerProblem::UnknownItem { item: "nope".into() },
            AnswerProblem::NotOnScale {
                item: "r1".into(),
                value: 6
            },
        ]
    );
}

#[test]
fn form_for_grade_prefers_the_narrowest_form() {
    let inst = inventory();
    assert_eq!(inst.form_for_grade(6).unwrap().id, "short");
    assert_eq!(inst.form_for_grade(7).unwrap().id, "full");
    assert_eq!(inst.form_for_grade(12).unwrap().id, "full");
    assert!(inst.form_for_grade(13).is_none());
    assert_eq!(inst.forms().len(), 2);
    assert_eq!(inst.forms()[0].id, FULL_FORM);
}

#[test]
fn pages_follow_items_per_page() {
    let inst = load(&riasec(false).replace("kind = ", "items_per_page = 4\nkind = "));
    let full = inst.form("full").unwrap();
    assert_eq!(inst.page_count(full), 5);
    let first: Vec<_> = inst.page(full, 0).iter().map(|i| i.id.as_str()).collect();
    assert_eq!(first, ["r1", "i1", "a1", "s1"]);
    assert_eq!(inst.page(full, 4).len(), 2);
    assert!(inst.page(full, 5).is_empty());
    assert!(inst.page(full, usize::MAX).is_empty());
}

// ----- Sorts -----

/// A values sort: six scales, two cards each, piles 1–3 holding 4 each.
fn sort_src() -> String {
    let mut s = format!(
        r#"format = "waypoint-instrument"
format_version = 1
id = "test-values"
version = "2026.1"
kind = "work_values"
languages = ["en", "es"]
grades = {{ min = 6, max = 12 }}
title = {{ en = "Values", es = "Valores" }}
instructions = {{ en = "Sort.", es = "Ordena." }}

[response]
type = "sort"

[[response.points]]
value = 1
label = {{ en = "Less important", es = "Menos importante" }}
capacity = 4

[[response.points]]
value = 2
label = {{ en = "Important", es = "Importante" }}
capacity = 4

[[response.points]]
value = 3
label = {{ en = "Most important", es = "Lo más importante" }}
capacity = 4

[scoring]
method = "mean"
min_answered = 2
code_length = 2
{BANDS}
"#
    );
    for id in WORK_VALUES {
        s.push_str(&format!(
            r#"
[[scales]]
id = "{id}"
name = {{ en = "{id}", es = "{id} (es)" }}
description = {{ en = "About {id}.", es = "Sobre {id}." }}
meaning = {{ low = {{ en = "L", es = "B" }}, middle = {{ en = "M", es = "M" }}, high = {{ en = "H", es = "A" }} }}
"#
        ));
    }
    for id in WORK_VALUES {
        for n in 1..=2 {
            s.push_str(&format!(
                "\n[[items]]\nid = \"{id}-{n}\"\nscales = [\"{id}\"]\ntext = {{ en = \"{id} {n}\", es = \"{id} {n} (es)\" }}\n"
            ));
        }
    }
    s
}

#[test]
fn a_sort_keeps_piles_within_capacity() {
    let inst = load(&sort_src());
    let mut a = Answers::new();
    for id in ["achievement-1", "achievement-2", "support-1", "support-2"] {
        a.insert(id.into(), 3);
    }
    assert!(inst.check_answers(inst.form("full").unwrap(), &a).is_ok());
    a.insert("independence-1".into(), 3);
    let Err(ScoreError::Answers(p)) = inst.score("full", &a) else {
        panic!("a fifth card in a pile of four")
    };
    assert_eq!(
        p,
        [AnswerProblem::OverCapacity {
            value: 3,
            count: 5,
            capacity: 4
        }]
    );
    a.insert("independence-1".into(), 1);
    let progress = inst.progress("full", &a).unwrap();
    assert_eq!(
        progress.piles,
        [
            PileCount {
                value: 1,
                count: 1,
                capacity: Some(4)
            },
            PileCount {
                value: 2,
                count: 0,
                capacity: Some(4)
            },
            PileCount {
                value: 3,
                count: 4,
                capacity: Some(4)
            },
        ]
    );
    let s = inst.score("full", &a).unwrap();
    // Mean method, no letters: the code names the scales by id.
    assert_eq!(score_of(&s, "achievement"), Some(100));
    assert_eq!(s.code.as_ref(), None, "independence has one of two answers");
}

#[test]
fn a_complete_sort_has_a_code_of_ids() {
    let inst = load(&sort_src());
    let piles = [
        ("achievement", [3, 3]),
        ("independence", [2, 1]),
        ("recognition", [1, 1]),
        ("relationships", [3, 2]),
        ("support", [3, 2]),
        ("working_conditions", [2, 1]),
    ];
    let mut a = Answers::new();
    for (id, v) in piles {
        a.insert(format!("{id}-1"), v[0]);
        a.insert(format!("{id}-2"), v[1]);
    }
    let s = inst.score("full", &a).unwrap();
    assert!(s.complete);
    assert_eq!(score_of(&s, "relationships"), Some(75));
    let code = s.code.unwrap();
    assert_eq!(code.text, "achievement-relationships/support");
    assert_eq!(code.groups[1].places, 1);
    assert_eq!(
        code.alternatives(10),
        ["achievement-relationships", "achievement-support"]
    );
}

// ----- Attempts: pause, resume, finish -----

#[test]
fn an_attempt_pauses_resumes_and_finishes() {
    let inst = load(&riasec(false).replace("kind = ", "items_per_page = 6\nkind = "));
    let mut at = Attempt::start(&inst, AttemptId(1), UserId(42), "full", 8, "es", 1_000).unwrap();
    assert_eq!(
        (at.instrument_id.as_str(), at.instrument_version.as_str()),
        ("test-interests", "1")
    );
    let p = at.progress(&inst).unwrap();
    assert_eq!((p.total, p.answered, p.pages, p.resume_page), (18, 0, 3, Some(0)));
    assert!(!p.scorable);

    // Page 1.
    let page: BTreeMap<String, Option<i32>> = inst
        .page(inst.form("full").unwrap(), 0)
        .iter()
        .map(|i| (i.id.clone(), Some(4)))
        .collect();
    at.record(&inst, &page, 2_000).unwrap();
    let p = at.progress(&inst).unwrap();
    assert_eq!((p.answered, p.resume_page, p.complete), (6, Some(1), false));
    assert_eq!(at.updated_at_ms, 2_000);

    // Through storage and back (pause), then a bad page changes nothing.
    let json = serde_json::to_string(&at).unwrap();
    let mut at: Attempt = serde_json::from_str(&json).unwrap();
    let bad = BTreeMap::from([("r2".to_string(), Some(4)), ("i2".to_string(), Some(9))]);
    assert!(matches!(at.record(&inst, &bad, 3_000), Err(AttemptError::Answers(_))));
    assert_eq!(at.answers.len(), 6);
    assert_eq!(at.updated_at_ms, 2_000);

    // Clearing an answer.
    at.record(&inst, &BTreeMap::from([("r1".to_string(), None)]), 3_500)
        .unwrap();
    assert_eq!(at.progress(&inst).unwrap().resume_page, Some(0));

    // Finishing with gaps: scales with one answer are reported as such.
    let scores = at.finish(&inst, 4_000).unwrap().clone();
    assert_eq!(scores.incomplete_scales().count(), 6);
    assert_eq!(at.completed_at_ms, Some(4_000));
    assert!(at.is_finished());
    assert_eq!(at.scores.as_ref(), Some(&scores));
    assert_eq!(at.record(&inst, &page, 5_000), Err(AttemptError::Finished));
    assert!(matches!(at.finish(&inst, 5_000), Err(AttemptError::Finished)));

    // Stored scores survive a round trip exactly.
    let back: Attempt = serde_json::from_str(&serde_json::to_string(&at).unwrap()).unwrap();
    assert_eq!(back, at);
}

#[test]
fn attempts_check_grade_language_and_version() {
    let inst = inventory();
    assert!(matches!(
        Attempt::start(&inst, AttemptId(1), UserId(1), "short", 7, "en", 0),
        Err(AttemptError::GradeNotCovered { grade: 7, .. })
    ));
    assert_eq!(
        Attempt::start(&inst, AttemptId(1), UserId(1), "full", 7, "fr", 0),
        Err(AttemptError::UnknownLanguage("fr".into()))
    );
    assert_eq!(
        Attempt::start(&inst, AttemptId(1), UserId(1), "mini", 7, "en", 0),
        Err(AttemptError::UnknownForm("mini".into()))
    );
    let mut at = Attempt::start(&inst, AttemptId(1), UserId(1), "full", 7, "en", 0).unwrap();
    let v2 = load(&riasec(false).replace("version = \"1\"", "version = \"2\""));
    assert!(matches!(
        at.record(&v2, &BTreeMap::new(), 1),
        Err(AttemptError::WrongInstrument { .. })
    ));
    assert!(matches!(at.progress(&v2), Err(AttemptError::WrongInstrument { .. })));
}

#[test]
fn scores_serialise_with_a_status_per_scale() {
    let inst = inventory();
    let s = inst.score("full", &answers(&[("r", &[5, 5, 5])])).unwrap();
    let v = serde_json::to_value(&s).unwrap();
    assert_eq!(v["scales"][0]["outcome"]["status"], "scored");
    assert_eq!(v["scales"][0]["outcome"]["score"], 100);
    assert_eq!(v["scales"][1]["outcome"]["status"], "not_enough_answers");
    assert!(v["code"].is_null());
}

// ----- Validation: clear errors naming the field and item -----

#[test]
fn fixtures_are_valid() {
    inventory();
    load(&riasec(true));
    load(&sort_src());
}

#[test]
fn a_missing_translation_names_the_item_and_language() {
    let p = problems(&riasec(false).replace(
        "text = { en = \"Do a1\", es = \"Hacer a1\" }",
        "text = { en = \"Do a1\" }",
    ));
    assert_eq!(
        p,
        ["items[2] (id \"a1\").text.es: missing: every text needs each of `languages` (es)"]
    );
    let p = problems(&riasec(false).replace("es = \"Prueba\"", "es = \"  \""));
    assert_eq!(p, ["title.es: is blank"]);
    let p = problems(&riasec(false).replace("title = { en = \"Test\",", "title = { en = \"Test\", fr = \"Test\","));
    assert_eq!(p, ["title.fr: language \"fr\" is not listed in `languages`"]);
}

#[test]
fn both_english_and_spanish_are_required() {
    let p = problems(&riasec(false).replace("languages = [\"en\", \"es\"]", "languages = [\"en\"]"));
    assert!(has(&p, "languages: must include \"es\""), "{p:?}");
    // Other languages may be added, and then every text needs them too.
    let p = problems(&riasec(false).replace("languages = [\"en\", \"es\"]", "languages = [\"en\", \"es\", \"vi\"]"));
    assert!(has(&p, "title.vi: missing"), "{p:?}");
    assert!(has(&p, "items[17] (id \"c3\").text.vi: missing"), "{p:?}");
}

#[test]
fn unknown_scales_and_duplicate_ids_are_named() {
    let p = problems(&riasec(false).replacen("scales = [\"realistic\"]", "scales = [\"realisitc\"]", 1));
    assert!(
        has(&p, "items[0] (id \"r1\").scales[0]: no scale \"realisitc\""),
        "{p:?}"
    );
    let p = problems(&riasec(false).replace("id = \"i2\"", "id = \"i1\""));
    assert_eq!(p, ["items[7] (id \"i1\").id: is used by an earlier item"]);
    let p = problems(&riasec(false).replace("id = \"e1\"", "id = \"E 1\""));
    assert!(has(&p, "items[4] (id \"E 1\").id: \"E 1\" must be"), "{p:?}");
    assert!(has(&p, "forms[0] (id \"short\").items[4]: no item \"e1\""), "{p:?}");
}

#[test]
fn an_interest_inventory_has_the_six_riasec_scales() {
    let p = problems(&riasec(false).replace("code = \"A\"", "code = \"X\""));
    assert_eq!(p, ["scales[2] (id \"artistic\").code: must be \"A\""]);
    let src = riasec(false)
        .replace("id = \"conventional\"", "id = \"clerical\"")
        .replace("[\"conventional\"]", "[\"clerical\"]");
    let p = problems(&src);
    assert!(
        has(&p, "scales: an interest_inventory has exactly the scales realistic"),
        "{p:?}"
    );
    assert!(has(&p, "\"conventional\" is missing"), "{p:?}");
    assert!(has(&p, "scales[5] (id \"clerical\").id"), "{p:?}");
}

#[test]
fn bands_must_cover_0_to_100() {
    let p = problems(&riasec(false).replace("from = 40", "from = 41"));
    assert_eq!(
        p,
        [
            "scoring.bands[1] (id \"middle\").from: must be 40 (bands go lowest first and cover 0–100 without gaps or overlaps), not 41"
        ]
    );
    let p = problems(&riasec(false).replace("to = 100", "to = 99"));
    assert_eq!(p, ["scoring.bands[2].to: the last band must end at 100"]);
    let p = problems(&riasec(false).replacen(
        "meaning.middle = { en = \"Middle realistic.\", es = \"realistic medio.\" }\n",
        "",
        1,
    ));
    assert_eq!(
        p,
        ["scales[0] (id \"realistic\").meaning.middle: missing: each scale says what each band means"]
    );
}

#[test]
fn forms_need_enough_items_per_scale() {
    let p = problems(&riasec(false).replace("min_answered = 1", "min_answered = 2"));
    assert!(
        has(
            &p,
            "forms[0] (id \"short\").min_answered: form \"short\" has 1 item on scale \"realistic\", fewer than the 2 answers it needs"
        ),
        "{p:?}"
    );
    let p = problems(&riasec(false).replace("min_answered = 2\n", "min_answered = 4\n"));
    assert!(
        has(
            &p,
            "scoring.min_answered: the full form has 3 items on scale \"realistic\""
        ),
        "{p:?}"
    );
    let p = problems(&riasec(false).replace("grades = { min = 6, max = 6 }", "grades = { min = 5, max = 6 }"));
    assert!(has(&p, "forms[0] (id \"short\").grades.min: 5 is not a grade"), "{p:?}");
    let p = problems(&riasec(false).replace("id = \"short\"", "id = \"full\""));
    assert!(
        has(&p, "forms[0] (id \"full\").id: \"full\" is the form of all items"),
        "{p:?}"
    );
}

#[test]
fn response_scales_are_checked() {
    let p = problems(&riasec(false).replace("{ value = 2,", "{ value = 1,"));
    assert_eq!(p, ["response.points[1].value: 1 is used by an earlier point"]);
    let p = problems(&sort_src().replace("capacity = 4", "capacity = 2"));
    assert_eq!(
        p,
        ["response.points: the piles hold 6 items in all, fewer than the 12 on the full form"]
    );
    let p = problems(&riasec(false).replace("type = \"likert\"", "type = \"sort\""));
    assert!(has(&p, "a sort needs a capacity on at least one pile"), "{p:?}");
}

#[test]
fn all_problems_are_reported_at_once() {
    let src = riasec(false)
        .replace("format_version = 1", "format_version = 2")
        .replace("id = \"test-interests\"", "id = \"Test Interests\"")
        .replace(
            "text = { en = \"Do s2\", es = \"Hacer s2\" }",
            "text = { en = \"\", es = \"Hacer s2\" }",
        );
    let p = problems(&src);
    assert_eq!(p.len(), 3, "{p:?}");
    assert!(has(&p, "format_version: this Waypoint reads version 1, not 2"));
    assert!(has(&p, "id: \"Test Interests\" must be"));
    assert!(has(&p, "items[9] (id \"s2\").text.en: is blank"));
    let e = Instrument::from_toml_str(&src).unwrap_err().to_string();
    assert_eq!(e.lines().count(), 3);
}

#[test]
fn shape_errors_give_line_and_column() {
    let src = riasec(false).replace("kind = \"interest_inventory\"", "kind = \"interests\"");
    let Err(LoadError::Syntax { line, message, .. }) = Instrument::from_toml_str(&src) else {
        panic!("an unknown kind is a shape error")
    };
    assert_eq!(line, 5);
    assert!(message.contains("unknown variant `interests`"), "{message}");
    let src = riasec(false)
        .replace("reverse = true", "")
        .replace("text = { en = \"Do r3\"", "revers = true\ntext = { en = \"Do r3\"");
    let Err(LoadError::Syntax { line, message, .. }) = Instrument::from_toml_str(&src) else {
        panic!("an unknown field is a shape error")
    };
    assert!(message.contains("unknown field `revers`"), "{message}");
    assert_eq!(
        src.lines().nth(line - 1).map(str::trim),
        Some("revers = true"),
        "{message}"
    );
    let Err(LoadError::Syntax { line: 2, .. }) = Instrument::from_toml_str("format = \"x\"\nid = [") else {
        panic!("broken TOML")
    };
}

#[test]
fn text_falls_back_to_english() {
    let inst = inventory();
    let item = inst.item("r1").unwrap();
    assert_eq!(item.text.get("es"), "Hacer r1");
    assert_eq!(item.text.get("vi"), "Do r1");
}

// ----- Properties -----

fn answer_sets() -> impl Strategy<Value = Answers> {
    let ids: Vec<String> = LETTERS
        .iter()
        .flat_map(|l| (1..=3).map(move |n| format!("{l}{n}")))
        .chain(["x".to_string(), String::new(), "r4".to_string()])
        .collect();
    proptest::collection::btree_map(proptest::sample::select(ids), -3i32..9, 0..24)
}

fn valid_answer_sets() -> impl Strategy<Value = Answers> {
    let ids: Vec<String> = LETTERS
        .iter()
        .flat_map(|l| (1..=3).map(move |n| format!("{l}{n}")))
        .collect();
    proptest::collection::btree_map(proptest::sample::select(ids), 1i32..=5, 0..=18)
}

fn check_scores(inst: &Instrument, s: &Scores) {
    for x in &s.scales {
        assert!(x.answered <= x.items);
        assert!(x.needed >= 1 && x.needed <= x.items.max(1));
        match &x.outcome {
            ScaleOutcome::Scored { raw, score, band } => {
                assert!(*score <= 100);
                assert!(x.answered >= x.needed);
                assert!(raw.is_finite());
                let b = inst.def().scoring.bands.iter().find(|b| &b.id == band).unwrap();
                assert!((b.from..=b.to).contains(score));
            }
            ScaleOutcome::NotEnoughAnswers => assert!(x.answered < x.needed),
        }
    }
    let all_scored = s.scales.iter().all(|x| x.score().is_some());
    assert_eq!(s.code.is_some(), all_scored);
    if let Some(code) = &s.code {
        let places: u32 = code.groups.iter().map(|g| u32::from(g.places)).sum();
        assert_eq!(places, 3);
        for w in code.groups.windows(2) {
            assert!(w[0].score > w[1].score);
        }
        for g in &code.groups {
            assert!(g.places as usize <= g.scales.len() && g.places > 0);
            for id in &g.scales {
                assert_eq!(s.scale(id).unwrap().score(), Some(g.score));
            }
        }
        // Every scale not in the code scores below its last group.
        let last = code.groups.last().unwrap().score;
        for x in &s.scales {
            if !code.groups.iter().any(|g| g.scales.contains(&x.scale)) {
                assert!(x.score().unwrap() < last);
            }
        }
        let alts = code.alternatives(usize::MAX);
        assert!(!alts.is_empty() && alts.len() <= 120);
        assert!(alts.iter().all(|a| a.chars().count() == 3));
        assert_eq!(alts.len() == 1, !code.is_tied());
    }
}

proptest! {
    #[test]
    fn no_answer_set_panics_and_scores_stay_in_range(a in answer_sets(), reverse: bool, short: bool) {
        let inst = load(&riasec(reverse));
        let form = if short { "short" } else { "full" };
        match inst.score(form, &a) {
            Ok(s) => check_scores(&inst, &s),
            Err(ScoreError::Answers(p)) => prop_assert!(!p.is_empty()),
            Err(e) => prop_assert!(false, "{e}"),
        }
        let _ = inst.progress(form, &a);
    }

    #[test]
    fn valid_answers_always_score(a in valid_answer_sets(), reverse: bool) {
        let inst = load(&riasec(reverse));
        let s = inst.score("full", &a).unwrap();
        check_scores(&inst, &s);
        prop_assert_eq!(s.complete, a.len() == 18);
        let p = inst.progress("full", &a).unwrap();
        prop_assert_eq!(p.answered as usize, a.len());
        prop_assert_eq!(p.scorable, s.incomplete_scales().count() == 0);
        prop_assert_eq!(p.resume_page.is_none(), p.complete);
    }

    #[test]
    fn raising_an_answer_never_lowers_its_scale(a in valid_answer_sets(), item in 0usize..18) {
        let inst = inventory();
        let id = format!("{}{}", LETTERS[item % 6], item / 6 + 1);
        let scale = RIASEC[item % 6].0;
        let mut lower = a.clone();
        let mut higher = a;
        let v = *higher.get(&id).unwrap_or(&3);
        lower.insert(id.clone(), v.saturating_sub(1).max(1));
        higher.insert(id, v);
        let lo = inst.score("full", &lower).unwrap();
        let hi = inst.score("full", &higher).unwrap();
        prop_assert!(score_of(&hi, scale) >= score_of(&lo, scale));
    }

    #[test]
    fn sorts_never_panic(values in proptest::collection::vec(proptest::option::of(0i32..5), 12)) {
        let inst = load(&sort_src());
        let mut a = Answers::new();
        for (k, v) in values.iter().enumerate() {
            if let Some(v) = v {
                a.insert(format!("{}-{}", WORK_VALUES[k / 2], k % 2 + 1), *v);
            }
        }
        if let Ok(s) = inst.score("full", &a) {
            prop_assert!(s.scales.iter().all(|x| x.score().is_none_or(|v| v <= 100)));
        }
        let _ = inst.progress("full", &a);
    }

    #[test]
    fn damaged_files_never_panic_the_loader(cut in 0usize..4000, len in 0usize..40, insert in "[a-z =\\[\\]{}\"\n0-9]{0,8}") {
        let src = riasec(false);
        let start = cut.min(src.len());
        let end = (start + len).min(src.len());
        if src.is_char_boundary(start) && src.is_char_boundary(end) {
            let damaged = format!("{}{}{}", &src[..start], insert, &src[end..]);
            let _ = Instrument::from_toml_str(&damaged);
        }
    }
}
