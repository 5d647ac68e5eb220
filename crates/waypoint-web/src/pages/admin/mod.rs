//! Administration: organisations, people and roles, students and mentor
//! assignment, advisory groups, and the logs.
//!
//! Every page here works on one organisation (or on a person or a group
//! reached from one) and shows the organisation's sub-navigation, with a
//! link to each page the actor may use there.

pub mod groups;
pub mod logs;
pub mod orgs;
pub mod people;
pub mod record_import;
pub mod reports;
pub mod rollover;
pub mod rosters;
pub mod students;

use super::{PageCtx, render};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::WebError;
use crate::i18n::Tr;
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use std::str::FromStr;
use waypoint_app::{Actor, App, AppError};
use waypoint_domain::authz::OrgAction;
use waypoint_domain::org::OrgKind;
use waypoint_domain::validate::FieldErrors;
use waypoint_store::orgs::OrgRecord;

/// Parses an id in a path; a malformed id is a 404, like an unknown one.
pub fn path_id<T: FromStr>(raw: &str) -> Result<T, WebError> {
    raw.parse().map_err(|_| WebError::App(AppError::NotFound))
}

/// Parses an id sent in a form's hidden field; a malformed one means the
/// form was tampered with.
pub fn form_id<T: FromStr>(raw: &str) -> Result<T, WebError> {
    raw.trim().parse().map_err(|_| WebError::BadRequest)
}

/// Reads a form body as name/value pairs, keeping repeated names (axum's
/// `Form` cannot put repeated keys into a `Vec`).
pub fn form_pairs(body: &[u8]) -> Result<Vec<(String, String)>, WebError> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(body).map_err(|_| WebError::BadRequest)
}

/// The first value of `name` in a form, or an empty string.
pub fn pair<'a>(pairs: &'a [(String, String)], name: &str) -> &'a str {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or("")
}

