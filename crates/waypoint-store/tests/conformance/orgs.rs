//! Organisations and school years.

use crate::common::*;
use waypoint_domain::SchoolYearId;
use waypoint_domain::org::{OrgKind, OrgPlace};
use waypoint_store::StoreError;

#[tokio::test]
async fn hierarchy_derives_district_and_state_from_parent() {
    let (store, _db) = fresh_store().await;
    let state = store
        .create_org(OrgKind::State, None, "State of Example", "EX", None)
        .await
        .unwrap();
    assert_eq!(state.kind, OrgKind::State);
    assert_eq!(state.parent_id, None);
    assert_eq!(state.district_id, None);
    assert_eq!(state.state_id, state.org_id);

    let district = store
        .create_org(OrgKind::District, Some(&state), "Alder District", "D-A", None)
        .await
        .unwrap();
    assert_eq!(district.parent_id, Some(state.org_id));
    assert_eq!(
        district.district_id,
        Some(district.org_id),
        "a district is its own district"
    );
    assert_eq!(district.state_id, state.org_id);

    let school = store
        .create_org(OrgKind::School, Some(&district), "Alder High", "S-A1", Some((9, 12)))
        .await
        .unwrap();
    assert_eq!(school.parent_id, Some(district.org_id));
    assert_eq!(school.district_id, Some(district.org_id));
    assert_eq!(school.state_id, state.org_id);
    assert_eq!((school.low_grade, school.high_grade), (Some(9), Some(12)));

    // A school directly under the state belongs to no district.
    let charter = store
        .create_org(OrgKind::School, Some(&state), "Charter Academy", "S-C", None)
        .await
        .unwrap();
    assert_eq!(charter.parent_id, Some(state.org_id));
    assert_eq!(charter.district_id, None);
    assert_eq!(charter.state_id, state.org_id);
    assert_eq!((charter.low_grade, charter.high_grade), (None, None));

    // What was stored is what was returned.
    for rec in [&state, &district, &school, &charter] {
        assert_eq!(store.org(rec.org_id).await.unwrap().as_ref(), Some(rec));
    }
    assert_eq!(store.org(missing_org()).await.unwrap(), None);

    assert_eq!(
        school.place(),
        OrgPlace {
            org_id: school.org_id,
            kind: OrgKind::School,
            district_id: Some(district.org_id),
            state_id: state.org_id,
        }
    );
    assert!(district.place().covers(&school.place()));
    assert!(state.place().covers(&charter.place()));
    assert!(!district.place().covers(&charter.place()));
}

#[tokio::test]
async fn district_or_school_without_parent_is_refused() {
    let (store, _db) = fresh_store().await;
    for kind in [OrgKind::District, OrgKind::School] {
        let r = store.create_org(kind, None, "Orphan", "ORPHAN", None).await;
        assert!(matches!(r, Err(StoreError::Other(_))), "{kind:?}: {r:?}");
        assert!(store.orgs_of_kind(kind).await.unwrap().is_empty());
    }
}

#[tokio::test]
async fn kind_and_code_are_unique() {
    let (store, _db) = fresh_store().await;
    let w = world(&store).await;
    // Same kind, same code: refused, and nothing is stored.
    assert_conflict(
        store
            .create_org(OrgKind::School, Some(&w.district_b), "Another", "S-A1", None)
            .await,
    );
    assert_eq!(store.child_orgs(w.district_b.org_id).await.unwrap().len(), 1);
    // The same code at another kind is fine.
    let d = store
        .create_org(OrgKind::District, Some(&w.state), "Code Twin", "S-A1", None)
        .await
        .unwrap();
    assert_eq!(
        store
            .org_by_code(OrgKind::District, "S-A1")
            .await
            .unwrap()
            .map(|o| o.org_id),
        Some(d.org_id)
    );
    assert_eq!(
        store
            .org_by_code(OrgKind::School, "S-A1")
            .await
            .unwrap()
            .map(|o| o.org_id),
        Some(w.school_a1.org_id)
    );
    // Renaming onto a taken code is a conflict too, and changes nothing.
    assert_conflict(store.update_org(w.school_b1.org_id, "Birch High", "S-A2", None).await);
    assert_eq!(store.org(w.school_b1.org_id).await.unwrap().unwrap(), w.school_b1);
}

