//! Career matches over HTTP: a student takes the interest inventory, sees careers ranked with
//! their reasons, filters them, saves one and comes back; a retake changes the matches; the
//! family and staff who may see the record see them read-only, other districts do not; a flat
//! profile and missing data are explained. Careers come from the built-in synthetic sample
//! (`content/careers-sample/`), so the ranking is known.

use crate::harness::{Client, P, TestApp};
use std::collections::BTreeMap;
use waypoint_app::assessments::{INTERESTS, Instruments, WORK_VALUES};
use waypoint_domain::assessment::Attempt;
use waypoint_domain::{AttemptId, UserId};
use waypoint_store::logs::AccessQuery;

/// Realistic and Investigative "really like", Conventional "like", the rest "really
/// dislike": scores 100, 100, 0, 0, 0, 75. In the sample, engineers fit best, then the trades.
fn hands_on(scale: &str) -> &'static str {
    match scale {
        "realistic" | "investigative" => "5",
        "conventional" => "4",
        _ => "1",
    }
}

/// Social highest, then Enterprising, then Conventional: counselors and teachers fit best.
fn helper(scale: &str) -> &'static str {
    match scale {
        "social" => "5",
        "enterprising" => "4",
        "conventional" => "3",
        _ => "2",
    }
}

/// "Not sure" to everything: six equal scores.
fn unsure(_: &str) -> &'static str {
    "3"
}

/// Takes the whole grade-10 interest inventory with `pick` and finishes it.
async fn take_inventory(c: &mut Client, sid: UserId, pick: fn(&str) -> &'static str) {
    let instruments = Instruments::built_in();
    let inventory = instruments.get(INTERESTS).unwrap();
    let form = inventory.form_for_grade(10).unwrap();
    let r = c.post(&format!("/students/{sid}/assessments/{INTERESTS}"), &[]).await;
    assert_eq!(r.status, 303, "start: {}", r.body);
    let to = r.location.unwrap();
    let path = to.split_once('?').map_or(to.as_str(), |(p, _)| p).to_string();
    let pages = inventory.page_count(form);
    for p in 0..pages {
        let answers: Vec<(String, String)> = inventory
            .page(form, p)
            .iter()
            .map(|it| (format!("item-{}", it.id), pick(&it.scales[0]).to_string()))
            .collect();
        let page = (p + 1).to_string();
        let action = if p + 1 == pages { "finish" } else { "next" };
        let mut fields: Vec<(&str, &str)> = vec![("page", &page), ("action", action)];
        fields.extend(answers.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        let r = c.post(&path, &fields).await;
        assert_eq!(r.status, 303, "page {p}: {}", r.body);
    }
}

/// The distinct CSRF tokens in a page's forms.
fn csrf_values(body: &str) -> Vec<String> {
    let mut found: Vec<String> = body
        .split("name=\"csrf\" value=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_string)
        .collect();
    found.sort();
    found.dedup();
    found
}

/// Loads the synthetic careers sample and has the app build its catalog.
async fn load_sample(app: &TestApp) {
    waypoint::careers::load_sample(&app.store).await.unwrap();
    let catalog = app.running.as_ref().unwrap().app.refresh_careers().await.unwrap();
    assert_eq!(catalog.len(), 28);
}

/// The titles of the matches listed, in order.
fn titles(body: &str) -> Vec<String> {
    let Some(list) = body.split("<ol class=\"saved-careers matches\"").nth(1) else {
        return Vec::new();
    };
    let list = list.split("</ol>").next().unwrap_or("");
    list.split("<h2 class=\"result-title\"><a href=\"/careers/")
        .skip(1)
        .filter_map(|part| {
            let start = part.find('>')?;
            let end = part.find("</a>")?;
            Some(part[start + 1..end].to_string())
        })
        .collect()
}

/// The listed match of `code`, as HTML.
fn item<'a>(body: &'a str, code: &str) -> &'a str {
    let start = body
        .find(&format!("id=\"match-{code}\""))
        .unwrap_or_else(|| panic!("no match {code}"));
    let rest = &body[start..];
    &rest[..rest.find("</li>").unwrap_or(rest.len())]
}

