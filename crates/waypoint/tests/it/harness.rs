//! Starting a test server with a known cast of people in two districts.

use std::collections::HashMap;
use std::sync::OnceLock;
use waypoint::server::{self, Running};
use waypoint_app::AppConfig;
use waypoint_app::auth::{random_token, token_hash};
use waypoint_domain::assessment::Attempt;
use waypoint_domain::org::OrgKind;
use waypoint_domain::people::{AccountKind, Role};
use waypoint_domain::{AttemptId, GroupId, OrgId, UserId};
use waypoint_store::Store;
use waypoint_store::people::NewUser;
use waypoint_store::students::NewStudent;
use waypoint_store::testing::{TestDb, fresh_store};
use waypoint_web::WebConfig;

/// The password of every test account.
pub const PASSWORD: &str = "correct horse battery";

/// The people of the fixture. Each name says where they stand relative to
/// `Student1` (district 1, school S1, a minor).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum P {
    Anonymous,
    /// The student themself.
    Student1,
    /// An adult student at the same school.
    AdultStudent,
    /// A student in district 2.
    Student2,
    /// Student1's guardian.
    Guardian1,
    /// Student2's guardian: no relationship to Student1.
    Guardian2,
    /// Student1's mentor (teacher) — access by relationship.
    Mentor1,
    /// A teacher at S1 with no relationship to Student1.
    Teacher1,
    /// Leads the advisory group Student1 is in.
    Advisor1,
    Counselor1,
    Coach1,
    CaseManager1,
    Employer1,
    SchoolAdmin1,
    DistrictAdmin1,
    /// District 2's counselor and admin: other district.
    Counselor2,
    DistrictAdmin2,
    StateAdmin,
}

impl P {
    pub const ALL: [P; 18] = [
        P::Anonymous,
        P::Student1,
        P::AdultStudent,
        P::Student2,
        P::Guardian1,
        P::Guardian2,
        P::Mentor1,
        P::Teacher1,
        P::Advisor1,
        P::Counselor1,
        P::Coach1,
        P::CaseManager1,
        P::Employer1,
        P::SchoolAdmin1,
        P::DistrictAdmin1,
        P::Counselor2,
        P::DistrictAdmin2,
        P::StateAdmin,
    ];

    pub fn username(self) -> &'static str {
        match self {
            P::Anonymous => "",
            P::Student1 => "student1",
            P::AdultStudent => "adult1",
            P::Student2 => "student2",
            P::Guardian1 => "guardian1",
            P::Guardian2 => "guardian2",
            P::Mentor1 => "mentor1",
            P::Teacher1 => "teacher1",
            P::Advisor1 => "advisor1",
            P::Counselor1 => "counselor1",
            P::Coach1 => "coach1",
            P::CaseManager1 => "casemanager1",
            P::Employer1 => "employer1",
            P::SchoolAdmin1 => "schooladmin1",
            P::DistrictAdmin1 => "districtadmin1",
            P::Counselor2 => "counselor2",
            P::DistrictAdmin2 => "districtadmin2",
            P::StateAdmin => "stateadmin",
        }
    }
}

/// Ids of the fixture's organisations and records.
#[derive(Clone, Debug)]
pub struct Fixture {
    pub state: OrgId,
    pub d1: OrgId,
    pub s1: OrgId,
    pub d2: OrgId,
    pub s2: OrgId,
    pub users: HashMap<P, UserId>,
    pub group1: GroupId,
    /// Student1's unfinished attempt at the skills survey, its first page
    /// answered.
    pub attempt1: AttemptId,
}

impl Fixture {
    pub fn id(&self, p: P) -> UserId {
        self.users[&p]
    }
}

fn password_hash() -> String {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| {
        std::thread::spawn(|| {
            tokio::runtime::Builder::new_current_thread()
                .build()
                .unwrap()
                .block_on(async { waypoint_app::auth::hash_password(PASSWORD.into()).await.unwrap() })
        })
        .join()
        .unwrap()
    })
    .clone()
}

async fn staff(store: &Store, users: &mut HashMap<P, UserId>, p: P, grants: &[(Role, OrgId)]) {
    let id = UserId::generate();
    store
        .create_user(&NewUser {
            user_id: id,
            kind: AccountKind::Staff,
            username: p.username().into(),
            email: Some(format!("{}@staff.example.org", p.username())),
            password_hash: Some(password_hash()),
            given_name: format!("{p:?}"),
            family_name: "Staff".into(),
            locale: "en".into(),
        })
        .await
        .unwrap();
    for (role, org) in grants {
        store.add_grant(id, *org, *role, None).await.unwrap();
    }
    users.insert(p, id);
}

