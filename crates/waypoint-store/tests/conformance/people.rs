//! Accounts, sign-in names, e-mail addresses and role grants.

use crate::common::*;
use waypoint_domain::UserId;
use waypoint_domain::people::{AccountKind, Grant, Role};
use waypoint_store::now_ms;
use waypoint_store::people::UserRecord;

#[tokio::test]
async fn create_user_and_read_it_back() {
    let (store, _db) = fresh_store().await;
    let mut u = new_user(
        AccountKind::Guardian,
        "maria.garcia",
        Some("maria@example.org"),
        "María",
        "García",
    );
    u.locale = "es".into();
    store.create_user(&u).await.unwrap();

    let rec = store.user(u.user_id).await.unwrap().expect("user stored");
    assert_eq!(
        rec,
        UserRecord {
            user_id: u.user_id,
            kind: AccountKind::Guardian,
            username: "maria.garcia".into(),
            email: Some("maria@example.org".into()),
            given_name: "María".into(),
            family_name: "García".into(),
            locale: "es".into(),
            disabled: false,
            last_sign_in_at: None,
        }
    );
    assert_eq!(rec.full_name(), "María García");

    let login = store.login_lookup("maria.garcia").await.unwrap().expect("login");
    assert_eq!(login.user_id, u.user_id);
    assert_eq!(login.username, "maria.garcia");
    assert_eq!(login.password_hash.as_deref(), Some("hash-of-maria.garcia"));
    assert!(!login.disabled);

    assert_eq!(store.user_by_email("maria@example.org").await.unwrap(), Some(rec));

    // An account without e-mail or password.
    let mut bare = new_user(AccountKind::Staff, "no.mail", None, "No", "Mail");
    bare.password_hash = None;
    store.create_user(&bare).await.unwrap();
    assert_eq!(store.user(bare.user_id).await.unwrap().unwrap().email, None);
    assert_eq!(
        store.login_lookup("no.mail").await.unwrap().unwrap().password_hash,
        None
    );

    assert_eq!(store.user(UserId::generate()).await.unwrap(), None);
    assert!(store.login_lookup("nobody").await.unwrap().is_none());
    assert_eq!(store.user_by_email("nobody@example.org").await.unwrap(), None);
    assert_eq!(account_rows(&store).await, (2, 2, 1, 0));
}

#[tokio::test]
async fn login_lookup_and_user_by_email_are_case_insensitive_on_input() {
    let (store, _db) = fresh_store().await;
    let u = new_user(AccountKind::Staff, "ann.lee", Some("ann@example.org"), "Ann", "Lee");
    store.create_user(&u).await.unwrap();
    for name in ["ann.lee", "ANN.LEE", "Ann.Lee", "  ann.lee  ", "\tAnn.LEE\n"] {
        let found = store.login_lookup(name).await.unwrap();
        assert_eq!(found.map(|l| l.user_id), Some(u.user_id), "{name:?}");
    }
    for email in ["ann@example.org", "ANN@Example.ORG", " ann@example.org "] {
        let found = store.user_by_email(email).await.unwrap();
        assert_eq!(found.map(|r| r.user_id), Some(u.user_id), "{email:?}");
    }
    assert!(store.login_lookup("ann.le").await.unwrap().is_none(), "no prefix match");
    assert!(store.login_lookup("ann.lee2").await.unwrap().is_none());
}

#[tokio::test]
async fn mixed_case_username_and_email_are_keyed_in_lowercase() {
    // Callers normally normalise, but the store must not create an account
    // that its own lookups can never find.
    let (store, _db) = fresh_store().await;
    let u = new_user(
        AccountKind::Staff,
        "Mixed.Case",
        Some("Mixed@Example.org"),
        "Mixed",
        "Case",
    );
    store.create_user(&u).await.unwrap();
    assert_eq!(
        store.login_lookup("mixed.case").await.unwrap().map(|l| l.user_id),
        Some(u.user_id)
    );
    assert_eq!(
        store
            .user_by_email("mixed@example.org")
            .await
            .unwrap()
            .map(|r| r.user_id),
        Some(u.user_id)
    );
    // The same name in another case is the same name.
    let twin = new_user(AccountKind::Staff, "mixed.case", None, "Twin", "Case");
    assert_conflict(store.create_user(&twin).await);
    let twin = new_user(AccountKind::Staff, "twin", Some("MIXED@example.org"), "Twin", "Case");
    assert_conflict(store.create_user(&twin).await);
    assert_eq!(account_rows(&store).await, (1, 1, 1, 0));
}

