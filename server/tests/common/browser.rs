//! A browser for router tests: keeps the session cookies and echoes the CSRF token.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use serde_json::Value;

#[derive(Default, Clone)]
pub struct Browser {
    pub sid: Option<String>,
    pub csrf: Option<String>,
}

pub struct Answer {
    pub status: StatusCode,
    pub body: Value,
    pub cookies: Vec<String>,
    /// The body as text (a printed page's HTML).
    pub text: String,
}

impl Browser {
    /// One request through the router, as this browser.
    pub async fn call(&mut self, state: &server::AppState, method: Method, path: &str, body: Option<Value>) -> Answer {
        let body = body.map(|v| ("application/json", v.to_string().into_bytes()));
        self.send(state, method, path, body).await
    }

    /// One request with a body of `content_type`.
    pub async fn call_bytes(&mut self, state: &server::AppState, method: Method, path: &str, content_type: &'static str, bytes: Vec<u8>) -> Answer {
        self.send(state, method, path, Some((content_type, bytes))).await
    }

    async fn send(&mut self, state: &server::AppState, method: Method, path: &str, body: Option<(&'static str, Vec<u8>)>) -> Answer {
        let mut r = Request::builder().method(method).uri(path);
        if let Some(sid) = &self.sid {
            r = r.header("cookie", format!("sid={sid}; csrf={}", self.csrf.clone().unwrap_or_default()));
        }
        if let Some(csrf) = &self.csrf {
            r = r.header("x-csrf-token", csrf);
        }
        let r = match body {
            Some((content_type, bytes)) => r.header("content-type", content_type).body(Body::from(bytes)).unwrap(),
            None => r.body(Body::empty()).unwrap(),
        };
        let response = super::send(state.clone(), r).await;
        let status = response.status();
        let cookies: Vec<String> =
            response.headers().get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_owned()).collect();
        for c in &cookies {
            let (pair, _) = c.split_once(';').unwrap();
            let (name, value) = pair.split_once('=').unwrap();
            let value = (!value.is_empty()).then(|| value.to_owned());
            match name {
                "sid" => self.sid = value,
                "csrf" => self.csrf = value,
                _ => {}
            }
        }
        let text = super::body_text(response).await;
        Answer { status, body: serde_json::from_str(&text).unwrap_or(Value::Null), cookies, text }
    }
}

pub const STAFF_PASSWORD: &str = "Tea-garden7";

/// A staff account of `role` (`field_worker`, `reviewer`, …) for ID number `id` and `mobile`,
/// and a browser signed in as it.
pub async fn staff(state: &server::AppState, role: &str, id: &str, mobile: &str) -> (i64, Browser) {
    let account = server::accounts::NewAccount {
        role: role.into(),
        status: "active".into(),
        id_index: state.vault.blind_index("id_number", id),
        id_sealed: state.vault.seal(&server::vault::bound::account_id(&state.vault.blind_index("id_number", id)), id.as_bytes()),
        name: "周干事".into(),
        mobile_index: state.vault.blind_index("mobile", mobile),
        mobile_sealed: state.vault.seal(&server::vault::bound::account_mobile(&state.vault.blind_index("id_number", id)), mobile.as_bytes()),
        email: None,
        password_hash: state.accounts.hasher.hash(STAFF_PASSWORD).await,
        registered_by: None,
        expires_at: None,
    };
    let account = state.store.account_create(&account, &Default::default(), 1).await.unwrap().unwrap();
    let mut b = Browser::default();
    let first = b
        .call(state, Method::POST, "/api/auth/login", Some(serde_json::json!({"login": id, "password": STAFF_PASSWORD})))
        .await;
    // Staff sign in with a second factor: the code the login sent to the account's phone.
    let staff = app::api::auth::Role::parse(role).is_some_and(app::api::auth::Role::is_staff);
    if !staff {
        assert_eq!(first.status, StatusCode::OK, "{}", first.body);
        return (account, b);
    }
    assert_eq!((first.status, first.body["code"].as_str()), (StatusCode::UNAUTHORIZED, Some("login.second_factor")), "{}", first.body);
    let code = staff_code(state, mobile);
    let login = b
        .call(state, Method::POST, "/api/auth/login", Some(serde_json::json!({"login": id, "password": STAFF_PASSWORD, "sms_code": code})))
        .await;
    assert_eq!(login.status, StatusCode::OK, "{}", login.body);
    (account, b)
}

/// The latest code the development gateway "sent" to `mobile`.
pub fn staff_code(state: &server::AppState, mobile: &str) -> String {
    state.accounts.dev_sms.as_ref().expect("the development gateway").recent().into_iter().find(|m| m.mobile == mobile).expect("a code was sent").code
}