async fn student(
    store: &Store,
    users: &mut HashMap<P, UserId>,
    p: P,
    school: &waypoint_store::orgs::OrgRecord,
    born: &str,
) {
    let id = UserId::generate();
    store
        .create_student(&NewStudent {
            user: NewUser {
                user_id: id,
                kind: AccountKind::Student,
                username: p.username().into(),
                email: None,
                password_hash: Some(password_hash()),
                given_name: format!("{p:?}"),
                family_name: "Learner".into(),
                locale: "en".into(),
            },
            state_student_id: format!("SSID-{}", p.username()),
            birth_date: Some(born.into()),
            grade_level: Some(10),
            school_id: Some(school.org_id),
            district_id: school.district_id,
            state_id: school.state_id,
            graduation_year: Some(2029),
        })
        .await
        .unwrap();
    store
        .add_enrollment(id, school.org_id, "2026-2027", 10, "2026-08-15", None)
        .await
        .unwrap();
    users.insert(p, id);
}

async fn guardian(store: &Store, users: &mut HashMap<P, UserId>, p: P, of: UserId) {
    let id = UserId::generate();
    store
        .create_user(&NewUser {
            user_id: id,
            kind: AccountKind::Guardian,
            username: p.username().into(),
            email: Some(format!("{}@family.example.org", p.username())),
            password_hash: Some(password_hash()),
            given_name: format!("{p:?}"),
            family_name: "Family".into(),
            locale: "en".into(),
        })
        .await
        .unwrap();
    store.link_guardian(of, id, "mother").await.unwrap();
    users.insert(p, id);
}

/// Builds the cast: a state; district 1 with school S1; district 2 with S2.
pub async fn fixture(store: &Store) -> Fixture {
    let state = store
        .create_org(OrgKind::State, None, "Test State", "TS", None)
        .await
        .unwrap();
    let d1 = store
        .create_org(OrgKind::District, Some(&state), "District One", "D1", None)
        .await
        .unwrap();
    let s1 = store
        .create_org(OrgKind::School, Some(&d1), "School One High", "S1", Some((9, 12)))
        .await
        .unwrap();
    let d2 = store
        .create_org(OrgKind::District, Some(&state), "District Two", "D2", None)
        .await
        .unwrap();
    let s2 = store
        .create_org(OrgKind::School, Some(&d2), "School Two High", "S2", Some((9, 12)))
        .await
        .unwrap();
    let mut u = HashMap::new();
    student(store, &mut u, P::Student1, &s1, "2011-03-04").await;
    student(store, &mut u, P::AdultStudent, &s1, "2007-01-02").await;
    student(store, &mut u, P::Student2, &s2, "2011-05-06").await;
    let (s1_id, s2_id) = (u[&P::Student1], u[&P::Student2]);
    guardian(store, &mut u, P::Guardian1, s1_id).await;
    guardian(store, &mut u, P::Guardian2, s2_id).await;
    staff(store, &mut u, P::Mentor1, &[(Role::Mentor, s1.org_id)]).await;
    staff(store, &mut u, P::Teacher1, &[(Role::Mentor, s1.org_id)]).await;
    staff(store, &mut u, P::Advisor1, &[(Role::Mentor, s1.org_id)]).await;
    staff(store, &mut u, P::Counselor1, &[(Role::Counselor, s1.org_id)]).await;
    staff(store, &mut u, P::Coach1, &[(Role::CareerCoach, s1.org_id)]).await;
    staff(store, &mut u, P::CaseManager1, &[(Role::CaseManager, s1.org_id)]).await;
    staff(store, &mut u, P::Employer1, &[(Role::EmployerSupervisor, s1.org_id)]).await;
    staff(store, &mut u, P::SchoolAdmin1, &[(Role::SchoolAdmin, s1.org_id)]).await;
    staff(store, &mut u, P::DistrictAdmin1, &[(Role::DistrictAdmin, d1.org_id)]).await;
    staff(store, &mut u, P::Counselor2, &[(Role::Counselor, s2.org_id)]).await;
    staff(store, &mut u, P::DistrictAdmin2, &[(Role::DistrictAdmin, d2.org_id)]).await;
    staff(store, &mut u, P::StateAdmin, &[(Role::StateAdmin, state.org_id)]).await;
    store.assign_mentor(u[&P::Mentor1], &[u[&P::Student1]]).await.unwrap();
    let group1 = store
        .create_group(s1.org_id, u[&P::Advisor1], "Advisory 10A")
        .await
        .unwrap();
    store.add_group_members(group1, &[u[&P::Student1]]).await.unwrap();
    let attempt1 = skills_attempt(store, u[&P::Student1]).await;
    Fixture {
        state: state.org_id,
        d1: d1.org_id,
        s1: s1.org_id,
        d2: d2.org_id,
        s2: s2.org_id,
        users: u,
        group1,
        attempt1,
    }
}

