//! Careers reference data: whole releases replaced in one transaction, read back the same on
//! both backends. (The real O*NET and BLS files are loaded by the CLI test in
//! `crates/waypoint/tests/cli.rs`.)

use crate::common::fresh_store;
use waypoint_store::careers::*;

fn info(version: &str) -> ReleaseInfo {
    ReleaseInfo {
        version: version.into(),
        title: format!("O*NET {version} Database"),
        published: Some("May 2025".into()),
        period_start: None,
        period_end: None,
        publisher: "National Center for O*NET Development".into(),
        license: "CC BY 4.0".into(),
        attribution: format!("Includes information from the O*NET {version} Database."),
    }
}

fn occupation(code: &str, title: &str) -> OnetOccupation {
    OnetOccupation {
        code: code.into(),
        soc_code: code[..7].into(),
        soc_broad_code: format!("{}0", &code[..6]),
        title: title.into(),
        description: format!("What {title} do."),
    }
}

fn rating(code: &str, element: &str, name: &str, scale: &str, value: f64) -> OnetRating {
    OnetRating {
        code: code.into(),
        element_id: element.into(),
        element_name: name.into(),
        scale_id: scale.into(),
        value,
        rated_on: Some("2023-11".into()),
        domain_source: Some("Machine Learning".into()),
    }
}

const RIASEC: [&str; 6] = [
    "Realistic",
    "Investigative",
    "Artistic",
    "Social",
    "Enterprising",
    "Conventional",
];

/// A small release: Software Developers and Registered Nurses in full, and 28 filler
/// occupations with interest scores (270 interest rows: more than two full multi-row inserts).
pub(crate) fn release(version: &str) -> OnetData {
    let mut d = OnetData {
        release: info(version),
        ..OnetData::default()
    };
    d.occupations.push(occupation("15-1252.00", "Software Developers"));
    d.occupations.push(occupation("29-1141.00", "Registered Nurses"));
    for i in 0..28 {
        d.occupations
            .push(occupation(&format!("99-{:04}.00", 1000 + i), &format!("Filler {i}")));
    }
    for (n, o) in d.occupations.iter().enumerate() {
        for (k, name) in RIASEC.iter().enumerate() {
            let element = format!("1.B.1.{}", (b'a' + k as u8) as char);
            d.interests
                .push(rating(&o.code, &element, name, "OI", 1.0 + (n + k) as f64 % 7.0 + 0.25));
        }
        for (k, name) in ["First", "Second", "Third"].iter().enumerate() {
            let element = format!("1.B.1.{}", (b'g' + k as u8) as char);
            let hp = format!("{name} Interest High-Point");
            d.interests
                .push(rating(&o.code, &element, &hp, "IH", ((n + k) % 7) as f64));
        }
    }
    d.work_values
        .push(rating("29-1141.00", "1.B.2.d", "Relationships", "EX", 6.33));
    d.job_zones.push(OnetJobZone {
        code: "15-1252.00".into(),
        job_zone: 4,
        rated_on: Some("2021-11".into()),
        domain_source: Some("Analyst".into()),
    });
    d.job_zone_reference.push(OnetJobZoneReference {
        job_zone: 4,
        name: "Job Zone Four: Considerable Preparation Needed".into(),
        experience: Some("A considerable amount".into()),
        education: None,
        job_training: None,
        examples: None,
        svp_range: Some("(7.0 to < 8.0)".into()),
    });
    d.education_categories.push(OnetEducationCategory {
        element_id: "2.D.1".into(),
        element_name: "Required Level of Education".into(),
        scale_id: "RL".into(),
        category: 6,
        description: "Bachelor's Degree".into(),
    });
    d.education.push(OnetEducation {
        code: "15-1252.00".into(),
        element_id: "2.D.1".into(),
        element_name: "Required Level of Education".into(),
        scale_id: "RL".into(),
        category: Some(6),
        value: 60.5,
        n: Some(28),
        standard_error: Some(4.1428),
        lower_ci: None,
        upper_ci: None,
        recommend_suppress: Some(false),
        rated_on: Some("2023-08".into()),
        domain_source: Some("Incumbent".into()),
    });
    d.education.push(OnetEducation {
        code: "15-1252.00".into(),
        element_id: "2.D.4.a".into(),
        element_name: "Job-Related Professional Certification".into(),
        scale_id: "IM".into(),
        category: None,
        value: 2.7,
        n: None,
        standard_error: None,
        lower_ci: None,
        upper_ci: None,
        recommend_suppress: None,
        rated_on: None,
        domain_source: None,
    });
    for (title, short) in [
        ("Application Developer", None),
        ("Application Developer", Some("App Dev")),
        ("Coder", None),
    ] {
        d.alternate_titles.push(OnetAlternateTitle {
            code: "15-1252.00".into(),
            title: title.into(),
            short_title: short.map(Into::into),
            sources: Some("04,06".into()),
        });
    }
    d.reported_titles.push(OnetReportedTitle {
        code: "15-1252.00".into(),
        title: "Software Engineer".into(),
        shown_in_my_next_move: true,
    });
    d.reported_titles.push(OnetReportedTitle {
        code: "15-1252.00".into(),
        title: "Programmer".into(),
        shown_in_my_next_move: false,
    });
    for (rank, related) in [(2, "99-1000.00"), (1, "29-1141.00")] {
        d.related.push(OnetRelated {
            code: "15-1252.00".into(),
            related_code: related.into(),
            tier: "Primary-Short".into(),
            rank,
        });
    }
    d
}

