//! The O*NET, BLS and career-cluster readers over the real files in the shared data folder
//! (read in place, never copied here), and over small broken files written below.
//!
//! The folder is `WAYPOINT_DATA_DIR` (scripts/test.sh sets it), else `../shared/data` beside
//! the repository. These tests fail, rather than skip, when it is missing: CI always has it.

use std::collections::HashMap;
use std::path::PathBuf;

use waypoint_import_export::reference::{Code, Issue, Report};
use waypoint_import_export::{bls, clusters, onet};

fn data_dir() -> PathBuf {
    let dir = std::env::var_os("WAYPOINT_DATA_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"));
    assert!(
        dir.join("onet").is_dir() && dir.join("bls").is_dir(),
        "the reference data folder {} (with onet/ and bls/) is missing: set WAYPOINT_DATA_DIR to the shared \
         data folder; scripts/test.sh sets it to ../shared/data",
        dir.display()
    );
    dir
}

/// A source file read independently of the reader (split on tabs): its header and its data
/// rows with their lines.
struct Source {
    header: Vec<String>,
    rows: Vec<(u32, Vec<String>)>,
}

impl Source {
    fn read(file: &str) -> Source {
        let text = std::fs::read_to_string(data_dir().join("onet").join(file)).unwrap();
        let mut lines = text.lines().enumerate();
        let header = lines.next().unwrap().1.split('\t').map(str::to_owned).collect();
        let rows = lines
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(i, l)| (i as u32 + 1, l.split('\t').map(str::to_owned).collect()))
            .collect();
        Source { header, rows }
    }

    /// The rows of one occupation, as maps from column name to value.
    fn of(&self, code: &str) -> Vec<HashMap<&str, &str>> {
        self.rows
            .iter()
            .filter(|(_, r)| r[0] == code)
            .map(|(_, r)| {
                self.header
                    .iter()
                    .map(String::as_str)
                    .zip(r.iter().map(String::as_str))
                    .collect()
            })
            .collect()
    }
}

fn release() -> onet::Release {
    match onet::read_dir(data_dir().join("onet"), &onet::Options::default()) {
        Ok(r) => r,
        Err(report) => panic!("{report}"),
    }
}

fn opt(v: &str) -> Option<String> {
    (v != "n/a" && !v.is_empty()).then(|| v.to_owned())
}

fn num(v: &str) -> Option<f64> {
    opt(v).map(|v| v.parse().unwrap())
}

/// `08/2023` → `2023-08`.
fn month(v: &str) -> Option<String> {
    opt(v).map(|v| format!("{}-{}", &v[3..], &v[..2]))
}

#[test]
fn onet_release_row_counts_match_the_source_files() {
    let r = release();
    assert_eq!(r.version, "29.3");
    assert_eq!(r.published.as_deref(), Some("May 2025"));
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    let counts = [
        ("Occupation Data.txt", r.occupations.len(), 1_016),
        ("Interests.txt", r.interests.len(), 8_307),
        ("Job Zones.txt", r.job_zones.len(), 923),
        ("Job Zone Reference.txt", r.job_zone_reference.len(), 5),
        ("Education, Training, and Experience.txt", r.education.len(), 36_209),
        (
            "Education, Training, and Experience Categories.txt",
            r.education_categories.len(),
            41,
        ),
        ("Alternate Titles.txt", r.alternate_titles.len(), 56_560),
        ("Sample of Reported Titles.txt", r.reported_titles.len(), 7_796),
        ("Related Occupations.txt", r.related_occupations.len(), 18_460),
        ("Work Values.txt", r.work_values.len(), 7_866),
    ];
    for (file, read, documented) in counts {
        assert_eq!(
            read,
            Source::read(file).rows.len(),
            "{file}: rows read vs. lines in the file"
        );
        assert_eq!(read, documented, "{file}: rows read vs. the data folder's README");
    }
    assert_eq!(r.files.len(), 11, "{:?}", r.files);
}

