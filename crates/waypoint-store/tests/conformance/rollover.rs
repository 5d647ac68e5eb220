//! The school-year rollover's store side, and the list of import runs.

use crate::common::*;
use waypoint_domain::UserId;
use waypoint_store::rollover::{Graduation, NewSchoolYear, Promotion, RolloverChanges};

async fn open_enrollments(store: &waypoint_store::Store, id: UserId) -> Vec<(String, i64, Option<String>)> {
    store
        .student_overview(id)
        .await
        .unwrap()
        .unwrap()
        .enrollments
        .iter()
        .map(|e| (e.school_year.clone(), e.grade_level, e.exit_date.clone()))
        .collect()
}

#[tokio::test]
async fn a_rollover_applies_once_in_one_transaction() {
    let (store, _db) = fresh_store().await;
    let w = world(&store).await;
    let y = store
        .create_school_year(w.district_a.org_id, "2030-2031", "2030-08-15", "2031-06-10")
        .await
        .unwrap();
    store
        .set_current_school_year(w.district_a.org_id, y.school_year_id)
        .await
        .unwrap();
    let mid = student(&store, &w, &w.school_a2, "Ana", "Moves", "R-1", 8).await;
    let senior = student(&store, &w, &w.school_a1, "Ben", "Leaves", "R-2", 12).await;
    let other = student(&store, &w, &w.school_b1, "Cy", "Elsewhere", "R-3", 10).await;
    for (id, school, grade) in [(mid, &w.school_a2, 8), (senior, &w.school_a1, 12)] {
        store
            .add_enrollment(id, school.org_id, "2030-2031", grade, "2030-08-15", None)
            .await
            .unwrap();
    }
    // A mentor at the middle school only, and one with a role in the district.
    let near = staff(&store, "near", "Near", "Mentor").await;
    let wide = staff(&store, "wide", "Wide", "Mentor").await;
    let role = waypoint_domain::people::Role::Counselor;
    store.add_grant(near, w.school_a2.org_id, role, None).await.unwrap();
    store.add_grant(wide, w.district_a.org_id, role, None).await.unwrap();
    store.assign_mentor(near, &[mid]).await.unwrap();
    store.assign_mentor(wide, &[mid]).await.unwrap();

    let students = store.rollover_students(w.district_a.org_id, "2031-2032").await.unwrap();
    let names: Vec<&str> = students.iter().map(|s| s.given_name.as_str()).collect();
    assert_eq!(names, ["Ben", "Ana"], "the district's active students, by name");
    let grades = store.grades_by_school(w.district_a.org_id).await.unwrap();
    assert_eq!(grades[&w.school_a2.org_id], [8]);
    assert!(store.class_schools(&[mid]).await.unwrap().is_empty());

    let changes = RolloverChanges {
        district_id: w.district_a.org_id,
        create_year: Some(NewSchoolYear {
            name: "2031-2032".into(),
            starts_on: "2031-08-14".into(),
            ends_on: "2032-06-09".into(),
        }),
        to_year: "2031-2032".into(),
        to_starts_on: "2031-08-14".into(),
        close_on: "2031-06-10".into(),
        promotions: vec![Promotion {
            student_id: mid,
            from_grade: 8,
            to_grade: 9,
            from_school: w.school_a2.org_id,
            to_school: w.school_a1.org_id,
        }],
        graduations: vec![Graduation {
            student_id: senior,
            from_grade: 12,
            graduation_year: 2031,
        }],
    };
    let c = store.apply_rollover(&changes).await.unwrap();
    assert!(c.year_created && c.year_switched, "{c:?}");
    assert_eq!((c.promoted, c.moved, c.graduated), (0, 1, 1));
    let years = store.school_years(w.district_a.org_id).await.unwrap();
    let current: Vec<&str> = years.iter().filter(|y| y.is_current).map(|y| y.name.as_str()).collect();
    assert_eq!(current, ["2031-2032"]);
    let s = store.student(mid).await.unwrap().unwrap();
    assert_eq!((s.grade_level, s.school_id), (Some(9), Some(w.school_a1.org_id)));
    let mut e = open_enrollments(&store, mid).await;
    e.sort();
    assert_eq!(
        e,
        [
            ("2030-2031".to_string(), 8, Some("2031-06-10".to_string())),
            ("2031-2032".to_string(), 9, None)
        ]
    );
    let facts = store
        .student_facts(mid, time::macros::date!(2031 - 09 - 01))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(facts.mentors, [wide], "ties to the old school end; the district's stay");
    let s = store.student(senior).await.unwrap().unwrap();
    assert_eq!(
        (s.status.as_str(), s.grade_level, s.graduation_year, s.school_id),
        ("alumni", Some(13), Some(2031), Some(w.school_a1.org_id))
    );
    assert_eq!(
        open_enrollments(&store, senior).await,
        [("2030-2031".to_string(), 12, Some("2031-06-10".to_string()))]
    );
    assert_eq!(store.student(other).await.unwrap().unwrap().grade_level, Some(10));

    // The same changes again: nothing.
    let again = store.apply_rollover(&changes).await.unwrap();
    assert!(again.nothing(), "{again:?}");
    assert_eq!(open_enrollments(&store, mid).await.len(), 2);
    assert!(
        store
            .rollover_students(w.district_a.org_id, "2031-2032")
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn import_runs_are_listed_newest_first_and_abandoned_ones_end() {
    let (store, _db) = fresh_store().await;
    let w = world(&store).await;
    let d = w.district_a.org_id;
    let first = store
        .start_import_run(Some(d), "oneroster", "a.zip", None)
        .await
        .unwrap();
    store
        .finish_import_run(first, true, "{}", "{\"errors\":[]}")
        .await
        .unwrap();
    assert_eq!(store.running_import_run(d).await.unwrap(), None);
    let second = store
        .start_import_run(Some(d), "oneroster", "b.zip", None)
        .await
        .unwrap();
    store.import_progress(second, 40).await.unwrap();
    store
        .start_import_run(Some(w.district_b.org_id), "oneroster", "c.zip", None)
        .await
        .unwrap();
    assert_eq!(store.running_import_run(d).await.unwrap(), Some(second));
    let runs = store.import_runs(d, 10).await.unwrap();
    let files: Vec<&str> = runs.iter().map(|r| r.file_name.as_str()).collect();
    assert_eq!(files, ["b.zip", "a.zip"]);
    assert_eq!((runs[0].status.as_str(), runs[0].progress), ("running", 40));
    assert!(runs.iter().all(|r| r.report.is_empty()), "the list leaves reports out");
    assert_eq!(
        store.import_run(first).await.unwrap().unwrap().report,
        "{\"errors\":[]}"
    );
    let changes = store.cache_stats().changes;
    assert_eq!(store.abandon_import_runs(0, "{}").await.unwrap(), 0, "none that old");
    assert_eq!(
        store.cache_stats().changes,
        changes,
        "nothing marked, the read cache left alone"
    );
    assert_eq!(
        store
            .abandon_import_runs(i64::MAX, "{\"failure\":\"interrupted\"}")
            .await
            .unwrap(),
        2
    );
    assert!(
        store.cache_stats().changes > changes,
        "runs marked, the read cache told"
    );
    let run = store.import_run(second).await.unwrap().unwrap();
    assert_eq!((run.status.as_str(), run.progress), ("failed", 100));
    assert!(run.finished_at.is_some());
}