#[tokio::test]
async fn duplicate_username_is_conflict_and_leaves_nothing() {
    let (store, _db) = fresh_store().await;
    let first = new_user(AccountKind::Staff, "sam", Some("sam@example.org"), "Sam", "First");
    store.create_user(&first).await.unwrap();

    let second = new_user(AccountKind::Guardian, "sam", Some("other@example.org"), "Sam", "Second");
    assert_conflict(store.create_user(&second).await);

    assert_eq!(store.user(second.user_id).await.unwrap(), None, "no users row");
    assert_eq!(
        store.user_by_email("other@example.org").await.unwrap(),
        None,
        "no e-mail row"
    );
    assert_eq!(
        store.login_lookup("sam").await.unwrap().map(|l| l.user_id),
        Some(first.user_id),
        "the first account keeps the name"
    );
    assert_eq!(account_rows(&store).await, (1, 1, 1, 0));
    // The e-mail the failed attempt wanted is still free.
    let third = new_user(AccountKind::Guardian, "sam2", Some("other@example.org"), "Sam", "Third");
    store.create_user(&third).await.unwrap();
    assert_eq!(account_rows(&store).await, (2, 2, 2, 0));
}

#[tokio::test]
async fn duplicate_email_is_conflict_and_leaves_nothing() {
    let (store, _db) = fresh_store().await;
    let first = new_user(AccountKind::Guardian, "pat", Some("pat@example.org"), "Pat", "First");
    store.create_user(&first).await.unwrap();

    let second = new_user(
        AccountKind::Guardian,
        "pat.two",
        Some("pat@example.org"),
        "Pat",
        "Second",
    );
    assert_conflict(store.create_user(&second).await);

    assert_eq!(store.user(second.user_id).await.unwrap(), None, "no users row");
    assert!(store.login_lookup("pat.two").await.unwrap().is_none(), "no login row");
    assert_eq!(
        store.user_by_email("pat@example.org").await.unwrap().map(|r| r.user_id),
        Some(first.user_id)
    );
    assert_eq!(account_rows(&store).await, (1, 1, 1, 0));
    // The username the failed attempt wanted is still free.
    let third = new_user(AccountKind::Guardian, "pat.two", None, "Pat", "Third");
    store.create_user(&third).await.unwrap();
    assert_eq!(account_rows(&store).await, (2, 2, 1, 0));
}

#[tokio::test]
async fn password_locale_sign_in_and_disabled() {
    let (store, _db) = fresh_store().await;
    let u = new_user(AccountKind::Staff, "kim", Some("kim@example.org"), "Kim", "Park");
    let other = new_user(AccountKind::Staff, "lee", None, "Lee", "Park");
    store.create_user(&u).await.unwrap();
    store.create_user(&other).await.unwrap();

    store.set_password_hash(u.user_id, "new-hash").await.unwrap();
    assert_eq!(
        store
            .login_lookup("kim")
            .await
            .unwrap()
            .unwrap()
            .password_hash
            .as_deref(),
        Some("new-hash")
    );
    assert_eq!(
        store
            .login_lookup("lee")
            .await
            .unwrap()
            .unwrap()
            .password_hash
            .as_deref(),
        Some("hash-of-lee")
    );
    assert_not_found(store.set_password_hash(UserId::generate(), "x").await);

    store.set_locale(u.user_id, "vi").await.unwrap();
    assert_eq!(store.user(u.user_id).await.unwrap().unwrap().locale, "vi");
    assert_eq!(store.user(other.user_id).await.unwrap().unwrap().locale, "en");

    let before = now_ms();
    store.touch_sign_in(u.user_id).await.unwrap();
    let after = now_ms();
    let at = store.user(u.user_id).await.unwrap().unwrap().last_sign_in_at.unwrap();
    assert!((before..=after).contains(&at), "{before} <= {at} <= {after}");
    assert_eq!(store.user(other.user_id).await.unwrap().unwrap().last_sign_in_at, None);

    store.set_disabled(u.user_id, true).await.unwrap();
    assert!(store.user(u.user_id).await.unwrap().unwrap().disabled);
    assert!(store.login_lookup("kim").await.unwrap().unwrap().disabled);
    assert!(!store.user(other.user_id).await.unwrap().unwrap().disabled);
    store.set_disabled(u.user_id, false).await.unwrap();
    assert!(!store.user(u.user_id).await.unwrap().unwrap().disabled);
    assert!(!store.login_lookup("kim").await.unwrap().unwrap().disabled);
}

