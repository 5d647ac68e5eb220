//! The portable record in the store: a record received writes the student's
//! assessment attempts and saved careers in the same transaction as the rest
//! (all or nothing), leaves what the student has as it is, and reads back
//! the same on both backends.

use crate::common::*;
use std::collections::BTreeMap;
use waypoint_domain::assessment::{Attempt, Instrument};
use waypoint_domain::people::{AccountKind, StudentStatus};
use waypoint_domain::{AttemptId, UserId};
use waypoint_store::record::{RecordChanges, RecordNewStudent};
use waypoint_store::saved_careers::SavedCareer;
use waypoint_store::{Store, params};

fn interests() -> Instrument {
    Instrument::from_toml_str(include_str!("../../../../content/instruments/interests.toml")).unwrap()
}

/// An attempt at the interest inventory: `n` items answered with 4,
/// finished when `finish`.
fn attempt(i: &Instrument, student: UserId, n: usize, finish: bool, at: i64) -> Attempt {
    let form = i.form_for_grade(10).unwrap().id.clone();
    let mut a = Attempt::start(i, AttemptId::generate(), student, &form, 10, "es", at).unwrap();
    let changes: BTreeMap<String, Option<i32>> = i
        .items_of(i.form(&form).unwrap())
        .take(n)
        .map(|it| (it.id.clone(), Some(4)))
        .collect();
    a.record(i, &changes, at + 10).unwrap();
    if finish {
        a.finish(i, at + 20).unwrap();
    }
    a
}

fn career(code: &str, title: &str, note: &str, at: i64) -> SavedCareer {
    SavedCareer {
        onet_code: code.into(),
        title: title.into(),
        note: note.into(),
        saved_at: at,
        updated_at: at + 5,
    }
}

/// A new student at `school` from a record, with nothing else yet.
fn new_student(w: &World, id: UserId, ssid: &str) -> RecordChanges {
    let mut c = RecordChanges::new(id, "https://elsewhere.example.org".into());
    c.new_student = Some(RecordNewStudent {
        user: {
            let mut u = new_user(AccountKind::Student, &ssid.to_lowercase(), None, "Rosa", "Vega");
            u.user_id = id;
            u.password_hash = None;
            u
        },
        state_student_id: ssid.into(),
        birth_date: Some("2011-02-03".into()),
        grade_level: Some(10),
        school_id: w.school_a1.org_id,
        district_id: w.school_a1.district_id,
        state_id: w.state.org_id,
        status: StudentStatus::Active,
        graduation_year: Some(2029),
    });
    c
}

async fn sorted(store: &Store, id: UserId) -> (Vec<Attempt>, Vec<SavedCareer>) {
    let d = store.record_data(id).await.unwrap().unwrap();
    let mut a = d.attempts;
    a.sort_by_key(|a| a.id);
    let mut c = d.saved_careers;
    c.sort_by(|x, y| x.onet_code.cmp(&y.onet_code));
    (a, c)
}

#[tokio::test]
async fn a_record_brings_attempts_and_saved_careers_with_the_student() {
    let (store, _db) = fresh_store().await;
    let w = world(&store).await;
    let i = interests();
    let id = UserId::generate();
    let finished = attempt(&i, id, 48, true, 1_000);
    let open = attempt(&i, id, 6, false, 2_000);
    let mut elsewhere = attempt(&i, id, 48, true, 3_000);
    // An instrument this instance does not have: kept all the same.
    elsewhere.instrument_id = "district-pathways".into();
    let mut c = new_student(&w, id, "REC-1");
    c.attempts = vec![finished.clone(), open.clone(), elsewhere.clone()];
    c.saved_careers = vec![
        career("29-1141.00", "Registered Nurses", "Visit the clinic — ñ", 5_000),
        career("15-1252.00", "Software Developers", "", 6_000),
    ];
    store.apply_record(c).await.unwrap();

    let (attempts, careers) = sorted(&store, id).await;
    let mut want = vec![finished.clone(), open.clone(), elsewhere.clone()];
    want.sort_by_key(|a| a.id);
    assert_eq!(attempts, want, "as they were, scores and all");
    assert_eq!(store.attempt(id, finished.id).await.unwrap(), Some(finished.clone()));
    assert_eq!(
        careers,
        vec![
            career("15-1252.00", "Software Developers", "", 6_000),
            career("29-1141.00", "Registered Nurses", "Visit the clinic — ñ", 5_000),
        ]
    );
    assert_eq!(store.saved_careers(id).await.unwrap().len(), 2);

    // The record shows the current release's title when it has the code.
    store
        .db()
        .execute(
            "INSERT INTO onet_occupations (onet_code, soc_code, soc_broad_code, title, description)
             VALUES ($1, $2, $3, $4, $5)",
            params![
                "29-1141.00",
                "29-1141",
                "29-1140",
                "Registered Nurses (renamed)",
                "Care for patients."
            ],
        )
        .await
        .unwrap();
    let (_, careers) = sorted(&store, id).await;
    assert_eq!(careers[1].title, "Registered Nurses (renamed)");
    assert_eq!(careers[0].title, "Software Developers", "a code the release lacks");
}

