//! The instruments Waypoint ships (`content/instruments/*.toml`): each loads
//! and validates, matches the published schema
//! (`schemas/instrument-v1.schema.json`), is complete in English and Spanish,
//! reads at or below grade 6 in English (Flesch-Kincaid, a rough syllable
//! count), and scores any answers without panicking.

use proptest::prelude::*;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use waypoint_domain::assessment::{
    Answers, Instrument, InstrumentDef, Kind, RIASEC, ResponseKind, ScaleOutcome, ScoreError, Text,
};

const SCHEMA: &str = include_str!("../../../schemas/instrument-v1.schema.json");

fn content_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content/instruments")
}

/// Every instrument file: (file name, source).
fn files() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(content_dir())
        .expect("content/instruments exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    out.sort();
    out
}

fn load(name: &str, src: &str) -> Instrument {
    Instrument::from_toml_str(src).unwrap_or_else(|e| panic!("content/instruments/{name}:\n{e}"))
}

fn instruments() -> Vec<(String, Instrument)> {
    files().into_iter().map(|(n, s)| (n.clone(), load(&n, &s))).collect()
}

fn schema() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(SCHEMA).expect("the schema is JSON");
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema is a valid draft 2020-12 schema")
}

fn schema_errors(doc: &Value) -> Vec<String> {
    schema()
        .iter_errors(doc)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

#[test]
fn every_shipped_instrument_loads_and_matches_the_schema() {
    let files = files();
    assert!(
        files.len() >= 3,
        "expected the three shipped instruments, found {}",
        files.len()
    );
    let mut ids = Vec::new();
    for (name, src) in &files {
        let inst = load(name, src);
        ids.push(inst.id().to_string());
        let doc: Value = toml::from_str(src).unwrap();
        let errors = schema_errors(&doc);
        assert!(
            errors.is_empty(),
            "{name} does not match the schema:\n{}",
            errors.join("\n")
        );
        // What the engine read serialises back to a document the schema accepts.
        let again = serde_json::to_value(inst.def()).unwrap();
        assert!(schema_errors(&again).is_empty(), "{name}: serialised definition");
    }
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), files.len(), "instrument ids are unique across files");
}

#[test]
fn one_instrument_of_each_kind_is_shipped() {
    let kinds: Vec<Kind> = instruments().iter().map(|(_, i)| i.def().kind).collect();
    for kind in [Kind::InterestInventory, Kind::WorkValues, Kind::SkillsSelfRating] {
        assert!(kinds.contains(&kind), "no {kind:?} in content/instruments");
    }
}

/// Every text of a definition, with where it is.
fn texts(def: &InstrumentDef) -> Vec<(String, &Text)> {
    let mut out = vec![
        ("title".to_string(), &def.title),
        ("instructions".to_string(), &def.instructions),
    ];
    for (i, p) in def.response.points.iter().enumerate() {
        out.push((format!("response.points[{i}].label"), &p.label));
    }
    for b in &def.scoring.bands {
        out.push((format!("scoring.bands.{}.label", b.id), &b.label));
    }
    for s in &def.scales {
        out.push((format!("scales.{}.name", s.id), &s.name));
        out.push((format!("scales.{}.description", s.id), &s.description));
        for (band, t) in &s.meaning {
            out.push((format!("scales.{}.meaning.{band}", s.id), t));
        }
    }
    for it in &def.items {
        out.push((format!("items.{}.text", it.id), &it.text));
    }
    for f in &def.forms {
        out.push((format!("forms.{}.name", f.id), &f.name));
    }
    out
}

#[test]
fn every_text_is_in_english_and_spanish() {
    for (name, inst) in instruments() {
        let def = inst.def();
        let mut missing = Vec::new();
        for (at, text) in texts(def) {
            for lang in ["en", "es"] {
                if text.0.get(lang).is_none_or(|t| t.trim().is_empty()) {
                    missing.push(format!("{at}.{lang}"));
                }
            }
            // Spanish is written, not copied: it differs from the English.
            if text.0.get("en") == text.0.get("es") && !is_same_word(text.get("en")) {
                missing.push(format!("{at}.es (same as en)"));
            }
        }
        assert!(missing.is_empty(), "{name}: {missing:?}");
        for s in &def.scales {
            for b in &def.scoring.bands {
                assert!(
                    s.meaning.contains_key(&b.id),
                    "{name}: {} has no meaning for {}",
                    s.id,
                    b.id
                );
            }
        }
    }
}

/// Words spelt the same in both languages ("Social").
fn is_same_word(s: &str) -> bool {
    ["Social"].contains(&s)
}

