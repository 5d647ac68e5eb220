//! Surveys over HTTP: a student takes the interest inventory page by page,
//! pauses, resumes, finishes and retakes it; results, ties and the home
//! card; who sees what; and bad input that must be a clear 4xx.

use crate::harness::{Client, P, Resp, TestApp};
use std::sync::Arc;
use waypoint_app::assessments::{INTERESTS, Instruments, WORK_VALUES};
use waypoint_domain::assessment::Instrument;
use waypoint_domain::{AttemptId, UserId};
use waypoint_store::logs::AccessQuery;

fn instrument(id: &str) -> Arc<Instrument> {
    Instruments::built_in().get(id).unwrap().clone()
}

/// A known answer set: Investigative and Artistic "really like" (100),
/// Social "like" (75), Enterprising "not sure" (50), Realistic and
/// Conventional "really dislike" (0). Its code is `I/A-S`.
fn known(scale: &str) -> &'static str {
    match scale {
        "investigative" | "artistic" => "5",
        "social" => "4",
        "enterprising" => "3",
        _ => "1",
    }
}

/// Another answer set: Social highest, then Enterprising, then Conventional.
fn other(scale: &str) -> &'static str {
    match scale {
        "social" => "5",
        "enterprising" => "4",
        "conventional" => "3",
        _ => "2",
    }
}

/// The answers to page `page` (from 0) of the grade-10 form, by `pick`.
fn page_answers(page: usize, pick: fn(&str) -> &'static str) -> Vec<(String, String)> {
    let i = instrument(INTERESTS);
    let form = i.form_for_grade(10).unwrap();
    i.page(form, page)
        .iter()
        .map(|it| (format!("item-{}", it.id), pick(&it.scales[0]).to_string()))
        .collect()
}

