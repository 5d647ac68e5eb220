//! A pure reader for a career clusters and pathways crosswalk: which occupations belong to
//! which cluster and pathway (sub-cluster) of a framework.
//!
//! One row per occupation and cluster, columns found by header name:
//!
//! - the occupation: `SOC Code` (2018 SOC, `15-1252`), `O*NET-SOC Code` or `Code` (either
//!   form, `15-1252.00`);
//! - `Career Cluster`;
//! - the pathway, optional: `Sub-Cluster` (Advance CTE's modernized framework), `Career
//!   Pathway` (the older 16-cluster framework O*NET OnLine exports) or `Pathway`;
//! - the occupation's title, optional: `Occupation Title`, `Occupation` or `Title`.
//!
//! O*NET OnLine's export puts an occupation in several clusters with `; `-separated clusters
//! and pathways in one row; they are paired in order. Rows repeated with the same cluster,
//! pathway and code (as in Advance CTE's full crosswalk, one row per program of study) count
//! once. Other columns are ignored with a warning.
//!
//! A SOC code stands for every O*NET occupation within it (`15-1252` → `15-1252.00`,
//! `15-1252.01`, …); an O*NET-SOC code for that occupation only.

use std::collections::HashSet;
use std::path::Path;

use crate::reference::{Code, Issue, Issues, Report};
use crate::table::{Cells, Table, is_onet_code, is_soc_code, truncate};

const SUBJECT: &str = "the career clusters crosswalk";

/// An occupation's place in a framework.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The cluster, e.g. `Digital Technology`.
    pub cluster: String,
    /// The pathway or sub-cluster, if the file has them.
    pub pathway: Option<String>,
    /// A SOC code (`15-1252`) or an O*NET-SOC code (`15-1252.00`).
    pub code: String,
    /// The occupation's title as the file gives it.
    pub title: Option<String>,
}

/// A whole crosswalk, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Crosswalk {
    /// The entries, in file order, without repeats.
    pub entries: Vec<Entry>,
    /// The clusters, in order of first appearance.
    pub clusters: Vec<String>,
    /// Data rows read (before splitting `;` lists and dropping repeats).
    pub rows: usize,
    /// Warnings (unknown columns).
    pub warnings: Vec<Issue>,
}

/// Reads a crosswalk from a file.
pub fn read_path(path: impl AsRef<Path>) -> Result<Crosswalk, Report> {
    let path = path.as_ref();
    let name = path
        .file_name()
        .map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    match std::fs::read(path) {
        Ok(bytes) => read_bytes(&name, &bytes),
        Err(e) => {
            let mut issues = Issues::default();
            issues.error(Code::Io, &path.display().to_string(), None, None, || {
                format!("could not be read: {e}")
            });
            Err(issues.into_report(SUBJECT))
        }
    }
}

/// Reads a crosswalk from bytes; `name` is the file name used in the report.
pub fn read_bytes(name: &str, bytes: &[u8]) -> Result<Crosswalk, Report> {
    let mut issues = Issues::default();
    let Some(mut t) = Table::open(name, bytes, &mut issues) else {
        return Err(issues.into_report(SUBJECT));
    };
    let first = |t: &mut Table, names: &[&str], issues: &mut Issues| names.iter().find_map(|n| t.col(n, issues));
    let code = first(&mut t, &["O*NET-SOC Code", "SOC Code", "Code"], &mut issues);
    let cluster = t.col("Career Cluster", &mut issues);
    let pathway = first(&mut t, &["Sub-Cluster", "Career Pathway", "Pathway"], &mut issues);
    let title = first(&mut t, &["Occupation Title", "Occupation", "Title"], &mut issues);
    if code.is_none() {
        t.missing("SOC Code (or O*NET-SOC Code, or Code)", &mut issues);
    }
    if cluster.is_none() {
        t.missing("Career Cluster", &mut issues);
    }
    if !t.finish_header(&mut issues) || issues.has_errors() {
        return Err(issues.into_report(SUBJECT));
    }
    let mut entries = Vec::new();
    let mut seen: HashSet<(String, Option<String>, String)> = HashSet::new();
    let mut clusters: Vec<String> = Vec::new();
    let mut rows = 0;
    while let Some(row) = t.next_row(&mut issues) {
        rows += 1;
        let mut c = Cells::new(&row, &t.file, &mut issues);
        let code_value = match c.raw(code) {
            None => {
                c.error(Code::Required, "code", || "the occupation's code is empty".to_owned());
                None
            }
            Some(s) if is_soc_code(s) || is_onet_code(s) => Some(s.to_owned()),
            Some(s) => {
                c.error(Code::BadCode, "code", || {
                    format!(
                        "\"{}\" is not a SOC code (15-1252) or an O*NET-SOC code (15-1252.00)",
                        truncate(s)
                    )
                });
                None
            }
        };
        let cluster_value = c.text(cluster, "Career Cluster");
        let pathway_value = c.opt_text(pathway);
        let occupation_title = c.opt_text(title);
        let (Some(code), Some(cluster_value), false) = (code_value, cluster_value, c.bad) else {
            continue;
        };
        let names: Vec<&str> = cluster_value.split(';').map(str::trim).collect();
        let paths: Vec<Option<&str>> = match &pathway_value {
            Some(p) => p.split(';').map(|s| Some(s.trim()).filter(|s| !s.is_empty())).collect(),
            None => vec![None; names.len()],
        };
        if paths.len() != names.len() || names.iter().any(|n| n.is_empty()) {
            let (n, p) = (names.len(), paths.len());
            c.error(Code::BadValue, "Career Cluster", || {
                format!(
                    "{n} cluster(s) but {p} pathway(s) in one row; list them in pairs, separated by \"; \", or \
                     give one per row"
                )
            });
            continue;
        }
        for (name, path) in names.into_iter().zip(paths) {
            let key = (name.to_owned(), path.map(str::to_owned), code.clone());
            if !seen.insert(key) {
                continue;
            }
            if !clusters.iter().any(|k| k == name) {
                clusters.push(name.to_owned());
            }
            entries.push(Entry {
                cluster: name.to_owned(),
                pathway: path.map(str::to_owned),
                code: code.clone(),
                title: occupation_title.clone(),
            });
        }
    }
    if entries.is_empty() && !issues.has_errors() {
        let file = t.file.clone();
        issues.error(Code::Syntax, &file, None, None, || {
            "the crosswalk has no rows".to_owned()
        });
    }
    if issues.has_errors() {
        return Err(issues.into_report(SUBJECT));
    }
    Ok(Crosswalk {
        entries,
        clusters,
        rows,
        warnings: issues.into_warnings(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_paired_and_repeats_dropped() {
        let text = "Career Cluster,Career Pathway,Code,Occupation\n\
                    \"A; B\",\"P1; P2\",19-4044.00,Hydrologic Technicians\n\
                    A,P1,19-4044.00,Hydrologic Technicians\n";
        let x = read_bytes("c.csv", text.as_bytes()).unwrap();
        assert_eq!(x.rows, 2);
        assert_eq!(x.entries.len(), 2);
        assert_eq!(x.entries[1].cluster, "B");
        assert_eq!(x.entries[1].pathway.as_deref(), Some("P2"));
        assert_eq!(x.clusters, ["A", "B"]);
    }

    #[test]
    fn unpaired_lists_are_an_error() {
        let text = "Career Cluster,Career Pathway,Code\n\"A; B\",P1,19-4044.00\n";
        let r = read_bytes("c.csv", text.as_bytes()).unwrap_err();
        assert_eq!(r.errors[0].line, Some(2));
        assert_eq!(r.errors[0].code, Code::BadValue);
    }
}