#[test]
fn onet_occupations_match_the_source_files_field_by_field() {
    let r = release();
    // A software occupation, a health one, a detailed O*NET occupation under a SOC code, the
    // occupation whose alternate titles repeat, and a military one without ratings.
    let codes = ["15-1252.00", "29-1141.00", "11-1011.03", "21-1014.00", "55-1011.00"];
    let files: HashMap<&str, Source> = [
        "Occupation Data.txt",
        "Interests.txt",
        "Work Values.txt",
        "Job Zones.txt",
        "Education, Training, and Experience.txt",
        "Alternate Titles.txt",
        "Sample of Reported Titles.txt",
        "Related Occupations.txt",
    ]
    .into_iter()
    .map(|f| (f, Source::read(f)))
    .collect();
    for code in codes {
        let of = |file: &str| files[file].of(code);

        let occ = r.occupations.iter().find(|o| o.code == code).unwrap();
        let src = &of("Occupation Data.txt")[0];
        assert_eq!(occ.title, src["Title"]);
        assert_eq!(occ.description, src["Description"]);

        for (file, ratings) in [("Interests.txt", &r.interests), ("Work Values.txt", &r.work_values)] {
            let mine: Vec<_> = ratings.iter().filter(|x| x.code == code).collect();
            let src = of(file);
            assert_eq!(mine.len(), src.len(), "{code} {file}");
            for (m, s) in mine.iter().zip(&src) {
                assert_eq!(m.element_id, s["Element ID"]);
                assert_eq!(m.element_name, s["Element Name"]);
                assert_eq!(m.scale_id, s["Scale ID"]);
                assert_eq!(Some(m.value), num(s["Data Value"]));
                assert_eq!(m.date, month(s["Date"]));
                assert_eq!(m.domain_source, opt(s["Domain Source"]));
            }
        }

        let zones: Vec<_> = r.job_zones.iter().filter(|z| z.code == code).collect();
        let src = of("Job Zones.txt");
        assert_eq!(zones.len(), src.len());
        for (z, s) in zones.iter().zip(&src) {
            assert_eq!(z.job_zone.to_string(), s["Job Zone"]);
            assert_eq!(z.date, month(s["Date"]));
            assert_eq!(z.domain_source, opt(s["Domain Source"]));
        }

        let education: Vec<_> = r.education.iter().filter(|e| e.code == code).collect();
        let src = of("Education, Training, and Experience.txt");
        assert_eq!(education.len(), src.len());
        for (e, s) in education.iter().zip(&src) {
            assert_eq!(e.element_id, s["Element ID"]);
            assert_eq!(e.scale_id, s["Scale ID"]);
            assert_eq!(e.category.map(|c| c.to_string()), opt(s["Category"]));
            assert_eq!(Some(e.value), num(s["Data Value"]));
            assert_eq!(e.n.map(|n| n.to_string()), opt(s["N"]));
            assert_eq!(e.standard_error, num(s["Standard Error"]));
            assert_eq!(e.lower_ci, num(s["Lower CI Bound"]));
            assert_eq!(e.upper_ci, num(s["Upper CI Bound"]));
            assert_eq!(e.recommend_suppress, opt(s["Recommend Suppress"]).map(|v| v == "Y"));
            assert_eq!(e.date, month(s["Date"]));
        }

        let titles: Vec<_> = r.alternate_titles.iter().filter(|t| t.code == code).collect();
        let src = of("Alternate Titles.txt");
        assert_eq!(titles.len(), src.len());
        for (t, s) in titles.iter().zip(&src) {
            assert_eq!(t.title, s["Alternate Title"]);
            assert_eq!(t.short_title, opt(s["Short Title"]));
            assert_eq!(t.sources, opt(s["Source(s)"]));
        }

        let reported: Vec<_> = r.reported_titles.iter().filter(|t| t.code == code).collect();
        let src = of("Sample of Reported Titles.txt");
        assert_eq!(reported.len(), src.len());
        for (t, s) in reported.iter().zip(&src) {
            assert_eq!(t.title, s["Reported Job Title"]);
            assert_eq!(t.shown_in_my_next_move, s["Shown in My Next Move"] == "Y");
        }

        let related: Vec<_> = r.related_occupations.iter().filter(|x| x.code == code).collect();
        let src = of("Related Occupations.txt");
        assert_eq!(related.len(), src.len());
        for (x, s) in related.iter().zip(&src) {
            assert_eq!(x.related_code, s["Related O*NET-SOC Code"]);
            assert_eq!(x.tier, s["Relatedness Tier"]);
            assert_eq!(x.index.to_string(), s["Index"]);
        }
    }

    // The same, spelled out for one occupation, so a reader can check it by eye.
    let interests: Vec<(&str, &str, f64)> = r
        .interests
        .iter()
        .filter(|i| i.code == "15-1252.00")
        .map(|i| (i.element_name.as_str(), i.scale_id.as_str(), i.value))
        .collect();
    assert_eq!(interests[1], ("Investigative", "OI", 5.86));
    assert_eq!(interests[5], ("Conventional", "OI", 5.46));
    assert_eq!(interests[6], ("First Interest High-Point", "IH", 2.0));
    let zone = r.job_zones.iter().find(|z| z.code == "15-1252.00").unwrap();
    assert_eq!((zone.job_zone, zone.date.as_deref()), (4, Some("2021-11")));
    let bachelor = r
        .education
        .iter()
        .find(|e| e.code == "29-1141.00" && e.scale_id == "RL" && e.category == Some(6))
        .unwrap();
    assert_eq!(bachelor.value, 55.92);
    let category = r
        .education_categories
        .iter()
        .find(|c| c.scale_id == "RL" && c.category == 6)
        .unwrap();
    assert_eq!(category.description, "Bachelor's Degree");
    // Two of 21-1014.00's alternate titles repeat, with and without a short title; both stay.
    let lmhc: Vec<_> = r
        .alternate_titles
        .iter()
        .filter(|t| t.code == "21-1014.00" && t.title == "Licensed Mental Health Counselor (LMHC)")
        .map(|t| t.short_title.clone())
        .collect();
    assert_eq!(lmhc, [None, Some("LMHC".to_owned())]);
    // Military occupations have no ratings.
    assert!(!r.interests.iter().any(|i| i.code == "55-1011.00"));
    let zone_two = &r.job_zone_reference[1];
    assert_eq!(zone_two.name, "Job Zone Two: Some Preparation Needed");
}

