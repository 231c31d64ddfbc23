-- Procurement funnel per tender item (procedure × item × institution):
-- tendered -> awarded / no bids / rejected / cancelled -> contracted -> ordered -> delivered.
-- Contracts carry no procedure number in the data contract, so an awarded tender item is
-- *contracted* when a contract of the same institution, not a direct award, signed within
-- 365 days from publication, has that item; *ordered* when such a contract has a
-- non-cancelled order line of the item by $as_of; *delivered* when one of those lines has
-- accepted quantity by $as_of. Tenders in the window by published_date (<= $as_of).
-- Tender items are carried by their rowid (tid): one integer key instead of three strings.
-- The scope filters (__FILTERS__, on alias t) apply once the item's group is joined in.
WITH tendered AS (
    SELECT ti.rowid AS tid, ti.procedure_id, ti.item_code, ti.institution_id, ti.outcome,
           ti.qty_requested, ti.published_date,
           date_trunc('month', ti.published_date)::DATE AS month, i.item_group
    FROM tender_items ti
    LEFT JOIN items i ON i.item_code = ti.item_code
    WHERE (ti.published_date >= $date_from OR $date_from IS NULL)
      AND (ti.published_date <= $date_to OR $date_to IS NULL)
      AND ti.published_date <= $as_of
),
t AS (
    SELECT * FROM tendered t WHERE __FILTERS__
),
-- contract items that can close a tender: not direct awards (joined on item and institution
-- at once, so an item on many contracts does not fan out first)
closing AS (
    SELECT ci.contract_id, ci.item_code, c.institution_id, c.signed_date
    FROM contract_items ci
    JOIN contracts c ON c.contract_id = ci.contract_id
    WHERE c.procedure_type <> 'direct_award'
),
links AS (
    SELECT DISTINCT t.tid, t.item_code, k.contract_id
    FROM t
    JOIN closing k ON k.item_code = t.item_code AND k.institution_id = t.institution_id
    WHERE t.outcome = 'awarded'
      AND k.signed_date >= t.published_date
      AND k.signed_date <= t.published_date + 365
),
used AS (
    SELECT f.contract_id, f.item_code,
           bool_or(NOT f.cancelled) AS ordered,
           bool_or(NOT f.cancelled AND f.qty_accepted > 0) AS delivered
    FROM {facts} f
    WHERE f.order_date <= $as_of
    GROUP BY f.contract_id, f.item_code
),
reach AS (
    SELECT l.tid,
           bool_or(coalesce(u.ordered, false)) AS ordered,
           bool_or(coalesce(u.delivered, false)) AS delivered
    FROM links l
    LEFT JOIN used u ON u.contract_id = l.contract_id AND u.item_code = l.item_code
    GROUP BY l.tid
)
SELECT __ROW_SELECT__
       count(*)::BIGINT AS tendered,
       count(*) FILTER (WHERE t.outcome = 'awarded')::BIGINT AS awarded,
       count(*) FILTER (WHERE t.outcome = 'no_bids')::BIGINT AS no_bids,
       count(*) FILTER (WHERE t.outcome IN ('rejected_price', 'rejected_technical'))::BIGINT AS rejected,
       count(*) FILTER (WHERE t.outcome = 'cancelled')::BIGINT AS cancelled,
       count(r.tid)::BIGINT AS contracted,
       count(*) FILTER (WHERE r.ordered)::BIGINT AS ordered,
       count(*) FILTER (WHERE r.delivered)::BIGINT AS delivered,
       sum(t.qty_requested) AS qty_requested,
       count(*) FILTER (WHERE t.outcome = 'awarded') / count(*) AS award_rate,
       count(*) FILTER (WHERE r.delivered) / count(*) AS delivered_rate
FROM t
LEFT JOIN reach r ON r.tid = t.tid
__ROW_GROUP__
ORDER BY __ROW_ORDER__