#[test]
fn the_interest_inventory_has_at_least_eight_items_a_type_and_a_grade_6_short_form() {
    let all = instruments();
    let (name, inv) = all
        .iter()
        .find(|(_, i)| i.def().kind == Kind::InterestInventory)
        .expect("an interest inventory");
    let def = inv.def();
    assert!(def.items.len() >= 48, "{name}: {} items", def.items.len());
    for (scale, _) in RIASEC {
        let n = def.items.iter().filter(|it| it.scales == [scale]).count();
        assert!(n >= 8, "{name}: {n} items on {scale}");
    }
    assert_eq!((def.grades.min, def.grades.max), (6, 12));
    let short = inv.form_for_grade(6).unwrap();
    assert_ne!(short.id, "full", "grade 6 gets a short form");
    assert!(short.len() < def.items.len());
    for (scale, _) in RIASEC {
        let n = inv
            .items_of(short)
            .filter(|it| it.scales.iter().any(|s| s == scale))
            .count();
        assert!(
            n >= short.min_answered as usize && n >= 3,
            "{name}: short form has {n} items on {scale}"
        );
    }
    for grade in 7..=12 {
        assert_eq!(inv.form_for_grade(grade).unwrap().id, "full");
    }
}

#[test]
fn the_work_values_instrument_is_a_sort_that_fills_exactly() {
    let all = instruments();
    let (name, wv) = all
        .iter()
        .find(|(_, i)| i.def().kind == Kind::WorkValues)
        .expect("a work values sort");
    let def = wv.def();
    assert_eq!(def.response.kind, ResponseKind::Sort);
    let room: u32 = def.response.points.iter().map(|p| p.capacity.unwrap_or(0)).sum();
    assert_eq!(
        room as usize,
        def.items.len(),
        "{name}: the piles hold exactly the cards"
    );
}

// ----- Reading level -----

/// Syllables in an English word, by vowel groups (a rough count, good
/// enough to catch a hard word or a long sentence).
fn syllables(word: &str) -> usize {
    let w: Vec<char> = word
        .to_lowercase()
        .chars()
        .filter(|c| c.is_ascii_alphabetic())
        .collect();
    if w.is_empty() {
        return 0;
    }
    let vowel = |c: char| "aeiouy".contains(c);
    let mut n: usize = 0;
    let mut prev = false;
    for &c in &w {
        let v = vowel(c);
        if v && !prev {
            n += 1;
        }
        prev = v;
    }
    let len = w.len();
    // A final "e" after a consonant is silent, except in "-ble", "-tle" …
    let silent_e = len > 2 && w[len - 1] == 'e' && !vowel(w[len - 2]);
    let consonant_le = len > 2 && w[len - 2] == 'l' && !vowel(w[len - 3]);
    if silent_e && !consonant_le {
        n = n.saturating_sub(1);
    }
    n.max(1)
}

/// Flesch-Kincaid grade of some sentences.
fn fk_grade(sentences: &[&str]) -> f64 {
    let words: Vec<&str> = sentences.iter().flat_map(|s| s.split_whitespace()).collect();
    let syl: usize = words.iter().map(|w| syllables(w)).sum();
    0.39 * (words.len() as f64 / sentences.len() as f64) + 11.8 * (syl as f64 / words.len() as f64) - 15.59
}

#[test]
fn english_reads_at_or_below_grade_6() {
    assert_eq!(syllables("microscope"), 3);
    assert_eq!(syllables("bike"), 1);
    assert_eq!(syllables("table"), 2);
    for (name, inst) in instruments() {
        let def = inst.def();
        let items: Vec<&str> = def.items.iter().map(|it| it.text.get("en")).collect();
        let grade = fk_grade(&items);
        assert!(grade <= 6.0, "{name}: items read at grade {grade:.1}");
        for it in &def.items {
            let text = it.text.get("en");
            let words = text.split_whitespace().count();
            assert!(words <= 14, "{name}: item {} has {words} words", it.id);
        }
        let instructions: Vec<&str> = def
            .instructions
            .get("en")
            .split_terminator(['.', '?', '!'])
            .filter(|s| !s.trim().is_empty())
            .collect();
        let grade = fk_grade(&instructions);
        assert!(grade <= 6.0, "{name}: instructions read at grade {grade:.1}");
    }
}

// ----- The published schema rejects what the engine rejects -----

fn interests_doc() -> Value {
    let (_, src) = files().into_iter().find(|(n, _)| n == "interests.toml").unwrap();
    toml::from_str(&src).unwrap()
}

#[test]
fn the_schema_rejects_broken_documents() {
    let mut doc = interests_doc();
    doc["items"][3]["text"].as_object_mut().unwrap().remove("es");
    assert!(
        schema_errors(&doc).iter().any(|e| e.starts_with("/items/3/text")),
        "{:?}",
        schema_errors(&doc)
    );

    let mut doc = interests_doc();
    doc["scales"][0]["code"] = "X".into();
    assert!(!schema_errors(&doc).is_empty());

    let mut doc = interests_doc();
    doc["kind"] = "interests".into();
    assert!(!schema_errors(&doc).is_empty());

    let mut doc = interests_doc();
    doc["response"]["points"][0]["capacity"] = 3.into();
    assert!(!schema_errors(&doc).is_empty(), "capacity on a likert point");

    let mut doc = interests_doc();
    doc["items"][0]["colour"] = "red".into();
    assert!(!schema_errors(&doc).is_empty(), "unknown field");

    let mut doc = interests_doc();
    doc["forms"][0]["id"] = "full".into();
    assert!(!schema_errors(&doc).is_empty());
}

