//! A school's interest and saved-careers counts: aggregates over the
//! school's current students, the same on both backends.

use crate::careers::{bls_info, entry, release};
use crate::common::*;
use waypoint_domain::assessment::{Attempt, Code, CodeGroup, Instrument, Scores};
use waypoint_domain::suppress::{Cell, suppress};
use waypoint_domain::{AttemptId, UserId};
use waypoint_store::Store;
use waypoint_store::reports::InterestCounts;

fn interests() -> Instrument {
    Instrument::from_toml_str(include_str!("../../../../content/instruments/interests.toml")).unwrap()
}

fn work_values() -> Instrument {
    Instrument::from_toml_str(include_str!("../../../../content/instruments/work-values.toml")).unwrap()
}

/// Keeps an attempt at `i`, finished at `finished` (unless `None`) with a
/// code whose first group holds `top` (no code when `top` is empty).
async fn attempt(store: &Store, i: &Instrument, student: UserId, top: &[&str], finished: Option<i64>) {
    let form = i.form_for_grade(10).unwrap().id.clone();
    let mut a = Attempt::start(i, AttemptId::generate(), student, &form, 10, "en", 1_000).unwrap();
    if let Some(at) = finished {
        a.completed_at_ms = Some(at);
        a.updated_at_ms = at;
        a.scores = Some(Scores {
            instrument_id: i.id().to_string(),
            instrument_version: i.version().to_string(),
            form_id: form,
            complete: true,
            scales: Vec::new(),
            code: (!top.is_empty()).then(|| Code {
                text: top.join("/"),
                groups: vec![CodeGroup {
                    scales: top.iter().map(|l| l.to_lowercase()).collect(),
                    letters: top.iter().map(|l| l.to_string()).collect(),
                    score: 80,
                    places: top.len().min(3) as u8,
                }],
            }),
        });
    }
    store.create_attempt(&a).await.unwrap();
}

/// The counts in a fixed order, to compare.
fn sorted(mut c: InterestCounts) -> InterestCounts {
    c.top_places.sort();
    c.careers.sort();
    c.clusters.sort();
    c
}

fn places(v: &[(&[&str], u64)]) -> Vec<(Vec<String>, u64)> {
    let mut out: Vec<(Vec<String>, u64)> = v
        .iter()
        .map(|(l, n)| (l.iter().map(|s| s.to_string()).collect(), *n))
        .collect();
    out.sort();
    out
}

