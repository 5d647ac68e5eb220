use super::*;
use waypoint_store::career_catalog::{CatalogOccupation, CatalogRows, ClusterKey};
use waypoint_store::careers::{Projection, ReleaseInfo};

fn occupation(code: &str, title: &str, zone: Option<i64>) -> CatalogOccupation {
    CatalogOccupation {
        code: code.into(),
        soc_code: code[..7].into(),
        title: title.into(),
        description: format!("{title} do things."),
        job_zone: zone,
    }
}

fn projection(soc: &str, wage: Option<i64>, change: f64, openings: i64, education: &str, broad: bool) -> Projection {
    Projection {
        soc_code: soc.into(),
        title: soc.into(),
        broad_group: broad,
        employment: Some(100_000),
        employment_projected: Some(100_000 + (1_000.0 * change) as i64),
        change: Some((1_000.0 * change) as i64),
        change_percent: Some(change),
        openings: Some(openings),
        median_wage: wage,
        median_wage_top_coded: false,
        education: Some(education.into()),
        work_experience: None,
        training: None,
    }
}

fn key(framework: &str, cluster: &str, pathway: &str) -> ClusterKey {
    ClusterKey {
        framework: framework.into(),
        cluster: cluster.into(),
        pathway: pathway.into(),
    }
}

fn rows() -> CatalogRows {
    let mut r = CatalogRows {
        occupations: vec![
            occupation("15-1252.00", "Software Developers", Some(4)),
            occupation("29-1141.00", "Registered Nurses", Some(3)),
            occupation("29-1171.00", "Nurse Practitioners", Some(5)),
            occupation("35-2014.00", "Cooks, Restaurant", Some(2)),
            occupation("47-2111.00", "Electricians", Some(3)),
            occupation("47-2199.00", "Construction Trades Workers, All Other", None),
        ],
        all_change_percent: Some(3.1),
        ..CatalogRows::default()
    };
    let elements = waypoint_domain::careers::INTEREST_ELEMENTS;
    for (code, scores) in [
        ("15-1252.00", [2.0, 6.5, 3.0, 1.5, 2.5, 4.0]),
        ("29-1141.00", [2.5, 5.0, 1.5, 6.5, 2.0, 3.0]),
        ("29-1171.00", [2.0, 6.0, 1.5, 6.0, 2.5, 2.5]),
        ("35-2014.00", [6.0, 1.5, 3.5, 2.0, 2.5, 3.0]),
        ("47-2111.00", [7.0, 3.5, 1.5, 1.5, 2.0, 3.5]),
    ] {
        for (e, v) in elements.iter().zip(scores) {
            r.interests.push((code.into(), e.to_string(), v));
        }
    }
    // Only five of six: no profile.
    for e in &elements[..5] {
        r.interests.push(("47-2199.00".into(), e.to_string(), 3.0));
    }
    r.projections = vec![
        (
            "15-1252.00".into(),
            projection("15-1252", Some(133_080), 15.8, 115_200, "Bachelor's degree", false),
        ),
        (
            "29-1141.00".into(),
            projection("29-1141", Some(93_600), 5.2, 189_100, "Bachelor's degree", false),
        ),
        // The broad group's line is taken only without the occupation's own.
        (
            "29-1141.00".into(),
            projection("29-1140", Some(1), 50.0, 1, "Doctoral or professional degree", true),
        ),
        (
            "29-1171.00".into(),
            projection("29-1171", Some(129_210), 40.1, 29_200, "Master's degree", false),
        ),
        (
            "35-2014.00".into(),
            projection(
                "35-2014",
                Some(36_420),
                4.9,
                240_000,
                "No formal educational credential",
                false,
            ),
        ),
        (
            "47-2111.00".into(),
            projection(
                "47-2110",
                Some(62_350),
                9.5,
                81_000,
                "High school diploma or equivalent",
                true,
            ),
        ),
    ];
    r.alternate_titles = vec![
        ("29-1141.00".into(), "Staff Nurse".into()),
        ("29-1141.00".into(), "RN (Registered Nurse)".into()),
        ("15-1252.00".into(), "Application Developer".into()),
        ("47-2111.00".into(), "Journeyman Electrician".into()),
    ];
    r.reported_titles = vec![("35-2014.00".into(), "Line Cook".into())];
    r.clusters = vec![
        key("advance-cte", "Digital Technology", "Software Development"),
        key("advance-cte", "Healthcare & Human Services", "Patient Care"),
        key("advance-cte", "Construction", "Electrical"),
    ];
    r.memberships = vec![
        (
            "15-1252.00".into(),
            key("advance-cte", "Digital Technology", "Software Development"),
        ),
        (
            "29-1141.00".into(),
            key("advance-cte", "Healthcare & Human Services", "Patient Care"),
        ),
        (
            "29-1171.00".into(),
            key("advance-cte", "Healthcare & Human Services", "Patient Care"),
        ),
        ("47-2111.00".into(), key("advance-cte", "Construction", "Electrical")),
    ];
    r.releases = vec![CareerRelease {
        dataset: "clusters:advance-cte".into(),
        info: ReleaseInfo {
            title: "National Career Clusters".into(),
            ..ReleaseInfo::default()
        },
        row_count: 7,
        loaded_at: 1,
    }];
    r
}

