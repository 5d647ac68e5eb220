//! A student's saved careers: the list (`GET /students/{id}/careers`), saving a career or its
//! note (`POST …/careers`) and taking one off (`POST …/careers/remove`). The use cases ask
//! the policy and write the access log; only the student changes the list.

use super::show::{notice_text, show_page};
use super::{RowTexts, content_lang, date};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{WebError, urlencode};
use crate::pages::student::student_id;
use crate::pages::{PageCtx, render, render_status};
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use waypoint_app::AppError;
use waypoint_app::careers::SavedCareersList;
use waypoint_domain::UserId;
use waypoint_domain::validate::FieldErrors;

/// One saved career as listed.
pub struct Item {
    pub code: String,
    /// A link to the career page, unless the current release no longer has the code.
    pub href: Option<String>,
    pub title: String,
    pub note: String,
    pub saved_on: String,
    pub wage: Option<String>,
    /// The note field's problem after a rejected save of this item.
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "careers/saved.html")]
struct SavedPage {
    c: PageCtx,
    student_id: UserId,
    heading: String,
    is_self: bool,
    may_change: bool,
    items: Vec<Item>,
    notice: Option<String>,
    errors: FieldErrors,
    content_lang: Option<&'static str>,
}

/// Query of the list: a one-time notice after an action.
#[derive(Deserialize, Default)]
pub struct NoticeQuery {
    notice: Option<String>,
}

/// A rejected save to show again on the list: the code, what was typed, the problems.
type Rejected = (String, String, FieldErrors);

fn saved_page(ctx: &Ctx, list: SavedCareersList, notice: Option<String>, rejected: Option<Rejected>) -> SavedPage {
    let tr = ctx.tr;
    let (bad_code, typed, errors) = match rejected {
        Some((c, t, e)) => (Some(c), Some(t), e),
        None => (None, None, FieldErrors::new()),
    };
    let texts = RowTexts::of(tr);
    let items = list
        .items
        .into_iter()
        .map(|i| {
            let this = bad_code.as_deref() == Some(i.saved.onet_code.as_str());
            Item {
                href: i.current.as_ref().map(|o| format!("/careers/{}", o.code)),
                title: i
                    .current
                    .as_ref()
                    .map_or_else(|| i.saved.title.clone(), |o| o.title.clone()),
                note: if this {
                    typed.clone().unwrap_or_default()
                } else {
                    i.saved.note.clone()
                },
                saved_on: tr.t1("careers-saved-on", "date", &date(tr, i.saved.saved_at)),
                wage: i.current.as_ref().and_then(|o| texts.wage(o)),
                error: this
                    .then(|| {
                        errors
                            .for_field("note")
                            .or(errors.for_field("onet_code"))
                            .map(|k| tr.t(k))
                    })
                    .flatten(),
                code: i.saved.onet_code,
            }
        })
        .collect();
    SavedPage {
        c: PageCtx::new(ctx),
        student_id: list.student_id,
        heading: if list.is_self {
            tr.t("section-careers")
        } else {
            tr.t1("careers-saved-by", "name", &list.student_name)
        },
        is_self: list.is_self,
        may_change: list.may_change,
        items,
        notice,
        errors,
        content_lang: content_lang(tr),
    }
}

/// `GET /students/{id}/careers`: the student's list, for everyone who may view the record.
pub async fn list(
    ctx: Ctx,
    State(st): State<AppState>,
    Path(id): Path<String>,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, WebError> {
    let s = ctx.require()?;
    let id = student_id(&id)?;
    let list = st.app.saved_careers(&s.actor, id, &ctx.origin).await?;
    let notice = notice_text(ctx.tr, q.notice.as_deref());
    render(&saved_page(&ctx, list, notice, None))
}

/// The save and remove forms.
#[derive(Deserialize, Default)]
pub struct CareerForm {
    onet_code: Option<String>,
    note: Option<String>,
    /// `career` (the career page), `list` (the list) or `matches` (the matches page): where
    /// to go back to.
    from: Option<String>,
    /// The matches page's filters, to go back to them (`from=matches`).
    back: Option<String>,
}

impl CareerForm {
    fn code(&self) -> &str {
        self.onet_code.as_deref().map_or("", str::trim)
    }

    fn back_to_list(&self) -> bool {
        self.from.as_deref() == Some("list")
    }

    /// Where to go after the action, with a notice.
    fn back(&self, id: UserId, notice: &str) -> String {
        if self.from.as_deref() == Some("matches") {
            return super::matches::back_after_save(id, notice, self.back.as_deref());
        }
        if self.back_to_list() || self.code().is_empty() {
            format!("/students/{id}/careers?notice={notice}")
        } else {
            format!("/careers/{}?notice={notice}", urlencode(self.code()))
        }
    }
}

/// `POST /students/{id}/careers`: save a career, or change its note.
pub async fn save(
    ctx: Ctx,
    State(st): State<AppState>,
    Path(id): Path<String>,
    Form(f): Form<CareerForm>,
) -> Result<Response, WebError> {
    let s = ctx.require()?;
    let id = student_id(&id)?;
    let note = f.note.clone().unwrap_or_default();
    match st.app.save_career(&s.actor, id, f.code(), &note, &ctx.origin).await {
        Ok(new) => {
            let notice = if new { "career-saved" } else { "career-note-saved" };
            Ok(Redirect::to(&f.back(id, notice)).into_response())
        }
        Err(AppError::Invalid(errors)) => {
            if f.back_to_list() {
                let list = st.app.saved_careers(&s.actor, id, &ctx.origin).await?;
                let rejected = Some((f.code().to_string(), note, errors));
                render_status(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    &saved_page(&ctx, list, None, rejected),
                )
            } else {
                let page = st.app.career(&s.actor, f.code(), &ctx.origin).await?;
                render_status(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    &show_page(&ctx, page, None, Some(note), errors),
                )
            }
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /students/{id}/careers/remove`: take a career off the list. Taking off one that
/// is not there changes nothing.
pub async fn remove(
    ctx: Ctx,
    State(st): State<AppState>,
    Path(id): Path<String>,
    Form(f): Form<CareerForm>,
) -> Result<Response, WebError> {
    let s = ctx.require()?;
    let id = student_id(&id)?;
    st.app.remove_saved_career(&s.actor, id, f.code(), &ctx.origin).await?;
    Ok(Redirect::to(&f.back(id, "career-removed")).into_response())
}