#[tokio::test]
async fn merging_leaves_what_the_student_has_and_fills_only_empty_notes() {
    let (store, _db) = fresh_store().await;
    let w = world(&store).await;
    let ana = student(&store, &w, &w.school_a1, "Ana", "Ruiz", "REC-A", 10).await;
    let i = interests();
    let mine = attempt(&i, ana, 48, true, 1_000);
    store.create_attempt(&mine).await.unwrap();
    store
        .save_career(ana, "29-1141.00", "Registered Nurses", "My note", 2_000)
        .await
        .unwrap();
    store
        .save_career(ana, "15-1252.00", "Software Developers", "", 2_100)
        .await
        .unwrap();

    // The same attempt with other answers, and one new; the nurse career
    // with another note, the developer note to fill, one new career.
    let mut changed = mine.clone();
    changed.answers.insert("extra".into(), 1);
    let new = attempt(&i, ana, 48, true, 3_000);
    let mut c = RecordChanges::new(ana, "https://elsewhere.example.org".into());
    c.attempts = vec![changed, new.clone()];
    c.saved_careers = vec![
        career("29-1141.00", "Registered Nurses", "Their note", 500),
        career("47-2111.00", "Electricians", "Apprenticeship?", 600),
    ];
    c.career_notes = vec![
        ("15-1252.00".into(), "Filled from the record".into(), 9_000),
        ("29-1141.00".into(), "Never over a note".into(), 9_000),
    ];
    store.apply_record(c).await.unwrap();

    let (attempts, careers) = sorted(&store, ana).await;
    let mut want = vec![mine.clone(), new.clone()];
    want.sort_by_key(|a| a.id);
    assert_eq!(attempts, want, "the attempt here is left as it is");
    let notes: Vec<(&str, &str, i64)> = careers
        .iter()
        .map(|c| (c.onet_code.as_str(), c.note.as_str(), c.updated_at))
        .collect();
    assert_eq!(
        notes,
        [
            ("15-1252.00", "Filled from the record", 9_000),
            ("29-1141.00", "My note", 2_000),
            ("47-2111.00", "Apprenticeship?", 605),
        ]
    );
    assert_eq!(
        careers.iter().find(|c| c.onet_code == "29-1141.00").unwrap().saved_at,
        2_000,
        "first saved here"
    );
}

#[tokio::test]
async fn a_record_that_cannot_be_written_writes_nothing() {
    let (store, _db) = fresh_store().await;
    let w = world(&store).await;
    let before = account_rows(&store).await;
    let i = interests();
    let id = UserId::generate();
    // Two unfinished attempts at the same instrument version: the second
    // breaks a constraint after the account, placement and first attempt
    // were written.
    let mut c = new_student(&w, id, "REC-2");
    c.attempts = vec![attempt(&i, id, 6, false, 1_000), attempt(&i, id, 3, false, 2_000)];
    c.saved_careers = vec![career("29-1141.00", "Registered Nurses", "", 5_000)];
    assert!(store.apply_record(c).await.is_err());
    assert_eq!(account_rows(&store).await, before);
    assert_eq!(store.student_by_state_id("REC-2").await.unwrap(), None);
    for sql in [
        "SELECT COUNT(*) FROM assessment_attempts",
        "SELECT COUNT(*) FROM saved_careers",
        "SELECT COUNT(*) FROM demographics",
    ] {
        assert_eq!(count(&store, sql, vec![]).await, 0, "{sql}");
    }
}
