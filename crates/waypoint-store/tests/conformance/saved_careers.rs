//! Saved careers (a student's list with notes) and what the careers catalog is built from,
//! the same on both backends.

use crate::careers::{bls_info, entry, projection, release};
use crate::common::*;
use waypoint_domain::UserId;
use waypoint_store::Store;
use waypoint_store::career_catalog::ClusterKey;

async fn two_students(store: &Store) -> (UserId, UserId) {
    let w = world(store).await;
    let a = student(store, &w, &w.school_a1, "Ana", "Ruiz", "SC-A1", 10).await;
    let b = student(store, &w, &w.school_b1, "Ben", "Cole", "SC-B1", 11).await;
    (a, b)
}

#[tokio::test]
async fn saved_careers_are_kept_per_student_with_notes() {
    let (store, _db) = fresh_store().await;
    let (ana, ben) = two_students(&store).await;
    assert!(store.saved_careers(ana).await.unwrap().is_empty());

    assert!(
        store
            .save_career(ana, "29-1141.00", "Registered Nurses", "", 1_000)
            .await
            .unwrap()
    );
    assert!(
        store
            .save_career(ana, "15-1252.00", "Software Developers", "Ask about coding camp", 2_000)
            .await
            .unwrap()
    );
    assert!(
        store
            .save_career(ben, "29-1141.00", "Registered Nurses", "Ben's", 3_000)
            .await
            .unwrap()
    );
    let list = store.saved_careers(ana).await.unwrap();
    let codes: Vec<&str> = list.iter().map(|s| s.onet_code.as_str()).collect();
    // The most recently saved first.
    assert_eq!(codes, ["15-1252.00", "29-1141.00"]);
    assert_eq!(list[0].note, "Ask about coding camp");
    assert_eq!((list[1].saved_at, list[1].updated_at), (1_000, 1_000));

    // Saving again changes the note, keeps the place and the first save's time.
    assert!(
        !store
            .save_career(
                ana,
                "29-1141.00",
                "Registered Nurses",
                "Shadow at the clinic — ñandú",
                4_000
            )
            .await
            .unwrap()
    );
    let list = store.saved_careers(ana).await.unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[1].note, "Shadow at the clinic — ñandú");
    assert_eq!((list[1].saved_at, list[1].updated_at), (1_000, 4_000));

    // Another student's list is their own.
    let bens = store.saved_careers(ben).await.unwrap();
    assert_eq!(bens.len(), 1);
    assert_eq!(bens[0].note, "Ben's");

    assert!(store.remove_saved_career(ana, "29-1141.00").await.unwrap());
    assert!(!store.remove_saved_career(ana, "29-1141.00").await.unwrap());
    assert!(!store.remove_saved_career(ana, "no-such-code").await.unwrap());
    let codes: Vec<String> = store
        .saved_careers(ana)
        .await
        .unwrap()
        .iter()
        .map(|s| s.onet_code.clone())
        .collect();
    assert_eq!(codes, ["15-1252.00"]);
    assert_eq!(store.saved_careers(ben).await.unwrap().len(), 1);
}

#[tokio::test]
async fn the_cached_list_follows_every_change() {
    let (store, _db) = fresh_store().await;
    let (ana, _) = two_students(&store).await;
    // Read twice: the second read is served from memory. The first is a
    // miss, counted under its kind.
    let misses = |store: &Store| {
        let by_kind = store.cache_stats().misses_by_kind;
        by_kind
            .iter()
            .find(|(k, _)| *k == "saved_careers")
            .map_or(0, |(_, n)| *n)
    };
    let before = misses(&store);
    assert!(store.saved_careers(ana).await.unwrap().is_empty());
    assert_eq!(misses(&store), before + 1);
    let hits = store.cache_stats().hits;
    assert!(store.saved_careers(ana).await.unwrap().is_empty());
    assert_eq!(store.cache_stats().hits, hits + 1);
    store
        .save_career(ana, "29-1141.00", "Registered Nurses", "", 1)
        .await
        .unwrap();
    assert_eq!(store.saved_careers(ana).await.unwrap().len(), 1);
    store
        .save_career(ana, "29-1141.00", "Registered Nurses", "new note", 2)
        .await
        .unwrap();
    assert_eq!(store.saved_careers(ana).await.unwrap()[0].note, "new note");
    store.remove_saved_career(ana, "29-1141.00").await.unwrap();
    assert!(store.saved_careers(ana).await.unwrap().is_empty());
}