async fn post_page(c: &mut Client, path: &str, page: usize, answers: &[(String, String)], action: &str) -> Resp {
    let page = (page + 1).to_string();
    let mut form: Vec<(&str, &str)> = vec![("page", &page), ("action", action)];
    form.extend(answers.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    c.post(path, &form).await
}

/// Starts (or resumes) the interest inventory; returns the attempt's path
/// and the page (from 1) the redirect asks for.
async fn start(c: &mut Client, sid: UserId, instrument: &str) -> (String, String) {
    let r = c.post(&format!("/students/{sid}/assessments/{instrument}"), &[]).await;
    assert_eq!(r.status, 303, "start: {}", r.body);
    let to = r.location.unwrap();
    let (path, query) = to.split_once('?').unwrap();
    assert!(path.starts_with(&format!("/students/{sid}/attempts/")), "{to}");
    (path.to_string(), query.trim_start_matches("page=").to_string())
}

fn attempt_of(path: &str) -> AttemptId {
    path.rsplit('/').next().unwrap().parse().unwrap()
}

/// Answers every page with `pick` and finishes; returns the results path.
async fn take_all(c: &mut Client, sid: UserId, pick: fn(&str) -> &'static str) -> String {
    let (path, _) = start(c, sid, INTERESTS).await;
    for p in 0..8 {
        let action = if p == 7 { "finish" } else { "next" };
        let r = post_page(c, &path, p, &page_answers(p, pick), action).await;
        assert_eq!(r.status, 303, "page {p}: {}", r.body);
    }
    format!("{path}/results")
}

#[tokio::test]
async fn a_student_takes_the_interest_inventory_pauses_resumes_and_finishes() {
    let app = TestApp::spawn().await;
    let sid = app.fx.id(P::Student1);
    let mut c = app.as_(P::Student1).await;

    let list = c.get(&format!("/students/{sid}/assessments")).await;
    assert_eq!(list.status, 200);
    for text in [
        "My surveys",
        "Surveys for grade 10",
        "What Would I Like to Do?",
        "What Matters to Me in a Job?",
        "What Can I Do?",
        "48 questions",
        "Not started yet.",
        // The fixture's skills attempt, its first page answered.
        "In progress: 8 of 32 answered.",
    ] {
        assert!(list.body.contains(text), "list lacks {text:?}");
    }

    let (path, page) = start(&mut c, sid, INTERESTS).await;
    assert_eq!(page, "1");
    let r = c.get(&format!("{path}?page=1")).await;
    assert_eq!(r.status, 200);
    for text in [
        "Page 1 of 8",
        "0 of 48 answered",
        "<fieldset id=\"q-r01\"",
        "<legend><span class=\"qnum\">1.</span> Fix a flat tire on a bike</legend>",
        "type=\"radio\" id=\"q-r01-5\" name=\"item-r01\" value=\"5\"",
        "<label for=\"q-r01-5\">Really like</label>",
        "value=\"next\"",
        "value=\"save\"",
    ] {
        assert!(r.body.contains(text), "page 1 lacks {text:?}");
    }
    assert!(!r.body.contains("value=\"back\""), "no Back on the first page");

    // Page 1, then page 2 and a pause.
    let r = post_page(&mut c, &path, 0, &page_answers(0, known), "next").await;
    assert_eq!(r.location.as_deref(), Some(format!("{path}?page=2").as_str()));
    let r = post_page(&mut c, &path, 1, &page_answers(1, known), "save").await;
    assert_eq!(
        r.location.as_deref(),
        Some(format!("/students/{sid}/assessments?notice=saved").as_str())
    );
    let list = c.get(r.location.as_deref().unwrap()).await;
    assert!(list.body.contains("Your answers are saved."));
    assert!(list.body.contains("In progress: 12 of 48 answered."), "{}", list.body);
    assert!(list.body.contains(">Continue<"));

    // Starting again resumes the same attempt at the first unanswered page.
    let (again, page) = start(&mut c, sid, INTERESTS).await;
    assert_eq!((again.as_str(), page.as_str()), (path.as_str(), "3"));
    let r = c.get(&path).await;
    assert!(r.body.contains("Page 3 of 8"), "no page: the resume page");
    // Back keeps the answers already given.
    let r = post_page(&mut c, &path, 2, &[], "back").await;
    assert_eq!(r.location.as_deref(), Some(format!("{path}?page=2").as_str()));
    let r = c.get(&format!("{path}?page=2")).await;
    assert!(r.body.contains("value=\"back\""));
    let checked = r.body.matches(" checked").count();
    assert_eq!(checked, 6, "page 2's six answers are shown");

    for p in 2..8 {
        let action = if p == 7 { "finish" } else { "next" };
        let r = post_page(&mut c, &path, p, &page_answers(p, known), action).await;
        assert_eq!(r.status, 303, "page {p}: {}", r.body);
    }
    let results = c.get(&format!("{path}/results")).await;
    assert_eq!(results.status, 200);
    for text in [
        "Results: What Would I Like to Do?",
        "<strong>I/A-S</strong>",
        "Investigative and Artistic are tied, with 100 each.",
        "Investigative and Artistic: 100 each (tied)",
        "Social: 75",
        "Written without ties, the code could be IAS or AIS.",
        "role=\"img\" aria-labelledby=\"chart-title chart-desc\"",
        "<title id=\"chart-title\">",
        "Investigative: 100 out of 100, Strong interest.",
        "<caption id=\"scores-caption\">Scores by area, from 0 to 100</caption>",
        "<th scope=\"row\">Realistic",
        "<th scope=\"col\">What it means</th>",
        "You love to figure things out.",
        "You took this survey in grade 10",
    ] {
        assert!(results.body.contains(text), "results lack {text:?}");
    }
    assert!(!results.body.contains("not finished"));
    // A finished attempt's pages go to the results; more answers are not taken.
    let r = c.get(&path).await;
    assert_eq!(r.location.as_deref(), Some(format!("{path}/results").as_str()));
    let r = post_page(&mut c, &path, 0, &page_answers(0, other), "next").await;
    assert_eq!(r.location.as_deref(), Some(format!("{path}/results").as_str()));

    let stored = app.store.attempt(sid, attempt_of(&path)).await.unwrap().unwrap();
    assert_eq!(stored.answers.len(), 48);
    assert_eq!(stored.grade, 10);
    assert_eq!(stored.language, "en");
    assert_eq!(stored.scores.unwrap().code.unwrap().text, "I/A-S");

    // The home page's card.
    let home = c.get(&format!("/students/{sid}")).await;
    assert!(home.body.contains("Your interest code: I/A-S"), "{}", home.body);
    assert!(
        home.body
            .contains("Top areas: Investigative and Artistic (tied), Social")
    );
    assert!(home.body.contains(&format!("href=\"{path}/results\"")));
    app.stop().await;
}

#[tokio::test]
async fn a_missing_answer_is_a_field_error_and_keeps_what_was_chosen() {
    let app = TestApp::spawn().await;
    let sid = app.fx.id(P::Student1);
    let mut c = app.as_(P::Student1).await;
    let (path, _) = start(&mut c, sid, INTERESTS).await;
    let mut answers = page_answers(0, known);
    let left_out = answers.remove(2);
    assert_eq!(left_out.0, "item-a01");
    let r = post_page(&mut c, &path, 0, &answers, "next").await;
    assert_eq!(r.status, 422);
    for text in [
        "class=\"error-summary\" role=\"alert\"",
        "<a href=\"#q-a01-1\">Question 3 has no answer yet.</a>",
        "<fieldset id=\"q-a01\" class=\"item invalid\" aria-describedby=\"q-a01-error\">",
        "<p class=\"field-error\" id=\"q-a01-error\">",
        "id=\"q-r01-1\" name=\"item-r01\" value=\"1\" checked",
        "id=\"q-i01-5\" name=\"item-i01\" value=\"5\" checked",
    ] {
        assert!(r.body.contains(text), "lacks {text:?}");
    }
    assert_eq!(r.body.matches(" checked").count(), 5);
    // The answers given were kept; the page is still page 1.
    let a = app.store.attempt(sid, attempt_of(&path)).await.unwrap().unwrap();
    assert_eq!(a.answers.len(), 5);
    assert!(!a.answers.contains_key("a01"));
    // Save-and-finish-later takes a partial page.
    let r = post_page(&mut c, &path, 0, &answers[..2], "save").await;
    assert_eq!(r.status, 303);
    // Finishing with questions left elsewhere goes to the first of them.
    let mut all = answers.clone();
    all.push(left_out);
    post_page(&mut c, &path, 0, &all, "next").await;
    let r = post_page(&mut c, &path, 7, &page_answers(7, known), "finish").await;
    assert_eq!(
        r.location.as_deref(),
        Some(format!("{path}?page=2&notice=incomplete").as_str())
    );
    let r = c.get(r.location.as_deref().unwrap()).await;
    assert!(r.body.contains("Some questions are not answered yet."));
    assert!(
        app.store
            .attempt(sid, attempt_of(&path))
            .await
            .unwrap()
            .unwrap()
            .completed_at_ms
            .is_none()
    );
    app.stop().await;
}

#[tokio::test]
async fn bad_input_is_a_clear_4xx_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let sid = app.fx.id(P::Student1);
    let mut c = app.as_(P::Student1).await;
    let (path, _) = start(&mut c, sid, INTERESTS).await;
    let page1 = page_answers(0, known);
    let with = |extra: (&str, &str)| {
        let mut v = page1.clone();
        v.push((extra.0.to_string(), extra.1.to_string()));
        v
    };
    // An item that does not exist, one from another page, a value off the
    // scale, a value that is not a number.
    for (bad, why) in [
        (with(("item-zz99", "3")), "unknown item"),
        (with(("item-r02", "3")), "item on another page"),
        (vec![("item-r01".to_string(), "9".to_string())], "value off the scale"),
        (vec![("item-r01".to_string(), "0".to_string())], "value off the scale"),
        (vec![("item-r01".to_string(), "-1".to_string())], "negative value"),
        (vec![("item-r01".to_string(), "lots".to_string())], "not a number"),
        (
            vec![("item-r01".to_string(), "99999999999999999999".to_string())],
            "too large",
        ),
    ] {
        let r = post_page(&mut c, &path, 0, &bad, "save").await;
        assert_eq!(r.status, 422, "{why}");
        assert!(r.body.contains("There is a problem"), "{why}");
    }
    let r = post_page(&mut c, &path, 0, &with(("item-zz99", "3")), "next").await;
    assert!(
        r.body
            .contains("An answer was sent for a question that is not on this page.")
    );
    let r = post_page(&mut c, &path, 0, &[("item-r01".into(), "9".into())], "next").await;
    assert!(
        r.body
            .contains("<a href=\"#q-r01-1\">Question 1 has no answer yet.</a>")
    );
    assert!(
        app.store
            .attempt(sid, attempt_of(&path))
            .await
            .unwrap()
            .unwrap()
            .answers
            .is_empty(),
        "nothing was saved"
    );

    // Bad pages, actions, ids and instruments.
    assert_eq!(post_page(&mut c, &path, 8, &[], "save").await.status, 404, "no page 9");
    for body in [
        vec![("page", "0"), ("action", "next")],
        vec![("page", "one"), ("action", "next")],
        vec![("action", "next")],
        vec![("page", "1"), ("action", "explode")],
        vec![("page", "1")],
    ] {
        assert_eq!(c.post(&path, &body).await.status, 400, "{body:?}");
    }
    assert_eq!(c.get(&format!("{path}?page=0")).await.status, 400);
    assert_eq!(c.get(&format!("{path}?page=x")).await.status, 400);
    assert_eq!(c.get(&format!("{path}?page=9")).await.status, 404);
    let bogus = [
        format!("/students/{sid}/attempts/not-an-id"),
        format!("/students/{sid}/attempts/123456789"),
        format!("/students/{sid}/attempts/-5"),
        format!("/students/{sid}/attempts/99999999999999999999999"),
    ];
    for p in &bogus {
        assert_eq!(c.get(p).await.status, 404, "{p}");
        assert_eq!(c.get(&format!("{p}/results")).await.status, 404, "{p}");
        assert_eq!(c.post(p, &[("page", "1"), ("action", "save")]).await.status, 404, "{p}");
    }
    for instrument in ["no-such-survey", "WAYPOINT-INTERESTS", "waypoint-interests.toml"] {
        let r = c.post(&format!("/students/{sid}/assessments/{instrument}"), &[]).await;
        assert_eq!(r.status, 404, "{instrument}");
    }
    // Another student's attempt under this student's path is unknown.
    let mut other = app.as_(P::AdultStudent).await;
    let (theirs, _) = start(&mut other, app.fx.id(P::AdultStudent), INTERESTS).await;
    let stolen = format!("/students/{sid}/attempts/{}", attempt_of(&theirs));
    assert_eq!(c.get(&stolen).await.status, 404);
    assert_eq!(c.get(&format!("{stolen}/results")).await.status, 404);
    app.stop().await;
}

