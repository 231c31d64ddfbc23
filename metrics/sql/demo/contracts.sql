-- Contracts and their items, derived from the generated lines: one contract per
-- (cycle, supplier, buying institution, procedure, emergency), numbered per institution and
-- cycle like "IMSS-LP-2025-00042"; one contract item per (contract, item) at the award's
-- price, with min/max quantities of an open contract (max ≥ what was ordered, min = 40 %).
CREATE OR REPLACE TEMP TABLE g_contract AS
WITH k AS (
    SELECT DISTINCT a.cycle_idx, a.sup_idx, g.inst_idx, a.procedure_type, a.emergency
    FROM g_lines g JOIN d_award a ON a.award_idx = g.award_idx
)
SELECT k.*, i.institution_id || '-' ||
       CASE WHEN k.emergency THEN 'AE' WHEN k.procedure_type = 'open_tender' THEN 'LP'
            WHEN k.procedure_type = 'restricted' THEN 'IA' ELSE 'AD' END || '-' ||
       left(cy.code, 4) || '-' ||
       lpad(row_number() OVER (PARTITION BY k.inst_idx, k.cycle_idx
                               ORDER BY k.procedure_type, k.emergency, k.sup_idx)::VARCHAR, 5, '0')
       AS contract_id
FROM k JOIN d_inst i ON i.inst_idx = k.inst_idx JOIN d_cycle cy ON cy.cycle_idx = k.cycle_idx;

CREATE OR REPLACE TEMP TABLE g_contract_item AS
SELECT contract_id, item_code, unit_price,
       ceil(ordered * (1.0 + 0.4 * demo_u(hash(contract_id, item_code), 80))) AS max_qty
FROM (
    SELECT c.contract_id, it.item_code, a.unit_price, sum(g.qty) AS ordered
    FROM g_lines g
    JOIN d_award a ON a.award_idx = g.award_idx
    JOIN g_contract c ON c.cycle_idx = a.cycle_idx AND c.sup_idx = a.sup_idx AND c.inst_idx = g.inst_idx
                     AND c.procedure_type = a.procedure_type AND c.emergency = a.emergency
    JOIN d_item it ON it.item_idx = g.item_idx
    GROUP BY ALL
);

INSERT INTO contract_items (contract_id, item_code, unit_price, min_qty, max_qty, batch_id)
SELECT contract_id, item_code, unit_price, ceil(0.4 * max_qty), max_qty, 1 FROM g_contract_item;

INSERT INTO contracts (contract_id, institution_id, supplier_id, procedure_type, is_emergency,
                       is_consolidated, signed_date, start_date, end_date, amount, currency, status,
                       penalty_rate_per_day, deduction_rate, guarantee_pct, batch_id)
SELECT c.contract_id, i.institution_id, s.supplier_id, c.procedure_type, c.emergency,
       c.procedure_type = 'open_tender' AND i.consolidated,
       (cy.start_date - CASE WHEN c.emergency THEN 1 + floor(demo_u(hash(c.contract_id), 81) * 10)
                             ELSE 5 + floor(demo_u(hash(c.contract_id), 81) * 35) END::INTEGER)::DATE,
       cy.start_date, cy.end_date, round(v.amount, 2), 'MXN',
       CASE WHEN cy.end_date >= $today THEN 'active'
            WHEN demo_u(hash(c.contract_id), 82) < 0.02 THEN 'terminated' ELSE 'completed' END,
       CASE WHEN demo_u(hash(c.contract_id), 83) < 0.2 THEN 0.005
            WHEN demo_u(hash(c.contract_id), 83) < 0.9 THEN 0.01 ELSE 0.02 END,
       CASE WHEN demo_u(hash(c.contract_id), 84) < 0.7 THEN 0.01
            WHEN demo_u(hash(c.contract_id), 84) < 0.9 THEN 0.02 ELSE 0.05 END,
       CASE WHEN demo_u(hash(c.contract_id), 85) < 0.85 THEN 0.10
            WHEN demo_u(hash(c.contract_id), 85) < 0.95 THEN 0.15 ELSE 0.20 END,
       1
FROM g_contract c
JOIN d_inst i ON i.inst_idx = c.inst_idx
JOIN d_sup s ON s.sup_idx = c.sup_idx
JOIN d_cycle cy ON cy.cycle_idx = c.cycle_idx
JOIN (SELECT contract_id, sum(max_qty * unit_price) AS amount FROM g_contract_item GROUP BY 1) v
  ON v.contract_id = c.contract_id;
