//! The whole HTTP surface in one function, so tests drive it with `oneshot` and no socket.
//! Every route is an entry of the endpoint table (`app::api::endpoints`): its path and method
//! come from there, and so does its access rule, which the guard enforces.

use app::api::endpoints::{self as ep, Endpoint, Method};
use app::api::sync::{CHUNK_SIZE, MAX_BATCH_BYTES};
use app::api::ApiError;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::handler::Handler;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{on, MethodFilter, MethodRouter};
use axum::{middleware, Json, Router};
use serde_json::json;
use tower_http::trace::TraceLayer;

use crate::http::{headers, site};
use crate::{accounts, admin, dev, employers, injuries, intake, ledger, medical, notices, office, pensions, registration, reports, unemployment, uploads, vouchers, AppState};

/// `handler` answering `endpoint`'s method.
fn serve<H, T>(endpoint: &Endpoint, handler: H) -> MethodRouter<AppState>
where
    H: Handler<T, AppState>,
    T: 'static,
{
    let filter = match endpoint.method {
        Method::Get => MethodFilter::GET,
        Method::Post => MethodFilter::POST,
        Method::Put => MethodFilter::PUT,
        Method::Any => return axum::routing::any(handler),
    };
    on(filter, handler)
}

/// Builds the router: `/healthz`, the API, the vouchers, server functions under `/api/`, and the
/// site for the rest.
pub fn app(state: AppState) -> Router {
    register_server_fns();
    let routes: Vec<(&Endpoint, MethodRouter<AppState>)> = vec![
        (&ep::HEALTHZ, serve(&ep::HEALTHZ, healthz)),
        // JSON escaping can double a payload's size on the wire.
        (&ep::SYNC, serve(&ep::SYNC, intake::sync).layer(DefaultBodyLimit::max(MAX_BATCH_BYTES * 2 + 64 * 1024))),
        (&ep::UPLOAD, serve(&ep::UPLOAD, uploads::start)),
        (&ep::UPLOAD_STATUS, serve(&ep::UPLOAD_STATUS, uploads::status)),
        (&ep::UPLOAD_CHUNK, serve(&ep::UPLOAD_CHUNK, uploads::chunk).layer(DefaultBodyLimit::max(CHUNK_SIZE as usize + 1024))),
        (&ep::SMS_CODE, serve(&ep::SMS_CODE, registration::sms)),
        (&ep::REGISTER, serve(&ep::REGISTER, registration::register)),
        (&ep::LOGIN, serve(&ep::LOGIN, accounts::login)),
        (&ep::RESET, serve(&ep::RESET, accounts::reset)),
        (&ep::VERIFY_PHONE, serve(&ep::VERIFY_PHONE, registration::verify_phone)),
        (&ep::LOGOUT, serve(&ep::LOGOUT, accounts::logout)),
        (&ep::ME, serve(&ep::ME, accounts::me)),
        (&ep::PROFILE, serve(&ep::PROFILE, accounts::profile)),
        (&ep::MY_PROFILE, serve(&ep::MY_PROFILE, accounts::my_profile)),
        (&ep::PASSWORD, serve(&ep::PASSWORD, accounts::change_password)),
        (&ep::PASSWORD_CONFIRM, serve(&ep::PASSWORD_CONFIRM, accounts::confirm_password)),
        (&ep::MOBILE, serve(&ep::MOBILE, accounts::change_mobile)),
        (&ep::LOGOUT_ALL, serve(&ep::LOGOUT_ALL, accounts::logout_all)),
        (&ep::AUDIT, serve(&ep::AUDIT, admin::audit)),
        (&ep::NOTICES, serve(&ep::NOTICES, notices::http::current)),
        (&ep::NOTICES_ALL, serve(&ep::NOTICES_ALL, notices::http::all)),
        (&ep::NOTICE_PUBLISH, serve(&ep::NOTICE_PUBLISH, notices::http::publish)),
        (&ep::NOTICE_WITHDRAW, serve(&ep::NOTICE_WITHDRAW, notices::http::withdraw)),
        (&ep::REVIEW_QUEUE, serve(&ep::REVIEW_QUEUE, employers::review::queue)),
        (&ep::REVIEW_APPLICATION, serve(&ep::REVIEW_APPLICATION, employers::review::application)),
        (&ep::REVIEW_MATERIAL, serve(&ep::REVIEW_MATERIAL, employers::review::material)),
        (&ep::REVIEW_DECISION, serve(&ep::REVIEW_DECISION, employers::review::decide)),
        (&ep::EMPLOYER_STATUS, serve(&ep::EMPLOYER_STATUS, employers::applicant::employer_status)),
        (&ep::LEDGER_RECORDS, serve(&ep::LEDGER_RECORDS, ledger::http::my_records)),
        (&ep::LEDGER_ROSTER, serve(&ep::LEDGER_ROSTER, ledger::http::roster)),
        (&ep::LEDGER_STATEMENT, serve(&ep::LEDGER_STATEMENT, ledger::http::statement)),
        (&ep::PROOF, serve(&ep::PROOF, ledger::http::proof)),
        (&ep::VERIFY_PROOF, serve(&ep::VERIFY_PROOF, ledger::http::verify_proof)),
        (&ep::OFFICE_FIND, serve(&ep::OFFICE_FIND, office::find::find)),
        (&ep::OFFICE_PERSON, serve(&ep::OFFICE_PERSON, office::persons::page)),
        (&ep::OFFICE_PERSON_REVEAL, serve(&ep::OFFICE_PERSON_REVEAL, office::persons::reveal)),
        (&ep::OFFICE_RELATIONSHIP_SUSPEND, serve(&ep::OFFICE_RELATIONSHIP_SUSPEND, office::suspensions::suspend)),
        (&ep::OFFICE_RELATIONSHIP_RESUME, serve(&ep::OFFICE_RELATIONSHIP_RESUME, office::suspensions::resume)),
        (&ep::OFFICE_PERSON_DETAILS, serve(&ep::OFFICE_PERSON_DETAILS, office::details::change)),
        (&ep::OFFICE_UNIT, serve(&ep::OFFICE_UNIT, office::units::page)),
        (&ep::OFFICE_UNIT_CLASS, serve(&ep::OFFICE_UNIT_CLASS, office::units::set_class)),
        (&ep::OFFICE_UNIT_DETAILS, serve(&ep::OFFICE_UNIT_DETAILS, office::units::change_details)),
        (&ep::OFFICE_PAYMENTS, serve(&ep::OFFICE_PAYMENTS, office::payments::recent)),
        // JSON escaping can double a file's size on the wire.
        (
            &ep::OFFICE_PAYMENTS_SUBMIT,
            serve(&ep::OFFICE_PAYMENTS_SUBMIT, office::payments::submit).layer(DefaultBodyLimit::max(app::api::office::MAX_FILE_BYTES * 2 + 64 * 1024)),
        ),
        (&ep::OFFICE_PAYMENT_DECISION, serve(&ep::OFFICE_PAYMENT_DECISION, office::payments::decide)),
        (&ep::OFFICE_PERSON_PENSION, serve(&ep::OFFICE_PERSON_PENSION, office::pension::estimate)),
        (&ep::OFFICE_PERSON_ADJUST, serve(&ep::OFFICE_PERSON_ADJUST, office::adjustments::submit)),
        (&ep::OFFICE_ADJUSTMENTS, serve(&ep::OFFICE_ADJUSTMENTS, office::adjustments::recent)),
        (&ep::OFFICE_ADJUSTMENT_DECISION, serve(&ep::OFFICE_ADJUSTMENT_DECISION, office::adjustments::decide)),
        (&ep::OFFICE_PERSON_CLAIM, serve(&ep::OFFICE_PERSON_CLAIM, pensions::claims::submit)),
        (&ep::OFFICE_PERSON_CLAIMS, serve(&ep::OFFICE_PERSON_CLAIMS, pensions::claims::of_person)),
        (&ep::OFFICE_PENSION_CLAIMS, serve(&ep::OFFICE_PENSION_CLAIMS, pensions::claims::recent)),
        (&ep::OFFICE_PENSION_CLAIM_DECISION, serve(&ep::OFFICE_PENSION_CLAIM_DECISION, pensions::claims::decide)),
        (&ep::OFFICE_PENSION_CERTIFY, serve(&ep::OFFICE_PENSION_CERTIFY, pensions::claims::certify)),
        (&ep::OFFICE_FIELD_VISITS, serve(&ep::OFFICE_FIELD_VISITS, pensions::field::visits)),
        (&ep::OFFICE_FIELD_VISIT_PHOTO, serve(&ep::OFFICE_FIELD_VISIT_PHOTO, pensions::field::photo)),
        (&ep::OFFICE_FIELD_VISIT_DECISION, serve(&ep::OFFICE_FIELD_VISIT_DECISION, pensions::field::decide)),
        // A whole area's list, fetched over a village's weak signal: gzip when asked (the one
        // answer compressed: it carries no secret beside input an attacker controls).
        (&ep::FIELD_PENSION_DUE, serve(&ep::FIELD_PENSION_DUE, pensions::field::due_list).layer(tower_http::compression::CompressionLayer::new())),
        (&ep::PENSION_MINE, serve(&ep::PENSION_MINE, pensions::mine::mine)),
        (&ep::PENSION_SELF_CERTIFY, serve(&ep::PENSION_SELF_CERTIFY, pensions::selfcert::certify_self)),
        (&ep::OFFICE_CASES, serve(&ep::OFFICE_CASES, office::cases::queue)),
        (&ep::OFFICE_CASE, serve(&ep::OFFICE_CASE, office::cases::case)),
        (&ep::OFFICE_CASE_DECISION, serve(&ep::OFFICE_CASE_DECISION, office::cases::decide)),
        (&ep::OFFICE_CASE_FILE, serve(&ep::OFFICE_CASE_FILE, office::cases::file)),
        (&ep::OFFICE_INJURIES, serve(&ep::OFFICE_INJURIES, office::injuries::list)),
        (&ep::OFFICE_INJURY_ASSESS, serve(&ep::OFFICE_INJURY_ASSESS, office::injuries::assess)),
        (&ep::OFFICE_INJURY_DECISION, serve(&ep::OFFICE_INJURY_DECISION, office::injuries::decide)),
        (&ep::OFFICE_INJURY_STOP, serve(&ep::OFFICE_INJURY_STOP, office::injuries::stop)),
        (&ep::INJURIES_MINE, serve(&ep::INJURIES_MINE, injuries::mine::mine)),
        (&ep::UNEMPLOYMENT_MINE, serve(&ep::UNEMPLOYMENT_MINE, unemployment::mine::mine)),
        (&ep::MEDICAL_MINE, serve(&ep::MEDICAL_MINE, medical::mine::mine)),
        (&ep::OFFICE_UNEMPLOYMENT, serve(&ep::OFFICE_UNEMPLOYMENT, office::unemployment::list)),
        (&ep::OFFICE_UNEMPLOYMENT_STOP, serve(&ep::OFFICE_UNEMPLOYMENT_STOP, office::unemployment::stop)),
        (&ep::OFFICE_UNEMPLOYMENT_RECOVER, serve(&ep::OFFICE_UNEMPLOYMENT_RECOVER, office::unemployment::recover)),
        (&ep::REPORT, serve(&ep::REPORT, reports::http::download)),
        (&ep::STATS, serve(&ep::STATS, reports::http::chart)),
        (&ep::FILINGS_REVIEW, serve(&ep::FILINGS_REVIEW, intake::review::filings_review)),
        (&ep::VOUCHER, serve(&ep::VOUCHER, vouchers::voucher)),
        (&ep::VERIFY, serve(&ep::VERIFY, vouchers::verify)),
        (&ep::VOUCHER_CSS, serve(&ep::VOUCHER_CSS, vouchers::stylesheet)),
        (&ep::VOUCHER_PAYMENT, serve(&ep::VOUCHER_PAYMENT, office::vouchers::payment)),
        (&ep::VOUCHER_ADJUSTMENT, serve(&ep::VOUCHER_ADJUSTMENT, office::vouchers::adjustment)),
        (&ep::SERVER_FNS, serve(&ep::SERVER_FNS, server_fns)),
        (&ep::DEV_FILINGS, serve(&ep::DEV_FILINGS, dev::filings)),
        (&ep::DEV_ATTACHMENT, serve(&ep::DEV_ATTACHMENT, dev::attachment)),
        (&ep::DEV_SMS, serve(&ep::DEV_SMS, dev::sms)),
        (&ep::DEV_DEMO_PEOPLE, serve(&ep::DEV_DEMO_PEOPLE, dev::demo_people)),
    ];
    debug_assert_eq!(routes.len(), ep::ALL.len(), "every endpoint of the table is routed");
    let mut dynamic = Router::new();
    for (endpoint, route) in routes {
        if !endpoint.dev_only || state.dev {
            dynamic = dynamic.route(endpoint.path, route);
        }
    }
    // Sessions, CSRF and roles for every dynamic route (`route_layer`: it sees the matched
    // route, and unknown paths still fall through to the site).
    let dynamic = dynamic
        .route_layer(middleware::from_fn_with_state(state.cx::<accounts::Cx>(), accounts::access::guard))
        .layer(middleware::from_fn(headers::no_store));
    Router::new()
        .merge(dynamic)
        .fallback(site::serve)
        .layer(middleware::from_fn_with_state(state.cx::<headers::Hsts>(), headers::security))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// Linking `app` is not always enough for its server functions to register (the linker may
/// drop a module nothing names), so each one is named here.
fn register_server_fns() {
    use leptos::server_fn::axum::register_explicit;
    register_explicit::<app::api::AboutServer>();
    register_explicit::<app::api::GetPolicy>();
}

/// Alive and able to reach the store. The app's online/offline badge polls this.
async fn healthz(State(state): State<AppState>) -> Response {
    match state.store.ping().await {
        Ok(()) => Json(json!({ "status": "ok", "version": env!("CARGO_PKG_VERSION") })).into_response(),
        Err(error) => {
            tracing::error!(%error, "health check: store unreachable");
            (StatusCode::SERVICE_UNAVAILABLE, Json(json!({ "status": "unavailable" }))).into_response()
        }
    }
}

/// Every server function defined in `app::api`; any other path under `/api/` is a 404.
async fn server_fns(State(state): State<AppState>, request: Request<Body>) -> Response {
    let known = leptos::server_fn::axum::get_server_fn_service(request.uri().path(), request.method().clone()).is_some();
    if !known {
        let e = ApiError::new("not_found", "没有这个接口", "No such endpoint");
        return (StatusCode::NOT_FOUND, Json(e)).into_response();
    }
    leptos_axum::handle_server_fns_with_context(move || leptos::prelude::provide_context(state.services()), request)
        .await
        .into_response()
}
