-- Deterministic randomness for the demo: a uniform in [0, 1) from a hash of (key, seed, salt),
-- so every value depends only on the row's key and the seed, never on thread scheduling or
-- chunk size. The seed is the session variable demo_seed (SET VARIABLE by generate()).
-- hash(a, b, c) mixes its arguments too weakly (values for nearby keys move together across
-- salts), so the key's hash is xor-ed with the (seed, salt) hash and hashed once more.
CREATE OR REPLACE TEMP MACRO demo_u(k, salt) AS
    (hash(xor(hash(k), hash(getvariable('demo_seed') * 100003 + salt))) >> 11)::DOUBLE
    * (1.0 / 9007199254740992);
-- A standard normal (Box–Muller).
CREATE OR REPLACE TEMP MACRO demo_z(k, salt) AS
    sqrt(-2 * ln(1 - demo_u(k, salt))) * cos(2 * pi() * demo_u(k, salt + 1000));
-- The order line id of generated line k. Ids grow with k and rows are inserted in k order:
-- building the primary-key index from sorted keys takes half the time.
CREATE OR REPLACE TEMP MACRO demo_order_id(k) AS 'OS' || lpad(k::VARCHAR, 10, '0');
