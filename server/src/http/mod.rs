//! The small HTTP plumbing every capability uses and that uses none of them: the refusal type
//! and how it is answered, request extractors, the security and caching headers, the built
//! site.

pub mod extract;
pub mod headers;
pub mod html;
pub mod outbound;
pub mod quota;
pub mod refusal;
pub mod site;

pub use extract::{body, ClientAddress, Forwarding};
pub use refusal::{Answer, Internal, Refusal};