/// The real release with CRLF line endings, and as comma-separated CSV with quoting, reads
/// exactly as it does from the tab-delimited LF files.
#[test]
fn onet_release_reads_the_same_with_crlf_and_as_csv() {
    let dir = data_dir().join("onet");
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for e in std::fs::read_dir(&dir).unwrap() {
        let e = e.unwrap();
        let name = e.file_name().into_string().unwrap();
        if onet::File::from_file_name(&name).is_some() {
            files.push((name, std::fs::read(e.path()).unwrap()));
        }
    }
    let lf = onet::read_files(files.clone(), &onet::Options::default()).unwrap();

    let crlf: Vec<(String, Vec<u8>)> = files
        .iter()
        .map(|(n, b)| (n.clone(), String::from_utf8_lossy(b).replace('\n', "\r\n").into_bytes()))
        .collect();
    assert_eq!(onet::read_files(crlf, &onet::Options::default()).unwrap(), lf);

    let csv: Vec<(String, Vec<u8>)> = files
        .iter()
        .map(|(n, b)| {
            let text = String::from_utf8_lossy(b);
            if n.starts_with("Read Me") {
                return (n.clone(), b.clone());
            }
            let quoted: Vec<String> = text
                .lines()
                .map(|l| {
                    l.split('\t')
                        .map(|v| format!("\"{}\"", v.replace('"', "\"\"")))
                        .collect::<Vec<_>>()
                        .join(",")
                })
                .collect();
            (n.replace(".txt", ".csv"), (quoted.join("\r\n") + "\r\n").into_bytes())
        })
        .collect();
    let mut from_csv = onet::read_files(csv, &onet::Options::default()).unwrap();
    from_csv.files = lf.files.clone();
    assert_eq!(from_csv, lf);
}

// --- Small releases, written here, in the text release's and the Excel release's layouts.

const OCCUPATIONS: &str = "O*NET-SOC Code\tTitle\tDescription\n\
    15-1252.00\tSoftware Developers\tWrite software.\n\
    29-1141.00\tRegistered Nurses\tCare for patients.\n";

/// The text release's layout: no Title or Scale Name columns, two decimals, `n/a`.
fn text_release() -> Vec<(String, Vec<u8>)> {
    let files = [
        ("Read Me.txt", "O*NET 30.0 Database\nAugust 2025 Release\n"),
        ("Occupation Data.txt", OCCUPATIONS),
        (
            "Interests.txt",
            "O*NET-SOC Code\tElement ID\tElement Name\tScale ID\tData Value\tDate\tDomain Source\n\
             15-1252.00\t1.B.1.b\tInvestigative\tOI\t5.86\t11/2023\tMachine Learning\n\
             15-1252.00\t1.B.1.g\tFirst Interest High-Point\tIH\t2.00\t11/2023\tMachine Learning\n\
             29-1141.00\t1.B.1.d\tSocial\tOI\t5.60\t11/2023\tMachine Learning\n",
        ),
        (
            "Job Zones.txt",
            "O*NET-SOC Code\tJob Zone\tDate\tDomain Source\n\
             15-1252.00\t4\t11/2021\tAnalyst\n\
             29-1141.00\t4\t08/2021\tAnalyst\n",
        ),
        (
            "Education, Training, and Experience Categories.txt",
            "Element ID\tElement Name\tScale ID\tCategory\tCategory Description\n\
             2.D.1\tRequired Level of Education\tRL\t6\tBachelor's Degree\n",
        ),
        (
            "Education, Training, and Experience.txt",
            "O*NET-SOC Code\tElement ID\tElement Name\tScale ID\tCategory\tData Value\tN\tStandard Error\t\
             Lower CI Bound\tUpper CI Bound\tRecommend Suppress\tDate\tDomain Source\n\
             15-1252.00\t2.D.1\tRequired Level of Education\tRL\t6\t60.50\t28\t4.14\tn/a\tn/a\tN\t08/2023\tIncumbent\n\
             15-1252.00\t2.D.4.a\tJob-Related Professional Certification\tIM\tn/a\t2.70\t27\tn/a\tn/a\tn/a\tn/a\t08/2021\tOccupational Expert\n",
        ),
        (
            "Alternate Titles.txt",
            "O*NET-SOC Code\tAlternate Title\tShort Title\tSource(s)\n\
             15-1252.00\tApplication Developer\tn/a\t08\n\
             15-1252.00\tApplication Developer\tApp Dev\t04,06\n",
        ),
        (
            "Sample of Reported Titles.txt",
            "O*NET-SOC Code\tReported Job Title\tShown in My Next Move\n\
             15-1252.00\tSoftware Engineer\tY\n",
        ),
        (
            "Related Occupations.txt",
            "O*NET-SOC Code\tRelated O*NET-SOC Code\tRelatedness Tier\tIndex\n\
             15-1252.00\t29-1141.00\tSupplemental\t1\n",
        ),
    ];
    files
        .iter()
        .map(|(n, c)| (n.to_string(), c.as_bytes().to_vec()))
        .collect()
}