/// A finished attempt at a built-in instrument, written straight to the store: every item of
/// the grade-10 form answered by `pick` (given the item's first scale).
async fn finished_attempt(app: &TestApp, sid: UserId, id: &str, pick: impl Fn(&str) -> i32) {
    let instrument = Instruments::built_in().get(id).unwrap().clone();
    let form = instrument.form_for_grade(10).unwrap();
    let now = waypoint_store::now_ms();
    let mut a = Attempt::start(&instrument, AttemptId::generate(), sid, &form.id, 10, "en", now - 10).unwrap();
    let answers: BTreeMap<String, Option<i32>> = (0..instrument.page_count(form))
        .flat_map(|p| instrument.page(form, p).to_vec())
        .map(|it| (it.id.clone(), Some(pick(&it.scales[0]))))
        .collect();
    a.record(&instrument, &answers, now - 5).unwrap();
    a.finish(&instrument, now).unwrap();
    app.store.create_attempt(&a).await.unwrap();
}

#[tokio::test]
async fn matches_rank_explain_filter_save_and_follow_a_retake() {
    let app = TestApp::spawn().await;
    load_sample(&app).await;
    let sid = app.fx.id(P::Student1);
    let url = format!("/students/{sid}/matches");
    let mut student = app.as_(P::Student1).await;

    // Before the inventory: a friendly message and the way to it.
    let r = student.get(&url).await;
    assert_eq!(r.status, 200);
    assert!(r.body.contains("You have not finished the interest survey yet."));
    assert!(r.body.contains(&format!(
        "<a href=\"/students/{sid}/assessments\">Take the interest survey</a>"
    )));
    assert!(r.body.contains("How matches work"));
    assert!(titles(&r.body).is_empty());

    take_inventory(&mut student, sid, hands_on).await;
    let r = student.get(&url).await;
    assert_eq!(r.status, 200);
    let b = &r.body;
    let t = titles(b);
    assert_eq!(
        t[..5],
        [
            "Mechanical Engineers",
            "Electrical Engineers",
            "Civil Engineers",
            "Electricians",
            "Automotive Service Technicians and Mechanics"
        ],
        "{t:?}"
    );
    assert_eq!(t.len(), 25, "the first 25");
    assert!(b.contains("You scored highest on Realistic and Investigative."));
    // Reasons in words, with the fit as a number and a link to the career.
    let mech = item(b, "17-2141.00");
    assert!(mech.contains("href=\"/careers/17-2141.00\""));
    assert!(mech.contains("Fit: 96 out of 100"), "{mech}");
    assert!(mech.contains(
        "You scored high on Realistic and Investigative; this career is mostly Investigative. In common: Investigative."
    ));
    let electricians = item(b, "47-2111.00");
    assert!(electricians.contains("Fit: 92 out of 100"));
    assert!(electricians.contains("this career is mostly Realistic. In common: Realistic."));
    assert!(electricians.contains("High school diploma or equivalent"));
    // A career with no top area in common says so.
    let cooks = item(b, "35-2014.00");
    assert!(cooks.contains("this career is mostly Realistic"), "{cooks}");
    assert!(b.contains("Showing 25 of 28 matching careers, best fit first."));
    assert!(b.contains("No top area in common"), "some of the 25 share no top area");
    // Show more.
    assert!(b.contains(&format!("<a href=\"{url}?show=28\">Show 3 more</a>")));
    let all = student.get(&format!("{url}?show=28")).await;
    assert_eq!(titles(&all.body).len(), 28);
    assert!(!all.body.contains("more</a>"));
    // The student's own list: a save button on each.
    assert!(b.contains("name=\"from\" value=\"matches\""));
    assert!(b.contains("<span class=\"visually-hidden\"> Mechanical Engineers to my careers</span>"));
    // No work values yet: the page invites them.
    assert!(b.contains("Finish the work values survey, and your values will count in your matches too."));

    // Filters: at most a high-school diploma leaves out the engineers and the mechanics (a
    // certificate after high school); the form keeps the choice.
    let r = student.get(&format!("{url}?education=high-school")).await;
    assert_eq!(r.status, 200);
    let t = titles(&r.body);
    assert_eq!(
        t,
        [
            "Electricians",
            "Plumbers, Pipefitters, and Steamfitters",
            "Welders, Cutters, Solderers, and Brazers",
            "Carpenters",
            "Cooks, Restaurant",
            "Secretaries and Administrative Assistants, Except Legal, Medical, and Executive",
            "Chefs and Head Cooks"
        ],
        "{t:?}"
    );
    assert!(r.body.contains("<option value=\"high-school\" selected>"));
    assert!(r.body.contains("Showing 7 of 7 matching careers"));
    assert!(r.body.contains(&format!("<a href=\"{url}\">Show all matches</a>")));
    let r = student.get(&format!("{url}?job_zone=2")).await;
    let t = titles(&r.body);
    assert!(t.len() >= 3 && t.iter().all(|x| !x.contains("Engineers")), "{t:?}");
    assert!(r.body.contains("<option value=\"2\" selected>"));
    let r = student.get(&format!("{url}?education=none&job_zone=5")).await;
    assert_eq!(r.status, 200);
    assert!(r.body.contains("No careers match these filters."));
    assert!(titles(&r.body).is_empty());

    // Save from the list: back to the matches with their filters, and the career marked.
    let r = student
        .post(
            &format!("/students/{sid}/careers"),
            &[
                ("onet_code", "47-2111.00"),
                ("note", ""),
                ("from", "matches"),
                ("back", "education=high-school"),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let back = r.location.unwrap();
    assert_eq!(back, format!("{url}?education=high-school&notice=career-saved"));
    let r = student.get(&back).await;
    assert!(r.body.contains("The career is on your list."));
    let saved = item(&r.body, "47-2111.00");
    assert!(saved.contains("On your list") && !saved.contains("<button"), "{saved}");
    assert!(item(&r.body, "47-2152.00").contains("<button type=\"submit\" name=\"onet_code\" value=\"47-2152.00\">"));
    let list = student.get(&format!("/students/{sid}/careers")).await;
    assert!(list.body.contains("Electricians"));
    assert!(
        list.body.contains(&format!("href=\"{url}\"")),
        "the saved list links to the matches"
    );
    let home = student.get(&format!("/students/{sid}")).await;
    assert!(
        home.body
            .contains(&format!("<a href=\"{url}\">See careers that match my interests</a>"))
    );

    // Another session of the same student gets the same list (kept rendered) with its own
    // CSRF token in every save form, and its saves go through.
    let mut other = app.as_(P::Student1).await;
    assert_ne!(other.csrf, student.csrf);
    let mine = student.get(&format!("{url}?education=high-school")).await;
    assert!(
        !mine.body.contains("The career is on your list."),
        "the notice of a save is not kept for later views"
    );
    let theirs = other.get(&format!("{url}?education=high-school")).await;
    assert_eq!(csrf_values(&mine.body), [student.csrf.clone()]);
    assert_eq!(csrf_values(&theirs.body), [other.csrf.clone()]);
    let buttons = |b: &str| b.matches("name=\"onet_code\"").count();
    assert_eq!(buttons(&mine.body), 6, "a save button for each career not on the list");
    assert_eq!(buttons(&theirs.body), 6);
    assert_eq!(titles(&mine.body), titles(&theirs.body));
    let r = other
        .post(
            &format!("/students/{sid}/careers"),
            &[
                ("onet_code", "47-2152.00"),
                ("note", ""),
                ("from", "matches"),
                ("back", "education=high-school"),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let mine = student.get(&format!("{url}?education=high-school")).await;
    assert!(
        item(&mine.body, "47-2152.00").contains("On your list"),
        "a save changes the kept list"
    );

    // In Spanish.
    let mut es = app.as_(P::Student1).await;
    es.lang = Some("es".into());
    let r = es.get(&url).await;
    assert!(r.body.contains("<h1>Carreras que coinciden con tus intereses</h1>"));
    assert!(r.body.contains("Coincidencia: 96 de 100"));
    assert!(
        r.body
            .contains("Tienes puntuaciones altas en Realista e Investigador; esta carrera es sobre todo Investigador.")
    );
    assert!(r.body.contains("Cómo se buscan las coincidencias"));
    assert!(
        r.body
            .contains("<a href=\"/careers/17-2141.00\" lang=\"en\">Mechanical Engineers</a>")
    );

    // A retake that changes the profile changes the matches.
    take_inventory(&mut student, sid, helper).await;
    let r = student.get(&url).await;
    let t = titles(&r.body);
    assert_eq!(
        t[..3],
        [
            "Educational, Guidance, and Career Counselors and Advisors",
            "Elementary School Teachers, Except Special Education",
            "Secondary School Teachers, Except Special and Career/Technical Education"
        ],
        "{t:?}"
    );
    assert!(r.body.contains("You scored highest on Social."));
    assert!(item(&r.body, "21-1012.00").contains("Fit: 95 out of 100"));
    assert!(
        item(&r.body, "21-1012.00")
            .contains("You scored high on Social; this career is mostly Social. In common: Social.")
    );
    // The saved career stays saved, wherever it ranks now.
    let r = student.get(&format!("{url}?show=28")).await;
    assert!(item(&r.body, "47-2111.00").contains("On your list"));

    // Every view is in the access log.
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
    let views = log
        .items
        .iter()
        .filter(|e| e.entry.actor_id == sid && e.entry.action == "view" && e.entry.resource == "career_matches")
        .count();
    assert!(views >= 10, "{views}");
    app.stop().await;
}

#[tokio::test]
async fn matches_are_read_only_for_family_and_staff_and_closed_to_others() {
    let app = TestApp::spawn().await;
    load_sample(&app).await;
    let sid = app.fx.id(P::Student1);
    let url = format!("/students/{sid}/matches");
    let score = |scale: &str| hands_on(scale).parse().unwrap();
    finished_attempt(&app, sid, INTERESTS, score).await;
    // A work-values sort: the sample has no work-value ratings, and the page says so.
    let wv = Instruments::built_in().get(WORK_VALUES).unwrap().clone();
    let form = wv.form_for_grade(10).unwrap();
    let mut piles: Vec<i32> = Vec::new();
    for p in wv.def().response.points.iter() {
        for _ in 0..p.capacity.unwrap_or(0) {
            piles.push(p.value);
        }
    }
    let items: Vec<String> = (0..wv.page_count(form))
        .flat_map(|p| wv.page(form, p).iter().map(|it| it.id.clone()).collect::<Vec<_>>())
        .collect();
    assert_eq!(items.len(), piles.len());
    let now = waypoint_store::now_ms();
    let mut a = Attempt::start(&wv, AttemptId::generate(), sid, &form.id, 10, "en", now - 10).unwrap();
    let answers: BTreeMap<String, Option<i32>> = items.into_iter().zip(piles.into_iter().map(Some)).collect();
    a.record(&wv, &answers, now - 5).unwrap();
    a.finish(&wv, now).unwrap();
    app.store.create_attempt(&a).await.unwrap();

    for p in [P::Guardian1, P::Mentor1, P::Counselor1, P::Coach1, P::StateAdmin] {
        let mut c = app.as_(p).await;
        let r = c.get(&url).await;
        assert_eq!(r.status, 200, "{p:?}");
        let b = &r.body;
        assert!(b.contains("<h1>Career matches for Student1 Learner</h1>"), "{p:?}");
        assert_eq!(titles(b)[0], "Mechanical Engineers", "{p:?}");
        assert!(b.contains(
            "Student1 Learner scored high on Realistic and Investigative; this career is mostly Investigative."
        ));
        assert!(b.contains("does not count here: the careers data loaded has no work-value ratings"));
        assert!(!b.contains("name=\"onet_code\""), "{p:?} gets no save button");
        assert!(!b.contains("Take the interest survey again"));
        // Saving for the student is not theirs to do.
        let r = c
            .post(
                &format!("/students/{sid}/careers"),
                &[("onet_code", "17-2141.00"), ("note", ""), ("from", "matches")],
            )
            .await;
        assert_eq!(r.status, 403, "{p:?}");
    }
    // The guardian's home page links to the matches too.
    let mut g = app.as_(P::Guardian1).await;
    let home = g.get(&format!("/students/{sid}")).await;
    assert!(home.body.contains(&format!("<a href=\"{url}\">See career matches</a>")));

    // No relationship, or another district: denied, and nothing of the record shown.
    for p in [
        P::Counselor2,
        P::DistrictAdmin2,
        P::Guardian2,
        P::Teacher1,
        P::Employer1,
        P::Student2,
    ] {
        let mut c = app.as_(p).await;
        let r = c.get(&url).await;
        assert_eq!(r.status, 403, "{p:?}");
        assert!(!r.body.contains("Student1") && !r.body.contains("Engineers"), "{p:?}");
    }
    let r = app.client().get(&url).await;
    assert_eq!(r.status, 303);

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
    let seen = |p: P, basis: &str| {
        log.items.iter().any(|e| {
            e.entry.actor_id == app.fx.id(p)
                && e.entry.action == "view"
                && e.entry.resource == "career_matches"
                && e.entry.basis == basis
        })
    };
    assert!(seen(P::Guardian1, "guardian"));
    assert!(seen(P::Counselor1, "counselor"));
    assert!(seen(P::Mentor1, "mentor"));
    for p in [P::Counselor2, P::DistrictAdmin2, P::Guardian2, P::Teacher1] {
        assert!(
            !log.items.iter().any(|e| e.entry.actor_id == app.fx.id(p)),
            "{p:?}: a denial is not an access"
        );
    }
    app.stop().await;
}

#[tokio::test]
async fn matches_explain_a_flat_profile_and_missing_data_and_refuse_bad_input_cleanly() {
    let app = TestApp::spawn().await;
    let sid = app.fx.id(P::Student1);
    let url = format!("/students/{sid}/matches");
    let mut student = app.as_(P::Student1).await;

    // No careers data loaded.
    take_inventory(&mut student, sid, hands_on).await;
    let r = student.get(&url).await;
    assert_eq!(r.status, 200);
    assert!(r.body.contains("No careers data has been loaded yet."));

    // Everything "not sure": six equal scores, no ranking, a retake suggested.
    take_inventory(&mut student, sid, unsure).await;
    let r = student.get(&url).await;
    assert_eq!(r.status, 200);
    assert!(
        r.body
            .contains("All six of your interest scores are the same, so there is no pattern")
    );
    assert!(r.body.contains(&format!(
        "<a href=\"/students/{sid}/assessments\">Take the interest survey again</a>"
    )));
    assert!(titles(&r.body).is_empty());
    let mut counselor = app.as_(P::Counselor1).await;
    let r = counselor.get(&url).await;
    assert!(
        r.body
            .contains("All six of Student1 Learner’s interest scores are the same")
    );
    assert!(!r.body.contains("Take the interest survey again"));

    // A profile again, and data: bad filters leave the list unfiltered, with a message.
    load_sample(&app).await;
    take_inventory(&mut student, sid, hands_on).await;
    for (query, status) in [
        ("education=phd", 422),
        ("job_zone=9", 422),
        ("job_zone=-1&education=%00", 422),
        ("show=abc", 200),
        ("show=-5", 200),
        ("show=99999999999999999999999", 200),
        ("show=0", 200),
        ("education=&job_zone=&show=", 200),
        ("notice=%ff%fe", 200),
        ("education=a&education=b", 400),
    ] {
        let r = student.get(&format!("{url}?{query}")).await;
        assert_eq!(r.status, status, "{query}");
        if status != 400 {
            assert_eq!(titles(&r.body).len(), 25, "{query}: the unfiltered list");
        }
    }
    let r = student.get(&format!("{url}?education=phd")).await;
    assert!(r.body.contains("id=\"education-error\"") && r.body.contains("Choose a level of education from the list."));
    // A save whose way back is nonsense still lands on the matches page.
    let r = student
        .post(
            &format!("/students/{sid}/careers"),
            &[
                ("onet_code", "47-2111.00"),
                ("from", "matches"),
                ("back", "//evil.example/?education=<script>"),
            ],
        )
        .await;
    assert_eq!(r.location.as_deref(), Some(&*format!("{url}?notice=career-saved")));
    assert_eq!(student.get("/students/123/matches").await.status, 404);
    assert_eq!(student.get("/students/not-a-number/matches").await.status, 404);
    app.stop().await;
}

/// The shared data folder, as `scripts/test.sh` sets it, else beside the repository.
fn data_dir() -> std::path::PathBuf {
    std::env::var_os("WAYPOINT_DATA_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"))
}

#[tokio::test]
async fn matches_count_work_values_with_the_real_onet_data() {
    let onet = data_dir().join("onet");
    if !onet.join("Work Values.txt").is_file() {
        eprintln!("matches: no O*NET data at {}; skipped", onet.display());
        return;
    }
    let app = TestApp::spawn().await;
    waypoint::careers::import_onet(&app.store, &onet, &Default::default())
        .await
        .unwrap();
    let catalog = app.running.as_ref().unwrap().app.refresh_careers().await.unwrap();
    assert!(catalog.occupations().filter(|o| o.work_values.is_some()).count() > 500);
    let sid = app.fx.id(P::Student1);
    let url = format!("/students/{sid}/matches");
    finished_attempt(&app, sid, INTERESTS, |scale| hands_on(scale).parse().unwrap()).await;
    let mut student = app.as_(P::Student1).await;
    let interests_only = titles(&student.get(&url).await.body);
    assert_eq!(interests_only.len(), 25);

    // A work-values sort: achievement and independence most important, relationships least
    // (cards in that order of scales, filling the piles from "most important" down).
    let wv = Instruments::built_in().get(WORK_VALUES).unwrap().clone();
    let form = wv.form_for_grade(10).unwrap();
    let order = [
        "achievement",
        "independence",
        "recognition",
        "working_conditions",
        "support",
        "relationships",
    ];
    let mut items: Vec<_> = (0..wv.page_count(form)).flat_map(|p| wv.page(form, p)).collect();
    items.sort_by_key(|it| order.iter().position(|s| *s == it.scales[0]));
    let mut piles: Vec<i32> = Vec::new();
    for p in wv.def().response.points.iter().rev() {
        piles.extend(std::iter::repeat_n(p.value, p.capacity.unwrap_or(0) as usize));
    }
    let answers: BTreeMap<String, Option<i32>> = items
        .iter()
        .map(|it| it.id.clone())
        .zip(piles.into_iter().map(Some))
        .collect();
    let now = waypoint_store::now_ms();
    let mut a = Attempt::start(&wv, AttemptId::generate(), sid, &form.id, 10, "en", now - 10).unwrap();
    a.record(&wv, &answers, now - 5).unwrap();
    a.finish(&wv, now).unwrap();
    app.store.create_attempt(&a).await.unwrap();

    let r = student.get(&url).await;
    assert!(
        r.body.contains("Your work values count too"),
        "the page says values were used"
    );
    assert!(r.body.contains("Work values counted."));
    let with_values = titles(&r.body);
    assert_eq!(with_values.len(), 25);
    assert_ne!(with_values, interests_only, "values change the ranking");
    app.stop().await;
}