#[tokio::test]
async fn grants_add_twice_remove_and_places() {
    let (store, _db) = fresh_store().await;
    let w = world(&store).await;
    let admin = staff(&store, "admin", "Ada", "Admin").await;
    let u = staff(&store, "carla", "Carla", "Counsel").await;

    store
        .add_grant(u, w.school_a1.org_id, Role::Counselor, Some(admin))
        .await
        .unwrap();
    store
        .add_grant(u, w.school_a1.org_id, Role::Counselor, Some(admin))
        .await
        .unwrap();
    store
        .add_grant(u, w.school_a1.org_id, Role::Mentor, None)
        .await
        .unwrap();
    store
        .add_grant(u, w.district_b.org_id, Role::DistrictAdmin, Some(admin))
        .await
        .unwrap();
    store
        .add_grant(u, w.state.org_id, Role::StateAdmin, None)
        .await
        .unwrap();

    let grants = store.grants(u).await.unwrap();
    let got: Vec<(Role, &str)> = grants.iter().map(|g| (g.grant.role, g.org_name.as_str())).collect();
    assert_eq!(
        got,
        [
            (Role::Counselor, "Alder High"),
            (Role::Mentor, "Alder High"),
            (Role::DistrictAdmin, "Birch District"),
            (Role::StateAdmin, "State of Example"),
        ],
        "once each, ordered by organisation name then role"
    );
    assert_eq!(
        grants[0].grant,
        Grant {
            role: Role::Counselor,
            org: w.school_a1.place()
        }
    );
    assert_eq!(grants[2].grant.org, w.district_b.place());
    assert_eq!(grants[2].grant.org.district_id, Some(w.district_b.org_id));
    assert_eq!(grants[3].grant.org, w.state.place());
    assert_eq!(grants[3].grant.org.district_id, None);
    assert!(store.grants(admin).await.unwrap().is_empty());

    assert!(store.remove_grant(u, w.school_a1.org_id, Role::Mentor).await.unwrap());
    assert!(!store.remove_grant(u, w.school_a1.org_id, Role::Mentor).await.unwrap());
    assert!(
        !store
            .remove_grant(u, w.school_a2.org_id, Role::Counselor)
            .await
            .unwrap()
    );
    assert!(
        !store
            .remove_grant(admin, w.school_a1.org_id, Role::Counselor)
            .await
            .unwrap()
    );
    let roles: Vec<Role> = store.grants(u).await.unwrap().iter().map(|g| g.grant.role).collect();
    assert_eq!(roles, [Role::Counselor, Role::DistrictAdmin, Role::StateAdmin]);

    // Grants refer to real accounts and organisations.
    assert_conflict(store.add_grant(u, missing_org(), Role::Mentor, None).await);
    assert_conflict(
        store
            .add_grant(UserId::generate(), w.school_a1.org_id, Role::Mentor, None)
            .await,
    );
}

