//! The permission matrix: every route × every person, with the expected
//! allow or deny written down here, once. A route in
//! `waypoint_web::routes::ROUTES` without a row below fails the test.
//!
//! "Allowed" means the request got past authorization: any status but 403,
//! no redirect to the sign-in page, and never a 5xx. "Denied" means 403 for
//! a signed-in person and a redirect to `/login` for an anonymous one.

use crate::harness::{P, TestApp};
use P::*;

/// What `{id}` in a route's path stands for.
#[derive(Clone, Copy, Debug)]
pub enum Target {
    None,
    Student1,
    School1,
    District1,
    State,
    /// Mentor1's staff account.
    Staff1,
    Group1,
    /// A code or token that does not exist.
    Bogus,
    /// `{id}` is Student1 and `{attempt}` their unfinished survey attempt
    /// (`Fixture::attempt1`).
    Attempt1,
}

/// Who gets past authorization.
#[derive(Clone, Copy, Debug)]
pub enum Rule {
    /// Everyone, including anonymous visitors (never 403, never a redirect
    /// to sign in).
    Public,
    /// Everyone signed in.
    SignedIn,
    /// Exactly these people.
    Only(&'static [P]),
}

/// One row: method, path as in the route table, target, who may, form body.
pub type Row = (
    &'static str,
    &'static str,
    Target,
    Rule,
    &'static [(&'static str, &'static str)],
);

const STAFF: &[P] = &[
    Mentor1,
    Teacher1,
    Advisor1,
    Counselor1,
    Coach1,
    CaseManager1,
    Employer1,
    SchoolAdmin1,
    DistrictAdmin1,
    Counselor2,
    DistrictAdmin2,
    StateAdmin,
];

/// The expectations. Form bodies are valid where it matters, so that an
/// allowed request is not mistaken for a denied one; `{student1}`,
/// `{mentor1}`, `{s1}`, `{d1}` are replaced with the fixture's ids.
pub const MATRIX: &[Row] = &[
    ("get", "/", Target::None, Rule::SignedIn, &[]),
    ("get", "/login", Target::None, Rule::Public, &[]),
    (
        "post",
        "/login",
        Target::None,
        Rule::Public,
        &[("username", "nobody"), ("password", "wrong password")],
    ),
    ("post", "/logout", Target::None, Rule::Public, &[]),
    ("post", "/logout/everywhere", Target::None, Rule::SignedIn, &[]),
    (
        "post",
        "/language",
        Target::None,
        Rule::Public,
        &[("lang", "es"), ("next", "/")],
    ),
    ("get", "/account", Target::None, Rule::SignedIn, &[]),
    (
        "post",
        "/account/password",
        Target::None,
        Rule::SignedIn,
        &[("current", "wrong"), ("password", "x"), ("confirm", "y")],
    ),
    ("get", "/invite/{code}", Target::Bogus, Rule::Public, &[]),
    ("post", "/invite/{code}", Target::Bogus, Rule::Public, &[]),
    ("get", "/guardian/join", Target::None, Rule::Public, &[]),
    (
        "post",
        "/guardian/join",
        Target::None,
        Rule::Public,
        &[("code", "NOPE-NOPE-NOPE")],
    ),
    ("get", "/password/forgot", Target::None, Rule::Public, &[]),
    (
        "post",
        "/password/forgot",
        Target::None,
        Rule::Public,
        &[("email", "nobody@example.org")],
    ),
    ("get", "/password/reset/{token}", Target::Bogus, Rule::Public, &[]),
    ("post", "/password/reset/{token}", Target::Bogus, Rule::Public, &[]),
    (
        "get",
        "/students/{id}",
        Target::Student1,
        Rule::Only(&[
            Student1,
            Guardian1,
            Mentor1,
            Advisor1,
            Counselor1,
            Coach1,
            CaseManager1,
            SchoolAdmin1,
            DistrictAdmin1,
            StateAdmin,
        ]),
        &[],
    ),
    (
        "get",
        "/students/{id}/demographics",
        Target::Student1,
        Rule::Only(&[
            Student1,
            Guardian1,
            Counselor1,
            CaseManager1,
            SchoolAdmin1,
            DistrictAdmin1,
            StateAdmin,
        ]),
        &[],
    ),
    (
        "post",
        "/students/{id}/demographics",
        Target::Student1,
        Rule::Only(&[SchoolAdmin1, DistrictAdmin1]),
        &[("race_ethnicity", "asian"), ("gender", "female"), ("low_income", "1")],
    ),
    (
        "get",
        "/students/{id}/access-log",
        Target::Student1,
        Rule::Only(&[Guardian1, Counselor1, SchoolAdmin1, DistrictAdmin1, StateAdmin]),
        &[],
    ),
    (
        "post",
        "/students/{id}/password",
        Target::Student1,
        Rule::Only(&[Counselor1, SchoolAdmin1, DistrictAdmin1]),
        &[],
    ),
    (
        "post",
        "/students/{id}/guardian-code",
        Target::Student1,
        Rule::Only(&[Counselor1, SchoolAdmin1, DistrictAdmin1]),
        &[],
    ),
    // The portable record: the student, a minor's guardian, and counselors
    // and admins in scope (for a transfer); not the state.
    (
        "get",
        "/students/{id}/record",
        Target::Student1,
        Rule::Only(&[Student1, Guardian1, Counselor1, SchoolAdmin1, DistrictAdmin1]),
        &[],
    ),
    (
        "get",
        "/students/{id}/record.json",
        Target::Student1,
        Rule::Only(&[Student1, Guardian1, Counselor1, SchoolAdmin1, DistrictAdmin1]),
        &[],
    ),
    // Surveys: everyone who may view the record sees the list and the
    // results; only the student starts and answers.
    (
        "get",
        "/students/{id}/assessments",
        Target::Student1,
        Rule::Only(VIEW_STUDENT1),
        &[],
    ),
    (
        "post",
        "/students/{id}/assessments/{instrument}",
        Target::Student1,
        Rule::Only(&[Student1]),
        &[],
    ),
    (
        "get",
        "/students/{id}/attempts/{attempt}",
        Target::Attempt1,
        Rule::Only(&[Student1]),
        &[],
    ),
    (
        "post",
        "/students/{id}/attempts/{attempt}",
        Target::Attempt1,
        Rule::Only(&[Student1]),
        &[("page", "1"), ("action", "save"), ("item-com-1", "4")],
    ),
    (
        "get",
        "/students/{id}/attempts/{attempt}/results",
        Target::Attempt1,
        Rule::Only(VIEW_STUDENT1),
        &[],
    ),
    // Careers are reference data for everyone signed in. The fixture loads no
    // careers data, so an allowed request for a career is a 404.
    ("get", "/careers", Target::None, Rule::SignedIn, &[]),
    ("get", "/careers/{code}", Target::Bogus, Rule::SignedIn, &[]),
    // Saved careers: everyone who may view the record sees the list; only the
    // student changes it (with no careers data, an allowed save is a 404).
    (
        "get",
        "/students/{id}/careers",
        Target::Student1,
        Rule::Only(VIEW_STUDENT1),
        &[],
    ),
    (
        "post",
        "/students/{id}/careers",
        Target::Student1,
        Rule::Only(&[Student1]),
        &[
            ("onet_code", "29-1141.00"),
            ("note", "From the matrix"),
            ("from", "career"),
        ],
    ),
    (
        "post",
        "/students/{id}/careers/remove",
        Target::Student1,
        Rule::Only(&[Student1]),
        &[("onet_code", "29-1141.00"), ("from", "list")],
    ),
    // Career matches: everyone who may view the record (the fixture's student has finished
    // no interest survey, so an allowed request is the page saying so).
    (
        "get",
        "/students/{id}/matches",
        Target::Student1,
        Rule::Only(VIEW_STUDENT1),
        &[],
    ),
    ("get", "/staff", Target::None, Rule::Only(STAFF), &[]),
    (
        "get",
        "/guardian",
        Target::None,
        Rule::Only(&[Guardian1, Guardian2]),
        &[],
    ),
    (
        "post",
        "/guardian/link",
        Target::None,
        Rule::Only(&[Guardian1, Guardian2]),
        &[("code", "NOPE-NOPE-NOPE")],
    ),
    // Administration. Bodies are valid but change nothing another row
    // depends on (no role, mentor or group membership of the cast moves).
    ("get", "/admin", Target::None, Rule::Only(STAFF), &[]),
    (
        "get",
        "/admin/orgs/{id}",
        Target::School1,
        Rule::Only(S1_STAFF_AND_UP),
        &[],
    ),
    (
        "post",
        "/admin/orgs/{id}",
        Target::School1,
        Rule::Only(&[DistrictAdmin1, StateAdmin]),
        &[
            ("name", "School One High"),
            ("code", "S1"),
            ("low_grade", "9"),
            ("high_grade", "12"),
        ],
    ),
    (
        "post",
        "/admin/orgs/{id}/children",
        Target::District1,
        Rule::Only(&[DistrictAdmin1, StateAdmin]),
        &[
            ("name", "School Three"),
            ("code", "S3"),
            ("low_grade", "6"),
            ("high_grade", "8"),
        ],
    ),
    (
        "post",
        "/admin/orgs/{id}/years",
        Target::District1,
        Rule::Only(&[DistrictAdmin1, StateAdmin]),
        &[
            ("name", "2030-2031"),
            ("starts_on", "2030-08-15"),
            ("ends_on", "2031-06-10"),
        ],
    ),
    // `{year_id}` is the district's id: no such year, so allowed is a 404.
    (
        "post",
        "/admin/orgs/{id}/years/{year_id}/current",
        Target::District1,
        Rule::Only(&[DistrictAdmin1, StateAdmin]),
        &[],
    ),
    // Rosters: district and state admins. The matrix posts a urlencoded
    // form, not a multipart upload: allowed is a 400 that starts nothing.
    (
        "get",
        "/admin/orgs/{id}/rosters",
        Target::District1,
        Rule::Only(&[DistrictAdmin1, StateAdmin]),
        &[],
    ),
    (
        "post",
        "/admin/orgs/{id}/rosters",
        Target::District1,
        Rule::Only(&[DistrictAdmin1, StateAdmin]),
        &[],
    ),
    // `{run_id}` is the district's id: no such run, so allowed is a 404.
    (
        "get",
        "/admin/orgs/{id}/rosters/{run_id}",
        Target::District1,
        Rule::Only(&[DistrictAdmin1, StateAdmin]),
        &[],
    ),
    // The fixture's district has no school years: the page says so, and
    // allowed posts are a 422 that changes nothing.
    (
        "get",
        "/admin/orgs/{id}/rollover",
        Target::District1,
        Rule::Only(&[DistrictAdmin1, StateAdmin]),
        &[],
    ),
    (
        "post",
        "/admin/orgs/{id}/rollover",
        Target::District1,
        Rule::Only(&[DistrictAdmin1, StateAdmin]),
        &[("to_year", "2031-2032")],
    ),
    (
        "get",
        "/admin/orgs/{id}/record-import",
        Target::School1,
        Rule::Only(&[SchoolAdmin1, DistrictAdmin1, StateAdmin]),
        &[],
    ),
    // No file: allowed is a 422 that writes nothing.
    (
        "post",
        "/admin/orgs/{id}/record-import",
        Target::School1,
        Rule::Only(&[SchoolAdmin1, DistrictAdmin1, StateAdmin]),
        &[],
    ),
    (
        "get",
        "/admin/orgs/{id}/people",
        Target::School1,
        Rule::Only(&[SchoolAdmin1, DistrictAdmin1, StateAdmin]),
        &[],
    ),
    (
        "post",
        "/admin/orgs/{id}/invites",
        Target::School1,
        Rule::Only(&[SchoolAdmin1, DistrictAdmin1, StateAdmin]),
        &[("role", "mentor"), ("email", "")],
    ),
    (
        "get",
        "/admin/people/{id}",
        Target::Staff1,
        Rule::Only(&[SchoolAdmin1, DistrictAdmin1, StateAdmin]),
        &[],
    ),
    // Mentor1 already holds this role: granting it again changes nothing.
    (
        "post",
        "/admin/people/{id}/roles",
        Target::Staff1,
        Rule::Only(&[SchoolAdmin1, DistrictAdmin1, StateAdmin]),
        &[("org_id", "{s1}"), ("role", "mentor")],
    ),
    // A role Mentor1 does not hold: allowed is a 404.
    (
        "post",
        "/admin/people/{id}/roles/remove",
        Target::Staff1,
        Rule::Only(&[SchoolAdmin1, DistrictAdmin1, StateAdmin]),
        &[("org_id", "{s1}"), ("role", "employer_supervisor")],
    ),
    (
        "get",
        "/admin/orgs/{id}/students",
        Target::School1,
        Rule::Only(&[
            Counselor1,
            Coach1,
            CaseManager1,
            SchoolAdmin1,
            DistrictAdmin1,
            StateAdmin,
        ]),
        &[],
    ),
    // Mentor1 is already Student1's mentor.
    (
        "post",
        "/admin/orgs/{id}/mentors",
        Target::School1,
        Rule::Only(&[Counselor1, SchoolAdmin1, DistrictAdmin1]),
        &[("mentor_id", "{mentor1}"), ("students", "{student1}")],
    ),
    // A school's interest and saved-careers report (counts only): whoever
    // may list the school's students; not teachers and mentors, whose access
    // is by relationship, nor another district.
    (
        "get",
        "/admin/orgs/{id}/interests",
        Target::School1,
        Rule::Only(&[
            Counselor1,
            Coach1,
            CaseManager1,
            SchoolAdmin1,
            DistrictAdmin1,
            StateAdmin,
        ]),
        &[],
    ),
    (
        "get",
        "/admin/orgs/{id}/groups",
        Target::School1,
        Rule::Only(&[Counselor1, SchoolAdmin1, DistrictAdmin1]),
        &[],
    ),
    (
        "post",
        "/admin/orgs/{id}/groups",
        Target::School1,
        Rule::Only(&[Counselor1, SchoolAdmin1, DistrictAdmin1]),
        &[("name", "Advisory 11B"), ("staff_id", "{mentor1}")],
    ),
    (
        "get",
        "/admin/groups/{id}",
        Target::Group1,
        Rule::Only(&[Counselor1, SchoolAdmin1, DistrictAdmin1]),
        &[],
    ),
    // Student1 is already in the group.
    (
        "post",
        "/admin/groups/{id}/members",
        Target::Group1,
        Rule::Only(&[Counselor1, SchoolAdmin1, DistrictAdmin1]),
        &[("students", "SSID-student1")],
    ),
    // Nobody with id 1 is in the group: removing them changes nothing.
    (
        "post",
        "/admin/groups/{id}/members/remove",
        Target::Group1,
        Rule::Only(&[Counselor1, SchoolAdmin1, DistrictAdmin1]),
        &[("student_id", "1")],
    ),
    (
        "get",
        "/admin/orgs/{id}/access-log",
        Target::District1,
        Rule::Only(&[DistrictAdmin1, StateAdmin]),
        &[],
    ),
    (
        "get",
        "/admin/orgs/{id}/audit-log",
        Target::State,
        Rule::Only(&[StateAdmin]),
        &[],
    ),
];

/// Everyone who may view Student1's record (as for `/students/{id}`).
const VIEW_STUDENT1: &[P] = &[
    Student1,
    Guardian1,
    Mentor1,
    Advisor1,
    Counselor1,
    Coach1,
    CaseManager1,
    SchoolAdmin1,
    DistrictAdmin1,
    StateAdmin,
];

/// Everyone with a role at School1 or above it.
const S1_STAFF_AND_UP: &[P] = &[
    Mentor1,
    Teacher1,
    Advisor1,
    Counselor1,
    Coach1,
    CaseManager1,
    Employer1,
    SchoolAdmin1,
    DistrictAdmin1,
    StateAdmin,
];

fn fill(app: &TestApp, s: &str, target: Target) -> String {
    let fx = &app.fx;
    let id = match target {
        Target::None => String::new(),
        Target::Student1 => fx.id(Student1).to_string(),
        Target::School1 => fx.s1.to_string(),
        Target::District1 => fx.d1.to_string(),
        Target::State => fx.state.to_string(),
        Target::Staff1 => fx.id(Mentor1).to_string(),
        Target::Group1 => fx.group1.to_string(),
        Target::Bogus => "no-such-code-0000".to_string(),
        Target::Attempt1 => fx.id(Student1).to_string(),
    };
    let mut out = s.to_string();
    for ph in ["{id}", "{code}", "{token}", "{year_id}", "{run_id}"] {
        out = out.replace(ph, &id);
    }
    out.replace("{student1}", &fx.id(Student1).to_string())
        .replace("{mentor1}", &fx.id(Mentor1).to_string())
        .replace("{s1}", &fx.s1.to_string())
        .replace("{d1}", &fx.d1.to_string())
        .replace("{attempt}", &fx.attempt1.to_string())
        .replace("{instrument}", waypoint_app::assessments::INTERESTS)
}

#[tokio::test]
async fn every_route_has_an_expectation() {
    let missing: Vec<_> = waypoint_web::routes::ROUTES
        .iter()
        .filter(|(m, p)| !MATRIX.iter().any(|(mm, pp, ..)| mm == m && pp == p))
        .collect();
    assert!(
        missing.is_empty(),
        "routes without a permission-matrix row: {missing:?}"
    );
    let stale: Vec<_> = MATRIX
        .iter()
        .filter(|(m, p, ..)| !waypoint_web::routes::ROUTES.iter().any(|(mm, pp)| mm == m && pp == p))
        .map(|(m, p, ..)| (m, p))
        .collect();
    assert!(stale.is_empty(), "matrix rows for routes that do not exist: {stale:?}");
}

#[tokio::test]
async fn permission_matrix() {
    let app = TestApp::spawn().await;
    let mut failures = Vec::new();
    let mut checked = 0;
    for (method, path, target, rule, form) in MATRIX {
        let url = fill(&app, path, *target);
        for p in P::ALL {
            let mut c = app.as_(p).await;
            let fields: Vec<(String, String)> = form
                .iter()
                .map(|(k, v)| (k.to_string(), fill(&app, v, *target)))
                .collect();
            let r = if *method == "get" {
                c.get(&url).await
            } else {
                let refs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                c.post(&url, &refs).await
            };
            checked += 1;
            // Signing out also ends on the sign-in page; only a redirect
            // that asks to come back afterwards (or from "/") is a denial.
            let to_login = r
                .location
                .as_deref()
                .is_some_and(|l| l.starts_with("/login?next=") || (l == "/login" && !path.starts_with("/logout")));
            let allowed = r.status != 403 && r.status != 401 && !to_login;
            let expected = match rule {
                Rule::Public => true,
                Rule::SignedIn => p != Anonymous,
                Rule::Only(who) => who.contains(&p),
            };
            if r.status >= 500 {
                failures.push(format!("{method} {path} as {p:?}: server error {}", r.status));
            } else if allowed != expected {
                failures.push(format!(
                    "{method} {path} as {p:?}: expected {}, got {} (location {:?})",
                    if expected { "allow" } else { "deny" },
                    r.status,
                    r.location
                ));
            } else if !allowed && p == Anonymous && !to_login {
                failures.push(format!(
                    "{method} {path} as anonymous: expected a redirect to sign in, got {}",
                    r.status
                ));
            } else if !allowed && p != Anonymous && r.status != 403 {
                failures.push(format!("{method} {path} as {p:?}: expected 403, got {}", r.status));
            }
            // A denial reveals nothing about the record: no names.
            if !allowed && r.body.contains("Student1 Learner") {
                failures.push(format!(
                    "{method} {path} as {p:?}: denial page leaks the student's name"
                ));
            }
        }
    }
    app.stop().await;
    assert!(checked >= MATRIX.len() * P::ALL.len());
    assert!(
        failures.is_empty(),
        "{} of {checked} checks failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
