//! Careers over HTTP: the real O*NET, BLS and clusters files imported (or the built-in
//! synthetic sample when the shared data folder is missing), then searched, filtered, read,
//! saved and listed by the people of the fixture.

use crate::harness::{P, TestApp};
use std::path::PathBuf;
use waypoint_store::logs::AccessQuery;

/// The shared data folder, as `scripts/test.sh` sets it, else beside the repository.
fn data_dir() -> PathBuf {
    std::env::var_os("WAYPOINT_DATA_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"))
}

/// Loads careers data into the app's store: the real files when present (true), else the
/// sample (false); then has the app build its catalog.
async fn load_careers(app: &TestApp) -> bool {
    let dir = data_dir();
    let real = dir.join("onet/Occupation Data.txt").is_file()
        && dir
            .join("bls/ep_table_1.2_occupational_projections_2024-34.csv")
            .is_file();
    if real {
        waypoint::careers::import_onet(&app.store, &dir.join("onet"), &Default::default())
            .await
            .unwrap();
        waypoint::careers::import_bls(
            &app.store,
            &dir.join("bls/ep_table_1.2_occupational_projections_2024-34.csv"),
        )
        .await
        .unwrap();
        let opts = waypoint::careers::ClusterOptions {
            framework: "advance-cte".into(),
            title: Some("National Career Clusters Framework".into()),
            publisher: "Advance CTE".into(),
            ..Default::default()
        };
        waypoint::careers::import_clusters(
            &app.store,
            &dir.join("clusters/advancecte_soc_cluster_subcluster.csv"),
            &opts,
        )
        .await
        .unwrap();
    } else {
        eprintln!("careers tests: no shared data at {}; using the sample", dir.display());
        waypoint::careers::load_sample(&app.store).await.unwrap();
    }
    let catalog = app.running.as_ref().unwrap().app.refresh_careers().await.unwrap();
    assert!(catalog.len() >= 28);
    real
}

/// The result titles on a search page, in order.
fn result_titles(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    let Some(table) = body.split("<table class=\"career-results\">").nth(1) else {
        return out;
    };
    let table = table.split("</table>").next().unwrap_or("");
    for part in table.split("<th scope=\"row\"><a href=\"/careers/").skip(1) {
        if let Some(start) = part.find('>')
            && let Some(end) = part.find("</a>")
        {
            out.push(part[start + 1..end].to_string());
        }
    }
    out
}

/// The number in "N careers match …" or "N careers" (the results' caption, or the status
/// line when nothing was found).
fn total(body: &str) -> usize {
    let text = [
        "<caption id=\"results-caption\">",
        "<p role=\"status\" id=\"results-count\"><strong>",
    ]
    .iter()
    .find_map(|m| body.find(m).map(|at| &body[at + m.len()..]));
    let Some(rest) = text else {
        return 0;
    };
    if rest.starts_with("No careers") {
        return 0;
    }
    if rest.starts_with("One career") {
        return 1;
    }
    rest.split(' ').next().and_then(|n| n.parse().ok()).unwrap_or(0)
}