#[tokio::test]
async fn a_retake_is_a_new_attempt_and_both_are_kept() {
    let app = TestApp::spawn().await;
    let sid = app.fx.id(P::Student1);
    let mut c = app.as_(P::Student1).await;
    let first = take_all(&mut c, sid, known).await;

    let list = c.get(&format!("/students/{sid}/assessments")).await;
    assert!(list.body.contains(">Take it again<"));
    assert!(list.body.contains("Finished on "));
    let (retake, page) = start(&mut c, sid, INTERESTS).await;
    assert_eq!(page, "1");
    assert_ne!(format!("{retake}/results"), first, "a retake is a new attempt");
    let second = take_all(&mut c, sid, other).await;
    assert_eq!(second, format!("{retake}/results"));

    let all = app.store.attempts(sid).await.unwrap();
    let interests: Vec<_> = all.iter().filter(|a| a.instrument_id == INTERESTS).collect();
    assert_eq!(interests.len(), 2);
    assert!(interests.iter().all(|a| a.completed_at_ms.is_some() && a.grade == 10));
    let codes: Vec<String> = interests
        .iter()
        .map(|a| a.scores.as_ref().unwrap().code.as_ref().unwrap().text.clone())
        .collect();
    assert_eq!(codes, vec!["SEC".to_string(), "I/A-S".to_string()], "newest first");

    // The history lists both with their codes; each result page keeps its own.
    let list = c.get(&format!("/students/{sid}/assessments")).await;
    assert!(list.body.contains(">SEC</a>") && list.body.contains(">I/A-S</a>"));
    assert!(c.get(&first).await.body.contains("<strong>I/A-S</strong>"));
    let r = c.get(&second).await;
    assert!(r.body.contains("<strong>SEC</strong>"));
    assert!(r.body.contains("No areas are tied."));
    // The home card shows the latest.
    let home = c.get(&format!("/students/{sid}")).await;
    assert!(home.body.contains("Your interest code: SEC"));
    app.stop().await;
}

