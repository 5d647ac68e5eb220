//! Fixtures shared by the conformance tests.

#![allow(dead_code)]

use waypoint_domain::org::OrgKind;
use waypoint_domain::people::AccountKind;
use waypoint_domain::{OrgId, UserId};
use waypoint_store::orgs::OrgRecord;
use waypoint_store::people::NewUser;
use waypoint_store::students::{NewStudent, StudentQuery, StudentScope};
use waypoint_store::{Store, StoreError, Value};

pub use waypoint_store::testing::fresh_store;

/// A small state: two districts, three schools.
pub struct World {
    pub state: OrgRecord,
    /// "Alder District", with "Alder High" and "Alder Middle".
    pub district_a: OrgRecord,
    /// "Birch District", with "Birch High".
    pub district_b: OrgRecord,
    pub school_a1: OrgRecord,
    pub school_a2: OrgRecord,
    pub school_b1: OrgRecord,
}

pub async fn world(store: &Store) -> World {
    let state = store
        .create_org(OrgKind::State, None, "State of Example", "EX", None)
        .await
        .unwrap();
    let district_a = store
        .create_org(OrgKind::District, Some(&state), "Alder District", "D-A", None)
        .await
        .unwrap();
    let district_b = store
        .create_org(OrgKind::District, Some(&state), "Birch District", "D-B", None)
        .await
        .unwrap();
    let school_a1 = store
        .create_org(OrgKind::School, Some(&district_a), "Alder High", "S-A1", Some((9, 12)))
        .await
        .unwrap();
    let school_a2 = store
        .create_org(OrgKind::School, Some(&district_a), "Alder Middle", "S-A2", Some((6, 8)))
        .await
        .unwrap();
    let school_b1 = store
        .create_org(OrgKind::School, Some(&district_b), "Birch High", "S-B1", Some((9, 12)))
        .await
        .unwrap();
    World {
        state,
        district_a,
        district_b,
        school_a1,
        school_a2,
        school_b1,
    }
}

pub fn new_user(kind: AccountKind, username: &str, email: Option<&str>, given: &str, family: &str) -> NewUser {
    NewUser {
        user_id: UserId::generate(),
        kind,
        username: username.to_string(),
        email: email.map(str::to_string),
        password_hash: Some(format!("hash-of-{username}")),
        given_name: given.to_string(),
        family_name: family.to_string(),
        locale: "en".to_string(),
    }
}

/// Creates a staff account (no e-mail) and returns its id.
pub async fn staff(store: &Store, username: &str, given: &str, family: &str) -> UserId {
    let u = new_user(AccountKind::Staff, username, None, given, family);
    store.create_user(&u).await.unwrap();
    u.user_id
}

/// Creates a guardian account and returns its id.
pub async fn guardian(store: &Store, username: &str, email: &str, given: &str, family: &str) -> UserId {
    let u = new_user(AccountKind::Guardian, username, Some(email), given, family);
    store.create_user(&u).await.unwrap();
    u.user_id
}

/// A new student at `school` (or at no school) in `state`; the username is
/// the state student id, lowercased.
pub fn new_student(
    state: &OrgRecord,
    school: Option<&OrgRecord>,
    given: &str,
    family: &str,
    ssid: &str,
    grade: Option<i64>,
    birth_date: Option<&str>,
) -> NewStudent {
    NewStudent {
        user: new_user(AccountKind::Student, &ssid.to_lowercase(), None, given, family),
        state_student_id: ssid.to_string(),
        birth_date: birth_date.map(str::to_string),
        grade_level: grade,
        school_id: school.map(|s| s.org_id),
        district_id: school.and_then(|s| s.district_id),
        state_id: state.org_id,
        graduation_year: grade.map(|g| 2037 - g),
    }
}

/// Creates a student at `school` and returns their id.
pub async fn student(
    store: &Store,
    w: &World,
    school: &OrgRecord,
    given: &str,
    family: &str,
    ssid: &str,
    grade: i64,
) -> UserId {
    let s = new_student(&w.state, Some(school), given, family, ssid, Some(grade), None);
    store.create_student(&s).await.unwrap();
    s.user.user_id
}

/// A single-number query (`SELECT COUNT(*) …`).
pub async fn count(store: &Store, sql: &'static str, params: Vec<Value>) -> i64 {
    store.db().query_one(sql, params).await.unwrap().i64(0).unwrap()
}

/// Rows in each account table: (users, user_logins, user_emails, students).
pub async fn account_rows(store: &Store) -> (i64, i64, i64, i64) {
    (
        count(store, "SELECT COUNT(*) FROM users", vec![]).await,
        count(store, "SELECT COUNT(*) FROM user_logins", vec![]).await,
        count(store, "SELECT COUNT(*) FROM user_emails", vec![]).await,
        count(store, "SELECT COUNT(*) FROM students", vec![]).await,
    )
}

#[track_caller]
pub fn assert_conflict<T: std::fmt::Debug>(r: Result<T, StoreError>) {
    match r {
        Err(StoreError::Conflict { .. }) => {}
        other => panic!("expected a Conflict, got {other:?}"),
    }
}

#[track_caller]
pub fn assert_not_found<T: std::fmt::Debug>(r: Result<T, StoreError>) {
    match r {
        Err(StoreError::NotFound) => {}
        other => panic!("expected NotFound, got {other:?}"),
    }
}

/// A student list query for one scope: first page of 100, no grade filter.
pub fn query(scope: StudentScope, q: &str) -> StudentQuery {
    StudentQuery {
        scope,
        q: q.to_string(),
        grade: None,
        page: 1,
        per_page: 100,
    }
}

/// The family names of a student list, in list order.
pub async fn families(store: &Store, q: &StudentQuery) -> Vec<String> {
    store
        .list_students(q)
        .await
        .unwrap()
        .items
        .iter()
        .map(|s| s.family_name.clone())
        .collect()
}

/// An id no row has.
pub fn missing_org() -> OrgId {
    OrgId::generate()
}
