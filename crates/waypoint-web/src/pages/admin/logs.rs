//! The logs: searching the record of access to students' records, and
//! the audit log of administrative changes.

use super::{Field, OrgNav, path_id};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{WebError, urlencode};
use crate::i18n::Tr;
use crate::pages::{PageCtx, Pager, opt_number, render, render_status};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use waypoint_app::AppError;
use waypoint_app::admin::AccessSearchForm;
use waypoint_domain::OrgId;
use waypoint_domain::validate::FieldErrors;
use waypoint_store::Page;
use waypoint_store::logs::{AccessView, AuditEntry};
use waypoint_store::orgs::OrgRecord;

#[derive(Template)]
#[template(path = "admin/access_log.html")]
struct AccessLogPage {
    c: PageCtx,
    nav: OrgNav,
    org: OrgRecord,
    f: AccessSearchForm,
    entries: Vec<AccessView>,
    pager: Pager,
    errors: FieldErrors,
}

impl AccessLogPage {
    fn fields(&self) -> Vec<Field> {
        let tr = self.c.tr;
        let e = &self.errors;
        vec![
            Field::new(&tr, e, "student", "student", "field-log-student", &self.f.student)
                .hint(tr.t("hint-log-student")),
            Field::new(&tr, e, "actor", "actor", "field-log-actor", &self.f.actor),
            Field::new(&tr, e, "from", "from", "field-log-from", &self.f.from)
                .kind("date")
                .hint(tr.t("hint-date")),
            Field::new(&tr, e, "to", "to", "field-log-to", &self.f.to)
                .kind("date")
                .hint(tr.t("hint-date")),
        ]
    }
}

/// Query of the access-log search.
#[derive(Deserialize, Default)]
pub struct AccessLogQuery {
    student: Option<String>,
    actor: Option<String>,
    from: Option<String>,
    to: Option<String>,
    page: Option<String>,
}

/// `GET /admin/orgs/{id}/access-log`: district and state administrators
/// search who opened which student's record.
pub async fn access_log(
    ctx: Ctx,
    State(st): State<AppState>,
    Path(id): Path<String>,
    Query(q): Query<AccessLogQuery>,
) -> Result<Response, WebError> {
    let s = ctx.require()?;
    let id: OrgId = path_id(&id)?;
    let f = AccessSearchForm {
        student: q.student.unwrap_or_default(),
        actor: q.actor.unwrap_or_default(),
        from: q.from.unwrap_or_default(),
        to: q.to.unwrap_or_default(),
        page: opt_number(&q.page).unwrap_or(1).max(1),
    };
    let (status, result, errors) = match st.app.search_access_log_form(&s.actor, id, &f).await {
        Ok(p) => (StatusCode::OK, p, FieldErrors::new()),
        Err(AppError::Invalid(errors)) => {
            let empty = Page {
                items: Vec::new(),
                total: 0,
                page: 1,
                per_page: 50,
            };
            (StatusCode::UNPROCESSABLE_ENTITY, empty, errors)
        }
        Err(e) => return Err(e.into()),
    };
    let org = st.app.view_org(&s.actor, id).await?;
    let base = format!(
        "/admin/orgs/{id}/access-log?student={}&actor={}&from={}&to={}&",
        urlencode(&f.student),
        urlencode(&f.actor),
        urlencode(&f.from),
        urlencode(&f.to)
    );
    render_status(
        status,
        &AccessLogPage {
            c: PageCtx::new(&ctx),
            nav: OrgNav::new(&st.app, &s.actor, &ctx.tr, &org, "access-log"),
            org,
            f,
            pager: Pager::new(&result, &base),
            entries: result.items,
            errors,
        },
    )
}

/// Audit actions with a translated name; others are shown as stored.
const AUDIT_ACTIONS: &[&str] = &[
    "accept_guardian_invite",
    "accept_staff_invite",
    "add_group_members",
    "assign_mentor",
    "create_group",
    "create_org",
    "create_school_year",
    "grant_role",
    "invite_guardian",
    "invite_staff",
    "password_reset",
    "remove_group_member",
    "remove_mentor",
    "reset_student_password",
    "revoke_role",
    "roster_import",
    "school_year_rollover",
    "set_current_year",
    "sign_out_everywhere",
    "update_org",
];

/// The translated name of an audit action (`audit-…`), or the action.
fn audit_action(tr: &Tr, action: &str) -> String {
    if AUDIT_ACTIONS.contains(&action) {
        tr.t(&format!("audit-{}", action.replace('_', "-")))
    } else {
        action.to_string()
    }
}

#[derive(Template)]
#[template(path = "admin/audit_log.html")]
struct AuditLogPage {
    c: PageCtx,
    nav: OrgNav,
    org: OrgRecord,
    entries: Vec<AuditEntry>,
    pager: Pager,
}

impl AuditLogPage {
    fn action(&self, a: &str) -> String {
        audit_action(&self.c.tr, a)
    }
}

/// Query with a page number.
#[derive(Deserialize, Default)]
pub struct PageQuery {
    page: Option<String>,
}

/// `GET /admin/orgs/{id}/audit-log`: administrative changes at the
/// organisation and below it.
pub async fn audit_log(
    ctx: Ctx,
    State(st): State<AppState>,
    Path(id): Path<String>,
    Query(q): Query<PageQuery>,
) -> Result<Response, WebError> {
    let s = ctx.require()?;
    let id: OrgId = path_id(&id)?;
    let page = opt_number(&q.page).unwrap_or(1).max(1);
    let p = st.app.audit_log(&s.actor, id, page).await?;
    let org = st.app.view_org(&s.actor, id).await?;
    render(&AuditLogPage {
        c: PageCtx::new(&ctx),
        nav: OrgNav::new(&st.app, &s.actor, &ctx.tr, &org, "audit-log"),
        org,
        pager: Pager::new(&p, &format!("/admin/orgs/{id}/audit-log?")),
        entries: p.items,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, keys, source};

    #[test]
    fn every_audit_action_is_translated() {
        for lang in Lang::ALL {
            let defined = keys(source(lang));
            for a in AUDIT_ACTIONS {
                let key = format!("audit-{}", a.replace('_', "-"));
                assert!(defined.contains(&key), "{} lacks {key}", lang.code());
            }
        }
        let tr = Tr { lang: Lang::En };
        assert_eq!(audit_action(&tr, "something_new"), "something_new");
    }
}
