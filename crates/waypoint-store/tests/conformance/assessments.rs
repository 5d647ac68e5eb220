//! Assessment attempts: kept per student, saved page by page, finished with
//! their scores, read back the same on both backends.

use crate::common::*;
use std::collections::BTreeMap;
use waypoint_domain::assessment::{Attempt, Instrument};
use waypoint_domain::{AttemptId, UserId};
use waypoint_store::{Store, StoreError};

fn interests() -> Instrument {
    Instrument::from_toml_str(include_str!("../../../../content/instruments/interests.toml")).unwrap()
}

fn work_values() -> Instrument {
    Instrument::from_toml_str(include_str!("../../../../content/instruments/work-values.toml")).unwrap()
}

fn start(i: &Instrument, student: UserId, grade: i64, at: i64) -> Attempt {
    let form = i.form_for_grade(grade).unwrap().id.clone();
    Attempt::start(i, AttemptId::generate(), student, &form, grade, "es", at).unwrap()
}

/// Answers the first `n` items of the attempt's form with `value`.
fn answer(i: &Instrument, a: &mut Attempt, n: usize, value: i32, at: i64) {
    let form = i.form(&a.form_id).unwrap();
    let changes: BTreeMap<String, Option<i32>> = i
        .items_of(form)
        .take(n)
        .map(|it| (it.id.clone(), Some(value)))
        .collect();
    a.record(i, &changes, at).unwrap();
}

async fn two_students(store: &Store) -> (UserId, UserId) {
    let w = world(store).await;
    let a = student(store, &w, &w.school_a1, "Ana", "Ruiz", "EX-A1", 10).await;
    let b = student(store, &w, &w.school_b1, "Ben", "Cole", "EX-B1", 11).await;
    (a, b)
}

#[tokio::test]
async fn an_attempt_is_kept_saved_and_finished() {
    let (store, _db) = fresh_store().await;
    let (ana, ben) = two_students(&store).await;
    let i = interests();
    let mut a = start(&i, ana, 10, 1_000);
    store.create_attempt(&a).await.unwrap();
    assert_eq!(store.attempt(ana, a.id).await.unwrap(), Some(a.clone()));
    // Another student's key does not reach it.
    assert_eq!(store.attempt(ben, a.id).await.unwrap(), None);
    assert!(store.attempts(ben).await.unwrap().is_empty());

    // A page of answers.
    let read = a.updated_at_ms;
    answer(&i, &mut a, 6, 4, 2_000);
    store.save_attempt(&a, read).await.unwrap();
    let back = store.attempt(ana, a.id).await.unwrap().unwrap();
    assert_eq!(back, a);
    assert_eq!(back.answers.len(), 6);
    assert_eq!(back.completed_at_ms, None);
    assert!(store.latest_finished_attempts(ana).await.unwrap().is_empty());

    // Everything, then the finish with its scores.
    let read = a.updated_at_ms;
    answer(&i, &mut a, 48, 5, 3_000);
    a.finish(&i, 3_001).unwrap();
    store.save_attempt(&a, read).await.unwrap();
    let back = store.attempt(ana, a.id).await.unwrap().unwrap();
    assert_eq!(back, a);
    assert_eq!(back.completed_at_ms, Some(3_001));
    let scores = back.scores.as_ref().unwrap();
    assert!(scores.complete);
    assert_eq!(scores.code.as_ref().unwrap().text, "R/I/A/S/E/C");
    assert_eq!(back.language, "es");
    assert_eq!(back.grade, 10);

    // A finished attempt does not change again.
    let mut late = back.clone();
    late.updated_at_ms = 4_000;
    match store.save_attempt(&late, back.updated_at_ms).await {
        Err(StoreError::Conflict { .. }) => {}
        other => panic!("expected a conflict, got {other:?}"),
    }
}

