//! Roster uploads over HTTP: a zip or the CSV files as a multipart form,
//! the import in the background, the run's page followed until it ends,
//! the stored report of a rejected package, and who may do it.

use crate::harness::{Client, P, Resp, TestApp};
use crate::roster::{Pkg, TS};
use std::io::Write;
use std::time::Duration;

/// The files of a package, read back from the folder `Pkg` writes.
fn files(pkg: &Pkg) -> Vec<(String, Vec<u8>)> {
    let dir = pkg.write();
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            (name, std::fs::read(&path).unwrap())
        })
        .collect();
    let _ = std::fs::remove_dir_all(&dir);
    out.sort();
    out
}

/// The package as a zip archive, in a folder of its own as exports often are.
fn zipped(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in files {
        w.start_file(format!("export/{name}"), opts).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// A multipart body: (field name, file name or none, content).
fn multipart(parts: &[(&str, Option<&str>, &[u8])]) -> (String, Vec<u8>) {
    let boundary = format!("----waypoint-test-{:016x}", rand::random::<u64>());
    let mut body = Vec::new();
    for (name, file, content) in parts {
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        match file {
            Some(f) => body.extend_from_slice(
                format!(
                    "Content-Disposition: form-data; name=\"{name}\"; filename=\"{f}\"\r\n\
                     Content-Type: application/octet-stream\r\n\r\n"
                )
                .as_bytes(),
            ),
            None => {
                body.extend_from_slice(format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes())
            }
        }
        body.extend_from_slice(content);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// Uploads with the CSRF token in the form action's query string, as the
/// page's form does.
async fn upload(c: &mut Client, org: waypoint_domain::OrgId, parts: &[(&str, Option<&str>, &[u8])]) -> Resp {
    let (ct, body) = multipart(parts);
    let path = format!("/admin/orgs/{org}/rosters?csrf={}", c.csrf);
    c.post_bytes(&path, &ct, body, &[]).await
}

/// Follows a run's page until the run has ended.
async fn until_done(c: &mut Client, location: &str) -> Resp {
    let mut saw_running = false;
    for _ in 0..600 {
        let r = c.get(location).await;
        assert_eq!(r.status, 200, "{}", r.body);
        if !r.body.contains("id=\"run-progress\"") {
            assert!(
                !r.body.contains("http-equiv=\"refresh\""),
                "a finished run stops reloading"
            );
            return r;
        }
        if !saw_running {
            saw_running = true;
            // While it runs: a progress bar with its text, and (asked for
            // on upload) the page reloads itself.
            assert!(r.body.contains("<progress"), "{}", r.body);
            assert!(r.body.contains("id=\"run-phase\""));
            assert_eq!(
                r.body.contains("http-equiv=\"refresh\" content=\"2\""),
                location.ends_with("?auto=1")
            );
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the import did not end");
}

async fn count(app: &TestApp, sql: &'static str) -> i64 {
    app.store.db().query_one(sql, vec![]).await.unwrap().i64(0).unwrap()
}

#[tokio::test]
async fn a_zip_uploaded_over_http_is_imported_in_the_background() {
    let app = TestApp::spawn().await;
    let d1 = app.fx.d1;
    let mut c = app.as_(P::DistrictAdmin1).await;
    let page = c.get(&format!("/admin/orgs/{d1}/rosters")).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("enctype=\"multipart/form-data\""));
    assert!(page.body.contains(&format!("/admin/orgs/{d1}/rosters?csrf=")));
    // The district page links to it.
    let org = c.get(&format!("/admin/orgs/{d1}")).await;
    assert!(org.body.contains(&format!("href=\"/admin/orgs/{d1}/rosters\"")));

    let zip = zipped(&files(&Pkg::bulk()));
    let r = upload(
        &mut c,
        d1,
        &[("package", Some("roster.zip"), &zip), ("auto", None, b"1")],
    )
    .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let location = r.location.expect("goes to the run's page");
    assert!(
        location.starts_with(&format!("/admin/orgs/{d1}/rosters/")) && location.ends_with("?auto=1"),
        "{location}"
    );
    let done = until_done(&mut c, &location).await;
    assert!(done.body.contains("Imported"), "{}", done.body);
    assert!(done.body.contains("Students added"));
    assert!(done.body.contains("roster.zip"));
    assert!(
        app.store.student_by_state_id("NEW-1").await.unwrap().is_some(),
        "the new student is there"
    );
    // The run is listed, and its stored summary says what changed.
    let list = c.get(&format!("/admin/orgs/{d1}/rosters")).await;
    let run_path = location.trim_end_matches("?auto=1");
    assert!(list.body.contains(run_path), "{}", list.body);
    let run_id: i64 = run_path.rsplit('/').next().unwrap().parse().unwrap();
    let run = app.store.import_run(run_id).await.unwrap().unwrap();
    assert_eq!((run.status.as_str(), run.progress), ("succeeded", 100));
    assert!(run.summary.contains("\"students_created\":1"), "{}", run.summary);
    // The audit log has it.
    let audit = c.get(&format!("/admin/orgs/{d1}/audit-log")).await;
    assert!(audit.body.contains("Roster imported"));

    // The same package as CSV files, without automatic reloading: the run
    // page offers to check by hand; nothing new is created.
    let users = count(&app, "SELECT COUNT(*) FROM users").await;
    let files = files(&Pkg::bulk());
    let parts: Vec<(&str, Option<&str>, &[u8])> = files
        .iter()
        .map(|(n, b)| ("package", Some(n.as_str()), b.as_slice()))
        .collect();
    let r = upload(&mut c, d1, &parts).await;
    assert_eq!(r.status, 303, "{}", r.body);
    let location = r.location.unwrap();
    assert!(!location.contains("auto"));
    let done = until_done(&mut c, &location).await;
    assert!(done.body.contains("Imported"), "{}", done.body);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM users").await, users);
    app.stop().await;
}

#[tokio::test]
async fn a_rejected_package_shows_every_problem_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let d1 = app.fx.d1;
    let mut c = app.as_(P::DistrictAdmin1).await;
    let users = count(&app, "SELECT COUNT(*) FROM users").await;
    let mut pkg = Pkg::bulk();
    // Line 2 of demographics.csv: not a date.
    pkg.demographics = vec![format!(
        "stu-new,active,{TS},2011-13-45,female,false,false,true,false,false,false,false,,,,"
    )];
    let files = files(&pkg);
    let parts: Vec<(&str, Option<&str>, &[u8])> = files
        .iter()
        .map(|(n, b)| ("package", Some(n.as_str()), b.as_slice()))
        .collect();
    let r = upload(&mut c, d1, &parts).await;
    assert_eq!(r.status, 303, "{}", r.body);
    let location = r.location.unwrap();
    let done = until_done(&mut c, &location).await;
    assert!(done.body.contains("Rejected"), "{}", done.body);
    assert!(done.body.contains("Nothing was changed"));
    // The report, as a table: file, line, field, problem.
    assert!(done.body.contains("<th scope=\"col\">File</th>"));
    let row = "<td>demographics.csv</td>\n      <td>2</td>\n      <td>birthDate</td>\n      <td>Not a valid date</td>";
    assert!(done.body.contains(row), "{}", done.body);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM users").await,
        users,
        "nothing written"
    );
    assert!(app.store.student_by_state_id("NEW-1").await.unwrap().is_none());
    // The report is stored, and reads the same later, in Spanish too.
    let run_id: i64 = location.rsplit('/').next().unwrap().parse().unwrap();
    let run = app.store.import_run(run_id).await.unwrap().unwrap();
    assert_eq!(run.status, "failed");
    assert!(run.report.contains("\"field\":\"birthDate\""), "{}", run.report);
    c.lang = Some("es".into());
    let again = c.get(&location).await;
    assert_eq!(again.status, 200);
    assert!(again.body.contains("Rechazada") && again.body.contains("Fecha no válida"));
    assert!(
        again.body.contains("<td lang=\"en\">"),
        "the reader's message is marked as English"
    );

    // An empty choice is a form error; so is a broken zip (a rejected run).
    c.lang = None;
    let r = upload(&mut c, d1, &[("package", Some(""), b"")]).await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("Choose a .zip file"), "{}", r.body);
    let r = upload(&mut c, d1, &[("package", Some("broken.zip"), b"PK\x03\x04 not really")]).await;
    assert_eq!(r.status, 303);
    let done = until_done(&mut c, &r.location.unwrap()).await;
    assert!(done.body.contains("Rejected"), "{}", done.body);
    assert!(done.body.contains("The zip file cannot be read"));
    app.stop().await;
}

#[tokio::test]
async fn uploads_need_the_csrf_token_and_a_district_or_state_admin() {
    let app = TestApp::spawn().await;
    let d1 = app.fx.d1;
    let runs = || count(&app, "SELECT COUNT(*) FROM import_runs");
    let zip = zipped(&files(&Pkg::bulk()));
    let parts: &[(&str, Option<&str>, &[u8])] = &[("package", Some("roster.zip"), &zip)];

    // No token in the query string or a header: refused before anything
    // is read, even with a token in the body.
    let mut admin = app.as_(P::DistrictAdmin1).await;
    let token = admin.csrf.clone();
    let (ct, body) = multipart(&[("csrf", None, token.as_bytes()), parts[0]]);
    let r = admin
        .post_bytes(&format!("/admin/orgs/{d1}/rosters"), &ct, body, &[])
        .await;
    assert_eq!(r.status, 403);
    // A wrong one in the query string.
    let (ct, body) = multipart(parts);
    let r = admin
        .post_bytes(
            &format!("/admin/orgs/{d1}/rosters?csrf={}", "0".repeat(48)),
            &ct,
            body,
            &[],
        )
        .await;
    assert_eq!(r.status, 403);
    assert_eq!(runs().await, 0);

    // A run in progress: a progress bar with its text; the page reloads
    // itself only when asked to. Meanwhile the source takes no other upload.
    let run = app
        .store
        .start_import_run(Some(d1), "oneroster", "slow.zip", None)
        .await
        .unwrap();
    app.store.import_progress(run, 40).await.unwrap();
    let page = admin.get(&format!("/admin/orgs/{d1}/rosters/{run}?auto=1")).await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("<meta http-equiv=\"refresh\" content=\"2\">"),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains("<progress id=\"run-progress\" max=\"100\" value=\"40\"")
    );
    assert!(page.body.contains("40% done: matching people, schools and classes."));
    assert!(page.body.contains("Stop updating automatically"));
    let page = admin.get(&format!("/admin/orgs/{d1}/rosters/{run}")).await;
    assert!(!page.body.contains("http-equiv"));
    assert!(page.body.contains("Check again"));
    let r = upload(&mut admin, d1, parts).await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("still in progress"), "{}", r.body);
    // A run cut off by a restart ends as interrupted (housekeeping).
    let (interrupted, _) = waypoint_app::roster_runs::failed_record(waypoint_app::roster_runs::Failure::Interrupted);
    assert_eq!(app.store.abandon_import_runs(i64::MAX, &interrupted).await.unwrap(), 1);
    let page = admin.get(&format!("/admin/orgs/{d1}/rosters/{run}")).await;
    assert!(page.body.contains("Interrupted") && page.body.contains("Waypoint restarted"));
    assert_eq!(runs().await, 1);

    // A counselor, a school admin and another district's admin may not.
    for p in [P::Counselor1, P::SchoolAdmin1, P::DistrictAdmin2] {
        let mut c = app.as_(p).await;
        assert_eq!(c.get(&format!("/admin/orgs/{d1}/rosters")).await.status, 403, "{p:?}");
        assert_eq!(upload(&mut c, d1, parts).await.status, 403, "{p:?}");
    }
    assert_eq!(runs().await, 1);
    // A run is seen only through its own source.
    let r = upload(&mut admin, d1, parts).await;
    assert_eq!(r.status, 303);
    let location = r.location.unwrap();
    until_done(&mut admin, &location).await;
    let run_id = location.rsplit('/').next().unwrap().to_string();
    let mut other = app.as_(P::DistrictAdmin2).await;
    assert_eq!(other.get(&location).await.status, 403);
    let d2 = app.fx.d2;
    assert_eq!(
        other.get(&format!("/admin/orgs/{d2}/rosters/{run_id}")).await.status,
        404
    );
    // The state admin may, with the token in the header instead.
    let mut state = app.as_(P::StateAdmin).await;
    let (ct, body) = multipart(parts);
    let token = state.csrf.clone();
    let r = state
        .post_bytes(
            &format!("/admin/orgs/{d1}/rosters"),
            &ct,
            body,
            &[("x-csrf-token", &token)],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let done = until_done(&mut state, &r.location.unwrap()).await;
    assert!(done.body.contains("Imported"), "{}", done.body);
    app.stop().await;
}
