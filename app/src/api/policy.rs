//! `get_policy`: the policy figures the forms check against (base limits, rates, retirement
//! ages). The app keeps the last copy on the device for offline validation.

use leptos::prelude::*;
use leptos::server_fn;

use super::ApiError;
use crate::domain::policy::PolicyTable;

#[server(endpoint = "policy", input = server_fn::codec::Json, output = server_fn::codec::Json)]
pub async fn get_policy() -> Result<PolicyTable, ApiError> {
    Ok(super::ssr::services()?.policy.as_ref().clone())
}