#[tokio::test]
async fn an_onet_release_is_stored_whole_and_read_back() {
    let (store, _db) = fresh_store().await;
    assert_eq!(store.careers_counts().await.unwrap(), CareersCounts::default());
    assert!(store.occupation("15-1252.00").await.unwrap().is_none());

    let done = store.replace_onet(release("29.3")).await.unwrap();
    assert_eq!(done.previous, None);
    let counts = store.careers_counts().await.unwrap();
    assert_eq!(
        (
            counts.occupations,
            counts.interests,
            counts.work_values,
            counts.job_zones
        ),
        (30, 270, 1, 1)
    );
    assert_eq!((counts.education, counts.education_categories), (2, 1));
    assert_eq!(
        (
            counts.alternate_titles,
            counts.reported_titles,
            counts.related_occupations
        ),
        (3, 2, 2)
    );
    assert_eq!(done.rows, 30 + 270 + 1 + 1 + 1 + 2 + 1 + 3 + 2 + 2);

    let o = store.occupation("15-1252.00").await.unwrap().unwrap();
    assert_eq!(o.title, "Software Developers");
    assert_eq!(o.soc_code, "15-1252");
    assert_eq!(o.description, "What Software Developers do.");
    assert_eq!(o.job_zone, Some(4));
    assert_eq!(
        o.job_zone_name.as_deref(),
        Some("Job Zone Four: Considerable Preparation Needed")
    );
    assert_eq!(o.interests.len(), 9);
    assert_eq!(o.interests[1].element_name, "Investigative");
    assert_eq!(o.interests[1].value, 2.25);
    assert_eq!(o.interests[6].scale_id, "IH");
    let bachelor = &o.education[0];
    assert_eq!(
        (
            bachelor.category,
            bachelor.category_description.as_deref(),
            bachelor.value
        ),
        (Some(6), Some("Bachelor's Degree"), 60.5)
    );
    assert_eq!((bachelor.n, bachelor.recommend_suppress), (Some(28), Some(false)));
    assert_eq!((o.education[1].category, o.education[1].value), (None, 2.7));
    assert_eq!(o.education[1].recommend_suppress, None);
    assert_eq!(
        o.alternate_titles,
        [
            ("Application Developer".to_string(), None),
            ("Application Developer".to_string(), Some("App Dev".to_string())),
            ("Coder".to_string(), None)
        ]
    );
    assert_eq!(
        o.reported_titles,
        [
            ("Software Engineer".to_string(), true),
            ("Programmer".to_string(), false)
        ]
    );
    let related: Vec<(&str, &str, i64)> = o
        .related
        .iter()
        .map(|r| (r.code.as_str(), r.title.as_str(), r.rank))
        .collect();
    assert_eq!(
        related,
        [("29-1141.00", "Registered Nurses", 1), ("99-1000.00", "Filler 0", 2)]
    );
    assert_eq!(o.projection, None);
    assert!(o.clusters.is_empty());
    let nurse = store.occupation("29-1141.00").await.unwrap().unwrap();
    assert_eq!(nurse.work_values[0].value, 6.33);
    assert_eq!(nurse.job_zone, None);

    let releases = store.career_releases().await.unwrap();
    assert_eq!(releases.len(), 1);
    assert_eq!(releases[0].dataset, ONET);
    assert_eq!(releases[0].info, info("29.3"));
    assert_eq!(releases[0].row_count, done.rows);

    // The same release again changes nothing.
    let again = store.replace_onet(release("29.3")).await.unwrap();
    assert_eq!(again.previous.as_deref(), Some("29.3"));
    assert_eq!(store.careers_counts().await.unwrap(), counts);
    assert_eq!(store.occupation("15-1252.00").await.unwrap().unwrap(), o);

    // A newer release: an occupation dropped, a title changed, fewer titles.
    let mut newer = release("30.0");
    newer.occupations.retain(|o| o.code != "99-1027.00");
    newer.interests.retain(|i| i.code != "99-1027.00");
    newer.occupations[0].title = "Software Developers and Engineers".into();
    newer.alternate_titles.truncate(1);
    let done = store.replace_onet(newer).await.unwrap();
    assert_eq!(done.previous.as_deref(), Some("29.3"));
    let counts = store.careers_counts().await.unwrap();
    assert_eq!(
        (counts.occupations, counts.interests, counts.alternate_titles),
        (29, 261, 1)
    );
    assert!(store.occupation("99-1027.00").await.unwrap().is_none());
    let o = store.occupation("15-1252.00").await.unwrap().unwrap();
    assert_eq!(o.title, "Software Developers and Engineers");
    assert_eq!(o.alternate_titles.len(), 1);
    let releases = store.career_releases().await.unwrap();
    assert_eq!(releases[0].info.version, "30.0");
}

