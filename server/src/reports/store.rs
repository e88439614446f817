//! The reports' queries, in pages taken after the last row's key (a report is never read whole),
//! or as groups counted by the database (the statistics, which are small).

use async_trait::async_trait;
use sqlx::Row;

use crate::ledger::relationships::LATEST_PENSION_RELATIONSHIP;
use crate::store::{PgStore, SqliteStore, StoreError};

use super::Filter;

/// One assessed row of a unit's statement.
#[derive(Debug, Clone)]
pub struct StatementRow {
    pub id: i64,
    pub month: String,
    pub name: String,
    pub id_index: String,
    pub id_sealed: Vec<u8>,
    pub insurance: String,
    pub kind: String,
    pub base: i64,
    pub employer: i64,
    pub individual: i64,
}

/// One relationship of the roster.
#[derive(Debug, Clone)]
pub struct RosterRow {
    pub unit_id: i64,
    pub id: i64,
    pub credit_code: String,
    pub unit_name: String,
    pub name: String,
    pub id_index: String,
    pub id_sealed: Vec<u8>,
    pub insurance: String,
    pub start_month: String,
    pub end_month: Option<String>,
    pub status: String,
}

/// One unit-month not paid in full.
#[derive(Debug, Clone)]
pub struct ArrearsRow {
    pub unit_id: i64,
    pub credit_code: String,
    pub name: String,
    pub region: i64,
    pub month: String,
    pub due: i64,
    pub paid: i64,
}

/// Relationships counted by region, insurance, first and last month (`None`: still open).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InsuredGroup {
    pub region: i64,
    pub insurance: String,
    pub start_month: String,
    pub end_month: Option<String>,
    pub count: i64,
}

/// Cases counted by month submitted, kind, status and the operator who decided them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseGroup {
    pub month: String,
    pub kind: String,
    pub status: String,
    pub operator: Option<String>,
    pub count: i64,
}

/// One benefit month paid, with the person (ID number sealed) and their area.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BenefitRow {
    /// `pension` (a claim's month), `unemployment` (a spell's), `injury` (伤残津贴),
    /// `injury_lump` (一次性伤残补助金), `injury_care` (生活护理费) or `medical` (医疗费用报销).
    pub benefit: String,
    /// The claim's or the spell's id.
    pub id: i64,
    pub month: String,
    pub amount: i64,
    pub name: String,
    pub id_index: String,
    pub id_sealed: Vec<u8>,
    pub region: i64,
}

/// One assessment row of a person (a regular month or a 补差), with its unit's month: due and
/// paid (0 when no statement yet).
#[derive(Debug, Clone)]
pub struct PersonMonthRow {
    pub row: crate::ledger::record_store::PersonRow,
    pub due: i64,
    pub paid: i64,
}

#[async_trait]
pub trait ReportStore: Send + Sync {
    /// The person's assessment rows in the period, within the filter's unit and region, by
    /// month, insurance, unit and row (one person's months: read whole).
    async fn report_person(&self, f: &Filter, person: i64) -> Result<Vec<PersonMonthRow>, StoreError>;
    /// The unit's rows in the period after `(month, id)`, in that order.
    async fn report_statement(&self, f: &Filter, after: (&str, i64), limit: i64) -> Result<Vec<StatementRow>, StoreError>;
    /// Relationships insured at some month of the period, after `(unit, id)`, in that order.
    async fn report_roster(&self, f: &Filter, after: (i64, i64), limit: i64) -> Result<Vec<RosterRow>, StoreError>;
    /// Statements of the period whose due exceeds what was paid, after `(unit, month)`.
    async fn report_arrears(&self, f: &Filter, after: (i64, &str), limit: i64) -> Result<Vec<ArrearsRow>, StoreError>;
    async fn report_insured(&self, f: &Filter) -> Result<Vec<InsuredGroup>, StoreError>;
    async fn report_cases(&self, f: &Filter) -> Result<Vec<CaseGroup>, StoreError>;
    /// A page of the pension months paid in the period, by month and claim after `after`; the
    /// unit and region are the pensioner's latest pension relationship's.
    async fn report_benefits(&self, f: &Filter, after: (&str, &str, i64), limit: i64) -> Result<Vec<BenefitRow>, StoreError>;
    /// Per month of the period: (month, assessed, collected, the unit-months' unpaid parts).
    async fn stats_money(&self, f: &Filter) -> Result<Vec<(String, i64, i64, i64)>, StoreError>;
    /// Cases filed per day `first..=last` (ISO dates): (day, count), days with none left out.
    async fn stats_cases_by_day(&self, f: &Filter, first: &str, last: &str) -> Result<Vec<(String, i64)>, StoreError>;
    /// Open cases (submitted or in review) by the day they were filed: (day, count).
    async fn stats_open_cases(&self, f: &Filter) -> Result<Vec<(String, i64)>, StoreError>;
    /// Approved pension claims of the region (their last pension relationship's) by the day
    /// last certified: (day, count).
    async fn stats_certified(&self, f: &Filter) -> Result<Vec<(String, i64)>, StoreError>;
    /// The region a member of staff works for (`None`: the central office, every region).
    async fn staff_region(&self, account: i64) -> Result<Option<i64>, StoreError>;
    async fn staff_set_region(&self, account: i64, region: i64) -> Result<(), StoreError>;
}