#[tokio::test]
async fn a_stale_save_loses_and_changes_nothing() {
    let (store, _db) = fresh_store().await;
    let (ana, _) = two_students(&store).await;
    let i = interests();
    let a = start(&i, ana, 10, 1_000);
    store.create_attempt(&a).await.unwrap();
    // Two pages saved from the same starting point (two tabs): the first
    // wins, the second is told to read again.
    let mut first = a.clone();
    answer(&i, &mut first, 6, 2, 2_000);
    let mut second = a.clone();
    answer(&i, &mut second, 12, 3, 2_000);
    store.save_attempt(&first, a.updated_at_ms).await.unwrap();
    match store.save_attempt(&second, a.updated_at_ms).await {
        Err(StoreError::Conflict { .. }) => {}
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert_eq!(store.attempt(ana, a.id).await.unwrap().unwrap(), first);
    // The time must move on.
    assert!(store.save_attempt(&first, first.updated_at_ms).await.is_err());
    // Unknown attempt.
    let mut ghost = a.clone();
    ghost.id = AttemptId::generate();
    ghost.updated_at_ms = 9_000;
    match store.save_attempt(&ghost, a.updated_at_ms).await {
        Err(StoreError::NotFound) => {}
        other => panic!("expected not found, got {other:?}"),
    }
}

#[tokio::test]
async fn one_unfinished_attempt_per_instrument_version_and_retakes_are_kept() {
    let (store, _db) = fresh_store().await;
    let (ana, ben) = two_students(&store).await;
    let i = interests();
    let first = start(&i, ana, 10, 1_000);
    store.create_attempt(&first).await.unwrap();
    // A second unfinished attempt at the same version is refused.
    let twin = start(&i, ana, 10, 1_500);
    match store.create_attempt(&twin).await {
        Err(StoreError::Conflict { .. }) => {}
        other => panic!("expected a conflict, got {other:?}"),
    }
    // Another student, or another instrument, is not affected.
    store.create_attempt(&start(&i, ben, 11, 1_500)).await.unwrap();
    let wv = work_values();
    let values = start(&wv, ana, 10, 1_600);
    store.create_attempt(&values).await.unwrap();

    // Finish the first; a retake is then a new attempt, and both stay.
    let mut done = first.clone();
    answer(&i, &mut done, 48, 3, 2_000);
    done.finish(&i, 2_001).unwrap();
    store.save_attempt(&done, first.updated_at_ms).await.unwrap();
    let retake = start(&i, ana, 11, 5_000);
    store.create_attempt(&retake).await.unwrap();

    let all = store.attempts(ana).await.unwrap();
    let ids: Vec<AttemptId> = all.iter().map(|a| a.id).collect();
    assert_eq!(ids, vec![retake.id, values.id, first.id], "newest first");
    assert_eq!(all[0].grade, 11);
    assert_eq!(all[2].grade, 10);

    // A new version of the instrument may start beside an unfinished old one.
    let mut v2 = retake.clone();
    v2.id = AttemptId::generate();
    v2.instrument_version = "2.0".into();
    store.create_attempt(&v2).await.unwrap();
}

#[tokio::test]
async fn latest_finished_attempt_per_instrument_follows_writes() {
    let (store, _db) = fresh_store().await;
    let (ana, ben) = two_students(&store).await;
    let i = interests();
    let wv = work_values();
    assert!(store.latest_finished_attempts(ana).await.unwrap().is_empty());
    assert_eq!(
        store.latest_finished_attempt(ana, "waypoint-interests").await.unwrap(),
        None
    );

    let mut old = start(&i, ana, 9, 1_000);
    store.create_attempt(&old).await.unwrap();
    let read = old.updated_at_ms;
    answer(&i, &mut old, 48, 2, 1_100);
    old.finish(&i, 1_200).unwrap();
    store.save_attempt(&old, read).await.unwrap();
    // Read (and cache) now; the next finish must be seen at once.
    let latest = store
        .latest_finished_attempt(ana, "waypoint-interests")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(latest.id, old.id);

    let mut new = start(&i, ana, 10, 2_000);
    store.create_attempt(&new).await.unwrap();
    // Unfinished: the old result is still the latest.
    assert_eq!(
        store
            .latest_finished_attempt(ana, "waypoint-interests")
            .await
            .unwrap()
            .unwrap()
            .id,
        old.id
    );
    let read = new.updated_at_ms;
    answer(&i, &mut new, 48, 4, 2_100);
    new.finish(&i, 2_200).unwrap();
    store.save_attempt(&new, read).await.unwrap();

    let mut values = start(&wv, ana, 10, 3_000);
    store.create_attempt(&values).await.unwrap();
    let read = values.updated_at_ms;
    // A sort: 4, 5, 6, 5, 4 cards in the five piles.
    let form = wv.form(&values.form_id).unwrap();
    let piles = [1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 5, 5, 5, 5];
    let changes = wv
        .items_of(form)
        .zip(piles)
        .map(|(it, p)| (it.id.clone(), Some(p)))
        .collect();
    values.record(&wv, &changes, 3_100).unwrap();
    values.finish(&wv, 3_200).unwrap();
    store.save_attempt(&values, read).await.unwrap();

    let latest = store.latest_finished_attempts(ana).await.unwrap();
    let got: Vec<(&str, AttemptId)> = latest.iter().map(|a| (a.instrument_id.as_str(), a.id)).collect();
    assert_eq!(
        got,
        vec![("waypoint-work-values", values.id), ("waypoint-interests", new.id)]
    );
    assert_eq!(latest[1], new);
    assert_eq!(latest[0], values, "mean scores survive the JSON round trip");
    assert!(store.latest_finished_attempts(ben).await.unwrap().is_empty());
}

#[tokio::test]
async fn an_attempt_belongs_to_an_existing_student() {
    let (store, _db) = fresh_store().await;
    two_students(&store).await;
    let a = start(&interests(), UserId::generate(), 10, 1_000);
    match store.create_attempt(&a).await {
        Err(StoreError::Conflict { .. }) => {}
        other => panic!("expected a conflict, got {other:?}"),
    }
}
