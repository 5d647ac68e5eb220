//! The `waypoint` binary's subcommands, run as a process against a fresh
//! database (SQLite, or PostgreSQL when `WAYPOINT_TEST_DATABASE_URL` is set).

use std::process::Command;
use waypoint_store::Store;
use waypoint_store::testing::fresh_database;

fn waypoint(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_waypoint"))
        .args(args)
        .env("WAYPOINT_LOG", "warn")
        .env_remove("WAYPOINT_NEW_PASSWORD")
        .output()
        .expect("run waypoint");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

#[tokio::test]
async fn migrate_user_and_seed_commands() {
    let db = fresh_database().await.unwrap();
    let url = db.url.as_str();

    let (ok, out, err) = waypoint(&["migrate", "--database-url", url]);
    assert!(ok, "{err}");
    // Every migration, whatever their number: the first is 1.
    assert!(out.starts_with("applied ") && out.contains("[1, 2, 3,"), "{out}");
    let (ok, out, _) = waypoint(&["migrate", "--database-url", url]);
    assert!(ok && out.contains("applied 0 migration"), "{out}");

    // The first state administrator of a new instance.
    let (ok, out, err) = waypoint(&[
        "user",
        "create",
        "--database-url",
        url,
        "--username",
        "First.Admin",
        "--given-name",
        "Ada",
        "--family-name",
        "Byron",
        "--role",
        "state_admin",
        "--org",
        "EX",
    ]);
    assert!(ok, "{err}");
    let password = out
        .lines()
        .find_map(|l| l.strip_prefix("password: "))
        .expect("a generated password")
        .to_string();
    let store = Store::open(url).await.unwrap();
    let login = store
        .login_lookup("first.admin")
        .await
        .unwrap()
        .expect("account created, username lower-cased");
    assert!(waypoint_app::auth::verify_password(password.clone(), login.password_hash.clone().unwrap()).await);
    let grants = store.grants(login.user_id).await.unwrap();
    assert_eq!(grants.len(), 1);
    assert_eq!(grants[0].grant.role, waypoint_domain::people::Role::StateAdmin);

    let (ok, out, _) = waypoint(&[
        "user",
        "reset-password",
        "--database-url",
        url,
        "--username",
        "first.admin",
    ]);
    assert!(ok);
    let new_pw = out.trim().rsplit(": ").next().unwrap().to_string();
    assert_ne!(new_pw, password);
    let login = store.login_lookup("first.admin").await.unwrap().unwrap();
    assert!(waypoint_app::auth::verify_password(new_pw, login.password_hash.unwrap()).await);

    // Mistakes are explained, and change nothing.
    let (ok, _, err) = waypoint(&[
        "user",
        "create",
        "--database-url",
        url,
        "--username",
        "x",
        "--given-name",
        "A",
        "--family-name",
        "B",
    ]);
    assert!(!ok);
    assert!(err.contains("username"), "{err}");
    let (ok, _, err) = waypoint(&[
        "user",
        "create",
        "--database-url",
        url,
        "--username",
        "someone",
        "--given-name",
        "A",
        "--family-name",
        "B",
        "--role",
        "wizard",
        "--org",
        "EX",
    ]);
    assert!(!ok && err.contains("unknown role"), "{err}");
    assert!(store.login_lookup("someone").await.unwrap().is_none());
    let (ok, _, err) = waypoint(&["user", "reset-password", "--database-url", url, "--username", "nobody"]);
    assert!(!ok && err.contains("no account"), "{err}");

    let (ok, out, err) = waypoint(&["seed", "--database-url", url, "--students", "150"]);
    assert!(ok, "{err}");
    assert!(out.contains("seeded 150 students"), "{out}");
    let n = store
        .db()
        .query_one("SELECT COUNT(*) FROM students", vec![])
        .await
        .unwrap()
        .i64(0)
        .unwrap();
    assert_eq!(n, 150);
}

#[test]
fn bad_database_url_is_a_clear_error() {
    let (ok, _, err) = waypoint(&["migrate", "--database-url", "postgres://nobody@127.0.0.1:1/none"]);
    assert!(!ok);
    assert!(err.contains("opening postgres://nobody@127.0.0.1:1/none"), "{err}");
}

#[test]
fn a_bad_instrument_file_stops_start_up_naming_the_file_and_the_problem() {
    let dir = std::env::temp_dir().join(format!("waypoint-instruments-{:016x}", rand::random::<u64>()));
    std::fs::create_dir_all(&dir).unwrap();
    let interests = include_str!("../../../content/instruments/interests.toml");
    // A Spanish text missing from the fourth item, under an id of its own.
    let bad = interests
        .replace("id = \"waypoint-interests\"", "id = \"district-interests\"")
        .replace("text.es = \"Ayudar a un compañero de clase a entender la tarea\"\n", "");
    assert!(bad.len() < interests.len(), "the edit applied");
    std::fs::write(dir.join("district.toml"), &bad).unwrap();
    let instruments = dir.to_str().unwrap();
    let demo_dir = dir.join("demo");
    let runs: [(&str, Vec<&str>); 2] = [
        (
            "serve",
            vec![
                "serve",
                "--instruments-dir",
                instruments,
                "--port",
                "0",
                "--database-url",
                "postgres://nobody@127.0.0.1:1/never-opened",
            ],
        ),
        (
            "demo",
            vec![
                "demo",
                "--instruments-dir",
                instruments,
                "--port",
                "0",
                "--data-dir",
                demo_dir.to_str().unwrap(),
            ],
        ),
    ];
    for (cmd, args) in runs {
        let (ok, _, err) = waypoint(&args);
        assert!(!ok, "{cmd} must not start");
        assert!(err.contains("district.toml is not valid"), "{cmd}: {err}");
        assert!(err.contains("items[3] (id \"s01\").text"), "{cmd}: {err}");
        assert!(!err.contains("never-opened"), "{cmd}: checked before the database");
    }
    assert!(!demo_dir.exists(), "the demo made no data");
    let (ok, _, err) = waypoint(&["serve", "--instruments-dir", "/no/such/waypoint/dir"]);
    assert!(
        !ok && err.contains("cannot read the instruments directory /no/such/waypoint/dir"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

fn write_package(dir: &std::path::Path, users: &str) {
    std::fs::create_dir_all(dir).unwrap();
    let ts = "2026-08-01T12:00:00.000Z";
    let files = [
        (
            "manifest.csv",
            "propertyName,value\nmanifest.version,1.0\noneroster.version,1.1\nfile.academicSessions,absent\nfile.categories,absent\nfile.classes,absent\nfile.classResources,absent\nfile.courses,absent\nfile.courseResources,absent\nfile.demographics,absent\nfile.enrollments,absent\nfile.lineItems,absent\nfile.orgs,bulk\nfile.resources,absent\nfile.results,absent\nfile.users,bulk\n".to_string(),
        ),
        (
            "orgs.csv",
            format!("sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\nd,active,{ts},District,district,D0001,\nnew-hs,active,{ts},Harbor View High,school,HVHS,d\n"),
        ),
        ("users.csv", format!("sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password\n{users}")),
    ];
    for (name, body) in files {
        std::fs::write(dir.join(name), body.replace("{ts}", ts)).unwrap();
    }
}

#[tokio::test]
async fn import_oneroster_command_applies_or_rejects_whole_packages() {
    let db = fresh_database().await.unwrap();
    let url = db.url.as_str();
    assert!(waypoint(&["seed", "--database-url", url, "--students", "60"]).0);
    let (ok, _, err) = waypoint(&[
        "user",
        "create",
        "--database-url",
        url,
        "--username",
        "roster.admin",
        "--given-name",
        "Ro",
        "--family-name",
        "Ster",
        "--role",
        "district_admin",
        "--org",
        "D0001",
    ]);
    assert!(ok, "{err}");
    let dir = std::env::temp_dir().join(format!("wp-cli-roster-{:016x}", rand::random::<u64>()));
    write_package(
        &dir,
        "s-1,active,2026-08-01T12:00:00.000Z,true,new-hs,student,lena.park,{State:LP-100},Lena,Park,,LP-100,,,,,10,\n",
    );
    let path = dir.display().to_string();
    let (ok, out, err) = waypoint(&[
        "import",
        "oneroster",
        &path,
        "--source",
        "D0001",
        "--as",
        "roster.admin",
        "--database-url",
        url,
    ]);
    assert!(ok, "{err}");
    assert!(out.contains("students: 1 created"), "{out}");
    let store = Store::open(url).await.unwrap();
    assert!(store.student_by_state_id("LP-100").await.unwrap().is_some());

    // A bad date: the report names file, line and field; nothing changes.
    write_package(
        &dir,
        "s-2,active,yesterday,true,new-hs,student,omar.h,{State:OH-1},Omar,Hale,,OH-1,,,,,10,\n",
    );
    let (ok, _, err) = waypoint(&[
        "import",
        "oneroster",
        &path,
        "--source",
        "D0001",
        "--as",
        "roster.admin",
        "--database-url",
        url,
    ]);
    assert!(!ok);
    assert!(err.contains("users.csv, line 2, dateLastModified"), "{err}");
    assert!(err.contains("nothing was changed"), "{err}");
    assert!(store.student_by_state_id("OH-1").await.unwrap().is_none());
    // Not an administrator of that district: refused.
    let (ok, _, err) = waypoint(&[
        "import",
        "oneroster",
        &path,
        "--source",
        "D0001",
        "--as",
        "nobody",
        "--database-url",
        url,
    ]);
    assert!(!ok && err.contains("no account"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn rollover_command_moves_a_district_on_once() {
    use waypoint_domain::org::OrgKind;
    use waypoint_domain::people::{AccountKind, Role};
    use waypoint_store::people::NewUser;
    use waypoint_store::students::NewStudent;

    let db = fresh_database().await.unwrap();
    let url = db.url.as_str();
    let store = Store::open(url).await.unwrap();
    let state = store
        .create_org(OrgKind::State, None, "State", "EX", None)
        .await
        .unwrap();
    let district = store
        .create_org(OrgKind::District, Some(&state), "River District", "RD", None)
        .await
        .unwrap();
    let school = store
        .create_org(OrgKind::School, Some(&district), "River High", "RH", Some((9, 12)))
        .await
        .unwrap();
    // The current year began last August 17th (or this year's, if past).
    let t = waypoint_app::today();
    let y = if (t.month() as u8, t.day()) >= (8, 17) {
        t.year()
    } else {
        t.year() - 1
    };
    let year = store
        .create_school_year(
            district.org_id,
            &format!("{y}-{}", y + 1),
            &format!("{y}-08-17"),
            &format!("{}-06-10", y + 1),
        )
        .await
        .unwrap();
    store
        .set_current_school_year(district.org_id, year.school_year_id)
        .await
        .unwrap();
    let user = |kind, name: &str| NewUser {
        user_id: waypoint_domain::UserId::generate(),
        kind,
        username: name.into(),
        email: None,
        password_hash: None,
        given_name: name.into(),
        family_name: "Test".into(),
        locale: "en".into(),
    };
    let admin = user(AccountKind::Staff, "river.admin");
    store.create_user(&admin).await.unwrap();
    store
        .add_grant(admin.user_id, district.org_id, Role::DistrictAdmin, None)
        .await
        .unwrap();
    for (name, grade) in [("senior", 12), ("junior", 11)] {
        store
            .create_student(&NewStudent {
                user: user(AccountKind::Student, name),
                state_student_id: format!("RD-{name}"),
                birth_date: None,
                grade_level: Some(grade),
                school_id: Some(school.org_id),
                district_id: school.district_id,
                state_id: state.org_id,
                graduation_year: None,
            })
            .await
            .unwrap();
    }

    let next = format!("{}-{}", y + 1, y + 2);
    let args = [
        "rollover",
        "--database-url",
        url,
        "--district",
        "RD",
        "--as",
        "river.admin",
        "--to-year",
        &next,
    ];
    let (ok, out, err) = waypoint(&args);
    assert!(ok, "{err}");
    assert!(
        out.contains("1 students moved up") && out.contains("1 graduated"),
        "{out}"
    );
    let (ok, out, err) = waypoint(&args);
    assert!(ok, "{err}");
    assert!(out.contains("nothing to do"), "{out}");
    // Without a year it would close the new one, which has not begun.
    let (ok, _, err) = waypoint(&args[..7]);
    assert!(!ok && err.contains("has not begun"), "{err}");
    let (ok, _, err) = waypoint(&[
        "rollover",
        "--database-url",
        url,
        "--district",
        "NOPE",
        "--as",
        "river.admin",
    ]);
    assert!(!ok && err.contains("no district"), "{err}");
}

/// The shared reference data folder: `WAYPOINT_DATA_DIR` (scripts/test.sh sets it), else
/// `../shared/data` beside the repository. Missing, the test fails: CI always has it.
fn data_dir() -> std::path::PathBuf {
    let dir = std::env::var_os("WAYPOINT_DATA_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"));
    assert!(
        dir.join("onet").is_dir() && dir.join("bls").is_dir(),
        "the reference data folder {} (with onet/ and bls/) is missing: set WAYPOINT_DATA_DIR to the shared \
         data folder; scripts/test.sh sets it to ../shared/data",
        dir.display()
    );
    dir
}

#[tokio::test]
async fn import_careers_commands_load_the_real_data_twice() {
    let db = fresh_database().await.unwrap();
    let url = db.url.as_str();
    let data = data_dir();
    let onet_dir = data.join("onet").display().to_string();
    let ep = data
        .join("bls/ep_table_1.2_occupational_projections_2024-34.csv")
        .display()
        .to_string();
    let clusters = data
        .join("clusters/advancecte_soc_cluster_subcluster.csv")
        .display()
        .to_string();

    // Loading the release twice: the second load replaces the first with the same rows.
    let mut counts = Vec::new();
    for round in 0..2 {
        let start = std::time::Instant::now();
        let (ok, out, err) = waypoint(&["import", "onet", &onet_dir, "--database-url", url]);
        assert!(ok, "{err}");
        eprintln!(
            "import onet, round {round}: {:.1}s: {out}",
            start.elapsed().as_secs_f64()
        );
        assert!(
            out.contains("imported O*NET 29.3 (May 2025): 1016 occupations"),
            "{out}"
        );
        assert_eq!(out.contains("replacing 29.3"), round == 1, "{out}");
        let (ok, out, err) = waypoint(&["import", "bls", &ep, "--database-url", url]);
        assert!(ok, "{err}");
        assert!(out.contains("1113 rows (832 occupations, 281 groups)"), "{out}");
        assert!(
            out.contains("963 by their SOC code, 20 by their SOC broad group, 33 without"),
            "{out}"
        );
        let (ok, out, err) = waypoint(&[
            "import",
            "clusters",
            &clusters,
            "--framework",
            "advance-cte",
            "--title",
            "National Career Clusters Framework",
            "--publisher",
            "Advance CTE",
            "--database-url",
            url,
        ]);
        assert!(ok, "{err}");
        assert!(out.contains("14 clusters, 1203 occupation places"), "{out}");
        let store = Store::open(url).await.unwrap();
        counts.push(store.careers_counts().await.unwrap());
    }
    assert_eq!(counts[0], counts[1]);
    let c = &counts[0];
    assert_eq!(
        (c.occupations, c.interests, c.job_zones, c.job_zone_reference),
        (1_016, 8_307, 923, 5)
    );
    assert_eq!((c.education, c.education_categories), (36_209, 41));
    assert_eq!(
        (
            c.alternate_titles,
            c.reported_titles,
            c.related_occupations,
            c.work_values
        ),
        (56_560, 7_796, 18_460, 7_866)
    );
    assert_eq!((c.projections, c.clusters, c.cluster_occupations), (1_113, 72, 1_203));

    let store = Store::open(url).await.unwrap();
    let dev = store.occupation("15-1252.00").await.unwrap().unwrap();
    assert_eq!(dev.title, "Software Developers");
    assert!(
        dev.description
            .starts_with("Research, design, and develop computer and network software")
    );
    assert_eq!(dev.job_zone, Some(4));
    assert_eq!(
        dev.job_zone_name.as_deref(),
        Some("Job Zone Four: Considerable Preparation Needed")
    );
    let oi: Vec<(&str, f64)> = dev
        .interests
        .iter()
        .filter(|i| i.scale_id == "OI")
        .map(|i| (i.element_name.as_str(), i.value))
        .collect();
    assert_eq!(
        oi,
        [
            ("Realistic", 3.93),
            ("Investigative", 5.86),
            ("Artistic", 2.26),
            ("Social", 1.88),
            ("Enterprising", 1.87),
            ("Conventional", 5.46)
        ]
    );
    assert_eq!(dev.alternate_titles.len(), 135);
    assert_eq!(dev.reported_titles.len(), 10);
    assert_eq!(dev.related.len(), 20);
    assert_eq!(dev.related[0].rank, 1);
    assert!(dev.work_values.is_empty());
    let p = dev.projection.as_ref().unwrap();
    assert_eq!((p.soc_code.as_str(), p.broad_group), ("15-1252", false));
    assert_eq!(
        (p.employment, p.employment_projected, p.change, p.openings),
        (Some(1_693_800), Some(1_961_400), Some(267_700), Some(115_200))
    );
    assert_eq!((p.change_percent, p.median_wage), (Some(15.8), Some(133_080)));
    assert_eq!(p.education.as_deref(), Some("Bachelor's degree"));
    assert!(
        dev.clusters
            .iter()
            .any(|c| c.framework == "advance-cte" && c.cluster == "Digital Technology"),
        "{:?}",
        dev.clusters
    );

    let nurse = store.occupation("29-1141.00").await.unwrap().unwrap();
    let rl: Vec<(i64, f64)> = nurse
        .education
        .iter()
        .filter(|e| e.scale_id == "RL" && e.value > 0.0)
        .map(|e| (e.category.unwrap(), e.value))
        .collect();
    assert_eq!(rl, [(2, 0.76), (3, 22.5), (5, 19.39), (6, 55.92), (8, 1.43)]);
    let bachelor = nurse
        .education
        .iter()
        .find(|e| e.scale_id == "RL" && e.category == Some(6))
        .unwrap();
    assert_eq!(bachelor.category_description.as_deref(), Some("Bachelor's Degree"));
    assert_eq!(nurse.work_values.len(), 9);
    // A detailed O*NET occupation takes its SOC code's projection; one the Matrix publishes
    // only as a broad group takes the group's; a military one has none.
    let p = store
        .occupation("11-1011.03")
        .await
        .unwrap()
        .unwrap()
        .projection
        .unwrap();
    assert_eq!((p.soc_code.as_str(), p.median_wage), ("11-1011", Some(206_420)));
    let p = store
        .occupation("13-1021.00")
        .await
        .unwrap()
        .unwrap()
        .projection
        .unwrap();
    assert_eq!((p.soc_code.as_str(), p.broad_group), ("13-1020", true));
    let military = store.occupation("55-1011.00").await.unwrap().unwrap();
    assert!(military.projection.is_none() && military.interests.is_empty() && military.job_zone.is_none());
    assert!(store.occupation("99-9999.00").await.unwrap().is_none());

    let releases = store.career_releases().await.unwrap();
    let onet = releases.iter().find(|r| r.dataset == "onet").unwrap();
    assert_eq!(onet.info.version, "29.3");
    assert!(
        onet.info
            .attribution
            .contains("O*NET 29.3 Database by the U.S. Department of Labor")
    );
    assert!(onet.info.attribution.contains("The Waypoint project has modified"));
    let ep_release = releases.iter().find(|r| r.dataset == "bls_projections").unwrap();
    assert_eq!(
        (
            ep_release.info.version.as_str(),
            ep_release.info.period_start,
            ep_release.info.period_end
        ),
        ("2024-34", Some(2024), Some(2034))
    );

    // A broken release is rejected with file and line, and changes nothing.
    let dir = std::env::temp_dir().join(format!("wp-cli-onet-{:016x}", rand::random::<u64>()));
    std::fs::create_dir_all(&dir).unwrap();
    for e in std::fs::read_dir(data.join("onet")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), dir.join(e.file_name())).unwrap();
    }
    std::fs::write(
        dir.join("Job Zones.txt"),
        "O*NET-SOC Code\tTitle\tJob Zone\tDate\tDomain Source\n15-1252.00\tSoftware Developers\tfour\t11/2021\tAnalyst\n",
    )
    .unwrap();
    let (ok, _, err) = waypoint(&[
        "import",
        "onet",
        &dir.display().to_string(),
        "--release",
        "30.0",
        "--database-url",
        url,
    ]);
    let _ = std::fs::remove_dir_all(&dir);
    assert!(!ok);
    assert!(err.contains("Job Zones.txt, line 2, Job Zone"), "{err}");
    assert!(err.contains("nothing was changed"), "{err}");
    store.changed_elsewhere();
    assert_eq!(store.careers_counts().await.unwrap(), counts[0]);
    let releases = store.career_releases().await.unwrap();
    assert_eq!(
        releases.iter().find(|r| r.dataset == "onet").unwrap().info.version,
        "29.3"
    );
}
