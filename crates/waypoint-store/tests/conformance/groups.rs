//! Advisory groups and mentor assignments.

use crate::common::*;
use waypoint_domain::GroupId;
use waypoint_store::students::{GroupRecord, StudentScope};

#[tokio::test]
async fn advisory_groups_members_and_counts() {
    let (store, _db) = fresh_store().await;
    let w = world(&store).await;
    let lead = staff(&store, "lead", "Lena", "Lead").await;
    let other = staff(&store, "other", "Otto", "Other").await;
    let s1 = student(&store, &w, &w.school_a1, "A", "One", "EX-1", 9).await;
    let s2 = student(&store, &w, &w.school_a1, "B", "Two", "EX-2", 9).await;
    let s3 = student(&store, &w, &w.school_a1, "C", "Three", "EX-3", 9).await;

    let g = store
        .create_group(w.school_a1.org_id, lead, "Period 3 Advisory")
        .await
        .unwrap();
    assert_eq!(
        store.group(g).await.unwrap(),
        Some(GroupRecord {
            group_id: g,
            school_id: w.school_a1.org_id,
            staff_id: lead,
            staff_name: "Lena Lead".into(),
            name: "Period 3 Advisory".into(),
            members: 0,
        })
    );

    assert_eq!(store.add_group_members(g, &[s1, s2]).await.unwrap(), 2);
    assert_eq!(
        store.add_group_members(g, &[s1, s2, s3]).await.unwrap(),
        1,
        "idempotent"
    );
    assert_eq!(store.add_group_members(g, &[s3]).await.unwrap(), 0);
    assert_eq!(store.add_group_members(g, &[]).await.unwrap(), 0);
    assert_eq!(store.group(g).await.unwrap().unwrap().members, 3);

    assert!(store.remove_group_member(g, s2).await.unwrap());
    assert!(!store.remove_group_member(g, s2).await.unwrap());
    assert_eq!(store.group(g).await.unwrap().unwrap().members, 2);
    let members = families(&store, &query(StudentScope::Group(g), "")).await;
    assert_eq!(members, ["One", "Three"]);

    // More groups: led by the same person elsewhere, and by others here.
    let g2 = store
        .create_group(w.school_a2.org_id, lead, "Advisory A")
        .await
        .unwrap();
    let g3 = store.create_group(w.school_a1.org_id, other, "Homeroom").await.unwrap();
    store.add_group_members(g3, &[s1]).await.unwrap();
    store.create_group(w.school_b1.org_id, other, "Far away").await.unwrap();

    let summary = |v: Vec<GroupRecord>| v.into_iter().map(|g| (g.group_id, g.members)).collect::<Vec<_>>();
    assert_eq!(
        summary(store.groups_led_by(lead).await.unwrap()),
        [(g2, 0), (g, 2)],
        "by name"
    );
    assert_eq!(
        summary(store.groups_at(w.school_a1.org_id).await.unwrap()),
        [(g3, 1), (g, 2)]
    );
    assert_eq!(summary(store.groups_at(w.school_a2.org_id).await.unwrap()), [(g2, 0)]);
    assert_eq!(store.groups_led_by(s1).await.unwrap(), vec![]);
    assert_eq!(store.groups_at(w.district_a.org_id).await.unwrap(), vec![]);
    assert_eq!(store.group(GroupId::generate()).await.unwrap(), None);

    // Groups and members refer to real schools, staff and students.
    assert_conflict(store.create_group(missing_org(), lead, "Nowhere").await);
    assert_conflict(store.add_group_members(GroupId::generate(), &[s1]).await);
    // A bad member in a batch adds none of the batch.
    assert_conflict(
        store
            .add_group_members(g2, &[s1, waypoint_domain::UserId::generate()])
            .await,
    );
    assert_eq!(store.group(g2).await.unwrap().unwrap().members, 0);
}

#[tokio::test]
async fn assign_mentor_in_bulk_and_remove() {
    let (store, _db) = fresh_store().await;
    let w = world(&store).await;
    let m = staff(&store, "mentor", "Mo", "Mentor").await;
    let m2 = staff(&store, "mentor2", "Mia", "Mentor").await;
    let mut ids = Vec::new();
    for (family, ssid) in [("A", "EX-1"), ("B", "EX-2"), ("C", "EX-3"), ("D", "EX-4")] {
        ids.push(student(&store, &w, &w.school_a1, "Kid", family, ssid, 9).await);
    }

    assert_eq!(store.assign_mentor(m, &ids[..3]).await.unwrap(), 3);
    assert_eq!(
        store.assign_mentor(m, &[ids[0], ids[3]]).await.unwrap(),
        1,
        "new ones only"
    );
    assert_eq!(store.assign_mentor(m, &ids).await.unwrap(), 0);
    assert_eq!(store.assign_mentor(m, &[]).await.unwrap(), 0);
    assert_eq!(store.assign_mentor(m2, &[ids[1]]).await.unwrap(), 1);
    assert_eq!(
        families(&store, &query(StudentScope::MentorOf(m), "")).await,
        ["A", "B", "C", "D"]
    );

    assert!(store.remove_mentor(m, ids[1]).await.unwrap());
    assert!(!store.remove_mentor(m, ids[1]).await.unwrap());
    assert!(!store.remove_mentor(m2, ids[0]).await.unwrap());
    assert_eq!(
        families(&store, &query(StudentScope::MentorOf(m), "")).await,
        ["A", "C", "D"]
    );
    let facts = store
        .student_facts(ids[1], time::macros::date!(2025 - 01 - 01))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(facts.mentors, [m2], "the other mentor stays");

    // All or nothing: a batch with an unknown student assigns none.
    let m3 = staff(&store, "mentor3", "Max", "Mentor").await;
    assert_conflict(
        store
            .assign_mentor(m3, &[ids[0], waypoint_domain::UserId::generate()])
            .await,
    );
    assert!(
        families(&store, &query(StudentScope::MentorOf(m3), ""))
            .await
            .is_empty()
    );
}