// ----- Scoring the shipped instruments -----

#[test]
fn known_answers_on_the_interest_inventory() {
    let all = instruments();
    let (_, inv) = all
        .iter()
        .find(|(_, i)| i.def().kind == Kind::InterestInventory)
        .unwrap();
    // Loves investigative and artistic activities equally, likes social ones.
    let mut a = Answers::new();
    for it in &inv.def().items {
        let v = match it.scales[0].as_str() {
            "investigative" | "artistic" => 5,
            "social" => 4,
            "realistic" => 2,
            _ => 1,
        };
        a.insert(it.id.clone(), v);
    }
    let s = inv.score("full", &a).unwrap();
    assert!(s.complete);
    let code = s.code.as_ref().unwrap();
    assert_eq!(code.text, "I/A-S");
    assert_eq!(code.alternatives(10), ["IAS", "AIS"]);
    assert_eq!(s.scale("social").unwrap().score(), Some(75));
    assert_eq!(s.scale("social").unwrap().band(), Some("high"));
    assert_eq!(
        s.scale("investigative").unwrap().outcome,
        ScaleOutcome::Scored {
            raw: 40.0,
            score: 100,
            band: "high".into()
        }
    );
    // The same profile on the grade 6 short form.
    let short = inv.form_for_grade(6).unwrap();
    let on_short: Answers = inv.items_of(short).map(|it| (it.id.clone(), a[&it.id])).collect();
    let s = inv.score(&short.id, &on_short).unwrap();
    assert_eq!(s.code.unwrap().text, "I/A-S");
}

/// Any answers for `inst`: item ids from the instrument and a few others,
/// values on and off the scale.
fn any_answers(inst: &Instrument) -> impl Strategy<Value = Answers> {
    let mut ids: Vec<String> = inst.def().items.iter().map(|i| i.id.clone()).collect();
    ids.push("not-an-item".into());
    let n = ids.len();
    proptest::collection::btree_map(proptest::sample::select(ids), -2i32..8, 0..=n)
}

/// Valid answers for `inst`: a subset of the full form, values on the scale,
/// piles of a sort never past capacity.
fn valid_answers(inst: &Instrument) -> impl Strategy<Value = Answers> {
    let ids: Vec<String> = inst.def().items.iter().map(|i| i.id.clone()).collect();
    let points: Vec<(i32, Option<u32>)> = inst
        .def()
        .response
        .points
        .iter()
        .map(|p| (p.value, p.capacity))
        .collect();
    let n = ids.len();
    proptest::collection::vec((proptest::bool::ANY, 0..points.len()), n).prop_map(move |picks| {
        let mut used: BTreeMap<i32, u32> = BTreeMap::new();
        let mut a = Answers::new();
        for (id, (answer, p)) in ids.iter().zip(picks) {
            if !answer {
                continue;
            }
            // The chosen pile, or the next one with room.
            for k in 0..points.len() {
                let (value, capacity) = points[(p + k) % points.len()];
                let count = used.entry(value).or_default();
                if capacity.is_none_or(|c| *count < c) {
                    *count += 1;
                    a.insert(id.clone(), value);
                    break;
                }
            }
        }
        a
    })
}

fn all() -> &'static [(String, Instrument)] {
    static ALL: OnceLock<Vec<(String, Instrument)>> = OnceLock::new();
    ALL.get_or_init(instruments)
}

/// An instrument, any answers and valid answers for it.
fn cases() -> impl Strategy<Value = (&'static Instrument, Answers, Answers)> {
    (0..all().len()).prop_flat_map(|w| {
        let inst = &all()[w].1;
        (Just(inst), any_answers(inst), valid_answers(inst))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn shipped_instruments_never_panic_and_stay_in_range((inst, any, valid) in cases()) {
        for form in inst.forms() {
            match inst.score(&form.id, &any) {
                Ok(s) => prop_assert!(s.scales.iter().all(|x| x.score().is_none_or(|v| v <= 100))),
                Err(ScoreError::Answers(p)) => prop_assert!(!p.is_empty()),
                Err(e) => prop_assert!(false, "{e}"),
            }
            let _ = inst.progress(&form.id, &any);
        }
        let s = inst.score("full", &valid).unwrap();
        for x in &s.scales {
            prop_assert!(x.answered <= x.items);
            if let Some(v) = x.score() {
                prop_assert!(v <= 100);
                prop_assert!(x.band().is_some_and(|b| !b.is_empty()));
            }
        }
        prop_assert_eq!(s.code.is_some(), inst.def().scoring.code_length > 0 && s.incomplete_scales().count() == 0);
        let p = inst.progress("full", &valid).unwrap();
        prop_assert_eq!(p.answered as usize, valid.len());
        prop_assert_eq!(p.scorable, s.incomplete_scales().count() == 0);
    }
}