#[tokio::test]
async fn careers_search_page_save_and_share() {
    let app = TestApp::spawn().await;
    let real = load_careers(&app).await;
    let sid = app.fx.id(P::Student1);
    let mut student = app.as_(P::Student1).await;

    // Whole words: "nurse" finds Registered Nurses on the first page.
    let r = student.get("/careers?q=nurse").await;
    assert_eq!(r.status, 200);
    let titles = result_titles(&r.body);
    assert!(titles.iter().any(|t| t == "Registered Nurses"), "{titles:?}");
    let nurses = total(&r.body);
    assert!(nurses >= 4, "{nurses}");
    // While typing, and with typos.
    let r = student.get("/careers?q=nur").await;
    assert!(result_titles(&r.body).iter().any(|t| t == "Registered Nurses"));
    let r = student.get("/careers?q=electrcian").await;
    assert_eq!(result_titles(&r.body).first().map(String::as_str), Some("Electricians"));
    let r = student.get("/careers?q=phsyician").await;
    assert!(
        result_titles(&r.body).iter().any(|t| t.contains("Physicians")),
        "{:?}",
        result_titles(&r.body)
    );
    let r = student.get("/careers?q=enginer").await;
    assert!(result_titles(&r.body).iter().any(|t| t.ends_with("Engineers")));
    // An alternate title is named as the match.
    let r = student.get("/careers?q=staff+nurse").await;
    assert_eq!(
        result_titles(&r.body).first().map(String::as_str),
        Some("Registered Nurses")
    );
    assert!(r.body.contains("Matched:"), "the matched alternate title is shown");
    // A code.
    let r = student.get("/careers?q=29-1141").await;
    assert!(result_titles(&r.body).iter().any(|t| t == "Registered Nurses"));

    // Filters narrow the results, and the form keeps them.
    let all = total(&student.get("/careers").await.body);
    assert!(all >= 28);
    let r = student.get("/careers?education=associate").await;
    let up_to_associate = total(&r.body);
    assert!(
        up_to_associate > 0 && up_to_associate < all,
        "{up_to_associate} of {all}"
    );
    assert!(r.body.contains("<option value=\"associate\" selected>"));
    let bright = total(&student.get("/careers?outlook=bright").await.body);
    assert!(bright > 0 && bright < all);
    let zone5 = total(&student.get("/careers?job_zone=5").await.body);
    assert!(zone5 > 0 && zone5 < all);
    let rich = student.get("/careers?min_wage=100000&sort=wage").await;
    assert!(total(&rich.body) < all);
    assert!(rich.body.contains("value=\"100000\""));
    let nurse_zone3 = total(&student.get("/careers?q=nurse&job_zone=3").await.body);
    assert!(nurse_zone3 < nurses);
    let cluster = if real {
        "advance-cte:Healthcare %26 Human Services"
    } else {
        "sample:Healthcare and Human Services"
    };
    let health = student.get(&format!("/careers?cluster={cluster}")).await;
    assert_eq!(health.status, 200);
    assert!(total(&health.body) > 0 && total(&health.body) < all);
    assert!(result_titles(&health.body).iter().all(|t| t != "Electricians"));

    // Nothing found: suggestions instead.
    let r = student.get("/careers?q=xqzvyy+wplkj").await;
    assert_eq!(r.status, 200);
    assert!(r.body.contains("No careers found"));
    let r = student.get("/careers?q=registred+nurzez&job_zone=1").await;
    assert!(r.body.contains("Search again without the filters"));

    // The career page: the work, interests, education, wages with year and source, and
    // the O*NET attribution.
    let r = student.get("/careers/29-1141.00").await;
    assert_eq!(r.status, 200);
    let b = &r.body;
    assert!(b.contains("<h1>Registered Nurses</h1>"));
    assert!(b.contains("What the work is like"));
    assert!(b.contains("<meter min=\"1\" max=\"7\""), "interests as meters");
    assert!(b.contains("Mostly "), "the top interests in words");
    assert!(b.contains("Median wage (2024)"), "the wage's year");
    assert!(b.contains("$93,600 a year"));
    assert!(b.contains("Jobs projected for 2034"));
    assert!(b.contains("Change, 2024–2034"));
    assert!(b.contains("Related careers"));
    if real {
        assert!(b.contains("O*NET 29.3 Database by the U.S. Department of Labor"));
        assert!(b.contains("Employment Projections program, U.S. Bureau of Labor Statistics"));
        assert!(
            b.contains("Human Services — Physical Health"),
            "its cluster and pathway"
        );
        assert!(b.contains("Bachelor’s degree"));
        // O*NET's education shares, the imprecise one marked rather than hidden.
        assert!(b.contains("Education of people in this occupation"));
        assert!(b.contains("<td>56%*</td>") && b.contains("O*NET marks this share as imprecise"));
    } else {
        assert!(b.contains("Synthetic sample data written for the Waypoint demo"));
    }
    assert!(b.contains("Save to my careers"));
    // In Spanish, with O*NET's English text marked as English.
    let mut es = app.as_(P::Student1).await;
    es.lang = Some("es".into());
    let r = es.get("/careers/29-1141.00").await;
    assert!(r.body.contains("Salarios y perspectivas"));
    assert!(r.body.contains("<h1 lang=\"en\">Registered Nurses</h1>"));

    // Save with a note, then change the note.
    let r = student
        .post(
            &format!("/students/{sid}/careers"),
            &[
                ("onet_code", "29-1141.00"),
                ("note", "Shadow a nurse at the clinic"),
                ("from", "career"),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(r.location.as_deref(), Some("/careers/29-1141.00?notice=career-saved"));
    let r = student.get("/careers/29-1141.00?notice=career-saved").await;
    assert!(r.body.contains("The career is on your list."));
    assert!(r.body.contains("Shadow a nurse at the clinic"));
    assert!(r.body.contains("Remove from my careers"));
    let r = student
        .post(
            &format!("/students/{sid}/careers"),
            &[("onet_code", "47-2111.00"), ("note", ""), ("from", "career")],
        )
        .await;
    assert_eq!(r.status, 303);
    let r = student
        .post(
            &format!("/students/{sid}/careers"),
            &[
                ("onet_code", "47-2111.00"),
                ("note", "Ask about apprenticeships"),
                ("from", "list"),
            ],
        )
        .await;
    assert_eq!(
        r.location.as_deref(),
        Some(&*format!("/students/{sid}/careers?notice=career-note-saved"))
    );
    // A note too long is refused with the form again.
    let long = "x".repeat(501);
    let r = student
        .post(
            &format!("/students/{sid}/careers"),
            &[("onet_code", "29-1141.00"), ("note", &long), ("from", "career")],
        )
        .await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("This is too long.") && r.body.contains(&long));
    let r = student
        .post(
            &format!("/students/{sid}/careers"),
            &[("onet_code", "47-2111.00"), ("note", &long), ("from", "list")],
        )
        .await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("aria-invalid=\"true\""));
    // An unknown code is not saved.
    let r = student
        .post(
            &format!("/students/{sid}/careers"),
            &[("onet_code", "99-9999.99"), ("note", "")],
        )
        .await;
    assert_eq!(r.status, 404);

    // The list, and the home page card.
    let r = student.get(&format!("/students/{sid}/careers")).await;
    assert_eq!(r.status, 200);
    assert!(r.body.contains("Registered Nurses") && r.body.contains("Electricians"));
    assert!(r.body.contains("Ask about apprenticeships"));
    let r = student.get(&format!("/students/{sid}")).await;
    assert!(r.body.contains("href=\"/careers/29-1141.00\""));
    assert!(r.body.contains(&format!("href=\"/students/{sid}/careers\"")));

    // A counselor of the school sees the list, without the forms; that is logged.
    let mut counselor = app.as_(P::Counselor1).await;
    let r = counselor.get(&format!("/students/{sid}/careers")).await;
    assert_eq!(r.status, 200);
    assert!(r.body.contains("Careers saved by Student1 Learner"));
    assert!(r.body.contains("Shadow a nurse at the clinic"));
    assert!(!r.body.contains("careers/remove"));
    // Staff read careers but do not save them for a student.
    assert!(
        !counselor
            .get("/careers/29-1141.00")
            .await
            .body
            .contains("Save to my careers")
    );
    let r = counselor
        .post(
            &format!("/students/{sid}/careers"),
            &[("onet_code", "15-1252.00"), ("note", "")],
        )
        .await;
    assert_eq!(r.status, 403);
    // The guardian sees it too; another district's counselor does not.
    let mut guardian = app.as_(P::Guardian1).await;
    assert_eq!(guardian.get(&format!("/students/{sid}/careers")).await.status, 200);
    let mut other = app.as_(P::Counselor2).await;
    let r = other.get(&format!("/students/{sid}/careers")).await;
    assert_eq!(r.status, 403);
    assert!(!r.body.contains("Registered Nurses") && !r.body.contains("Student1"));

    // Remove.
    let r = student
        .post(
            &format!("/students/{sid}/careers/remove"),
            &[("onet_code", "47-2111.00"), ("from", "list")],
        )
        .await;
    assert_eq!(r.status, 303);
    let r = student.get(r.location.as_deref().unwrap()).await;
    assert!(r.body.contains("The career is off your list."));
    assert!(!r.body.contains("Electricians"));

    app.flush().await;
    let log = app
        .store
        .search_access(&AccessQuery {
            student_id: Some(sid),
            page: 1,
            per_page: 500,
            ..Default::default()
        })
        .await
        .unwrap();
    let counselor_id = app.fx.id(P::Counselor1);
    assert!(log.items.iter().any(|e| e.entry.actor_id == counselor_id
        && e.entry.action == "view"
        && e.entry.resource == "careers"
        && e.entry.basis == "counselor"));
    assert!(
        log.items
            .iter()
            .any(|e| e.entry.actor_id == sid && e.entry.action == "save_careers" && e.entry.resource == "careers")
    );
    assert!(
        !log.items.iter().any(|e| e.entry.actor_id == app.fx.id(P::Counselor2)),
        "a denial is not an access"
    );
    app.stop().await;
}

