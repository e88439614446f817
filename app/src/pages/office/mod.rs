//! The back office (经办) for operators and supervisors, in the staff bundle: the workbench,
//! 业务查询 (find a person, their page) and payment imports under four eyes.

mod payments;
mod person;
mod persons;
mod workbench;

pub use payments::Payments;
pub use person::Person;
pub use persons::Persons;
pub use workbench::Workbench;
