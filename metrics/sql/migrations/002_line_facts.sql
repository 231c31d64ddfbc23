-- Version 2: per-order-line delivery facts, one row per order line, maintained at import
-- (metrics/facts.py) so that every KPI is one aggregation over one row per line.
-- Columns are those produced by ../line_facts.sql; facts_meta records the grace days and
-- the latest delivery date the facts were computed with.
CREATE TABLE IF NOT EXISTS line_facts (
    order_id              VARCHAR,
    contract_id           VARCHAR,
    supplier_id           VARCHAR,
    institution_id        VARCHAR,
    unit_id               VARCHAR,
    state                 VARCHAR,
    item_code             VARCHAR,
    item_group            VARCHAR,
    procedure_type        VARCHAR,
    is_emergency          BOOLEAN,
    order_date            DATE,
    due_date              DATE,
    due_month             DATE,
    qty_ordered           DOUBLE,
    cancelled             BOOLEAN,
    unit_price            DOUBLE,
    ref_price             DOUBLE,
    n_deliveries          INTEGER,
    first_delivery_date   DATE,
    last_delivery_date    DATE,
    qty_delivered         DOUBLE,
    qty_rejected          DOUBLE,
    qty_accepted          DOUBLE,
    qty_accepted_by_due   DOUBLE,
    first_accept_eff_date DATE,
    completion_date       DATE,
    completion_eff_date   DATE,
    is_on_time            BOOLEAN,
    is_otif               BOOLEAN,
    is_completed          BOOLEAN,
    days_late             INTEGER,
    lead_time_days        INTEGER,
    has_excused           BOOLEAN,
    late_qty              DOUBLE,
    late_penalty          DOUBLE,
    short_qty             DOUBLE,
    deduction             DOUBLE,
    penalty_due_line      DOUBLE,
    shelf_checked_qty     DOUBLE,
    short_shelf_qty       DOUBLE
);

CREATE TABLE IF NOT EXISTS facts_meta (
    grace_days       INTEGER NOT NULL,
    max_delivered    DATE,
    refreshed_at     TIMESTAMP NOT NULL,
    lines            BIGINT NOT NULL
);