#[tokio::test]
async fn lookups_children_kinds_and_updates() {
    let (store, _db) = fresh_store().await;
    let w = world(&store).await;

    assert_eq!(
        store.org_by_code(OrgKind::State, "EX").await.unwrap(),
        Some(w.state.clone())
    );
    assert_eq!(
        store.org_by_code(OrgKind::District, "D-B").await.unwrap(),
        Some(w.district_b.clone())
    );
    assert_eq!(store.org_by_code(OrgKind::School, "D-B").await.unwrap(), None);
    assert_eq!(store.org_by_code(OrgKind::School, "nope").await.unwrap(), None);

    let names = |v: Vec<waypoint_store::orgs::OrgRecord>| v.into_iter().map(|o| o.name).collect::<Vec<_>>();
    assert_eq!(
        names(store.child_orgs(w.state.org_id).await.unwrap()),
        ["Alder District", "Birch District"]
    );
    assert_eq!(
        names(store.child_orgs(w.district_a.org_id).await.unwrap()),
        ["Alder High", "Alder Middle"]
    );
    assert!(store.child_orgs(w.school_a1.org_id).await.unwrap().is_empty());
    assert_eq!(
        names(store.orgs_of_kind(OrgKind::School).await.unwrap()),
        ["Alder High", "Alder Middle", "Birch High"]
    );
    assert_eq!(
        names(store.orgs_of_kind(OrgKind::State).await.unwrap()),
        ["State of Example"]
    );

    store
        .update_org(w.school_a2.org_id, "Aspen Middle", "S-A2X", Some((5, 8)))
        .await
        .unwrap();
    let updated = store.org(w.school_a2.org_id).await.unwrap().unwrap();
    assert_eq!(updated.name, "Aspen Middle");
    assert_eq!(updated.code, "S-A2X");
    assert_eq!((updated.low_grade, updated.high_grade), (Some(5), Some(8)));
    // The hierarchy is untouched by an update.
    assert_eq!(updated.place(), w.school_a2.place());
    assert_eq!(updated.parent_id, w.school_a2.parent_id);
    assert_eq!(store.org_by_code(OrgKind::School, "S-A2").await.unwrap(), None);

    store
        .update_org(w.school_a2.org_id, "Aspen Middle", "S-A2X", None)
        .await
        .unwrap();
    let updated = store.org(w.school_a2.org_id).await.unwrap().unwrap();
    assert_eq!((updated.low_grade, updated.high_grade), (None, None));

    assert_not_found(store.update_org(missing_org(), "X", "X", None).await);
}

#[tokio::test]
async fn schools_under_state_district_and_school() {
    let (store, _db) = fresh_store().await;
    let w = world(&store).await;
    let charter = store
        .create_org(OrgKind::School, Some(&w.state), "Charter Academy", "S-C", None)
        .await
        .unwrap();
    // A second state with a school of its own must never show up.
    let other = store
        .create_org(OrgKind::State, None, "Elsewhere", "EL", None)
        .await
        .unwrap();
    let other_d = store
        .create_org(OrgKind::District, Some(&other), "Other District", "D-O", None)
        .await
        .unwrap();
    store
        .create_org(OrgKind::School, Some(&other_d), "Aardvark School", "S-O", None)
        .await
        .unwrap();

    let names = |v: Vec<waypoint_store::orgs::OrgRecord>| v.into_iter().map(|o| o.name).collect::<Vec<_>>();
    assert_eq!(
        names(store.schools_under(&w.state.place()).await.unwrap()),
        ["Alder High", "Alder Middle", "Birch High", "Charter Academy"]
    );
    assert_eq!(
        names(store.schools_under(&w.district_a.place()).await.unwrap()),
        ["Alder High", "Alder Middle"]
    );
    assert_eq!(
        names(store.schools_under(&w.district_b.place()).await.unwrap()),
        ["Birch High"]
    );
    assert_eq!(
        store.schools_under(&w.school_a2.place()).await.unwrap(),
        vec![w.school_a2.clone()]
    );
    assert_eq!(
        store.schools_under(&charter.place()).await.unwrap(),
        vec![charter.clone()]
    );
    assert_eq!(
        names(store.schools_under(&other.place()).await.unwrap()),
        ["Aardvark School"]
    );
}

