//! Page handlers, one module per area, and what every page shares.

pub mod account;
pub mod admin;
pub mod assessments;
pub mod auth;
pub mod careers;
pub mod guardian;
pub mod record;
pub mod staff;
pub mod student;

use crate::ctx::Ctx;
use crate::error::WebError;
use crate::i18n::{Lang, Tr};
use askama::Template;
use axum::response::{Html, IntoResponse, Response};
use std::borrow::Cow;
use waypoint_domain::people::{AccountKind, Role};

/// A link in the main navigation.
#[derive(Clone, Debug)]
pub struct NavItem {
    pub href: Cow<'static, str>,
    /// Already escaped for HTML ([`Tr::h`]): the template marks it `safe`.
    pub label: &'static str,
    pub current: bool,
}

/// A language button.
#[derive(Clone, Debug)]
pub struct LangItem {
    pub code: &'static str,
    pub name: &'static str,
    pub current: bool,
}

/// What the layout template needs on every page.
#[derive(Clone, Debug)]
pub struct PageCtx {
    pub tr: Tr,
    pub csrf: String,
    pub here: String,
    pub home: String,
    pub user_name: Option<String>,
    pub nav: Vec<NavItem>,
    pub langs: [LangItem; Lang::ALL.len()],
}

impl PageCtx {
    /// Builds the layout's data from the request context.
    pub fn new(ctx: &Ctx) -> PageCtx {
        let tr = ctx.tr;
        let home = ctx.home_url();
        let mut nav = Vec::new();
        if let Some(s) = &ctx.signed {
            let mut add = |href: Cow<'static, str>, key: &'static str| {
                let current = ctx.here == href
                    || (href != "/" && ctx.here.strip_prefix(&*href).is_some_and(|rest| rest.starts_with('?')));
                nav.push(NavItem {
                    href,
                    label: tr.h(key).0,
                    current,
                });
            };
            add(Cow::Owned(home.clone()), "nav-home");
            if s.actor.kind == AccountKind::Staff && s.actor.grants.iter().any(|g| g.role >= Role::Counselor) {
                add(Cow::Borrowed("/admin"), "nav-admin");
            }
            add(Cow::Borrowed("/careers"), "nav-careers");
            add(Cow::Borrowed("/account"), "nav-account");
        }
        PageCtx {
            tr,
            csrf: ctx.csrf.clone(),
            here: ctx.here.clone(),
            home,
            user_name: ctx.signed.as_ref().map(|s| s.user.full_name()),
            nav,
            langs: Lang::ALL.map(|l| LangItem {
                code: l.code(),
                name: l.native_name(),
                current: l == tr.lang,
            }),
        }
    }
}

/// The error page, rendered by the error-page middleware.
#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorTemplate {
    pub tr: Tr,
    pub title: String,
    pub message: String,
    pub signed_in: bool,
}

/// Renders a template to HTML text (a template error is an internal error).
pub fn render_html<T: Template>(t: &T) -> Result<String, WebError> {
    t.render()
        .map_err(|e| WebError::App(waypoint_app::AppError::Internal(format!("template: {e}"))))
}

/// Renders a template to an HTML response.
pub fn render<T: Template>(t: &T) -> Result<Response, WebError> {
    render_html(t).map(|html| Html(html).into_response())
}

/// Renders a template with a status (422 for a form with errors).
pub fn render_status<T: Template>(status: axum::http::StatusCode, t: &T) -> Result<Response, WebError> {
    render(t).map(|r| (status, r).into_response())
}

/// Page numbers for a pager.
#[derive(Clone, Debug)]
pub struct Pager {
    pub page: i64,
    pub pages: i64,
    pub total: i64,
    pub prev: Option<String>,
    pub next: Option<String>,
}

impl Pager {
    /// A pager whose links are `base` plus `page=N` (base ends with `?` or `&`).
    pub fn new<T>(p: &waypoint_store::Page<T>, base: &str) -> Pager {
        let pages = p.pages();
        Pager {
            page: p.page,
            pages,
            total: p.total,
            prev: (p.page > 1).then(|| format!("{base}page={}", p.page - 1)),
            next: (p.page < pages).then(|| format!("{base}page={}", p.page + 1)),
        }
    }
}

/// Parses a form or query field holding a number, ignoring blanks.
pub fn opt_number(s: &Option<String>) -> Option<i64> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .and_then(|s| s.parse().ok())
}
