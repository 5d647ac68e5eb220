//! Every route, in one table.
//!
//! The table is the router: [`ROUTES`] and the axum router are generated
//! from the same list, so the permission-matrix test, which must have an
//! expectation for every entry of [`ROUTES`], fails when a route is added
//! without one.

use crate::pages::admin::{self, groups, logs, orgs, people, record_import, reports, rollover, rosters, students};
use crate::pages::careers::{self, matches, saved, show};
use crate::pages::{account, assessments, auth, guardian, record, staff, student};
use crate::{AppState, middleware, ops};
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};

/// An entry may end with `[layer]`, a layer for that route alone (e.g. a
/// larger body limit for an upload).
macro_rules! routes {
    ($( $method:ident $path:literal => $handler:path $([$layer:expr])? ),* $(,)?) => {
        /// Every page route: (method, path).
        pub const ROUTES: &[(&str, &str)] = &[$( (stringify!($method), $path) ),*];

        fn pages() -> Router<AppState> {
            Router::new()
                $( .route($path, $method($handler) $(.layer($layer))?) )*
        }
    };
}

routes! {
    get "/" => auth::root,
    get "/login" => auth::login_form,
    post "/login" => auth::login,
    post "/logout" => auth::logout,
    post "/logout/everywhere" => auth::logout_everywhere,
    post "/language" => auth::language,
    get "/account" => account::show,
    post "/account/password" => account::change_password,
    get "/invite/{code}" => account::invite_form,
    post "/invite/{code}" => account::invite_accept,
    get "/guardian/join" => account::join_form,
    post "/guardian/join" => account::join,
    get "/password/forgot" => account::forgot_form,
    post "/password/forgot" => account::forgot,
    get "/password/reset/{token}" => account::reset_form,
    post "/password/reset/{token}" => account::reset,
    get "/students/{id}" => student::home,
    get "/students/{id}/demographics" => student::demographics,
    post "/students/{id}/demographics" => student::update_demographics,
    get "/students/{id}/access-log" => student::access_log,
    post "/students/{id}/password" => student::reset_password,
    post "/students/{id}/guardian-code" => student::guardian_code,
    get "/students/{id}/record" => record::show,
    get "/students/{id}/record.json" => record::download,
    get "/students/{id}/assessments" => assessments::list,
    post "/students/{id}/assessments/{instrument}" => assessments::start,
    get "/students/{id}/attempts/{attempt}" => assessments::show,
    post "/students/{id}/attempts/{attempt}" => assessments::answer,
    get "/students/{id}/attempts/{attempt}/results" => assessments::results,
    get "/staff" => staff::home,
    get "/careers" => careers::search,
    get "/careers/{code}" => show::show,
    get "/students/{id}/careers" => saved::list,
    post "/students/{id}/careers" => saved::save,
    post "/students/{id}/careers/remove" => saved::remove,
    get "/students/{id}/matches" => matches::list,
    get "/guardian" => guardian::home,
    post "/guardian/link" => guardian::link,
    get "/admin" => admin::index,
    get "/admin/orgs/{id}" => orgs::show,
    post "/admin/orgs/{id}" => orgs::update,
    post "/admin/orgs/{id}/children" => orgs::create_child,
    post "/admin/orgs/{id}/years" => orgs::create_year,
    post "/admin/orgs/{id}/years/{year_id}/current" => orgs::set_current_year,
    get "/admin/orgs/{id}/rosters" => rosters::list,
    post "/admin/orgs/{id}/rosters" => rosters::upload [DefaultBodyLimit::max(rosters::UPLOAD_LIMIT)],
    get "/admin/orgs/{id}/rosters/{run_id}" => rosters::show,
    get "/admin/orgs/{id}/rollover" => rollover::confirm,
    post "/admin/orgs/{id}/rollover" => rollover::apply,
    get "/admin/orgs/{id}/record-import" => record_import::form,
    post "/admin/orgs/{id}/record-import" => record_import::import,
    get "/admin/orgs/{id}/people" => people::list,
    post "/admin/orgs/{id}/invites" => people::invite,
    get "/admin/people/{id}" => people::show,
    post "/admin/people/{id}/roles" => people::grant,
    post "/admin/people/{id}/roles/remove" => people::revoke,
    get "/admin/orgs/{id}/students" => students::list,
    post "/admin/orgs/{id}/mentors" => students::assign_mentors,
    get "/admin/orgs/{id}/interests" => reports::interests,
    get "/admin/orgs/{id}/groups" => groups::list,
    post "/admin/orgs/{id}/groups" => groups::create,
    get "/admin/groups/{id}" => groups::show,
    post "/admin/groups/{id}/members" => groups::add_members,
    post "/admin/groups/{id}/members/remove" => groups::remove_member,
    get "/admin/orgs/{id}/access-log" => logs::access_log,
    get "/admin/orgs/{id}/audit-log" => logs::audit_log,
}

/// Is `route` (a route template, or `"unmatched"` for the not-found page) a
/// page: an entry of [`ROUTES`] or the fallback? Pages get the CSRF check;
/// the operations endpoints and static files below are not pages.
pub(crate) fn is_page(route: &str) -> bool {
    static PAGES: std::sync::OnceLock<foldhash::HashSet<&'static str>> = std::sync::OnceLock::new();
    route == "unmatched"
        || PAGES
            .get_or_init(|| ROUTES.iter().map(|(_, p)| *p).collect())
            .contains(route)
}

/// Builds the router with its layers.
pub fn build(state: AppState) -> Router {
    Router::new()
        .merge(pages().fallback(ops::not_found))
        .route("/healthz", get(ops::healthz))
        .route("/readyz", get(ops::readyz))
        .route("/metrics", get(ops::metrics))
        .route("/static/{file}", get(ops::static_file))
        .layer(axum::middleware::from_fn_with_state(state.clone(), middleware::around))
        .layer(tower_http::catch_panic::CatchPanicLayer::new())
        .with_state(state)
}

#[cfg(test)]
mod tests {
    use super::is_page;

    #[test]
    fn pages_are_the_route_table_and_the_fallback() {
        assert!(is_page("/login"));
        assert!(is_page("/students/{id}"));
        assert!(is_page("unmatched"));
        for ops in ["/healthz", "/readyz", "/metrics", "/static/{file}"] {
            assert!(!is_page(ops), "{ops}");
        }
    }
}