fn codes(r: &CareerResults) -> Vec<&str> {
    r.items.iter().map(|h| h.occupation.code.as_str()).collect()
}

fn query(q: &str) -> CareerQuery {
    CareerQuery {
        q: q.into(),
        page: 1,
        ..CareerQuery::default()
    }
}

#[test]
fn summaries_take_projections_outlook_and_profiles() {
    let c = Catalog::build(rows());
    assert_eq!(c.len(), 6);
    let rn = c.get("29-1141.00").unwrap();
    // The occupation's own line item, not the broad group's.
    assert_eq!((rn.median_wage, rn.projection_broad), (Some(93_600), false));
    assert_eq!(rn.education, Some(EntryEducation::Bachelor));
    // 5.2 % is less than twice 3.1 %, but 189,100 openings a year.
    assert!(rn.bright_outlook);
    assert!(c.get("29-1171.00").unwrap().bright_outlook);
    // 4.9 % growth, 240,000 openings: bright by openings.
    assert!(c.get("35-2014.00").unwrap().bright_outlook);
    let e = c.get("47-2111.00").unwrap();
    assert!(e.projection_broad && e.bright_outlook);
    assert_eq!(rn.interests, Some([2.5, 5.0, 1.5, 6.5, 2.0, 3.0]));
    assert_eq!(c.get("47-2199.00").unwrap().interests, None);
    assert_eq!(c.interest_profiles().count(), 5);
    assert_eq!(c.get("47-2199.00").unwrap().job_zone, None);
    assert_eq!(c.frameworks()[0].title, "National Career Clusters");
    assert_eq!(c.clusters().len(), 3);
    assert!(c.get("99-9999.00").is_none());
}

#[test]
fn search_by_title_alternate_title_typo_and_code() {
    let c = Catalog::build(rows());
    let r = c.search(&query("nurse"));
    assert!(r.searched);
    assert_eq!(codes(&r), ["29-1141.00", "29-1171.00"]);
    let r = c.search(&query("staff nurse"));
    assert_eq!(codes(&r), ["29-1141.00"]);
    assert_eq!(r.items[0].matched.as_deref(), Some("Staff Nurse"));
    assert_eq!(c.search(&query("Registered Nurses")).items[0].matched, None);
    assert_eq!(codes(&c.search(&query("electrcian"))), ["47-2111.00"]);
    assert_eq!(codes(&c.search(&query("line cook"))), ["35-2014.00"]);
    assert_eq!(codes(&c.search(&query("29-11"))), ["29-1141.00", "29-1171.00"]);
    // Two typos, in any order, through an alternate title.
    let r = c.search(&query("develper aplication"));
    assert_eq!(codes(&r), ["15-1252.00"]);
    assert_eq!(r.items[0].matched.as_deref(), Some("Application Developer"));
    // Three typos are too many to find, not too many to suggest.
    let none = c.search(&query("aplicatoinn developers"));
    assert_eq!(none.total, 0);
    assert_eq!(none.suggestion.as_deref(), Some("application developer"));
}

