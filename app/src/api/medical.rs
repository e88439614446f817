//! 医疗费用报销: a claim approved by an operator — what the shared rules
//! (`domain::benefits::medical`) paid back on its receipts, with the working.

use serde::{Deserialize, Serialize};

use crate::domain::benefits::medical::Level;
use crate::domain::ledger::Working;
use crate::domain::Fen;

/// `GET MEDICAL_MINE`: one of the signed-in person's approved claims, the latest stay first.
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
