//! The insurance ledger's side of the filings that feed it: who may send an enrolment
//! (参保登记) or a contribution base declaration (缴费基数申报), and the checks they pass before
//! they are stored. The ledger itself — units, relationships, assessments, payments, accounts —
//! grows here.

pub mod base;
pub mod enrolment;
