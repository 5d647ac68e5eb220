//! Students: records, facts for the policy, the home-page overview,
//! enrolments, demographics, guardians and student lists.

use crate::common::*;
use time::macros::date;
use waypoint_domain::UserId;
use waypoint_domain::people::{AccountKind, Demographics, StudentStatus};
use waypoint_store::params;
use waypoint_store::students::{PersonRef, StudentRecord, StudentScope, age_on, parse_date, sort_name};

#[tokio::test]
async fn create_student_and_read_it_back() {
    let (store, _db) = fresh_store().await;
    let w = world(&store).await;
    let s = new_student(
        &w.state,
        Some(&w.school_a1),
        "Jordan",
        "Rivera",
        "EX-1001",
        Some(11),
        Some("2008-03-04"),
    );
    store.create_student(&s).await.unwrap();

    let rec = store.student(s.user.user_id).await.unwrap().expect("student");
    assert_eq!(
        rec,
        StudentRecord {
            user: store.user(s.user.user_id).await.unwrap().unwrap(),
            state_student_id: "EX-1001".into(),
            birth_date: Some("2008-03-04".into()),
            grade_level: Some(11),
            school_id: Some(w.school_a1.org_id),
            school_name: Some("Alder High".into()),
            district_id: Some(w.district_a.org_id),
            district_name: Some("Alder District".into()),
            state_id: w.state.org_id,
            status: StudentStatus::Active,
            graduation_year: Some(2026),
        }
    );
    assert_eq!(rec.user.kind, AccountKind::Student);
    assert_eq!(rec.user.username, "ex-1001");
    assert_eq!(rec.user.given_name, "Jordan");

    // A student at no school.
    let lone = new_student(&w.state, None, "Lone", "Wolf", "EX-1002", None, None);
    store.create_student(&lone).await.unwrap();
    let rec = store.student(lone.user.user_id).await.unwrap().unwrap();
    assert_eq!(
        (rec.school_id, rec.school_name, rec.district_id, rec.district_name),
        (None, None, None, None)
    );
    assert_eq!(
        (rec.grade_level, rec.birth_date, rec.graduation_year),
        (None, None, None)
    );

    assert_eq!(
        store.student_by_state_id("EX-1001").await.unwrap(),
        Some(s.user.user_id)
    );
    assert_eq!(
        store.student_by_state_id("EX-1002").await.unwrap(),
        Some(lone.user.user_id)
    );
    assert_eq!(store.student_by_state_id("ex-1001").await.unwrap(), None, "exact match");
    assert_eq!(store.student_by_state_id("EX-100").await.unwrap(), None);
    assert_eq!(store.student(UserId::generate()).await.unwrap(), None);

    // A plain account is not a student.
    let staff_id = staff(&store, "teacher", "Tea", "Cher").await;
    assert_eq!(store.student(staff_id).await.unwrap(), None);
    assert!(
        store
            .student_facts(staff_id, date!(2025 - 01 - 01))
            .await
            .unwrap()
            .is_none()
    );
    assert!(store.student_overview(staff_id).await.unwrap().is_none());
}

#[tokio::test]
async fn create_student_is_all_or_nothing() {
    let (store, _db) = fresh_store().await;
    let w = world(&store).await;
    let first = new_student(&w.state, Some(&w.school_a1), "Ada", "One", "EX-1", Some(9), None);
    store.create_student(&first).await.unwrap();
    assert_eq!(account_rows(&store).await, (1, 1, 0, 1));

    // Taken state student id: no account is left behind either.
    let mut dup_ssid = new_student(&w.state, Some(&w.school_a1), "Bea", "Two", "EX-1", Some(9), None);
    dup_ssid.user.username = "bea.two".into();
    dup_ssid.user.email = Some("bea@example.org".into());
    assert_conflict(store.create_student(&dup_ssid).await);
    assert_eq!(store.user(dup_ssid.user.user_id).await.unwrap(), None);
    assert!(store.login_lookup("bea.two").await.unwrap().is_none());
    assert_eq!(store.user_by_email("bea@example.org").await.unwrap(), None);

    // Taken username: no student record is left behind.
    let mut dup_name = new_student(&w.state, Some(&w.school_a1), "Cy", "Three", "EX-3", Some(9), None);
    dup_name.user.username = "ex-1".into();
    assert_conflict(store.create_student(&dup_name).await);
    assert_eq!(store.student_by_state_id("EX-3").await.unwrap(), None);
    assert_eq!(
        store.demographics(dup_name.user.user_id).await.unwrap(),
        Demographics::default()
    );

    assert_eq!(account_rows(&store).await, (1, 1, 0, 1));
    assert_eq!(count(&store, "SELECT COUNT(*) FROM demographics", vec![]).await, 1);

    // An unknown school is refused.
    let mut bad_school = new_student(&w.state, Some(&w.school_a1), "Di", "Four", "EX-4", Some(9), None);
    bad_school.school_id = Some(missing_org());
    assert_conflict(store.create_student(&bad_school).await);
    assert_eq!(account_rows(&store).await, (1, 1, 0, 1));
}