/// The same release as text written from the Excel release: extra Title and Scale Name
/// columns, shortest numbers (`2`, `5.6`, `60.5`), CRLF line endings.
fn excel_release() -> Vec<(String, Vec<u8>)> {
    let files = [
        ("Read Me.txt", "O*NET 30.0 Database\r\nAugust 2025 Release\r\n"),
        ("Occupation Data.txt", &OCCUPATIONS.replace('\n', "\r\n")),
        (
            "Interests.txt",
            "O*NET-SOC Code\tTitle\tElement ID\tElement Name\tScale ID\tScale Name\tData Value\tDate\tDomain Source\r\n\
             15-1252.00\tSoftware Developers\t1.B.1.b\tInvestigative\tOI\tOccupational Interests\t5.86\t11/2023\tMachine Learning\r\n\
             15-1252.00\tSoftware Developers\t1.B.1.g\tFirst Interest High-Point\tIH\tOccupational Interest High-Point\t2\t11/2023\tMachine Learning\r\n\
             29-1141.00\tRegistered Nurses\t1.B.1.d\tSocial\tOI\tOccupational Interests\t5.6\t11/2023\tMachine Learning\r\n",
        ),
        (
            "Job Zones.txt",
            "O*NET-SOC Code\tTitle\tJob Zone\tDate\tDomain Source\r\n\
             15-1252.00\tSoftware Developers\t4.0\t11/2021\tAnalyst\r\n\
             29-1141.00\tRegistered Nurses\t4\t08/2021\tAnalyst\r\n",
        ),
        (
            "Education, Training, and Experience Categories.txt",
            "Element ID\tElement Name\tScale ID\tScale Name\tCategory\tCategory Description\r\n\
             2.D.1\tRequired Level of Education\tRL\tRequired Level Of Education (Categories 1-12)\t6\tBachelor's Degree\r\n",
        ),
        (
            "Education, Training, and Experience.txt",
            "O*NET-SOC Code\tTitle\tElement ID\tElement Name\tScale ID\tScale Name\tCategory\tData Value\tN\t\
             Standard Error\tLower CI Bound\tUpper CI Bound\tRecommend Suppress\tDate\tDomain Source\r\n\
             15-1252.00\tSoftware Developers\t2.D.1\tRequired Level of Education\tRL\tRequired Level Of Education (Categories 1-12)\t6\t60.5\t28\t4.14\t\t\tN\t08/2023\tIncumbent\r\n\
             15-1252.00\tSoftware Developers\t2.D.4.a\tJob-Related Professional Certification\tIM\tImportance\tn/a\t2.7\t27\tn/a\tn/a\tn/a\tn/a\t08/2021\tOccupational Expert\r\n",
        ),
        (
            "Alternate Titles.txt",
            "O*NET-SOC Code\tTitle\tAlternate Title\tShort Title\tSource(s)\r\n\
             15-1252.00\tSoftware Developers\tApplication Developer\t\t08\r\n\
             15-1252.00\tSoftware Developers\tApplication Developer\tApp Dev\t04,06\r\n",
        ),
        (
            "Sample of Reported Titles.txt",
            "O*NET-SOC Code\tTitle\tReported Job Title\tShown in My Next Move\r\n\
             15-1252.00\tSoftware Developers\tSoftware Engineer\tY\r\n",
        ),
        (
            "Related Occupations.txt",
            "O*NET-SOC Code\tTitle\tRelated O*NET-SOC Code\tRelated Title\tRelatedness Tier\tIndex\r\n\
             15-1252.00\tSoftware Developers\t29-1141.00\tRegistered Nurses\tSupplemental\t1\r\n",
        ),
    ];
    files
        .iter()
        .map(|(n, c)| (n.to_string(), c.as_bytes().to_vec()))
        .collect()
}