#[tokio::test]
async fn staff_with_role_and_staff_within() {
    let (store, _db) = fresh_store().await;
    let w = world(&store).await;
    let zoe = staff(&store, "zoe.adams", "Zoe", "Adams").await;
    let bob = staff(&store, "bob.baker", "Bob", "Baker").await;
    let cy = staff(&store, "cy.carter", "Cy", "Carter").await;
    let dee = staff(&store, "dee.dunn", "Dee", "Dunn").await;
    let eve = staff(&store, "eve.evans", "Eve", "Evans").await;

    store
        .add_grant(bob, w.school_a1.org_id, Role::Counselor, None)
        .await
        .unwrap();
    store
        .add_grant(zoe, w.school_a1.org_id, Role::Counselor, None)
        .await
        .unwrap();
    store
        .add_grant(zoe, w.school_a2.org_id, Role::Mentor, None)
        .await
        .unwrap();
    store
        .add_grant(cy, w.district_a.org_id, Role::DistrictAdmin, None)
        .await
        .unwrap();
    store
        .add_grant(dee, w.school_b1.org_id, Role::Counselor, None)
        .await
        .unwrap();
    store
        .add_grant(eve, w.state.org_id, Role::StateAdmin, None)
        .await
        .unwrap();

    let ids = |v: Vec<UserRecord>| v.into_iter().map(|u| u.user_id).collect::<Vec<_>>();
    assert_eq!(
        ids(store
            .staff_with_role(w.school_a1.org_id, Role::Counselor)
            .await
            .unwrap()),
        [zoe, bob],
        "by family name"
    );
    assert!(
        store
            .staff_with_role(w.school_a1.org_id, Role::Mentor)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        ids(store.staff_with_role(w.state.org_id, Role::StateAdmin).await.unwrap()),
        [eve]
    );

    let within = |scope, q: &'static str, page, per_page| {
        let store = store.clone();
        async move { store.staff_within(&scope, q, page, per_page).await.unwrap() }
    };
    let fam = |p: &waypoint_store::Page<waypoint_store::people::StaffSummary>| {
        p.items.iter().map(|s| s.user.family_name.clone()).collect::<Vec<_>>()
    };

    // District A: its own staff and its schools' staff, each once.
    let p = within(w.district_a.place(), "", 1, 10).await;
    assert_eq!(p.total, 3);
    assert_eq!(fam(&p), ["Adams", "Baker", "Carter"]);
    let zoe_roles: Vec<Role> = p.items[0].roles.iter().map(|g| g.grant.role).collect();
    assert_eq!(zoe_roles, [Role::Counselor, Role::Mentor]);

    let p = within(w.state.place(), "", 1, 10).await;
    assert_eq!(fam(&p), ["Adams", "Baker", "Carter", "Dunn", "Evans"]);
    let p = within(w.school_a2.place(), "", 1, 10).await;
    assert_eq!(fam(&p), ["Adams"]);

    // Searches: family name, given name, username prefix; case-insensitive.
    assert_eq!(fam(&within(w.state.place(), "ba", 1, 10).await), ["Baker"]);
    assert_eq!(fam(&within(w.state.place(), "EV", 1, 10).await), ["Evans"]);
    assert_eq!(fam(&within(w.state.place(), "zo", 1, 10).await), ["Adams"]);
    assert_eq!(fam(&within(w.state.place(), "cy.c", 1, 10).await), ["Carter"]);
    assert_eq!(fam(&within(w.state.place(), "_", 1, 10).await), Vec::<String>::new());
    assert_eq!(
        fam(&within(w.district_b.place(), "ba", 1, 10).await),
        Vec::<String>::new()
    );

    // Paging.
    let p1 = within(w.state.place(), "", 1, 2).await;
    let p3 = within(w.state.place(), "", 3, 2).await;
    assert_eq!(
        (p1.total, p1.pages(), fam(&p1)),
        (5, 3, vec!["Adams".into(), "Baker".into()])
    );
    assert_eq!((p3.total, fam(&p3)), (5, vec!["Evans".to_string()]));
}