#[tokio::test]
async fn a_school_is_counted_by_top_interest_and_saved_career() {
    let (store, _db) = fresh_store().await;
    let w = world(&store).await;
    let i = interests();
    let id = i.id().to_string();
    store.replace_onet(release("29.3")).await.unwrap();
    store
        .replace_career_clusters(
            "advance-cte",
            bls_info("2025"),
            vec![
                entry("Healthcare & Human Services", "Patient Care", "29-1141.00"),
                // By SOC code: counts for 15-1252.00.
                entry("Digital Technology", "Software Development", "15-1252"),
            ],
        )
        .await
        .unwrap();

    // Grade 10 at Alder High: twelve students.
    let mut g10 = Vec::new();
    for k in 0..12 {
        g10.push(
            student(
                &store,
                &w,
                &w.school_a1,
                "Ten",
                &format!("G10-{k:02}"),
                &format!("G10-{k}"),
                10,
            )
            .await,
        );
    }
    for (k, s) in g10.iter().enumerate().take(10) {
        attempt(&store, &i, *s, &["S"], Some(5_000)).await;
        store
            .save_career(*s, "29-1141.00", "Registered Nurses", "", 1_000)
            .await
            .unwrap();
        if k < 3 {
            store
                .save_career(*s, "15-1252.00", "Software Developers", "", 1_000)
                .await
                .unwrap();
        }
    }
    // An older result is replaced by the latest; an unfinished retake and
    // another instrument do not count.
    attempt(&store, &i, g10[0], &["R"], Some(4_000)).await;
    attempt(&store, &i, g10[1], &[], None).await;
    attempt(&store, &work_values(), g10[2], &["X"], Some(9_000)).await;
    // Tied at the top.
    attempt(&store, &i, g10[10], &["A", "S"], Some(5_000)).await;
    // g10[11] never took it.

    // Grade 11: nine students, a group too small to show.
    let mut g11 = Vec::new();
    for k in 0..9 {
        g11.push(
            student(
                &store,
                &w,
                &w.school_a1,
                "Eleven",
                &format!("G11-{k:02}"),
                &format!("G11-{k}"),
                11,
            )
            .await,
        );
    }
    for s in &g11[..8] {
        attempt(&store, &i, *s, &["I"], Some(6_000)).await;
    }
    attempt(&store, &i, g11[8], &[], Some(6_000)).await;
    for s in &g11[..2] {
        store
            .save_career(*s, "15-1252.00", "Software Developers", "", 1_000)
            .await
            .unwrap();
    }

    // Not Alder High's current students: an alumnus, a student elsewhere.
    let alum = student(&store, &w, &w.school_a1, "Old", "Alum", "ALUM-1", 12).await;
    attempt(&store, &i, alum, &["S"], Some(5_000)).await;
    store
        .save_career(alum, "29-1141.00", "Nurses", "", 1_000)
        .await
        .unwrap();
    store
        .db()
        .execute(
            "UPDATE students SET status = 'alumni', grade_level = 13 WHERE student_id = $1",
            waypoint_store::params![alum],
        )
        .await
        .unwrap();
    let elsewhere = student(&store, &w, &w.school_b1, "Birch", "Student", "B-1", 10).await;
    attempt(&store, &i, elsewhere, &["S"], Some(5_000)).await;
    store
        .save_career(elsewhere, "29-1141.00", "Nurses", "", 1_000)
        .await
        .unwrap();

    let all = sorted(
        store
            .school_interest_counts(w.school_a1.org_id, None, &id)
            .await
            .unwrap(),
    );
    assert_eq!(all.enrolled, 21);
    assert_eq!(
        all.top_places,
        places(&[(&["S"], 10), (&["A", "S"], 1), (&["I"], 8), (&[], 1)])
    );
    assert_eq!(all.saved_any, 12);
    assert_eq!(
        all.careers,
        [
            ("15-1252.00".to_string(), "Software Developers".to_string(), 5),
            ("29-1141.00".to_string(), "Registered Nurses".to_string(), 10),
        ]
    );
    assert_eq!(
        all.clusters,
        [
            ("advance-cte".to_string(), "Digital Technology".to_string(), 5),
            ("advance-cte".to_string(), "Healthcare & Human Services".to_string(), 10),
        ]
    );

    // One grade.
    let ten = sorted(
        store
            .school_interest_counts(w.school_a1.org_id, Some(10), &id)
            .await
            .unwrap(),
    );
    assert_eq!(ten.enrolled, 12);
    assert_eq!(ten.top_places, places(&[(&["S"], 10), (&["A", "S"], 1)]));
    assert_eq!(ten.saved_any, 10);
    assert_eq!(ten.careers.iter().map(|c| c.2).collect::<Vec<_>>(), [3, 10]);
    assert_eq!(ten.clusters.iter().map(|c| c.2).collect::<Vec<_>>(), [3, 10]);
    let eleven = sorted(
        store
            .school_interest_counts(w.school_a1.org_id, Some(11), &id)
            .await
            .unwrap(),
    );
    assert_eq!(eleven.enrolled, 9);
    assert_eq!(eleven.top_places, places(&[(&["I"], 8), (&[], 1)]));
    assert_eq!(eleven.saved_any, 2);

    // What may be shown: grade 11's nine students, nothing; grade 10's ten
    // "Social" students, their count, and the one tied and the one who did
    // not finish as fewer than 10.
    assert_eq!(suppress(&[8, 1], eleven.enrolled, true), None);
    let cells = suppress(&[10, 1, 1], ten.enrolled, true).unwrap();
    assert_eq!(cells, [Cell::Shown(10), Cell::Suppressed, Cell::Suppressed]);

    // Another school, an empty grade, an unknown school, another instrument.
    let birch = store
        .school_interest_counts(w.school_b1.org_id, None, &id)
        .await
        .unwrap();
    assert_eq!((birch.enrolled, birch.saved_any), (1, 1));
    assert_eq!(birch.top_places, places(&[(&["S"], 1)]));
    let empty = store
        .school_interest_counts(w.school_a1.org_id, Some(9), &id)
        .await
        .unwrap();
    assert_eq!(empty, InterestCounts::default());
    let unknown = store.school_interest_counts(missing_org(), None, &id).await.unwrap();
    assert_eq!(unknown, InterestCounts::default());
    let values = store
        .school_interest_counts(w.school_a1.org_id, None, work_values().id())
        .await
        .unwrap();
    assert_eq!(values.top_places, places(&[(&["X"], 1)]));
}
