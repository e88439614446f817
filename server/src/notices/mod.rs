//! 通知公告: administrators publish notices (title, body, audience, first and last day) and
//! withdraw them; the app fetches the ones in force for its caller and keeps them on the device
//! for offline reading. Nothing here is personal: a notice names no one.

pub mod http;
mod store;

pub use store::NoticeStore;
