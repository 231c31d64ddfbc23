-- Version 12: penalties applied summed per contract and applied month, and per contract and
-- applied day, with the contract's supplier, institution and procedure type
-- (metrics/rollups/penalty_months.py), so that the scorecard's penalties applied read a
-- window's whole months and its edge days (some 70 thousand rows at 10M lines, no join)
-- instead of every penalty (741 thousand) joined to its contract. rollup_penalty_state
-- records the penalties and contracts they were built from (latest batch and rows of each):
-- an import that wrote neither leaves them be. store.migrate fills them (marker below).
-- @refresh-rollups: penalty_months
CREATE TABLE IF NOT EXISTS rollup_penalty_months (
    contract_id    VARCHAR,
    supplier_id    VARCHAR,
    institution_id VARCHAR,
    procedure_type VARCHAR,
    applied_month  DATE,
    amount         DOUBLE,
    n              BIGINT
);

CREATE TABLE IF NOT EXISTS rollup_penalty_days (
    contract_id    VARCHAR,
    supplier_id    VARCHAR,
    institution_id VARCHAR,
    procedure_type VARCHAR,
    applied_date   DATE,
    amount         DOUBLE,
    n              BIGINT
);

CREATE TABLE IF NOT EXISTS rollup_penalty_state (
    penalties_batch BIGINT,
    penalties_rows  BIGINT,
    contracts_batch BIGINT,
    contracts_rows  BIGINT
);