/// An unfinished attempt at the built-in skills survey, its first page
/// answered with 3s.
async fn skills_attempt(store: &Store, student: UserId) -> AttemptId {
    let skills = waypoint_app::assessments::Instruments::built_in()
        .get(waypoint_app::assessments::SKILLS)
        .unwrap()
        .clone();
    let form = skills.form_for_grade(10).unwrap();
    let now = waypoint_store::now_ms();
    let mut a = Attempt::start(&skills, AttemptId::generate(), student, &form.id, 10, "en", now - 1).unwrap();
    let first_page = skills.page(form, 0).iter().map(|it| (it.id.clone(), Some(3))).collect();
    a.record(&skills, &first_page, now).unwrap();
    store.create_attempt(&a).await.unwrap();
    a.id
}

/// A running server with the fixture loaded.
pub struct TestApp {
    pub base: String,
    pub store: Store,
    pub fx: Fixture,
    pub running: Option<Running>,
    _db: TestDb,
}

impl TestApp {
    /// A fresh database, the fixture, and the real server on a random port.
    pub async fn spawn() -> TestApp {
        Self::spawn_with(AppConfig::default()).await
    }

    /// [`TestApp::spawn`] with settings of its own (`public_url` is set here).
    pub async fn spawn_with(config: AppConfig) -> TestApp {
        let (store, db) = fresh_store().await;
        let fx = fixture(&store).await;
        Self::serve_with(store, db, fx, config).await
    }

    /// Another Waypoint instance, empty but for its own state ("OS"), one
    /// district ("OD1") with one school ("OH1", both `s1` and `s2` of the
    /// fixture) and that school's administrator, signed in as
    /// `P::SchoolAdmin1`. No students: for records arriving from elsewhere.
    pub async fn spawn_empty() -> TestApp {
        let (store, db) = fresh_store().await;
        let state = store
            .create_org(OrgKind::State, None, "Other State", "OS", None)
            .await
            .unwrap();
        let d = store
            .create_org(OrgKind::District, Some(&state), "Other District", "OD1", None)
            .await
            .unwrap();
        let s = store
            .create_org(OrgKind::School, Some(&d), "Other High", "OH1", Some((9, 12)))
            .await
            .unwrap();
        let mut users = HashMap::new();
        staff(&store, &mut users, P::SchoolAdmin1, &[(Role::SchoolAdmin, s.org_id)]).await;
        let fx = Fixture {
            state: state.org_id,
            d1: d.org_id,
            s1: s.org_id,
            d2: d.org_id,
            s2: s.org_id,
            users,
            group1: GroupId(0),
            attempt1: AttemptId(0),
        };
        Self::serve(store, db, fx).await
    }

    /// The database URL, for running the binary against this instance.
    pub fn db_url(&self) -> &str {
        &self._db.url
    }

    async fn serve(store: Store, db: TestDb, fx: Fixture) -> TestApp {
        Self::serve_with(store, db, fx, AppConfig::default()).await
    }

    async fn serve_with(store: Store, db: TestDb, fx: Fixture, config: AppConfig) -> TestApp {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let config = AppConfig {
            public_url: base.clone(),
            ..config
        };
        // Every request gives way first, as the server can be told to: the suite runs through it.
        let web = WebConfig {
            turns: waypoint_web::turns::Turns {
                after: Some(std::time::Duration::ZERO),
            },
            ..WebConfig::default()
        };
        let running = server::start(store.clone(), config, web, listener).await.unwrap();
        TestApp {
            base,
            store,
            fx,
            running: Some(running),
            _db: db,
        }
    }

    /// A client with no cookies and no redirect following.
    pub fn client(&self) -> Client {
        Client::new(self.base.clone())
    }

    /// A client signed in as `p` through a session made directly in the
    /// store (no password hashing: fast enough for hundreds of requests).
    pub async fn as_(&self, p: P) -> Client {
        let mut c = self.client();
        if p != P::Anonymous {
            let token = random_token(32);
            self.store
                .create_session(&token_hash(&token), self.fx.id(p), Some("127.0.0.1"))
                .await
                .unwrap();
            c.session = Some(token);
        }
        c
    }