fn with(mut files: Vec<(String, Vec<u8>)>, name: &str, content: &[u8]) -> Vec<(String, Vec<u8>)> {
    files.retain(|(n, _)| n != name);
    files.push((name.to_owned(), content.to_vec()));
    files
}

fn without(mut files: Vec<(String, Vec<u8>)>, name: &str) -> Vec<(String, Vec<u8>)> {
    files.retain(|(n, _)| n != name);
    files
}

fn rejected(files: Vec<(String, Vec<u8>)>) -> Report {
    match onet::read_files(files, &onet::Options::default()) {
        Ok(r) => panic!("expected a rejection, read {} occupations", r.occupations.len()),
        Err(report) => report,
    }
}

fn has(report: &Report, code: Code, file: &str, line: Option<u32>, field: Option<&str>) -> bool {
    report
        .errors
        .iter()
        .any(|i: &Issue| i.code == code && i.file == file && i.line == line && i.field.as_deref() == field)
}

#[test]
fn text_and_excel_layouts_read_the_same() {
    let text = onet::read_files(text_release(), &onet::Options::default()).unwrap();
    let excel = onet::read_files(excel_release(), &onet::Options::default()).unwrap();
    assert!(
        text.warnings.iter().all(|w| w.code == Code::OptionalFile),
        "{:?}",
        text.warnings
    );
    assert!(
        excel.warnings.iter().all(|w| w.code == Code::OptionalFile),
        "{:?}",
        excel.warnings
    );
    assert_eq!(text, excel);
    assert_eq!(text.version, "30.0");
    assert_eq!(text.published.as_deref(), Some("August 2025"));
    assert_eq!(text.interests[1].value, 2.0);
    assert_eq!(text.education[1].category, None);
    assert_eq!(text.alternate_titles.len(), 2);
    // Work Values and Job Zone Reference are optional: a warning each.
    let optional: Vec<&str> = text.warnings.iter().map(|w| w.file.as_str()).collect();
    assert_eq!(optional, ["Job Zone Reference.txt", "Work Values.txt"]);
}