#[tokio::test]
async fn careers_bad_input_is_never_a_server_error() {
    let app = TestApp::spawn().await;
    load_careers(&app).await;
    let mut c = app.as_(P::Counselor1).await;
    for (url, status) in [
        ("/careers?page=999999999", 200),
        ("/careers?page=-5", 200),
        ("/careers?page=abc", 200),
        ("/careers?page=99999999999999999999999999", 200),
        ("/careers?q=%00%ff%fe", 200),
        ("/careers?q=%F0%9F%92%A1%20%E6%9D%B1%E4%BA%AC", 200),
        ("/careers?min_wage=lots", 422),
        ("/careers?min_wage=-1", 422),
        ("/careers?min_wage=999999999999999999999", 422),
        ("/careers?job_zone=9", 422),
        ("/careers?education=phd", 422),
        ("/careers?cluster=nope", 422),
        ("/careers?outlook=rosy&sort=random", 422),
        ("/careers/29-1141.00", 200),
        ("/careers/99-9999.99", 404),
        ("/careers/..%2F..%2Fetc", 404),
        ("/careers/x", 404),
        ("/careers?q=a&q=b", 400),
    ] {
        let r = c.get(url).await;
        assert_eq!(r.status, status, "{url}");
    }
    let r = c.get(&format!("/careers?q={}", "nurse%20".repeat(2_000))).await;
    assert_eq!(r.status, 200);
    // Past the last page shows the last page.
    let r = c.get("/careers?q=nurse&page=999999").await;
    assert!(r.body.contains("Registered Nurses") || r.body.contains("rel=\"prev\""));
    // The form shows the problem next to the field, and keeps what was typed.
    let r = c.get("/careers?min_wage=lots").await;
    assert!(r.body.contains("id=\"min_wage-error\"") && r.body.contains("value=\"lots\""));
    let sid = app.fx.id(P::Student1);
    let mut s = app.as_(P::Student1).await;
    // Forms without their fields.
    let r = s.post(&format!("/students/{sid}/careers"), &[]).await;
    assert_eq!(r.status, 404);
    let r = s.post(&format!("/students/{sid}/careers/remove"), &[]).await;
    assert_eq!(r.status, 303);
    let r = s
        .post("/students/not-a-number/careers", &[("onet_code", "29-1141.00")])
        .await;
    assert_eq!(r.status, 404);
    assert_eq!(s.get("/students/123/careers").await.status, 404);
    app.stop().await;
}

#[tokio::test]
async fn careers_without_data_say_so() {
    let app = TestApp::spawn().await;
    let mut c = app.as_(P::Student1).await;
    let r = c.get("/careers?q=nurse").await;
    assert_eq!(r.status, 200);
    assert!(r.body.contains("No careers data has been loaded yet."));
    assert_eq!(c.get("/careers/29-1141.00").await.status, 404);
    // A release loaded by another process is seen without a restart (here: loaded
    // directly, then the catalog asked to refresh as the periodic check would).
    waypoint::careers::load_sample(&app.store).await.unwrap();
    app.running.as_ref().unwrap().app.refresh_careers().await.unwrap();
    let r = c.get("/careers?q=nurse").await;
    assert!(result_titles(&r.body).iter().any(|t| t == "Registered Nurses"));
    assert!(r.body.contains("Synthetic sample data"));
    app.stop().await;
}
