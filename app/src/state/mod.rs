//! State shared across pages, each as a `provide_x()` / `use_x()` pair.

pub mod account;
pub mod clock;
pub mod draft;
pub mod editing;
pub mod elder;
pub mod network;
pub mod notices;
pub mod perf;
pub mod policy;
pub mod router;
pub mod storage;
pub mod outbox;
pub mod update;

pub use account::{provide_account, use_account, Account};
pub use editing::{provide_editing, use_editing, Editing};
pub use notices::{provide_notices, use_notices, Notices};
pub use network::{provide_network, use_network, Network, Reachability};
pub use policy::{provide_policy, use_policy, Policy};
pub use router::{provide_router, use_router, Router};
pub use storage::{provide_storage, use_storage, Storage};
pub use outbox::{provide_outbox, use_outbox, Outbox};
pub use update::{provide_update, use_update, Update};