#[test]
fn malformed_onet_files_are_rejected_with_file_line_and_field() {
    // A required column missing.
    let r = rejected(with(
        text_release(),
        "Job Zones.txt",
        b"O*NET-SOC Code\tZone\n15-1252.00\t4\n",
    ));
    assert!(
        has(&r, Code::MissingColumn, "Job Zones.txt", Some(1), Some("Job Zone")),
        "{r}"
    );

    // A value that is not a number, on line 3.
    let r = rejected(with(
        text_release(),
        "Interests.txt",
        b"O*NET-SOC Code\tElement ID\tElement Name\tScale ID\tData Value\n\
          15-1252.00\t1.B.1.b\tInvestigative\tOI\t5.86\n\
          29-1141.00\t1.B.1.d\tSocial\tOI\tfive\n",
    ));
    assert!(
        has(&r, Code::BadNumber, "Interests.txt", Some(3), Some("Data Value")),
        "{r}"
    );
    assert_eq!(r.error_count(), 1);
    assert!(r.to_string().contains("Interests.txt, line 3, Data Value"), "{r}");

    // An occupation that is not in Occupation Data; a malformed code; a job zone out of range.
    let r = rejected(with(
        text_release(),
        "Job Zones.txt",
        b"O*NET-SOC Code\tJob Zone\n15-1252.00\t4\n99-9999.00\t3\n15-1252\t3\n29-1141.00\t7\n",
    ));
    assert!(
        has(
            &r,
            Code::UnknownReference,
            "Job Zones.txt",
            Some(3),
            Some("O*NET-SOC Code")
        ),
        "{r}"
    );
    assert!(
        has(&r, Code::BadCode, "Job Zones.txt", Some(4), Some("O*NET-SOC Code")),
        "{r}"
    );
    assert!(
        has(&r, Code::BadValue, "Job Zones.txt", Some(5), Some("Job Zone")),
        "{r}"
    );

    // A stray tab (a value split in two), with CRLF line endings: the line is still right.
    let r = rejected(with(
        text_release(),
        "Occupation Data.txt",
        b"O*NET-SOC Code\tTitle\tDescription\r\n15-1252.00\tSoftware Developers\tWrite software.\r\n\
          \r\n29-1141.00\tRegistered\tNurses\tCare for patients.\r\n",
    ));
    assert!(has(&r, Code::Width, "Occupation Data.txt", Some(4), None), "{r}");

    // The same occupation twice.
    let r = rejected(with(
        text_release(),
        "Occupation Data.txt",
        format!("{OCCUPATIONS}15-1252.00\tAgain\tTwice.\n").as_bytes(),
    ));
    assert!(
        has(
            &r,
            Code::Duplicate,
            "Occupation Data.txt",
            Some(4),
            Some("O*NET-SOC Code")
        ),
        "{r}"
    );
    assert!(r.errors[0].message.contains("line 2"), "{r}");

    // An education category the categories file does not define.
    let r = rejected(with(
        text_release(),
        "Education, Training, and Experience.txt",
        b"O*NET-SOC Code\tElement ID\tElement Name\tScale ID\tCategory\tData Value\n\
          15-1252.00\t2.D.1\tRequired Level of Education\tRL\t13\t60.5\n",
    ));
    assert!(has(
        &r,
        Code::UnknownReference,
        "Education, Training, and Experience.txt",
        Some(2),
        Some("Category")
    ));

    // Bytes that are not UTF-8, on line 3.
    let r = rejected(with(
        text_release(),
        "Sample of Reported Titles.txt",
        b"O*NET-SOC Code\tReported Job Title\tShown in My Next Move\n15-1252.00\tCoder\tY\n15-1252.00\tCaf\xe9 Coder\tY\n",
    ));
    assert!(
        has(&r, Code::Encoding, "Sample of Reported Titles.txt", Some(3), None),
        "{r}"
    );

    // A required file missing; a file there twice.
    let r = rejected(without(text_release(), "Alternate Titles.txt"));
    assert!(has(&r, Code::MissingFile, "Alternate Titles.txt", None, None), "{r}");
    let r = rejected(with(text_release(), "Occupation Data.csv", OCCUPATIONS.as_bytes()));
    assert_eq!(r.errors[0].code, Code::Duplicate, "{r}");

    // An empty file.
    let r = rejected(with(text_release(), "Job Zones.txt", b""));
    assert!(has(&r, Code::Syntax, "Job Zones.txt", Some(1), None), "{r}");

    // No version: no Read Me, and none given. Given, the release reads.
    let r = rejected(without(text_release(), "Read Me.txt"));
    assert!(has(&r, Code::Release, "Read Me.txt", None, None), "{r}");
    let options = onet::Options {
        version: Some("30.0".into()),
        published: None,
    };
    let read = onet::read_files(without(text_release(), "Read Me.txt"), &options).unwrap();
    assert_eq!((read.version.as_str(), read.published), ("30.0", None));

    // A broken Occupation Data does not make every other file's rows errors as well.
    let r = rejected(with(
        text_release(),
        "Occupation Data.txt",
        b"O*NET-SOC Code\tTitle\n15-1252.00\tSoftware Developers\n",
    ));
    assert_eq!(r.error_count(), 1, "{r}");
}

// --- BLS Employment Projections.