#[tokio::test]
async fn student_facts_collects_what_the_policy_needs() {
    let (store, _db) = fresh_store().await;
    let w = world(&store).await;
    let s = new_student(
        &w.state,
        Some(&w.school_a1),
        "Jordan",
        "Rivera",
        "EX-1",
        Some(12),
        Some("2007-06-15"),
    );
    store.create_student(&s).await.unwrap();
    let sid = s.user.user_id;
    let other = student(&store, &w, &w.school_a1, "Other", "Kid", "EX-2", 12).await;

    let mom = guardian(&store, "mom", "mom@example.org", "Rosa", "Rivera").await;
    let dad = guardian(&store, "dad", "dad@example.org", "Luis", "Rivera").await;
    let mentor = staff(&store, "mentor", "Mo", "Mentor").await;
    let leader = staff(&store, "leader", "Lea", "Leader").await;
    let both = staff(&store, "both", "Bo", "Both").await;
    let coach = staff(&store, "coach", "Co", "Coach").await;

    // Nothing linked yet.
    let f = store.student_facts(sid, date!(2025 - 01 - 01)).await.unwrap().unwrap();
    assert_eq!(f.student_id, sid);
    assert_eq!(f.school, Some(w.school_a1.place()));
    assert_eq!(f.state_id, w.state.org_id);
    assert_eq!(f.status, StudentStatus::Active);
    assert!(f.guardians.is_empty() && f.mentors.is_empty() && f.granted_staff.is_empty());

    store.link_guardian(sid, mom, "mother").await.unwrap();
    store.link_guardian(sid, dad, "father").await.unwrap();
    store.link_guardian(other, dad, "father").await.unwrap();
    assert_eq!(store.assign_mentor(mentor, &[sid]).await.unwrap(), 1);
    assert_eq!(store.assign_mentor(both, &[sid]).await.unwrap(), 1);
    let g1 = store
        .create_group(w.school_a1.org_id, leader, "Advisory 1")
        .await
        .unwrap();
    let g2 = store
        .create_group(w.school_a1.org_id, both, "Advisory 2")
        .await
        .unwrap();
    store.add_group_members(g1, &[sid]).await.unwrap();
    store.add_group_members(g2, &[sid]).await.unwrap();
    store.assign_mentor(coach, &[other]).await.unwrap();
    store
        .db()
        .execute(
            "INSERT INTO alumni_grants (student_id, staff_id, granted_at) VALUES ($1, $2, $3)",
            params![sid, coach, waypoint_store::now_ms()],
        )
        .await
        .unwrap();
    store
        .db()
        .execute(
            "UPDATE students SET status = 'alumni' WHERE student_id = $1",
            params![sid],
        )
        .await
        .unwrap();

    let f = store.student_facts(sid, date!(2025 - 06 - 14)).await.unwrap().unwrap();
    let sorted = |mut v: Vec<UserId>| {
        v.sort();
        v
    };
    let mut want = vec![mom, dad];
    want.sort();
    assert_eq!(sorted(f.guardians.clone()), want);
    let mut want = vec![mentor, leader, both];
    want.sort();
    assert_eq!(
        sorted(f.mentors.clone()),
        want,
        "assigned mentors and group leaders, each once"
    );
    assert_eq!(f.granted_staff, [coach]);
    assert_eq!(f.status, StudentStatus::Alumni);
    assert!(!f.is_adult, "the day before the 18th birthday");
    let f = store.student_facts(sid, date!(2025 - 06 - 15)).await.unwrap().unwrap();
    assert!(f.is_adult, "on the 18th birthday");
    let f = store.student_facts(sid, date!(2030 - 01 - 01)).await.unwrap().unwrap();
    assert!(f.is_adult);

    // The other student's links stay theirs.
    let f = store
        .student_facts(other, date!(2025 - 06 - 15))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(f.guardians, [dad]);
    assert_eq!(f.mentors, [coach]);
    assert!(f.granted_staff.is_empty());
    assert!(!f.is_adult, "no birth date: not known to be an adult");

    // No school: no place.
    let lone = new_student(&w.state, None, "Lone", "Wolf", "EX-3", None, Some("2000-01-01"));
    store.create_student(&lone).await.unwrap();
    let f = store
        .student_facts(lone.user.user_id, date!(2025 - 01 - 01))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(f.school, None);
    assert_eq!(f.state_id, w.state.org_id);
    assert!(f.is_adult);

    assert!(
        store
            .student_facts(UserId::generate(), date!(2025 - 01 - 01))
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn age_and_date_helpers() {
    assert_eq!(parse_date("2008-02-29"), Some(date!(2008 - 02 - 29)));
    assert_eq!(parse_date("2008-02-30"), None);
    assert_eq!(parse_date("not a date"), None);
    assert_eq!(age_on(date!(2007 - 06 - 15), date!(2025 - 06 - 14)), 17);
    assert_eq!(age_on(date!(2007 - 06 - 15), date!(2025 - 06 - 15)), 18);
    assert_eq!(age_on(date!(2008 - 02 - 29), date!(2026 - 02 - 28)), 17);
    assert_eq!(age_on(date!(2008 - 02 - 29), date!(2026 - 03 - 01)), 18);
    assert_eq!(sort_name("Ana", "De la Cruz"), "de la cruz, ana");
}

#[tokio::test]
async fn student_overview_reads_everything_in_one_batch() {
    let (store, _db) = fresh_store().await;
    let w = world(&store).await;
    let sid = student(&store, &w, &w.school_a1, "Jordan", "Rivera", "EX-1", 10).await;
    let other = student(&store, &w, &w.school_a1, "Other", "Kid", "EX-2", 10).await;

    let empty = store.student_overview(sid).await.unwrap().unwrap();
    assert_eq!(empty.student, store.student(sid).await.unwrap().unwrap());
    assert!(empty.mentors.is_empty() && empty.guardians.is_empty() && empty.enrollments.is_empty());

    let mom = guardian(&store, "mom", "mom@example.org", "Rosa", "Rivera").await;
    let aunt = guardian(&store, "aunt", "aunt@example.org", "Ana", "Alvarez").await;
    store.link_guardian(sid, mom, "guardian").await.unwrap();
    store.link_guardian(sid, mom, "mother").await.unwrap(); // relinking updates the relationship
    store.link_guardian(sid, aunt, "aunt").await.unwrap();

    let zed = staff(&store, "zed", "Zed", "Zimmer").await;
    let amy = staff(&store, "amy", "Amy", "Abbott").await;
    let bea = staff(&store, "bea", "Bea", "Abbott").await;
    store.assign_mentor(zed, &[sid]).await.unwrap();
    store.assign_mentor(bea, &[sid, other]).await.unwrap();
    let g = store.create_group(w.school_a1.org_id, amy, "Advisory").await.unwrap();
    let g_bea = store
        .create_group(w.school_a1.org_id, bea, "Bea's group")
        .await
        .unwrap();
    store.add_group_members(g, &[sid]).await.unwrap();
    store.add_group_members(g_bea, &[sid]).await.unwrap(); // mentor and leader: listed once

    store
        .add_enrollment(sid, w.school_a2.org_id, "2021-22", 7, "2021-08-16", Some("2022-06-10"))
        .await
        .unwrap();
    let current = store
        .add_enrollment(sid, w.school_a1.org_id, "2023-24", 9, "2023-08-14", None)
        .await
        .unwrap();
    store
        .add_enrollment(sid, w.school_a2.org_id, "2022-23", 8, "2022-08-15", Some("2023-06-09"))
        .await
        .unwrap();
    store
        .add_enrollment(other, w.school_b1.org_id, "2023-24", 9, "2023-08-14", None)
        .await
        .unwrap();

    let o = store.student_overview(sid).await.unwrap().unwrap();
    assert_eq!(o.student.user.user_id, sid);
    let names = |v: &[PersonRef]| {
        v.iter()
            .map(|p| format!("{} {}", p.given_name, p.family_name))
            .collect::<Vec<_>>()
    };
    assert_eq!(names(&o.mentors), ["Amy Abbott", "Bea Abbott", "Zed Zimmer"]);
    assert!(o.mentors.iter().all(|m| m.relationship.is_empty() && m.email.is_none()));
    assert_eq!(names(&o.guardians), ["Ana Alvarez", "Rosa Rivera"]);
    assert_eq!(
        o.guardians[1],
        PersonRef {
            user_id: mom,
            given_name: "Rosa".into(),
            family_name: "Rivera".into(),
            email: Some("mom@example.org".into()),
            relationship: "mother".into(),
        }
    );
    assert_eq!(o.guardians[0].relationship, "aunt");

    let years: Vec<&str> = o.enrollments.iter().map(|e| e.school_year.as_str()).collect();
    assert_eq!(years, ["2023-24", "2022-23", "2021-22"], "newest entry first");
    let e = &o.enrollments[0];
    assert_eq!(e.enrollment_id, current);
    assert_eq!(e.school_id, w.school_a1.org_id);
    assert_eq!(e.school_name, "Alder High");
    assert_eq!(
        (e.grade_level, e.entry_date.as_str(), e.exit_date.as_deref()),
        (9, "2023-08-14", None)
    );
    assert_eq!(o.enrollments[1].exit_date.as_deref(), Some("2023-06-09"));
    assert_eq!(o.enrollments[1].school_name, "Alder Middle");

    let o = store.student_overview(other).await.unwrap().unwrap();
    assert_eq!(names(&o.mentors), ["Bea Abbott"]);
    assert!(o.guardians.is_empty());
    assert_eq!(o.enrollments.len(), 1);

    assert!(store.student_overview(UserId::generate()).await.unwrap().is_none());
    // Enrolments and guardians refer to real students.
    assert_conflict(
        store
            .add_enrollment(UserId::generate(), w.school_a1.org_id, "2023-24", 9, "2023-08-14", None)
            .await,
    );
    assert_conflict(store.link_guardian(UserId::generate(), mom, "mother").await);
}

#[tokio::test]
async fn demographics_default_and_upsert() {
    let (store, _db) = fresh_store().await;
    let w = world(&store).await;
    let sid = student(&store, &w, &w.school_a1, "Jordan", "Rivera", "EX-1", 10).await;
    let other = student(&store, &w, &w.school_a1, "Other", "Kid", "EX-2", 10).await;
    assert_eq!(store.demographics(sid).await.unwrap(), Demographics::default());
    assert_eq!(
        store.demographics(UserId::generate()).await.unwrap(),
        Demographics::default()
    );

    let d = Demographics {
        race_ethnicity: Some("hispanic_latino,white".into()),
        gender: Some("f".into()),
        low_income: true,
        english_learner: true,
        disability_iep: false,
        section_504: true,
        homeless: false,
        foster: true,
        military_connected: true,
    };
    store.set_demographics(sid, &d).await.unwrap();
    assert_eq!(store.demographics(sid).await.unwrap(), d);
    assert_eq!(store.demographics(other).await.unwrap(), Demographics::default());

    let d2 = Demographics {
        race_ethnicity: None,
        gender: Some("x".into()),
        low_income: false,
        english_learner: false,
        disability_iep: true,
        section_504: false,
        homeless: true,
        foster: false,
        military_connected: false,
    };
    store.set_demographics(sid, &d2).await.unwrap();
    assert_eq!(store.demographics(sid).await.unwrap(), d2);
    assert_eq!(
        count(
            &store,
            "SELECT COUNT(*) FROM demographics WHERE student_id = $1",
            params![sid]
        )
        .await,
        1
    );
}

/// Students used by the list tests.
struct Class {
    w: World,
    /// At Alder High: Adams, Baker, Smith, Smithers (grade 9/10).
    a1: Vec<UserId>,
    /// At Alder Middle: Asmith.
    a2: UserId,
    /// At Birch High: Zhang.
    b1: UserId,
}

async fn class(store: &waypoint_store::Store) -> Class {
    let w = world(store).await;
    let adams = student(store, &w, &w.school_a1, "Zoe", "Adams", "EX-101", 9).await;
    let baker = student(store, &w, &w.school_a1, "Jo", "Baker", "EX-102", 10).await;
    let smith = student(store, &w, &w.school_a1, "Anna", "Smith", "EX-103", 9).await;
    let smithers = student(store, &w, &w.school_a1, "Joan", "Smithers", "EX-104", 10).await;
    let a2 = student(store, &w, &w.school_a2, "Ben", "Asmith", "EX-201", 7).await;
    let b1 = student(store, &w, &w.school_b1, "Wei", "Zhang", "EX-301", 9).await;
    Class {
        w,
        a1: vec![adams, baker, smith, smithers],
        a2,
        b1,
    }
}

#[tokio::test]
async fn list_students_in_every_scope() {
    let (store, _db) = fresh_store().await;
    let c = class(&store).await;
    let w = &c.w;
    let all = ["Adams", "Asmith", "Baker", "Smith", "Smithers", "Zhang"];
    assert_eq!(
        families(&store, &query(StudentScope::Org(w.state.place()), "")).await,
        all
    );
    assert_eq!(
        families(&store, &query(StudentScope::Org(w.district_a.place()), "")).await,
        ["Adams", "Asmith", "Baker", "Smith", "Smithers"]
    );
    assert_eq!(
        families(&store, &query(StudentScope::Org(w.district_b.place()), "")).await,
        ["Zhang"]
    );
    assert_eq!(
        families(&store, &query(StudentScope::Org(w.school_a1.place()), "")).await,
        ["Adams", "Baker", "Smith", "Smithers"]
    );
    assert_eq!(
        families(&store, &query(StudentScope::Org(w.school_a2.place()), "")).await,
        ["Asmith"]
    );

    // A mentor's mentees: assigned ones plus their advisory groups' members.
    let mentor = staff(&store, "mentor", "Mo", "Mentor").await;
    let other = staff(&store, "other", "Ot", "Her").await;
    store.assign_mentor(mentor, &[c.a1[1], c.b1]).await.unwrap();
    let g = store
        .create_group(w.school_a1.org_id, mentor, "Advisory")
        .await
        .unwrap();
    store.add_group_members(g, &[c.a1[0], c.a1[1]]).await.unwrap();
    let g_other = store.create_group(w.school_a2.org_id, other, "Other").await.unwrap();
    store.add_group_members(g_other, &[c.a2]).await.unwrap();
    assert_eq!(
        families(&store, &query(StudentScope::MentorOf(mentor), "")).await,
        ["Adams", "Baker", "Zhang"]
    );
    assert_eq!(
        families(&store, &query(StudentScope::MentorOf(other), "")).await,
        ["Asmith"]
    );
    let nobody = staff(&store, "nobody", "No", "Body").await;
    assert!(
        families(&store, &query(StudentScope::MentorOf(nobody), ""))
            .await
            .is_empty()
    );

    assert_eq!(
        families(&store, &query(StudentScope::Group(g), "")).await,
        ["Adams", "Baker"]
    );
    assert_eq!(
        families(&store, &query(StudentScope::Group(g_other), "")).await,
        ["Asmith"]
    );

    let mom = guardian(&store, "mom", "mom@example.org", "Mom", "Smith").await;
    store.link_guardian(c.a1[2], mom, "mother").await.unwrap();
    store.link_guardian(c.a2, mom, "mother").await.unwrap();
    assert_eq!(
        families(&store, &query(StudentScope::GuardianOf(mom), "")).await,
        ["Asmith", "Smith"]
    );
    assert!(
        families(&store, &query(StudentScope::GuardianOf(mentor), ""))
            .await
            .is_empty()
    );

    // Each summary carries the student's school and status.
    let p = store
        .list_students(&query(StudentScope::GuardianOf(mom), ""))
        .await
        .unwrap();
    assert_eq!(p.total, 2);
    assert_eq!(p.items[0].student_id, c.a2);
    assert_eq!(p.items[0].given_name, "Ben");
    assert_eq!(p.items[0].grade_level, Some(7));
    assert_eq!(p.items[0].school_name.as_deref(), Some("Alder Middle"));
    assert_eq!(p.items[0].status, StudentStatus::Active);
    assert_eq!(p.items[0].last_sign_in_at, None);
    store.touch_sign_in(c.a2).await.unwrap();
    let p = store
        .list_students(&query(StudentScope::GuardianOf(mom), ""))
        .await
        .unwrap();
    assert!(p.items[0].last_sign_in_at.is_some());
}

#[tokio::test]
async fn list_students_search_and_grade_filter() {
    let (store, _db) = fresh_store().await;
    let c = class(&store).await;
    let state = StudentScope::Org(c.w.state.place());
    let q = |s: &str| query(state.clone(), s);

    // Family-name prefix, any case, surrounding space ignored.
    assert_eq!(families(&store, &q("smi")).await, ["Smith", "Smithers"]);
    assert_eq!(families(&store, &q("SMITH")).await, ["Smith", "Smithers"]);
    assert_eq!(families(&store, &q("  smithe ")).await, ["Smithers"]);
    assert_eq!(families(&store, &q("as")).await, ["Asmith"], "prefix, not substring");
    // Given-name prefix.
    assert_eq!(families(&store, &q("jo")).await, ["Baker", "Smithers"]);
    assert_eq!(families(&store, &q("ZO")).await, ["Adams"]);
    assert_eq!(families(&store, &q("we")).await, ["Zhang"]);
    // State student id: exact only.
    assert_eq!(families(&store, &q("EX-103")).await, ["Smith"]);
    assert_eq!(families(&store, &q(" EX-103 ")).await, ["Smith"]);
    assert!(families(&store, &q("EX-10")).await.is_empty());
    assert!(families(&store, &q("nobody")).await.is_empty());
    // Whitespace only is no search at all.
    assert_eq!(families(&store, &q("   ")).await.len(), 6);

    // Grade filter, alone and with a search.
    let mut g9 = q("");
    g9.grade = Some(9);
    assert_eq!(families(&store, &g9).await, ["Adams", "Smith", "Zhang"]);
    g9.q = "smi".into();
    assert_eq!(families(&store, &g9).await, ["Smith"]);
    g9.grade = Some(12);
    assert!(families(&store, &g9).await.is_empty());
    let p = store.list_students(&g9).await.unwrap();
    assert_eq!((p.total, p.pages()), (0, 1));

    // The scope still applies to a search.
    let a2 = query(StudentScope::Org(c.w.school_a2.place()), "smi");
    assert!(families(&store, &a2).await.is_empty());
    let a2 = query(StudentScope::Org(c.w.school_a2.place()), "EX-103");
    assert!(families(&store, &a2).await.is_empty());
}

#[tokio::test]
async fn list_students_search_non_ascii_names() {
    let (store, _db) = fresh_store().await;
    let w = world(&store).await;
    student(&store, &w, &w.school_a1, "Élodie", "Ørsted", "EX-1", 9).await;
    student(&store, &w, &w.school_a1, "Ömer", "Çelik", "EX-2", 9).await;
    student(&store, &w, &w.school_a1, "Elodie", "Olsen", "EX-3", 9).await;
    let q = |s: &str| query(StudentScope::Org(w.state.place()), s);
    assert_eq!(families(&store, &q("ør")).await, ["Ørsted"]);
    assert_eq!(families(&store, &q("ØR")).await, ["Ørsted"]);
    assert_eq!(families(&store, &q("çel")).await, ["Çelik"]);
    // Given names fold case the same way on both backends.
    assert_eq!(families(&store, &q("élo")).await, ["Ørsted"]);
    assert_eq!(families(&store, &q("ÉLO")).await, ["Ørsted"]);
    assert_eq!(families(&store, &q("ömer")).await, ["Çelik"]);
    assert_eq!(families(&store, &q("elo")).await, ["Olsen"]);
}

#[tokio::test]
async fn list_students_like_wildcards_are_literal() {
    let (store, _db) = fresh_store().await;
    let w = world(&store).await;
    student(&store, &w, &w.school_a1, "Ann", "O_Neil", "EX-1", 9).await;
    student(&store, &w, &w.school_a1, "Ann", "OXNeil", "EX-2", 9).await;
    student(&store, &w, &w.school_a1, "Ann", "Per%cent", "EX-3", 9).await;
    student(&store, &w, &w.school_a1, "Ann", "Perxxcent", "EX-4", 9).await;
    student(&store, &w, &w.school_a1, "Ann", "Back\\slash", "EX-5", 9).await;
    student(&store, &w, &w.school_a1, "Ann", "Backxslash", "EX-6", 9).await;
    student(&store, &w, &w.school_a1, "Gi_l", "Plain", "EX-7", 9).await;
    student(&store, &w, &w.school_a1, "Gill", "Plainer", "EX-8", 9).await;
    let q = |s: &str| query(StudentScope::Org(w.state.place()), s);

    assert_eq!(families(&store, &q("o_")).await, ["O_Neil"]);
    assert_eq!(families(&store, &q("o_neil")).await, ["O_Neil"]);
    assert_eq!(families(&store, &q("per%")).await, ["Per%cent"]);
    assert_eq!(families(&store, &q("per%c")).await, ["Per%cent"]);
    assert_eq!(families(&store, &q("back\\")).await, ["Back\\slash"]);
    assert_eq!(families(&store, &q("gi_")).await, ["Plain"]);
    // Wildcards alone match nothing: no name starts with them.
    assert!(families(&store, &q("%")).await.is_empty());
    assert!(families(&store, &q("_")).await.is_empty());
    assert!(families(&store, &q("%%")).await.is_empty());
    assert!(families(&store, &q("\\")).await.is_empty());
    let p = store.list_students(&q("%")).await.unwrap();
    assert_eq!(p.total, 0);
}

#[tokio::test]
async fn list_students_paging_totals() {
    let (store, _db) = fresh_store().await;
    let w = world(&store).await;
    let names = ["Avery", "Blake", "Casey", "Drew", "Emery", "Finley", "Gray"];
    for (i, n) in names.iter().enumerate() {
        let ssid = format!("EX-{i}");
        student(&store, &w, &w.school_a1, "Sam", n, &ssid, 9).await;
    }
    // A student elsewhere never counts.
    student(&store, &w, &w.school_b1, "Sam", "Aaron", "EX-99", 9).await;
    let scope = StudentScope::Org(w.district_a.place());
    let page = |n: i64| {
        let mut q = query(scope.clone(), "");
        q.page = n;
        q.per_page = 3;
        q
    };
    let mut seen = Vec::new();
    for (n, want) in [(1, 3), (2, 3), (3, 1)] {
        let p = store.list_students(&page(n)).await.unwrap();
        assert_eq!((p.total, p.page, p.per_page, p.pages()), (7, n, 3, 3));
        assert_eq!(p.items.len(), want, "page {n}");
        seen.extend(p.items.iter().map(|s| s.family_name.clone()));
    }
    assert_eq!(seen, names, "every student once, in name order");
    let past = store.list_students(&page(4)).await.unwrap();
    assert_eq!((past.total, past.items.len()), (7, 0));
    // Page 0 (or below) is the first page.
    let zero = store.list_students(&page(0)).await.unwrap();
    assert_eq!(zero.page, 1);
    assert_eq!(
        zero.items.iter().map(|s| s.family_name.as_str()).collect::<Vec<_>>(),
        ["Avery", "Blake", "Casey"]
    );
    // A search's total counts the matches, not the scope.
    let mut q = query(scope.clone(), "sam");
    q.per_page = 2;
    let p = store.list_students(&q).await.unwrap();
    assert_eq!((p.total, p.items.len(), p.pages()), (7, 2, 4));
    let mut q = query(scope, "d");
    q.per_page = 2;
    let p = store.list_students(&q).await.unwrap();
    assert_eq!((p.total, p.items.len()), (1, 1));
}