#[tokio::test]
async fn a_new_release_that_drops_a_code_leaves_saved_careers_alone() {
    let (store, _db) = fresh_store().await;
    let (ana, _) = two_students(&store).await;
    store.replace_onet(release("29.3")).await.unwrap();
    store
        .save_career(ana, "29-1141.00", "Registered Nurses", "keep", 1)
        .await
        .unwrap();
    // Not in the release at all: saving names a code, not a row of the O*NET tables.
    store
        .save_career(ana, "99-9999.99", "A Retired Occupation", "", 2)
        .await
        .unwrap();
    let mut newer = release("30.0");
    newer.occupations.retain(|o| o.code != "29-1141.00");
    newer.interests.retain(|r| r.code != "29-1141.00");
    newer.work_values.retain(|r| r.code != "29-1141.00");
    newer.related.retain(|r| r.related_code != "29-1141.00");
    store.replace_onet(newer).await.unwrap();
    assert_eq!(store.occupation("29-1141.00").await.unwrap(), None);
    let list = store.saved_careers(ana).await.unwrap();
    let kept: Vec<(&str, &str)> = list.iter().map(|s| (s.onet_code.as_str(), s.title.as_str())).collect();
    assert_eq!(
        kept,
        [
            ("99-9999.99", "A Retired Occupation"),
            ("29-1141.00", "Registered Nurses")
        ]
    );
}

#[tokio::test]
async fn the_catalog_rows_hold_every_occupation_with_its_facts_and_titles() {
    let (store, _db) = fresh_store().await;
    let empty = store.career_catalog_rows().await.unwrap();
    assert!(empty.occupations.is_empty() && empty.releases.is_empty());
    assert!(store.career_release_stamps().await.unwrap().is_empty());

    store.replace_onet(release("29.3")).await.unwrap();
    let mut rows = vec![
        projection("00-0000", "summary", 169_956_100, Some(49_500)),
        projection("15-1252", "line_item", 1_693_800, Some(133_080)),
        // Registered Nurses by broad group only.
        projection("29-1140", "line_item", 3_000_000, Some(93_600)),
    ];
    rows[0].change_percent = Some(3.1);
    store.replace_bls_projections(bls_info("2024-34"), rows).await.unwrap();
    store
        .replace_career_clusters(
            "advance-cte",
            bls_info("2025"),
            vec![
                entry("Digital Technology", "Software Development", "15-1252"),
                entry("Healthcare & Human Services", "Patient Care", "29-1141.00"),
            ],
        )
        .await
        .unwrap();
    let stamps = store.career_release_stamps().await.unwrap();
    let datasets: Vec<&str> = stamps.iter().map(|s| s.0.as_str()).collect();
    assert_eq!(datasets, ["bls_projections", "clusters:advance-cte", "onet"]);

    let c = store.career_catalog_rows().await.unwrap();
    assert_eq!(c.occupations.len(), 30);
    let dev = c.occupations.iter().find(|o| o.code == "15-1252.00").unwrap();
    assert_eq!(
        (dev.title.as_str(), dev.soc_code.as_str(), dev.job_zone),
        ("Software Developers", "15-1252", Some(4))
    );
    assert_eq!(
        c.occupations.iter().find(|o| o.code == "29-1141.00").unwrap().job_zone,
        None
    );
    // Six OI scores per occupation, no high points.
    assert_eq!(c.interests.len(), 30 * 6);
    assert!(
        c.interests
            .iter()
            .all(|(_, e, v)| e.starts_with("1.B.1.") && (1.0..=7.5).contains(v))
    );
    assert_eq!(c.work_values, [("29-1141.00".to_string(), "1.B.2.d".to_string(), 6.33)]);
    let mut projected: Vec<(&str, &str, bool)> = c
        .projections
        .iter()
        .map(|(code, p)| (code.as_str(), p.soc_code.as_str(), p.broad_group))
        .collect();
    projected.sort();
    assert_eq!(
        projected,
        [("15-1252.00", "15-1252", false), ("29-1141.00", "29-1140", true)]
    );
    assert_eq!(c.all_change_percent, Some(3.1));
    let alternates: Vec<&str> = c
        .alternate_titles
        .iter()
        .filter(|(code, _)| code == "15-1252.00")
        .map(|(_, t)| t.as_str())
        .collect();
    assert_eq!(alternates, ["Application Developer", "Application Developer", "Coder"]);
    assert_eq!(c.reported_titles.len(), 2);
    assert_eq!(c.clusters.len(), 2);
    let mut places: Vec<(&str, &str)> = c
        .memberships
        .iter()
        .map(|(code, k)| (code.as_str(), k.cluster.as_str()))
        .collect();
    places.sort();
    assert_eq!(
        places,
        [
            ("15-1252.00", "Digital Technology"),
            ("29-1141.00", "Healthcare & Human Services")
        ]
    );
    assert_eq!(
        c.memberships[0].1,
        ClusterKey {
            framework: "advance-cte".into(),
            cluster: c.memberships[0].1.cluster.clone(),
            pathway: c.memberships[0].1.pathway.clone(),
        }
    );
    assert_eq!(c.job_zones.len(), 1);
    assert_eq!(c.releases.len(), 3);

    // A new load of a dataset moves its stamp.
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    store.replace_onet(release("29.3")).await.unwrap();
    let again = store.career_release_stamps().await.unwrap();
    assert_ne!(again, stamps);
    assert_eq!(again[0], stamps[0]);

    // The detail, shared and cached, is the same as read directly.
    let shared = store.occupation_shared("15-1252.00").await.unwrap().unwrap();
    assert_eq!(*shared, store.occupation("15-1252.00").await.unwrap().unwrap());
    assert!(store.occupation_shared("00-0000.00").await.unwrap().is_none());
}
