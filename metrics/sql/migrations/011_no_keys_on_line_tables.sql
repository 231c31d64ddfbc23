-- Version 11: orders, deliveries and penalties (the tables that grow with the order lines)
-- lose their PRIMARY KEY. The importer already guarantees their natural keys are unique
-- (ingest/check_duplicates.sql rejects a batch that repeats a key; ingest/upsert.sql matches
-- stored rows by key), so the keys' ART indexes only cost: building them was most of the
-- import's write and commit time and the reason for its memory cap (each key of 10M lines
-- is held in memory at commit). Smaller tables keep theirs.
-- DuckDB cannot drop a constraint in place, so each table is rebuilt: same columns, order,
-- types, NOT NULL (the key column stays NOT NULL) and defaults, rows copied in their stored
-- order (no ORDER BY: insertion order is preserved, and a sort of 10M rows would only spill).
-- No view or macro reads these tables, so they can be dropped. The data does not change:
-- no facts or rollups refresh.

CREATE TABLE orders_v11 (
    order_id    VARCHAR NOT NULL,
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
INSERT INTO orders_v11 SELECT * FROM orders;
DROP TABLE orders;
ALTER TABLE orders_v11 RENAME TO orders;

CREATE TABLE deliveries_v11 (
    delivery_id      VARCHAR NOT NULL,
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
INSERT INTO deliveries_v11 SELECT * FROM deliveries;
DROP TABLE deliveries;
ALTER TABLE deliveries_v11 RENAME TO deliveries;

CREATE TABLE penalties_v11 (
    penalty_id   VARCHAR NOT NULL,
    contract_id  VARCHAR NOT NULL,
    order_id     VARCHAR,
    kind         VARCHAR NOT NULL,
    amount       DOUBLE NOT NULL,
    applied_date DATE NOT NULL,
    extra        JSON,
    batch_id     BIGINT
);
INSERT INTO penalties_v11 SELECT * FROM penalties;
DROP TABLE penalties;
ALTER TABLE penalties_v11 RENAME TO penalties;
