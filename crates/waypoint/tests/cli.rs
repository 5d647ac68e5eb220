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
    assert!(out.contains("applied 4 migration"), "{out}");
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