/// Every value of `name` in a form.
pub fn pair_all(pairs: &[(String, String)], name: &str) -> Vec<String> {
    pairs
        .iter()
        .filter(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
        .collect()
}

/// The name of an organisation's kind, translated.
pub fn kind_label(tr: &Tr, kind: OrgKind) -> String {
    tr.t(match kind {
        OrgKind::State => "org-kind-state",
        OrgKind::District => "org-kind-district",
        OrgKind::School => "org-kind-school",
    })
}

/// One link of an organisation's sub-navigation.
#[derive(Clone, Debug)]
pub struct NavLink {
    pub href: String,
    pub label: String,
    pub current: bool,
}

/// The sub-navigation of an organisation's admin pages: only the pages
/// the actor may use there.
#[derive(Clone, Debug)]
pub struct OrgNav {
    pub org_name: String,
    pub links: Vec<NavLink>,
}

impl OrgNav {
    /// `current` is the last part of the current page's path ("" for the
    /// organisation page itself).
    pub fn new(app: &App, actor: &Actor, tr: &Tr, org: &OrgRecord, current: &str) -> OrgNav {
        let school = org.kind == OrgKind::School;
        let may = |a: OrgAction| app.may_org(actor, a, org);
        let district = org.kind == OrgKind::District;
        let pages = [
            ("", "admin-org-page", true),
            ("people", "admin-people-title", may(OrgAction::ManagePeople)),
            (
                "record-import",
                "admin-record-import-title",
                school && may(OrgAction::ManagePeople),
            ),
            ("students", "admin-students-title", may(OrgAction::ListStudents)),
            (
                "interests",
                "admin-interests-title",
                school && may(OrgAction::ViewReports),
            ),
            ("groups", "admin-groups-title", school && may(OrgAction::ManageGroups)),
            ("rosters", "admin-rosters-title", !school && may(OrgAction::ManageOrg)),
            (
                "rollover",
                "admin-rollover-title",
                district && may(OrgAction::ManageOrg),
            ),
            (
                "access-log",
                "admin-access-log-title",
                !school && may(OrgAction::ViewAccessLog),
            ),
            ("audit-log", "admin-audit-log-title", may(OrgAction::ViewAuditLog)),
        ];
        let links = pages
            .into_iter()
            .filter(|(_, _, ok)| *ok)
            .map(|(path, key, _)| NavLink {
                href: if path.is_empty() {
                    format!("/admin/orgs/{}", org.org_id)
                } else {
                    format!("/admin/orgs/{}/{path}", org.org_id)
                },
                label: tr.t(key),
                current: path == current,
            })
            .collect();
        OrgNav {
            org_name: org.name.clone(),
            links,
        }
    }
}

/// A text input of a form, with its label, hint and error.
#[derive(Clone, Debug)]
pub struct Field {
    pub id: String,
    pub name: &'static str,
    pub label: String,
    pub value: String,
    /// The input's `type`.
    pub kind: &'static str,
    /// `inputmode`, if any.
    pub mode: Option<&'static str>,
    pub hint: Option<String>,
    pub error: Option<String>,
}

impl Field {
    /// A text field whose id is `id` and whose error is the first one
    /// recorded for `id` in `errors`.
    pub fn new(tr: &Tr, errors: &FieldErrors, id: &str, name: &'static str, label_key: &str, value: &str) -> Field {
        Field {
            id: id.to_string(),
            name,
            label: tr.t(label_key),
            value: value.to_string(),
            kind: "text",
            mode: None,
            hint: None,
            error: errors.for_field(id).map(|k| tr.t(k)),
        }
    }

    /// Sets the input's type.
    pub fn kind(mut self, kind: &'static str) -> Field {
        self.kind = kind;
        self
    }

    /// A whole number (a grade).
    pub fn numeric(mut self) -> Field {
        self.mode = Some("numeric");
        self
    }

    /// Adds a hint shown under the label.
    pub fn hint(mut self, hint: String) -> Field {
        self.hint = Some(hint);
        self
    }

    /// The value of `aria-describedby`: the hint and the error, if any.
    pub fn describedby(&self) -> Option<String> {
        let mut ids = Vec::new();
        if self.hint.is_some() {
            ids.push(format!("{}-hint", self.id));
        }
        if self.error.is_some() {
            ids.push(format!("{}-error", self.id));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// Renames the fields of a use case's errors to the ids of the form they
/// belong to, when a page has several forms with the same field names.
pub fn rename_fields(errors: FieldErrors, ids: &[(&str, &'static str)]) -> FieldErrors {
    let mut out = FieldErrors::new();
    for e in errors.0 {
        let field = ids
            .iter()
            .find(|(from, _)| *from == e.field)
            .map(|(_, to)| *to)
            .unwrap_or(e.field);
        out.add(field, e.key);
    }
    out
}

#[derive(Template)]
#[template(path = "admin/index.html")]
struct IndexPage {
    c: PageCtx,
    orgs: Vec<(OrgRecord, String)>,
}

/// `GET /admin`: the organisations where the actor holds a role.
pub async fn index(ctx: Ctx, State(st): State<AppState>) -> Result<Response, WebError> {
    let s = ctx.require()?;
    let orgs = st
        .app
        .my_orgs(&s.actor)
        .await?
        .into_iter()
        .map(|o| {
            let kind = kind_label(&ctx.tr, o.kind);
            (o, kind)
        })
        .collect();
    render(&IndexPage {
        c: PageCtx::new(&ctx),
        orgs,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_form_fields_are_kept() {
        let p = form_pairs(b"csrf=x&mentor_id=7&students=1&students=2&students=%33").unwrap();
        assert_eq!(pair(&p, "mentor_id"), "7");
        assert_eq!(pair(&p, "missing"), "");
        assert_eq!(pair_all(&p, "students"), vec!["1", "2", "3"]);
        assert!(path_id::<waypoint_domain::OrgId>("12x").is_err());
        assert!(form_id::<waypoint_domain::OrgId>(" 12 ").is_ok());
    }

    #[test]
    fn errors_follow_their_form() {
        let mut e = FieldErrors::new();
        e.add("name", "error-required");
        e.add("other", "error-choice");
        let e = rename_fields(e, &[("name", "child-name")]);
        assert_eq!(e.for_field("child-name"), Some("error-required"));
        assert_eq!(e.for_field("other"), Some("error-choice"));
        assert_eq!(e.for_field("name"), None);
    }
}