    /// Writes the queued access-log entries.
    pub async fn flush(&self) {
        if let Some(r) = &self.running {
            r.app.flush_access_log().await;
        }
    }

    pub async fn stop(mut self) {
        if let Some(r) = self.running.take() {
            r.stop().await;
        }
    }
}

/// A minimal browser: cookies for session, CSRF and language.
pub struct Client {
    base: String,
    http: reqwest::Client,
    pub session: Option<String>,
    pub csrf: String,
    pub lang: Option<String>,
}

/// A response, read whole.
pub struct Resp {
    pub status: u16,
    pub location: Option<String>,
    pub headers: reqwest::header::HeaderMap,
    pub body: String,
}

impl Resp {
    /// The value of a hidden or text input named `name` in the body.
    pub fn input(&self, name: &str) -> Option<String> {
        let pat = format!("name=\"{name}\"");
        let at = self.body.find(&pat)?;
        let tag_start = self.body[..at].rfind('<')?;
        let tag_end = at + self.body[at..].find('>')?;
        let tag = &self.body[tag_start..tag_end];
        let v = tag.find("value=\"")?;
        let rest = &tag[v + 7..];
        Some(rest[..rest.find('"')?].to_string())
    }
}

impl Client {
    fn new(base: String) -> Client {
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let csrf = format!("{:048x}", rand::random::<u128>());
        Client {
            base,
            http,
            session: None,
            csrf,
            lang: None,
        }
    }

    fn cookies(&self) -> String {
        let mut c = format!("wp_csrf={}", self.csrf);
        if let Some(s) = &self.session {
            c.push_str(&format!("; wp_session={s}"));
        }
        if let Some(l) = &self.lang {
            c.push_str(&format!("; wp_lang={l}"));
        }
        c
    }

    fn remember(&mut self, headers: &reqwest::header::HeaderMap) {
        for v in headers.get_all(reqwest::header::SET_COOKIE) {
            let v = v.to_str().unwrap_or("");
            let kv = v.split(';').next().unwrap_or("");
            if let Some((k, val)) = kv.split_once('=') {
                match k {
                    "wp_session" => self.session = (!val.is_empty()).then(|| val.to_string()),
                    "wp_lang" => self.lang = Some(val.to_string()),
                    "wp_csrf" => self.csrf = val.to_string(),
                    _ => {}
                }
            }
        }
    }

    async fn read(&mut self, r: reqwest::Response) -> Resp {
        let status = r.status().as_u16();
        let headers = r.headers().clone();
        self.remember(&headers);
        let location = headers
            .get("location")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let body = r.text().await.unwrap_or_default();
        Resp {
            status,
            location,
            headers,
            body,
        }
    }

    pub async fn get(&mut self, path: &str) -> Resp {
        let r = self
            .http
            .get(format!("{}{path}", self.base))
            .header("cookie", self.cookies())
            .send()
            .await
            .unwrap();
        self.read(r).await
    }

    /// Posts a form with the CSRF field added.
    pub async fn post(&mut self, path: &str, form: &[(&str, &str)]) -> Resp {
        let mut fields: Vec<(&str, &str)> = vec![("csrf", self.csrf.as_str())];
        fields.extend_from_slice(form);
        let body = serde_urlencoded::to_string(&fields).unwrap();
        self.post_raw(path, body).await
    }

    /// Posts a raw urlencoded body (no CSRF field added).
    pub async fn post_raw(&mut self, path: &str, body: String) -> Resp {
        let r = self
            .http
            .post(format!("{}{path}", self.base))
            .header("cookie", self.cookies())
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .unwrap();
        self.read(r).await
    }

    /// Posts a body of any type (a multipart upload, say) with extra
    /// headers; no CSRF token is added.
    pub async fn post_bytes(
        &mut self,
        path: &str,
        content_type: &str,
        body: Vec<u8>,
        headers: &[(&str, &str)],
    ) -> Resp {
        let mut req = self
            .http
            .post(format!("{}{path}", self.base))
            .header("cookie", self.cookies())
            .header("content-type", content_type);
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let r = req.body(body).send().await.unwrap();
        self.read(r).await
    }

    /// Signs in through the form, as a person would.
    pub async fn sign_in(&mut self, username: &str, password: &str) -> Resp {
        self.get("/login").await;
        self.post("/login", &[("username", username), ("password", password)])
            .await
    }
}