#[tokio::test]
async fn a_failed_replacement_leaves_the_old_release() {
    let (store, _db) = fresh_store().await;
    store.replace_onet(release("29.3")).await.unwrap();
    let before = store.careers_counts().await.unwrap();
    let detail = store.occupation("15-1252.00").await.unwrap();

    // A related occupation that the release does not define: refused by the database after
    // everything else was written, so all of it must roll back.
    let mut broken = release("30.0");
    broken.occupations.truncate(2);
    broken
        .interests
        .retain(|i| i.code.starts_with("15") || i.code.starts_with("29"));
    let err = store.replace_onet(broken).await.unwrap_err();
    assert!(err.is_conflict(), "{err}");
    assert_eq!(store.careers_counts().await.unwrap(), before);
    assert_eq!(store.occupation("15-1252.00").await.unwrap(), detail);
    assert_eq!(store.career_releases().await.unwrap()[0].info.version, "29.3");
}

pub(crate) fn projection(code: &str, kind: &str, employment: i64, wage: Option<i64>) -> BlsProjection {
    BlsProjection {
        soc_code: code.into(),
        title: format!("Occupation {code}"),
        depth: 3,
        occupation_type: kind.into(),
        employment: Some(employment),
        employment_projected: Some(employment + 1_000),
        change: Some(1_000),
        change_percent: Some(0.5),
        self_employed_percent: None,
        openings: Some(100),
        median_wage: wage,
        median_wage_top_coded: wage == Some(239_200),
        education: Some("Bachelor's degree".into()),
        work_experience: Some("None".into()),
        training: None,
    }
}

pub(crate) fn bls_info(version: &str) -> ReleaseInfo {
    ReleaseInfo {
        version: version.into(),
        title: format!("Employment Projections {version}"),
        published: None,
        period_start: Some(2024),
        period_end: Some(2034),
        publisher: "U.S. Bureau of Labor Statistics".into(),
        license: "Public domain".into(),
        attribution: "Source: Employment Projections program, U.S. Bureau of Labor Statistics.".into(),
    }
}