#[test]
fn filters_narrow_and_sorts_order() {
    let c = Catalog::build(rows());
    let all = c.search(&query(""));
    assert!(!all.searched);
    // By title when not searching.
    assert_eq!(
        codes(&all),
        [
            "47-2199.00",
            "35-2014.00",
            "47-2111.00",
            "29-1171.00",
            "29-1141.00",
            "15-1252.00"
        ]
    );
    let health = CareerQuery {
        cluster: Some("advance-cte:Healthcare & Human Services".into()),
        ..query("")
    };
    assert_eq!(codes(&c.search(&health)), ["29-1171.00", "29-1141.00"]);
    let up_to_bachelor = CareerQuery {
        education: Some(EntryEducation::Bachelor),
        sort: SortOrder::Wage,
        ..query("")
    };
    assert_eq!(
        codes(&c.search(&up_to_bachelor)),
        ["15-1252.00", "29-1141.00", "47-2111.00", "35-2014.00"]
    );
    let zone3 = CareerQuery {
        job_zone: Some(3),
        ..query("")
    };
    assert_eq!(codes(&c.search(&zone3)), ["47-2111.00", "29-1141.00"]);
    let rich = CareerQuery {
        min_wage: Some(100_000),
        sort: SortOrder::Growth,
        ..query("")
    };
    assert_eq!(codes(&c.search(&rich)), ["29-1171.00", "15-1252.00"]);
    let bright_nurses = CareerQuery {
        outlook: OutlookFilter::Bright,
        sort: SortOrder::Openings,
        ..query("nur")
    };
    assert_eq!(codes(&c.search(&bright_nurses)), ["29-1141.00", "29-1171.00"]);
    let growing = CareerQuery {
        outlook: OutlookFilter::Growing,
        ..query("")
    };
    assert_eq!(c.search(&growing).total, 5);
}

#[test]
fn pages_are_clamped() {
    let mut r = rows();
    for i in 0..45 {
        r.occupations.push(occupation(
            &format!("51-{:04}.00", 1000 + i),
            &format!("Assembler {i:02}"),
            Some(2),
        ));
    }
    let c = Catalog::build(r);
    let q = CareerQuery {
        page: 3,
        ..query("assembler")
    };
    let p = c.search(&q);
    assert_eq!((p.total, p.pages, p.page, p.items.len()), (45, 3, 3, 5));
    let far = c.search(&CareerQuery {
        page: i64::MAX,
        ..query("assembler")
    });
    assert_eq!((far.page, far.items.len()), (3, 5));
    let zero = c.search(&CareerQuery {
        page: i64::MIN,
        ..query("zzzzzz")
    });
    assert_eq!((zero.page, zero.pages, zero.total), (1, 1, 0));
}

#[test]
fn forms_are_read_with_messages_for_what_cannot_be() {
    let c = Catalog::build(rows());
    let form = CareerSearchForm {
        q: Some("  nurse ".into()),
        cluster: Some("advance-cte:Construction".into()),
        education: Some("associate".into()),
        job_zone: Some("3".into()),
        min_wage: Some("$50,000".into()),
        outlook: Some("bright".into()),
        sort: Some("wage".into()),
        page: Some("2".into()),
    };
    let (q, errors) = parse_search(&c, &form);
    assert!(errors.is_empty());
    assert_eq!(
        q,
        CareerQuery {
            q: "nurse".into(),
            cluster: Some("advance-cte:Construction".into()),
            education: Some(EntryEducation::Associate),
            job_zone: Some(3),
            min_wage: Some(50_000),
            outlook: OutlookFilter::Bright,
            sort: SortOrder::Wage,
            page: 2,
        }
    );
    let bad = CareerSearchForm {
        q: Some("x".repeat(5_000)),
        cluster: Some("nope".into()),
        education: Some("phd".into()),
        job_zone: Some("9".into()),
        min_wage: Some("lots".into()),
        outlook: Some("rosy".into()),
        sort: Some("random".into()),
        page: Some("-4".into()),
    };
    let (q, errors) = parse_search(&c, &bad);
    assert_eq!(q.q.chars().count(), MAX_QUERY_CHARS);
    assert_eq!(
        (q.cluster, q.education, q.job_zone, q.min_wage),
        (None, None, None, None)
    );
    assert_eq!(
        (q.outlook, q.sort, q.page),
        (OutlookFilter::Any, SortOrder::Relevance, 1)
    );
    for field in ["cluster", "education", "job_zone", "min_wage", "outlook", "sort"] {
        assert!(errors.for_field(field).is_some(), "{field}");
    }
    let (q, errors) = parse_search(
        &c,
        &CareerSearchForm {
            page: Some("99999999999999999999999".into()),
            min_wage: Some("99999999999".into()),
            ..CareerSearchForm::default()
        },
    );
    assert_eq!((q.page, q.min_wage), (1, None));
    assert_eq!(errors.for_field("min_wage"), Some("careers-error-wage"));
    assert!(plausible_code("29-1141.00"));
    assert!(!plausible_code("29-1141.0"));
    assert!(!plausible_code("../../etc/pa"));
}

#[test]
fn an_empty_catalog_finds_nothing_and_does_not_fail() {
    let c = Catalog::build(CatalogRows::default());
    assert!(c.is_empty());
    let r = c.search(&query("nurse"));
    assert_eq!((r.total, r.pages, r.page), (0, 1, 1));
    assert_eq!(r.suggestion, None);
    assert!(c.search(&query("")).items.is_empty());
}
