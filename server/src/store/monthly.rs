//! The one way a benefit's months are paid: a payments table keyed by the benefit and the
//! month, each month inserted once (`ON CONFLICT DO NOTHING` on that key), in the caller's
//! transaction. 失业保险金 and 伤残津贴 each decide which months are due; this writes them.
//! Pensions write the same keyed rows many claims to a statement (`pensions::store`'s `pay!`):
//! their monthly run covers every pensioner at once.

/// `insert_months!(&mut *tx, "INSERT INTO t (key, month, amount, paid_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
/// id, from, until, |month| amount, now)`: every month `from..=until` (none when `from > until`)
/// at the amount the closure gives for it (fen); evaluates to `Result<u64, sqlx::Error>`, the
/// months written.
macro_rules! insert_months {
    ($conn:expr, $sql:expr, $id:expr, $from:expr, $until:expr, $amount_of:expr, $now:expr) => {{
        async {
            let amount_of = $amount_of;
            let mut written = 0u64;
            for m in $from.through($until) {
                let amount: i64 = amount_of(m);
                written += sqlx::query($sql).bind($id).bind(m.to_string()).bind(amount).bind($now).execute(&mut *$conn).await?.rows_affected();
            }
            Ok::<u64, sqlx::Error>(written)
        }
        .await
    }};
}
pub(crate) use insert_months;