#[tokio::test]
async fn staff_and_family_see_results_others_do_not_and_the_log_records_it() {
    let app = TestApp::spawn().await;
    let sid = app.fx.id(P::Student1);
    let mut c = app.as_(P::Student1).await;
    let results = take_all(&mut c, sid, known).await;
    let attempt = results.trim_end_matches("/results").to_string();

    for p in [P::Counselor1, P::Guardian1, P::Mentor1, P::StateAdmin] {
        let mut v = app.as_(p).await;
        let r = v.get(&results).await;
        assert_eq!(r.status, 200, "{p:?}");
        assert!(r.body.contains("<strong>I/A-S</strong>"), "{p:?}");
        assert!(
            r.body.contains("Student1 Learner took this survey in grade 10"),
            "{p:?}"
        );
        let list = v.get(&format!("/students/{sid}/assessments")).await;
        assert_eq!(list.status, 200, "{p:?}");
        assert!(list.body.contains("Surveys of Student1 Learner"));
        assert!(!list.body.contains(">Take it again<"), "{p:?} gets no buttons");
        let home = v.get(&format!("/students/{sid}")).await;
        assert!(home.body.contains("Interest code: I/A-S"), "{p:?}");
        // Only the student answers.
        assert_eq!(v.get(&attempt).await.status, 403, "{p:?}");
        assert_eq!(
            v.post(&attempt, &[("page", "1"), ("action", "save")]).await.status,
            403,
            "{p:?}"
        );
        assert_eq!(
            v.post(&format!("/students/{sid}/assessments/{INTERESTS}"), &[])
                .await
                .status,
            403,
            "{p:?}"
        );
    }
    // Another district, another student, another family: no access.
    for p in [
        P::Counselor2,
        P::DistrictAdmin2,
        P::Student2,
        P::Guardian2,
        P::Teacher1,
        P::Employer1,
    ] {
        let mut v = app.as_(p).await;
        let r = v.get(&results).await;
        assert_eq!(r.status, 403, "{p:?}");
        assert!(!r.body.contains("I/A-S") && !r.body.contains("Student1"), "{p:?}");
        assert_eq!(v.get(&format!("/students/{sid}/assessments")).await.status, 403);
    }
    // Under a student of their own, Student1's attempt is unknown.
    let s2 = app.fx.id(P::Student2);
    let mut v = app.as_(P::Counselor2).await;
    let r = v
        .get(&format!("/students/{s2}/attempts/{}/results", attempt_of(&attempt)))
        .await;
    assert_eq!(r.status, 404);

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
    let counselor = app.fx.id(P::Counselor1);
    assert!(
        log.items.iter().any(|e| e.entry.actor_id == counselor
            && e.entry.action == "view"
            && e.entry.resource == "assessment_results"
            && e.entry.basis == "counselor"),
        "the counselor's view of the results is logged"
    );
    assert!(log.items.iter().any(|e| e.entry.actor_id == sid
        && e.entry.action == "take_assessment"
        && e.entry.resource == "assessment_attempt"));
    // Shown in words in the record of access.
    let r = app
        .as_(P::Guardian1)
        .await
        .get(&format!("/students/{sid}/access-log"))
        .await;
    assert!(r.body.contains("Viewed · survey results"), "{}", r.body);
    assert!(r.body.contains("Answered a survey · survey answers"));
    app.stop().await;
}