/// The binds every scoped query starts with: `$1`, `$2` (the period), `$3` the unit (−1: any),
/// `$4`..`$5` the region's range.
macro_rules! scoped {
    ($query:expr, $a:expr, $b:expr, $f:expr) => {
        $query.bind($a).bind($b).bind($f.unit.unwrap_or(-1)).bind($f.region.0).bind($f.region.1)
    };
}

macro_rules! impl_report_store {
    ($store:ty) => {
        #[async_trait]
        impl ReportStore for $store {
            async fn report_person(&self, f: &Filter, person: i64) -> Result<Vec<PersonMonthRow>, StoreError> {
                let rows = scoped!(
                    sqlx::query(
                        "SELECT a.month, a.insurance, a.unit_id, u.name AS unit_name, a.base, a.employer, a.individual, \
                         COALESCE(s.due, 0) AS due, COALESCE(s.paid, 0) AS paid \
                         FROM ledger_assessments a JOIN ledger_units u ON u.id = a.unit_id \
                         LEFT JOIN ledger_statements s ON s.unit_id = a.unit_id AND s.month = a.month \
                         WHERE a.month >= $1 AND a.month <= $2 AND ($3 < 0 OR a.unit_id = $3) AND u.region >= $4 AND u.region <= $5 AND a.person_id = $6 \
                         AND a.unit_id IN (SELECT r.unit_id FROM ledger_relationships r WHERE r.person_id = $6) \
                         ORDER BY a.month, a.insurance, a.unit_id, a.id",
                    ),
                    f.from.to_string(),
                    f.to.to_string(),
                    f
                )
                .bind(person)
                .fetch_all(&self.pool)
                .await?;
                let mut out = Vec::with_capacity(rows.len());
                for r in &rows {
                    let code: String = r.try_get("insurance")?;
                    let Some(insurance) = app::domain::policy::Insurance::parse(&code) else { continue };
                    let row = crate::ledger::record_store::PersonRow {
                        month: r.try_get("month")?,
                        insurance,
                        unit_id: r.try_get("unit_id")?,
                        unit_name: r.try_get("unit_name")?,
                        base: r.try_get("base")?,
                        employer: r.try_get("employer")?,
                        individual: r.try_get("individual")?,
                    };
                    out.push(PersonMonthRow { row, due: r.try_get("due")?, paid: r.try_get("paid")? });
                }
                Ok(out)
            }

            async fn report_statement(&self, f: &Filter, after: (&str, i64), limit: i64) -> Result<Vec<StatementRow>, StoreError> {
                let rows = sqlx::query(
                    "SELECT a.id, a.month, p.name, p.id_index, p.id_sealed, a.insurance, a.kind, a.base, a.employer, a.individual \
                     FROM ledger_assessments a JOIN ledger_persons p ON p.id = a.person_id \
                     WHERE a.unit_id = $1 AND a.month >= $2 AND a.month <= $3 AND (a.month > $4 OR (a.month = $4 AND a.id > $5)) \
                     ORDER BY a.month, a.id LIMIT $6",
                )
                .bind(f.unit.unwrap_or(-1))
                .bind(f.from.to_string())
                .bind(f.to.to_string())
                .bind(after.0)
                .bind(after.1)
                .bind(limit)
                .fetch_all(&self.pool)
                .await?;
                rows.iter()
                    .map(|r| {
                        Ok(StatementRow {
                            id: r.try_get("id")?,
                            month: r.try_get("month")?,
                            name: r.try_get("name")?,
                            id_index: r.try_get("id_index")?,
                            id_sealed: r.try_get("id_sealed")?,
                            insurance: r.try_get("insurance")?,
                            kind: r.try_get("kind")?,
                            base: r.try_get("base")?,
                            employer: r.try_get("employer")?,
                            individual: r.try_get("individual")?,
                        })
                    })
                    .collect()
            }

            async fn report_roster(&self, f: &Filter, after: (i64, i64), limit: i64) -> Result<Vec<RosterRow>, StoreError> {
                let rows = scoped!(sqlx::query(
                    "SELECT r.unit_id, r.id, u.credit_code, u.name AS unit_name, p.name, p.id_index, p.id_sealed, r.insurance, r.start_month, r.end_month, r.status \
                     FROM ledger_relationships r JOIN ledger_units u ON u.id = r.unit_id JOIN ledger_persons p ON p.id = r.person_id \
                     WHERE r.start_month <= $1 AND (r.end_month IS NULL OR r.end_month >= $2) AND ($3 < 0 OR r.unit_id = $3) \
                     AND r.region >= $4 AND r.region <= $5 AND (r.unit_id > $6 OR (r.unit_id = $6 AND r.id > $7)) \
                     ORDER BY r.unit_id, r.id LIMIT $8",
                ), f.to.to_string(), f.from.to_string(), f)
                .bind(after.0)
                .bind(after.1)
                .bind(limit)
                .fetch_all(&self.pool)
                .await?;
                rows.iter()
                    .map(|r| {
                        Ok(RosterRow {
                            unit_id: r.try_get("unit_id")?,
                            id: r.try_get("id")?,
                            credit_code: r.try_get("credit_code")?,
                            unit_name: r.try_get("unit_name")?,
                            name: r.try_get("name")?,
                            id_index: r.try_get("id_index")?,
                            id_sealed: r.try_get("id_sealed")?,
                            insurance: r.try_get("insurance")?,
                            start_month: r.try_get("start_month")?,
                            end_month: r.try_get("end_month")?,
                            status: r.try_get("status")?,
                        })
                    })
                    .collect()
            }

            async fn report_arrears(&self, f: &Filter, after: (i64, &str), limit: i64) -> Result<Vec<ArrearsRow>, StoreError> {
                let rows = scoped!(sqlx::query(
                    "SELECT s.unit_id, u.credit_code, u.name, u.region, s.month, s.due, s.paid \
                     FROM ledger_statements s JOIN ledger_units u ON u.id = s.unit_id \
                     WHERE s.due > s.paid AND s.month >= $1 AND s.month <= $2 AND ($3 < 0 OR s.unit_id = $3) \
                     AND u.region >= $4 AND u.region <= $5 AND (s.unit_id > $6 OR (s.unit_id = $6 AND s.month > $7)) \
                     ORDER BY s.unit_id, s.month LIMIT $8",
                ), f.from.to_string(), f.to.to_string(), f)
                .bind(after.0)
                .bind(after.1)
                .bind(limit)
                .fetch_all(&self.pool)
                .await?;
                rows.iter()
                    .map(|r| {
                        Ok(ArrearsRow {
                            unit_id: r.try_get("unit_id")?,
                            credit_code: r.try_get("credit_code")?,
                            name: r.try_get("name")?,
                            region: r.try_get("region")?,
                            month: r.try_get("month")?,
                            due: r.try_get("due")?,
                            paid: r.try_get("paid")?,
                        })
                    })
                    .collect()
            }

            async fn report_benefits(&self, f: &Filter, after: (&str, &str, i64), limit: i64) -> Result<Vec<BenefitRow>, StoreError> {
                // 基本养老金 by the region and unit of the pensioner's latest pension relationship;
                // 失业保险金 by those of the unit whose 减员 the spell followed; 伤残津贴 by those of
                // the unit the injury happened at (its lump sum and 生活护理费 too); 医疗费用报销 by those of the
                // medical relationship that covered the stay.
                let sql = format!(
                    "SELECT b.benefit, b.id, b.month, b.amount, b.name, b.id_index, b.id_sealed, b.region FROM ( \
                     SELECT 'pension' AS benefit, pp.claim_id AS id, pp.month, pp.amount, p.name, p.id_index, p.id_sealed, r.region, r.unit_id \
                     FROM pension_payments pp JOIN pension_claims c ON c.id = pp.claim_id JOIN ledger_persons p ON p.id = c.person_id \
                     JOIN ledger_relationships r ON r.id = ({LATEST_PENSION_RELATIONSHIP}) WHERE pp.month >= $1 AND pp.month <= $2 \
                     UNION ALL \
                     SELECT 'unemployment' AS benefit, up.spell_id AS id, up.month, up.amount, p.name, p.id_index, p.id_sealed, u.region, s.unit_id \
                     FROM unemployment_payments up JOIN unemployment_spells s ON s.id = up.spell_id JOIN ledger_persons p ON p.id = s.person_id \
                     JOIN ledger_units u ON u.id = s.unit_id WHERE up.month >= $1 AND up.month <= $2 \
                     UNION ALL \
                     SELECT 'injury' AS benefit, ip.injury_id AS id, ip.month, ip.amount, p.name, p.id_index, p.id_sealed, u.region, w.unit_id \
                     FROM injury_allowance_payments ip JOIN work_injuries w ON w.id = ip.injury_id JOIN ledger_persons p ON p.id = w.person_id \
                     JOIN ledger_units u ON u.id = w.unit_id WHERE ip.month >= $1 AND ip.month <= $2 \
                     UNION ALL \
                     SELECT 'injury_care' AS benefit, cp.injury_id AS id, cp.month, cp.amount, p.name, p.id_index, p.id_sealed, u.region, w.unit_id \
                     FROM injury_care_payments cp JOIN work_injuries w ON w.id = cp.injury_id JOIN ledger_persons p ON p.id = w.person_id \
                     JOIN ledger_units u ON u.id = w.unit_id WHERE cp.month >= $1 AND cp.month <= $2 \
                     UNION ALL \
                     SELECT 'injury_lump' AS benefit, w.id, w.lump_paid_month AS month, w.lump_sum AS amount, p.name, p.id_index, p.id_sealed, u.region, w.unit_id \
                     FROM work_injuries w JOIN ledger_persons p ON p.id = w.person_id JOIN ledger_units u ON u.id = w.unit_id \
                     WHERE w.lump_paid_month >= $1 AND w.lump_paid_month <= $2 \
                     UNION ALL \
                     SELECT 'medical' AS benefit, m.id, m.paid_month AS month, m.reimbursed AS amount, p.name, p.id_index, p.id_sealed, u.region, m.unit_id \
                     FROM medical_claims m JOIN ledger_persons p ON p.id = m.person_id JOIN ledger_units u ON u.id = m.unit_id \
                     WHERE m.paid_month >= $1 AND m.paid_month <= $2 \
                     ) b WHERE ($3 < 0 OR b.unit_id = $3) AND b.region >= $4 AND b.region <= $5 \
                     AND (b.month > $6 OR (b.month = $6 AND (b.benefit > $7 OR (b.benefit = $7 AND b.id > $8)))) ORDER BY b.month, b.benefit, b.id LIMIT $9"
                );
                let rows = scoped!(sqlx::query(&sql), f.from.to_string(), f.to.to_string(), f).bind(after.0).bind(after.1).bind(after.2).bind(limit).fetch_all(&self.pool).await?;
                rows.iter()
                    .map(|r| {
                        Ok(BenefitRow {
                            benefit: r.try_get("benefit")?,
                            id: r.try_get("id")?,
                            month: r.try_get("month")?,
                            amount: r.try_get("amount")?,
                            name: r.try_get("name")?,
                            id_index: r.try_get("id_index")?,
                            id_sealed: r.try_get("id_sealed")?,
                            region: r.try_get("region")?,
                        })
                    })
                    .collect()
            }

            async fn report_insured(&self, f: &Filter) -> Result<Vec<InsuredGroup>, StoreError> {
                let rows = scoped!(sqlx::query(
                    "SELECT r.region, r.insurance, r.start_month, r.end_month, COUNT(*) AS n FROM ledger_relationships r \
                     WHERE r.start_month <= $1 AND (r.end_month IS NULL OR r.end_month >= $2) AND ($3 < 0 OR r.unit_id = $3) \
                     AND r.region >= $4 AND r.region <= $5 \
                     GROUP BY r.region, r.insurance, r.start_month, r.end_month",
                ), f.to.to_string(), f.from.to_string(), f)
                .fetch_all(&self.pool)
                .await?;
                rows.iter()
                    .map(|r| {
                        Ok(InsuredGroup {
                            region: r.try_get("region")?,
                            insurance: r.try_get("insurance")?,
                            start_month: r.try_get("start_month")?,
                            end_month: r.try_get("end_month")?,
                            count: r.try_get("n")?,
                        })
                    })
                    .collect()
            }

            async fn report_cases(&self, f: &Filter) -> Result<Vec<CaseGroup>, StoreError> {
                let rows = scoped!(sqlx::query(
                    "SELECT substr(c.submitted_on, 1, 7) AS month, c.kind, c.status, c.decided_by, a.name AS operator, COUNT(*) AS n \
                     FROM office_cases c LEFT JOIN accounts a ON a.id = c.decided_by \
                     WHERE c.submitted_on >= $1 AND c.submitted_on < $2 AND ($3 < 0 OR c.unit_id = $3) AND c.region >= $4 AND c.region <= $5 \
                     GROUP BY substr(c.submitted_on, 1, 7), c.kind, c.status, c.decided_by, a.name \
                     ORDER BY 1, 2, 3, 4",
                ), format!("{}-01", f.from), format!("{}-01", f.to.next()), f)
                .fetch_all(&self.pool)
                .await?;
                rows.iter()
                    .map(|r| {
                        Ok(CaseGroup {
                            month: r.try_get("month")?,
                            kind: r.try_get("kind")?,
                            status: r.try_get("status")?,
                            operator: r.try_get("operator")?,
                            count: r.try_get("n")?,
                        })
                    })
                    .collect()
            }

            async fn stats_money(&self, f: &Filter) -> Result<Vec<(String, i64, i64, i64)>, StoreError> {
                let rows = scoped!(sqlx::query(
                    "SELECT s.month, CAST(SUM(s.due) AS BIGINT) AS due, CAST(SUM(s.paid) AS BIGINT) AS paid, \
                     CAST(SUM(CASE WHEN s.due > s.paid THEN s.due - s.paid ELSE 0 END) AS BIGINT) AS owed \
                     FROM ledger_statements s JOIN ledger_units u ON u.id = s.unit_id \
                     WHERE s.month >= $1 AND s.month <= $2 AND ($3 < 0 OR s.unit_id = $3) AND u.region >= $4 AND u.region <= $5 \
                     GROUP BY s.month ORDER BY s.month",
                ), f.from.to_string(), f.to.to_string(), f)
                .fetch_all(&self.pool)
                .await?;
                rows.iter().map(|r| Ok((r.try_get("month")?, r.try_get("due")?, r.try_get("paid")?, r.try_get("owed")?))).collect()
            }

            async fn stats_cases_by_day(&self, f: &Filter, first: &str, last: &str) -> Result<Vec<(String, i64)>, StoreError> {
                let rows = scoped!(sqlx::query(
                    "SELECT c.submitted_on AS day, COUNT(*) AS n FROM office_cases c \
                     WHERE c.submitted_on >= $1 AND c.submitted_on <= $2 AND ($3 < 0 OR c.unit_id = $3) AND c.region >= $4 AND c.region <= $5 \
                     GROUP BY c.submitted_on ORDER BY c.submitted_on",
                ), first, last, f)
                .fetch_all(&self.pool)
                .await?;
                rows.iter().map(|r| Ok((r.try_get("day")?, r.try_get("n")?))).collect()
            }

            async fn stats_open_cases(&self, f: &Filter) -> Result<Vec<(String, i64)>, StoreError> {
                let rows = sqlx::query(
                    "SELECT c.submitted_on AS day, COUNT(*) AS n FROM office_cases c \
                     WHERE c.status IN ('submitted', 'in_review') AND ($1 < 0 OR c.unit_id = $1) AND c.region >= $2 AND c.region <= $3 \
                     GROUP BY c.submitted_on ORDER BY c.submitted_on",
                )
                .bind(f.unit.unwrap_or(-1))
                .bind(f.region.0)
                .bind(f.region.1)
                .fetch_all(&self.pool)
                .await?;
                rows.iter().map(|r| Ok((r.try_get("day")?, r.try_get("n")?))).collect()
            }

            async fn stats_certified(&self, f: &Filter) -> Result<Vec<(String, i64)>, StoreError> {
                let sql = format!(
                    "SELECT c.certified_on, COUNT(*) FROM pension_claims c JOIN ledger_relationships r ON r.id = ({LATEST_PENSION_RELATIONSHIP}) \
                     WHERE c.status = 'applied' AND c.certified_on IS NOT NULL AND ($1 < 0 OR r.unit_id = $1) AND r.region >= $2 AND r.region <= $3 \
                     GROUP BY c.certified_on ORDER BY c.certified_on"
                );
                Ok(sqlx::query_as(&sql).bind(f.unit.unwrap_or(-1)).bind(f.region.0).bind(f.region.1).fetch_all(&self.pool).await?)
            }

            async fn staff_region(&self, account: i64) -> Result<Option<i64>, StoreError> {
                Ok(sqlx::query_scalar("SELECT region FROM staff_regions WHERE account_id = $1").bind(account).fetch_optional(&self.pool).await?)
            }

            async fn staff_set_region(&self, account: i64, region: i64) -> Result<(), StoreError> {
                sqlx::query("INSERT INTO staff_regions (account_id, region) VALUES ($1, $2) ON CONFLICT (account_id) DO UPDATE SET region = excluded.region")
                    .bind(account)
                    .bind(region)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }
        }
    };
}

impl_report_store!(SqliteStore);
impl_report_store!(PgStore);