#[tokio::test]
async fn projections_join_by_soc_code_then_broad_group() {
    let (store, _db) = fresh_store().await;
    let mut d = OnetData {
        release: info("29.3"),
        ..OnetData::default()
    };
    for (code, title) in [
        ("15-1252.00", "Software Developers"),
        ("11-1011.03", "Chief Sustainability Officers"),
        ("13-1021.00", "Buyers and Purchasing Agents, Farm Products"),
        ("55-1011.00", "Air Crew Officers"),
    ] {
        d.occupations.push(occupation(code, title));
    }
    store.replace_onet(d).await.unwrap();
    // 130 rows: more than one multi-row insert.
    let mut rows = vec![
        projection("00-0000", "summary", 169_956_100, Some(49_500)),
        projection("15-1252", "line_item", 1_693_800, Some(133_080)),
        projection("11-1011", "line_item", 309_400, Some(239_200)),
        projection("13-1020", "line_item", 522_200, Some(75_650)),
        // A summary with the broad code must not be taken for a line item.
        projection("55-1010", "summary", 1, None),
    ];
    for i in 0..125 {
        rows.push(projection(&format!("47-{:04}", 2000 + i), "line_item", 1_000, None));
    }
    let done = store.replace_bls_projections(bls_info("2024-34"), rows).await.unwrap();
    assert_eq!((done.previous, done.rows), (None, 130));
    assert_eq!(store.careers_counts().await.unwrap().projections, 130);

    let p = store
        .occupation("15-1252.00")
        .await
        .unwrap()
        .unwrap()
        .projection
        .unwrap();
    assert_eq!((p.soc_code.as_str(), p.broad_group), ("15-1252", false));
    assert_eq!(
        (p.employment, p.employment_projected, p.change, p.openings),
        (Some(1_693_800), Some(1_694_800), Some(1_000), Some(100))
    );
    assert_eq!((p.change_percent, p.median_wage), (Some(0.5), Some(133_080)));
    assert_eq!(p.education.as_deref(), Some("Bachelor's degree"));
    assert_eq!(p.training, None);
    let p = store
        .occupation("11-1011.03")
        .await
        .unwrap()
        .unwrap()
        .projection
        .unwrap();
    assert_eq!((p.soc_code.as_str(), p.broad_group), ("11-1011", false));
    assert_eq!((p.median_wage, p.median_wage_top_coded), (Some(239_200), true));
    let p = store
        .occupation("13-1021.00")
        .await
        .unwrap()
        .unwrap()
        .projection
        .unwrap();
    assert_eq!((p.soc_code.as_str(), p.broad_group), ("13-1020", true));
    assert_eq!(store.occupation("55-1011.00").await.unwrap().unwrap().projection, None);
    assert_eq!(
        store.projection_coverage().await.unwrap(),
        ProjectionCoverage {
            exact: 2,
            broad: 1,
            none: 1
        }
    );

    // The next projections replace these whole.
    let done = store
        .replace_bls_projections(
            bls_info("2025-35"),
            vec![projection("15-1252", "line_item", 1_800_000, None)],
        )
        .await
        .unwrap();
    assert_eq!(done.previous.as_deref(), Some("2024-34"));
    assert_eq!(store.careers_counts().await.unwrap().projections, 1);
    assert_eq!(store.occupation("13-1021.00").await.unwrap().unwrap().projection, None);
    let p = store
        .occupation("15-1252.00")
        .await
        .unwrap()
        .unwrap()
        .projection
        .unwrap();
    assert_eq!((p.employment, p.median_wage), (Some(1_800_000), None));
    // Replacing the occupations leaves the projections alone.
    store.replace_onet(release("30.0")).await.unwrap();
    assert_eq!(store.careers_counts().await.unwrap().projections, 1);
    let releases = store.career_releases().await.unwrap();
    let datasets: Vec<&str> = releases.iter().map(|r| r.dataset.as_str()).collect();
    assert_eq!(datasets, [BLS_PROJECTIONS, ONET]);
    assert_eq!(releases[0].info.period_start, Some(2024));
}

pub(crate) fn entry(cluster: &str, pathway: &str, code: &str) -> ClusterEntry {
    ClusterEntry {
        cluster: cluster.into(),
        pathway: pathway.into(),
        code: code.into(),
        title: None,
    }
}

#[tokio::test]
async fn cluster_frameworks_are_replaced_one_at_a_time() {
    let (store, _db) = fresh_store().await;
    store.replace_onet(release("29.3")).await.unwrap();
    let cte = vec![
        entry("Digital Technology", "Software Development", "15-1252"),
        entry("Digital Technology", "Data Science", "15-2051"),
        entry("Healthcare & Human Services", "Patient Care", "29-1141"),
    ];
    let done = store
        .replace_career_clusters("advance-cte", bls_info("2025"), cte.clone())
        .await
        .unwrap();
    assert_eq!(done.rows, 3 + 3);
    let legacy = vec![
        entry(
            "Information Technology",
            "Programming and Software Development",
            "15-1252.00",
        ),
        entry("Health Science", "Therapeutic Services", "29-1141.00"),
        entry("Health Science", "", "15-1252.00"),
    ];
    store
        .replace_career_clusters("onet-legacy", bls_info("2023"), legacy)
        .await
        .unwrap();
    let counts = store.careers_counts().await.unwrap();
    assert_eq!((counts.clusters, counts.cluster_occupations), (6, 6));

    let places: Vec<(String, String, String)> = store
        .occupation("15-1252.00")
        .await
        .unwrap()
        .unwrap()
        .clusters
        .into_iter()
        .map(|c| (c.framework, c.cluster, c.pathway))
        .collect();
    let own = |a: &str, b: &str, c: &str| (a.to_string(), b.to_string(), c.to_string());
    assert_eq!(
        places,
        [
            own("advance-cte", "Digital Technology", "Software Development"),
            own(
                "onet-legacy",
                "Information Technology",
                "Programming and Software Development"
            ),
            own("onet-legacy", "Health Science", ""),
        ]
    );

    // Replacing one framework leaves the other.
    store
        .replace_career_clusters("advance-cte", bls_info("2026"), cte[2..].to_vec())
        .await
        .unwrap();
    let clusters = store.occupation("15-1252.00").await.unwrap().unwrap().clusters;
    assert_eq!(clusters.len(), 2);
    assert!(clusters.iter().all(|c| c.framework == "onet-legacy"));
    let releases = store.career_releases().await.unwrap();
    assert_eq!(releases.len(), 3);
    assert_eq!(releases[0].dataset, clusters_dataset("advance-cte"));
    assert_eq!(releases[0].info.version, "2026");
}