#[tokio::test]
async fn spanish_pages_show_the_instrument_in_spanish() {
    let app = TestApp::spawn().await;
    let sid = app.fx.id(P::Student1);
    let mut c = app.as_(P::Student1).await;
    c.lang = Some("es".into());
    let list = c.get(&format!("/students/{sid}/assessments")).await;
    assert!(list.body.contains("Mis encuestas"));
    assert!(list.body.contains("¿Qué me gustaría hacer?"));
    let (path, _) = start(&mut c, sid, INTERESTS).await;
    let r = c.get(&path).await;
    assert!(r.body.contains("Arreglar la llanta ponchada de una bicicleta"));
    assert!(r.body.contains("Me encantaría"));
    assert!(r.body.contains("Página 1 de 8"));
    let a = app.store.attempt(sid, attempt_of(&path)).await.unwrap().unwrap();
    assert_eq!(a.language, "es");
    for p in 0..8 {
        let action = if p == 7 { "finish" } else { "next" };
        post_page(&mut c, &path, p, &page_answers(p, known), action).await;
    }
    let r = c.get(&format!("{path}/results")).await;
    assert!(
        r.body
            .contains("Investigador y Artístico están empatadas, con 100 cada una."),
        "{}",
        r.body
    );
    assert!(r.body.contains("Mucho interés"));
    app.stop().await;
}