#[tokio::test]
async fn school_years_have_exactly_one_current() {
    let (store, _db) = fresh_store().await;
    let w = world(&store).await;
    let y24 = store
        .create_school_year(w.district_a.org_id, "2024-25", "2024-08-15", "2025-06-10")
        .await
        .unwrap();
    let y25 = store
        .create_school_year(w.district_a.org_id, "2025-26", "2025-08-14", "2026-06-09")
        .await
        .unwrap();
    let y23 = store
        .create_school_year(w.district_a.org_id, "2023-24", "2023-08-16", "2024-06-11")
        .await
        .unwrap();
    let other = store
        .create_school_year(w.district_b.org_id, "2025-26", "2025-08-20", "2026-06-05")
        .await
        .unwrap();
    assert!(!y24.is_current);
    assert_eq!(y24.org_id, w.district_a.org_id);

    let years = store.school_years(w.district_a.org_id).await.unwrap();
    assert_eq!(
        years,
        vec![y25.clone(), y24.clone(), y23.clone()],
        "newest first, none current"
    );

    let current = |ys: Vec<waypoint_store::orgs::SchoolYearRecord>| {
        ys.into_iter()
            .filter(|y| y.is_current)
            .map(|y| y.school_year_id)
            .collect::<Vec<_>>()
    };
    store
        .set_current_school_year(w.district_a.org_id, y24.school_year_id)
        .await
        .unwrap();
    assert_eq!(
        current(store.school_years(w.district_a.org_id).await.unwrap()),
        [y24.school_year_id]
    );
    store
        .set_current_school_year(w.district_a.org_id, y25.school_year_id)
        .await
        .unwrap();
    assert_eq!(
        current(store.school_years(w.district_a.org_id).await.unwrap()),
        [y25.school_year_id]
    );

    // Another organisation's years are independent.
    store
        .set_current_school_year(w.district_b.org_id, other.school_year_id)
        .await
        .unwrap();
    assert_eq!(
        current(store.school_years(w.district_a.org_id).await.unwrap()),
        [y25.school_year_id]
    );
    assert_eq!(
        current(store.school_years(w.district_b.org_id).await.unwrap()),
        [other.school_year_id]
    );

    // A year of another organisation, or no year at all, is NotFound and
    // leaves the current year as it was.
    assert_not_found(
        store
            .set_current_school_year(w.district_a.org_id, other.school_year_id)
            .await,
    );
    assert_not_found(
        store
            .set_current_school_year(w.district_a.org_id, SchoolYearId::generate())
            .await,
    );
    assert_eq!(
        current(store.school_years(w.district_a.org_id).await.unwrap()),
        [y25.school_year_id]
    );
    assert_eq!(
        current(store.school_years(w.district_b.org_id).await.unwrap()),
        [other.school_year_id]
    );

    // Names are unique per organisation.
    assert_conflict(
        store
            .create_school_year(w.district_a.org_id, "2024-25", "2024-09-01", "2025-06-01")
            .await,
    );
    assert_eq!(store.school_years(w.district_a.org_id).await.unwrap().len(), 3);
    assert!(store.school_years(w.school_a1.org_id).await.unwrap().is_empty());
}