#[test]
fn bls_projections_match_the_source_file() {
    let path = data_dir().join("bls/ep_table_1.2_occupational_projections_2024-34.csv");
    let p = bls::read_path(&path).unwrap_or_else(|r| panic!("{r}"));
    assert_eq!((p.base_year, p.projection_year, p.wage_year), (2024, 2034, Some(2024)));
    assert_eq!(p.version(), "2024-34");
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
    // 1,113 rows: 832 line items and 281 summaries (the data folder's README).
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(p.rows.len(), text.lines().filter(|l| !l.trim().is_empty()).count() - 1);
    assert_eq!(p.rows.len(), 1_113);
    let line_items = p
        .rows
        .iter()
        .filter(|r| r.occupation_type == bls::OccupationType::LineItem)
        .count();
    assert_eq!(line_items, 832);

    let row = |code: &str| p.rows.iter().find(|r| r.soc_code == code).unwrap();
    // "      Chief executives,11-1011,Line item,309.4,322.7,0.2,0.2,13.3,4.3,25.9,22.2,206420,
    //  Bachelor's degree,5 years or more,None,OOH Content"
    let ceo = row("11-1011");
    assert_eq!(ceo.title, "Chief executives");
    assert_eq!(ceo.depth, 3);
    assert_eq!(ceo.employment, Some(309_400));
    assert_eq!(ceo.employment_projected, Some(322_700));
    assert_eq!(ceo.change, Some(13_300));
    assert_eq!(ceo.change_percent, Some(4.3));
    assert_eq!(ceo.self_employed_percent, Some(25.9));
    assert_eq!(ceo.openings, Some(22_200));
    assert_eq!((ceo.median_wage, ceo.median_wage_top_coded), (Some(206_420), false));
    assert_eq!(ceo.education.as_deref(), Some("Bachelor's degree"));
    assert_eq!(ceo.work_experience.as_deref(), Some("5 years or more"));
    assert_eq!(ceo.training.as_deref(), Some("None"));
    // A title with commas, quoted in the CSV.
    let movers = row("53-7062");
    assert_eq!(movers.title, "Laborers and freight, stock, and material movers, hand");
    assert_eq!(movers.employment, Some(2_988_900));
    assert_eq!(movers.openings, Some(384_300));
    assert_eq!(movers.education.as_deref(), Some("No formal educational credential"));
    // "—" is no value; the total row is a summary.
    let legislators = row("11-1031");
    assert_eq!(legislators.self_employed_percent, None);
    let total = row("00-0000");
    assert_eq!(total.occupation_type, bls::OccupationType::Summary);
    assert_eq!(total.title, "Total, all occupations");
    assert_eq!(total.change_percent, Some(3.1));
    assert_eq!(total.education, None);
    // Top-coded wages.
    let top: Vec<_> = p.rows.iter().filter(|r| r.median_wage_top_coded).collect();
    assert!(!top.is_empty());
    assert!(top.iter().all(|r| r.median_wage == Some(239_200)));
    // Negative change.
    assert!(p.rows.iter().any(|r| r.change.is_some_and(|c| c < 0)));

    // Every row, field by field against an independent CSV parse of the file.
    let mut reader = csv_rows(&text);
    let header = reader.remove(0);
    for (src, mine) in reader.iter().zip(&p.rows) {
        let get = |name: &str| src[header.iter().position(|h| h.starts_with(name)).unwrap()].clone();
        assert_eq!(mine.soc_code, get("2024 National Employment Matrix code"));
        assert_eq!(mine.title, get("2024 National Employment Matrix title").trim());
        let k = |v: String| (v != "—").then(|| (v.parse::<f64>().unwrap() * 1000.0).round() as i64);
        assert_eq!(mine.employment, k(get("Employment, 2024")));
        assert_eq!(mine.employment_projected, k(get("Employment, 2034")));
        assert_eq!(mine.change, k(get("Employment change, numeric")));
        assert_eq!(mine.openings, k(get("Occupational openings")));
        let wage = get("Median annual wage");
        if wage != "—" && !wage.starts_with(">=") {
            assert_eq!(mine.median_wage, Some(wage.parse().unwrap()));
        }
    }
}

/// A small RFC 4180 parser for the check above (not the reader's).
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for line in text.lines().filter(|l| !l.is_empty()) {
        let mut fields = Vec::new();
        let mut cur = String::new();
        let mut quoted = false;
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, quoted) {
                ('"', true) if chars.peek() == Some(&'"') => {
                    cur.push('"');
                    chars.next();
                }
                ('"', _) => quoted = !quoted,
                (',', false) => fields.push(std::mem::take(&mut cur)),
                (c, _) => cur.push(c),
            }
        }
        fields.push(cur);
        rows.push(fields);
    }
    rows
}

const EP_HEADER: &str = "2024 National Employment Matrix title,2024 National Employment Matrix code,Occupation type,\
\"Employment, 2024\",\"Employment, 2034\",\"Employment change, numeric, 2024–34\",\"Employment change, percent, 2024–34\",\
\"Occupational openings, 2024–34 annual average\",\"Median annual wage, dollars, 2024[1]\",Typical education needed for entry";

