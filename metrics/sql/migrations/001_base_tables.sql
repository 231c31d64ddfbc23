-- Version 1: every table of the data contract (../shared/DATA_CONTRACT.md) plus lineage.
-- Natural keys are primary keys. Referential rules are checked by the importer against the
-- batch plus what is stored (DuckDB foreign keys would forbid upserting a referenced row).
-- `extra` keeps unknown source columns as JSON; `batch_id` says which import wrote the row.

CREATE TABLE IF NOT EXISTS suppliers (
    supplier_id   VARCHAR PRIMARY KEY,
    name          VARCHAR NOT NULL,
    rfc           VARCHAR,
    company_size  VARCHAR,
    state         VARCHAR,
    extra         JSON,
    batch_id      BIGINT
);

CREATE TABLE IF NOT EXISTS institutions (
    institution_id VARCHAR PRIMARY KEY,
    name           VARCHAR NOT NULL,
    extra          JSON,
    batch_id       BIGINT
);

CREATE TABLE IF NOT EXISTS units (
    unit_id        VARCHAR PRIMARY KEY,
    institution_id VARCHAR NOT NULL,
    name           VARCHAR NOT NULL,
    state          VARCHAR NOT NULL,
    kind           VARCHAR,
    extra          JSON,
    batch_id       BIGINT
);

-- `group` of the contract is stored as item_group (GROUP is an SQL keyword).
CREATE TABLE IF NOT EXISTS items (
    item_code             VARCHAR PRIMARY KEY,
    description           VARCHAR,
    item_group            VARCHAR,
    reference_price       DOUBLE,
    min_shelf_life_months INTEGER,
    extra                 JSON,
    batch_id              BIGINT
);

CREATE TABLE IF NOT EXISTS contracts (
    contract_id          VARCHAR PRIMARY KEY,
    institution_id       VARCHAR NOT NULL,
    supplier_id          VARCHAR NOT NULL,
    procedure_type       VARCHAR NOT NULL,
    is_emergency         BOOLEAN NOT NULL DEFAULT false,
    is_consolidated      BOOLEAN NOT NULL DEFAULT false,
    signed_date          DATE NOT NULL,
    start_date           DATE NOT NULL,
    end_date             DATE NOT NULL,
    amount               DOUBLE NOT NULL,
    currency             VARCHAR NOT NULL DEFAULT 'MXN',
    status               VARCHAR NOT NULL,
    penalty_rate_per_day DOUBLE NOT NULL DEFAULT 0.01,
    deduction_rate       DOUBLE NOT NULL DEFAULT 0.01,
    guarantee_pct        DOUBLE NOT NULL DEFAULT 0.10,
    extra                JSON,
    batch_id             BIGINT
);

CREATE TABLE IF NOT EXISTS contract_items (
    contract_id VARCHAR NOT NULL,
    item_code   VARCHAR NOT NULL,
    unit_price  DOUBLE NOT NULL,
    min_qty     DOUBLE,
    max_qty     DOUBLE,
    extra       JSON,
    batch_id    BIGINT,
    PRIMARY KEY (contract_id, item_code)
);

CREATE TABLE IF NOT EXISTS orders (
    order_id    VARCHAR PRIMARY KEY,
    contract_id VARCHAR NOT NULL,
    item_code   VARCHAR NOT NULL,
    unit_id     VARCHAR NOT NULL,
    order_date  DATE NOT NULL,
    due_date    DATE NOT NULL,
    qty_ordered DOUBLE NOT NULL,
    cancelled   BOOLEAN NOT NULL DEFAULT false,
    extra       JSON,
    batch_id    BIGINT
);

CREATE TABLE IF NOT EXISTS deliveries (
    delivery_id      VARCHAR PRIMARY KEY,
    order_id         VARCHAR NOT NULL,
    delivered_date   DATE NOT NULL,
    qty_delivered    DOUBLE NOT NULL,
    qty_rejected     DOUBLE NOT NULL DEFAULT 0,
    rejection_reason VARCHAR,
    expiry_date      DATE,
    delay_cause      VARCHAR NOT NULL DEFAULT 'supplier',
    extra            JSON,
    batch_id         BIGINT
);

CREATE TABLE IF NOT EXISTS penalties (
    penalty_id   VARCHAR PRIMARY KEY,
    contract_id  VARCHAR NOT NULL,
    order_id     VARCHAR,
    kind         VARCHAR NOT NULL,
    amount       DOUBLE NOT NULL,
    applied_date DATE NOT NULL,
    extra        JSON,
    batch_id     BIGINT
);

CREATE TABLE IF NOT EXISTS tender_items (
    procedure_id   VARCHAR NOT NULL,
    item_code      VARCHAR NOT NULL,
    institution_id VARCHAR NOT NULL,
    qty_requested  DOUBLE,
    outcome        VARCHAR NOT NULL,
    published_date DATE NOT NULL,
    extra          JSON,
    batch_id       BIGINT,
    PRIMARY KEY (procedure_id, item_code, institution_id)
);

CREATE TABLE IF NOT EXISTS prescriptions (
    unit_id   VARCHAR NOT NULL,
    item_code VARCHAR NOT NULL,
    month     VARCHAR NOT NULL,
    issued    BIGINT NOT NULL,
    filled    BIGINT NOT NULL,
    extra     JSON,
    batch_id  BIGINT,
    PRIMARY KEY (unit_id, item_code, month)
);

-- Lineage: one row per import batch. `files` is a JSON list of
-- {file, sha256, table, rows, added, updated, format}.
CREATE TABLE IF NOT EXISTS import_batches (
    batch_id     BIGINT PRIMARY KEY,
    started_at   TIMESTAMP NOT NULL,
    finished_at  TIMESTAMP,
    user_name    VARCHAR,
    origin       VARCHAR,          -- cli, dashboard, demo
    files        JSON,
    rows_added   BIGINT,
    rows_updated BIGINT,
    warnings     BIGINT,
    summary      JSON
);

CREATE TABLE IF NOT EXISTS schema_version (
    version    INTEGER NOT NULL,
    applied_at TIMESTAMP NOT NULL
);