#[tokio::test]
async fn the_form_follows_the_grade_and_the_work_values_sort_keeps_its_piles() {
    let app = TestApp::spawn().await;
    // A grade-6 student gets the interest inventory's short form.
    let adult = app.fx.id(P::AdultStudent);
    app.store
        .db()
        .execute(
            "UPDATE students SET grade_level = 6 WHERE student_id = $1",
            waypoint_store::params![adult],
        )
        .await
        .unwrap();
    let mut c = app.as_(P::AdultStudent).await;
    let list = c.get(&format!("/students/{adult}/assessments")).await;
    assert!(list.body.contains("Surveys for grade 6"));
    assert!(list.body.contains("24 questions"), "the short form");
    let (path, _) = start(&mut c, adult, INTERESTS).await;
    assert!(c.get(&path).await.body.contains("Page 1 of 4"));
    let a = app.store.attempt(adult, attempt_of(&path)).await.unwrap().unwrap();
    assert_eq!((a.form_id.as_str(), a.grade), ("short", 6));

    // The work-values sort: every card on one page, piles of fixed size.
    let sid = app.fx.id(P::Student1);
    let mut s = app.as_(P::Student1).await;
    let (path, _) = start(&mut s, sid, WORK_VALUES).await;
    let r = s.get(&path).await;
    assert!(r.body.contains("Page 1 of 1"));
    assert!(r.body.contains("Most important (holds 4)"));
    let wv = instrument(WORK_VALUES);
    let form = wv.form_for_grade(10).unwrap();
    let items: Vec<String> = wv.items_of(form).map(|it| format!("item-{}", it.id)).collect();
    let all_top: Vec<(String, String)> = items.iter().map(|k| (k.clone(), "5".to_string())).collect();
    let r = post_page(&mut s, &path, 0, &all_top, "finish").await;
    assert_eq!(r.status, 422);
    assert!(
        r.body
            .contains("The pile “Most important” holds at most 4 cards, but 24 were put in it.")
    );
    assert!(
        app.store
            .attempt(sid, attempt_of(&path))
            .await
            .unwrap()
            .unwrap()
            .answers
            .is_empty()
    );
    // 4, 5, 6, 5 and 4 cards.
    let piles = [1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 5, 5, 5, 5];
    let sorted: Vec<(String, String)> = items
        .iter()
        .zip(piles)
        .map(|(k, p)| (k.clone(), p.to_string()))
        .collect();
    let r = post_page(&mut s, &path, 0, &sorted, "finish").await;
    assert_eq!(r.location.as_deref(), Some(format!("{path}/results").as_str()));
    let r = s.get(&format!("{path}/results")).await;
    assert_eq!(r.status, 200);
    assert!(r.body.contains("Top areas"), "values have no letter code");
    assert!(!r.body.contains("<p class=\"code\">"));
    app.stop().await;
}

#[tokio::test]
async fn an_unfinished_attempt_shows_its_progress_to_staff() {
    let app = TestApp::spawn().await;
    let sid = app.fx.id(P::Student1);
    let results = format!("/students/{sid}/attempts/{}/results", app.fx.attempt1);
    let r = app.as_(P::Counselor1).await.get(&results).await;
    assert_eq!(r.status, 200);
    assert!(
        r.body
            .contains("This survey is not finished: 8 of 32 questions are answered.")
    );
    assert!(r.body.contains("These areas do not have enough answers to be scored"));
    assert!(!r.body.contains("Continue the survey"), "staff cannot continue it");
    let r = app.as_(P::Student1).await.get(&results).await;
    assert!(r.body.contains("Continue the survey"));
    app.stop().await;
}