#[test]
fn bls_layouts_and_broken_tables() {
    // The next projections: other years in the names; tab-delimited, CRLF.
    let next = "2025 National Employment Matrix title\t2025 National Employment Matrix code\tOccupation type\t\
                Employment, 2025\tEmployment, 2035\tEmployment change, numeric, 2025–35\t\
                Employment change, percent, 2025–35\tOccupational openings, 2025–35 annual average\t\
                Median annual wage, dollars, 2025[1]\tTypical education needed for entry\r\n\
                \x20     Chief executives\t11-1011\tLine item\t300\t310.5\t10.5\t3.5\t20.1\t$210,000\tBachelor's degree\r\n";
    let p = bls::read_bytes("next.txt", next.as_bytes()).unwrap();
    assert_eq!((p.base_year, p.projection_year, p.wage_year), (2025, 2035, Some(2025)));
    assert_eq!(p.rows[0].employment_projected, Some(310_500));
    assert_eq!(p.rows[0].median_wage, Some(210_000));
    assert_eq!(p.rows[0].depth, 3);

    let table = |rows: &str| format!("{EP_HEADER}\n{rows}");
    let bad = |rows: &str| bls::read_bytes("ep.csv", table(rows).as_bytes()).unwrap_err();
    let r = bad("Chief executives,11-1011,Line item,309.4,322.7,13.3,4.3,22.2,lots,Bachelor's degree\n");
    assert!(
        has(&r, Code::BadNumber, "ep.csv", Some(2), Some("median annual wage")),
        "{r}"
    );
    let r = bad("Chief executives,11-1011,Line item,309.4,322.7,13.3,4.3,22.2,1,x\n\
                 Chief executives,111011,Line item,309.4,322.7,13.3,4.3,22.2,1,x\n\
                 Chief executives,11-1011,Line item,309.4,322.7,13.3,4.3,22.2,1,x\n\
                 Chief executives,11-1012,Other,309.4,322.7,13.3,4.3,22.2,1,x\n\
                 \"Chief, executives,11-1013,Line item\n");
    assert!(has(&r, Code::BadCode, "ep.csv", Some(3), Some("code")), "{r}");
    assert!(has(&r, Code::Duplicate, "ep.csv", Some(4), Some("code")), "{r}");
    assert!(
        has(&r, Code::BadValue, "ep.csv", Some(5), Some("Occupation type")),
        "{r}"
    );
    assert!(has(&r, Code::Syntax, "ep.csv", Some(6), None), "{r}");
    // Another table of the workbook (1.10, without wages or education) is refused by its header.
    let r = bls::read_bytes(
        "ep.csv",
        "2024 National Employment Matrix title,2024 National Employment Matrix code,Occupation type,\
         \"Employment, 2024\",\"Employment, 2034\"\nChief executives,11-1011,Line item,309.4,322.7\n"
            .as_bytes(),
    )
    .unwrap_err();
    assert!(
        r.errors
            .iter()
            .all(|e| e.code == Code::MissingColumn && e.line == Some(1)),
        "{r}"
    );
    assert!(
        r.errors
            .iter()
            .any(|e| e.field.as_deref().is_some_and(|f| f.starts_with("Median annual wage")))
    );
}

// --- Career clusters.

#[test]
fn cluster_crosswalks_read() {
    let dir = data_dir().join("clusters");
    let cte = clusters::read_path(dir.join("advancecte_soc_cluster_subcluster.csv")).unwrap_or_else(|r| panic!("{r}"));
    // 1,203 rows, 14 clusters (the data folder's README).
    assert_eq!(cte.rows, 1_203);
    assert_eq!(cte.entries.len(), 1_203);
    assert_eq!(cte.clusters.len(), 14);
    let pathways: std::collections::HashSet<_> = cte.entries.iter().map(|e| (&e.cluster, &e.pathway)).collect();
    assert_eq!(pathways.len(), 72);
    let ceo: Vec<_> = cte.entries.iter().filter(|e| e.code == "11-1011").collect();
    assert_eq!(ceo.len(), 2);
    assert_eq!(ceo[0].cluster, "Management & Entrepreneurship");
    assert_eq!(ceo[0].pathway.as_deref(), Some("Leadership & Operations"));
    assert_eq!(ceo[0].title.as_deref(), Some("Chief Executives"));

    let legacy = clusters::read_path(dir.join("onet_all_career_clusters.csv")).unwrap_or_else(|r| panic!("{r}"));
    assert_eq!(legacy.rows, 1_011);
    assert_eq!(legacy.clusters.len(), 16);
    // 21 rows put an occupation in two clusters ("A; B"), one of them in three.
    assert_eq!(legacy.entries.len(), 1_011 + 22);
    let hydro: Vec<_> = legacy.entries.iter().filter(|e| e.code == "19-4044.00").collect();
    assert_eq!(hydro.len(), 2);
    assert_eq!(hydro[1].cluster, "Science, Technology, Engineering & Mathematics");
    assert_eq!(hydro[1].pathway.as_deref(), Some("Science and Mathematics"));

    // Advance CTE's full crosswalk repeats an occupation once per program of study.
    let full = clusters::read_path(dir.join("advancecte_full_soc_cip_naics_cluster.csv")).unwrap();
    assert_eq!(full.rows, 6_674);
    assert!(full.entries.len() < full.rows);
    assert!(full.warnings.iter().all(|w| w.code == Code::UnknownColumn));

    let r = clusters::read_bytes(
        "x.csv",
        b"SOC Code,Career Cluster\n11-1011,Management\n11-10111,Management\n11-1021,\n",
    )
    .unwrap_err();
    assert!(has(&r, Code::BadCode, "x.csv", Some(3), Some("code")), "{r}");
    assert!(has(&r, Code::Required, "x.csv", Some(4), Some("Career Cluster")), "{r}");
    let r = clusters::read_bytes("x.csv", b"Code,Cluster\n11-1011,Management\n").unwrap_err();
    assert!(
        has(&r, Code::MissingColumn, "x.csv", Some(1), Some("Career Cluster")),
        "{r}"
    );
}
