//! 医疗保险 on 我的社保: the claims (医疗费用报销) approved by an operator — what the shared rules
//! (`domain::benefits::medical`) paid back on its receipts — and the children the person
//! enrolled (新生儿参保) with the first month covered; each with the working.

use serde::{Deserialize, Serialize};

use crate::domain::benefits::medical::Level;
use crate::domain::ledger::Working;
use crate::domain::Fen;

/// `GET MEDICAL_MINE`: the signed-in person's claims, the latest stay first, and the
/// children they enrolled, the youngest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyMedical {
    pub claims: Vec<MyClaim>,
    pub children: Vec<MyChild>,
}

/// A child the person enrolled as its guardian.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyChild {
    pub name: String,
    /// `YYYY-MM-DD`.
    pub born: String,
    /// `YYYY-MM`.
    pub covered_from: String,
    pub working: Working,
}

/// One approved claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyClaim {
    /// `YYYY-MM-DD`.
    pub admitted_on: String,
    pub discharged_on: String,
    pub level: Level,
    /// Σ of the receipts.
    pub claimed: Fen,
    pub reimbursed: Fen,
    pub working: Working,
}
