-- Parsing of staged text values (every staged value is VARCHAR), one macro per column type
-- of metrics/ingest/contract.py. abasto_<type>(s) gives the typed value or NULL;
-- abasto_<type>_problem(s) gives why a non-empty value is not of the type, or NULL.
-- The rules are DATA_CONTRACT.md's: ISO or DD/MM/YYYY dates (never MM/DD), money with `$`,
-- thousands separators and spaces stripped, booleans true/false yes/no sí/no 1/0.

CREATE OR REPLACE TEMP MACRO abasto_text(s) AS nullif(trim(s), '');

-- Enumeration spelling key: lower case, no accents, runs of space/underscore/hyphen as one space
-- (contract.norm_value does the same in Python).
CREATE OR REPLACE TEMP MACRO abasto_key(s) AS
    trim(regexp_replace(lower(strip_accents(trim(s))), '[\s_\-]+', ' ', 'g'));

-- Numbers: "$1,234.50", "1 234.5", "-12", "1e6". A comma is only a thousands separator
-- (groups of three digits after a first group that does not start with 0): "1,5" and
-- "0,125" are rejected rather than read as 15 and 125. Magnitudes of 1e15 or more are
-- rejected too ("1e999" would be infinity; no quantity, price or amount comes near it).
CREATE OR REPLACE TEMP MACRO abasto_num_text(s) AS
    replace(replace(replace(replace(trim(s), '$', ''), ' ', ''), chr(160), ''), 'MXN', '');
-- The first branch is the fast path for staged text (already trimmed): DuckDB's cast itself
-- skips ASCII spaces, so it gives what the trimmed cast gives whenever it succeeds.
-- (abs(x) < 1e15 is false for infinity and NaN as well.)
CREATE OR REPLACE TEMP MACRO abasto_number(s) AS
    CASE
        WHEN abs(TRY_CAST(s AS DOUBLE)) < 1e15 THEN TRY_CAST(s AS DOUBLE)               -- plain numbers
        WHEN abs(TRY_CAST(trim(s) AS DOUBLE)) < 1e15 THEN TRY_CAST(trim(s) AS DOUBLE)
        WHEN regexp_full_match(abasto_num_text(s),
                               '[-+]?([1-9][0-9]{0,2}(,[0-9]{3})+|[0-9]+)?(\.[0-9]+)?([eE][-+]?[0-9]+)?')
             AND regexp_matches(abasto_num_text(s), '[0-9]')
             AND abs(TRY_CAST(replace(abasto_num_text(s), ',', '') AS DOUBLE)) < 1e15
            THEN TRY_CAST(replace(abasto_num_text(s), ',', '') AS DOUBLE)
    END;
CREATE OR REPLACE TEMP MACRO abasto_number_problem(s) AS
    CASE WHEN abasto_text(s) IS NOT NULL AND abasto_number(s) IS NULL THEN
        CASE WHEN regexp_full_match(abasto_num_text(s), '[-+]?[0-9.]*[0-9],[0-9]+')
                  AND NOT regexp_full_match(abasto_num_text(s), '[-+]?[1-9][0-9]{0,2}(,[0-9]{3})+(\.[0-9]+)?')
             THEN 'not a number: use a point for decimals (1234.50), commas only between thousands'
             WHEN TRY_CAST(replace(abasto_num_text(s), ',', '') AS DOUBLE) IS NOT NULL
                  AND regexp_matches(abasto_num_text(s), '[0-9]')
             THEN 'number out of range (it must be below 1e15)'
             ELSE 'not a number' END
    END;

CREATE OR REPLACE TEMP MACRO abasto_int(s) AS
    CASE WHEN abasto_number(s) = round(abasto_number(s)) AND abs(abasto_number(s)) < 1e15
         THEN abasto_number(s)::BIGINT END;
CREATE OR REPLACE TEMP MACRO abasto_int_problem(s) AS
    CASE WHEN abasto_text(s) IS NOT NULL AND abasto_int(s) IS NULL THEN
        CASE WHEN abasto_number(s) IS NOT NULL THEN 'not a whole number' ELSE 'not a number' END
    END;

-- Dates: YYYY-MM-DD (a time part, as spreadsheets and Parquet timestamps give, is ignored)
-- or DD/MM/YYYY. Years outside 1900-2100 are typos.
CREATE OR REPLACE TEMP MACRO abasto_date_raw(s) AS
    CASE
        WHEN trim(s) LIKE '____-%'
            THEN TRY_CAST(split_part(split_part(trim(s), ' ', 1), 'T', 1) AS DATE)
        WHEN regexp_full_match(trim(s), '[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}( [0-9:.]*)?')
            THEN try_strptime(split_part(trim(s), ' ', 1), '%d/%m/%Y')::DATE
    END;
-- abasto_date_general is the definition. The fast path first: text shaped YYYY-MM-DD (what
-- exports and DuckDB write) with a year 1900-2100 is one cast; when that cast succeeds it gives
-- what the general path gives (no space or T to split at; the year range holds as text for
-- 4 digits); when it fails, the general path decides. (A CASE evaluates a branch only for
-- the rows that reach it; coalesce(fast, general) evaluated the general path for every row.)
-- tests/ingest/test_ingest_macro_fast_paths.py checks the two agree.
CREATE OR REPLACE TEMP MACRO abasto_date_general(s) AS
    CASE WHEN abasto_date_raw(s) BETWEEN DATE '1900-01-01' AND DATE '2100-12-31'
         THEN abasto_date_raw(s) END;
CREATE OR REPLACE TEMP MACRO abasto_date(s) AS
    CASE WHEN s LIKE '____-__-__' AND left(s, 4) BETWEEN '1900' AND '2100'
              AND TRY_CAST(s AS DATE) IS NOT NULL
         THEN TRY_CAST(s AS DATE)
         ELSE abasto_date_general(s) END;
CREATE OR REPLACE TEMP MACRO abasto_date_problem(s) AS
    CASE WHEN abasto_text(s) IS NOT NULL AND abasto_date(s) IS NULL THEN
        CASE
            WHEN abasto_date_raw(s) IS NOT NULL THEN 'date out of range (year must be 1900-2100)'
            -- DD/MM with a month above 12: MM/DD only when read so it is a real date (12/25/2025),
            -- else (13/13/2025) it is no date either way
            WHEN regexp_full_match(trim(s), '[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}.*')
                 AND TRY_CAST(split_part(trim(s), '/', 2) AS INTEGER) > 12
                 AND TRY_CAST(left(split_part(trim(s), '/', 3), 4) || '-'
                              || lpad(split_part(trim(s), '/', 1), 2, '0') || '-'
                              || lpad(split_part(trim(s), '/', 2), 2, '0') AS DATE) IS NOT NULL
                THEN 'not a date: looks like MM/DD/YYYY; dates must be DD/MM/YYYY or YYYY-MM-DD'
            WHEN regexp_full_match(trim(s), '[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}.*')
                 AND TRY_CAST(split_part(trim(s), '/', 2) AS INTEGER) > 12
                THEN 'not a date: there is no month ' || TRY_CAST(split_part(trim(s), '/', 2) AS INTEGER)
                     || ' (dates are DD/MM/YYYY or YYYY-MM-DD)'
            WHEN regexp_full_match(trim(s), '[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}.*')
                 AND TRY_CAST(split_part(trim(s), '-', 2) AS INTEGER) > 12
                THEN 'not a date: there is no month ' || TRY_CAST(split_part(trim(s), '-', 2) AS INTEGER)
                     || ' (dates are DD/MM/YYYY or YYYY-MM-DD)'
            WHEN regexp_full_match(trim(s), '[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}.*|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}.*')
                THEN 'not a date: no such day'
            ELSE 'not a date (use YYYY-MM-DD or DD/MM/YYYY)'
        END
    END;

CREATE OR REPLACE TEMP MACRO abasto_bool(s) AS
    CASE
        WHEN s = 'false' THEN false          -- fast paths: the spellings exports write
        WHEN s = 'true' THEN true
        WHEN abasto_key(s) IN ('true', 'yes', 'si', '1', '1.0', 'verdadero', 't', 'y', 's', 'x')
            THEN true
        WHEN abasto_key(s) IN ('false', 'no', '0', '0.0', 'falso', 'f', 'n') THEN false
    END;
CREATE OR REPLACE TEMP MACRO abasto_bool_problem(s) AS
    CASE WHEN abasto_text(s) IS NOT NULL AND abasto_bool(s) IS NULL
         THEN 'not a yes/no value (use true/false, yes/no, sí/no or 1/0)' END;

-- Months: YYYY-MM (also YYYY-MM-DD, as a spreadsheet date cell gives, and MM/YYYY).
CREATE OR REPLACE TEMP MACRO abasto_month(s) AS
    CASE
        WHEN regexp_full_match(trim(s), '[0-9]{4}-[0-9]{1,2}')
             AND TRY_CAST(split_part(trim(s), '-', 2) AS INTEGER) BETWEEN 1 AND 12
            THEN split_part(trim(s), '-', 1) || '-' || lpad(split_part(trim(s), '-', 2), 2, '0')
        WHEN regexp_full_match(trim(s), '[0-9]{1,2}/[0-9]{4}')
             AND TRY_CAST(split_part(trim(s), '/', 1) AS INTEGER) BETWEEN 1 AND 12
            THEN split_part(trim(s), '/', 2) || '-' || lpad(split_part(trim(s), '/', 1), 2, '0')
        WHEN abasto_date(s) IS NOT NULL THEN strftime(abasto_date(s), '%Y-%m')
    END;
CREATE OR REPLACE TEMP MACRO abasto_month_problem(s) AS
    CASE WHEN abasto_text(s) IS NOT NULL AND abasto_month(s) IS NULL
         THEN 'not a month (use YYYY-MM)' END;

-- Lookup without a join (the typed build stays one projection of the staging table, in its
-- order, which is the order rows are written in): the value at the position of k in keys;
-- NULL when absent. validate.py passes the enumeration spellings and values (contract.ENUMS)
-- as list parameters.
CREATE OR REPLACE TEMP MACRO abasto_lookup(keys, vals, k) AS vals[list_position(keys, k)];
-- An enumeration value: text already written as one of `canonical` (values whose own
-- spelling key maps to themselves, validate.py) is itself, without the key's regexp.
CREATE OR REPLACE TEMP MACRO abasto_enum(canonical, keys, vals, s) AS
    CASE WHEN list_contains(canonical, s) THEN s ELSE abasto_lookup(keys, vals, abasto_key(s)) END;

-- Item group from the CNIS clave prefix (contract.GROUP_BY_PREFIX, passed as two lists).
CREATE OR REPLACE TEMP MACRO abasto_group_of(code, prefixes, groups) AS
    abasto_lookup(prefixes, groups, left(trim(code), 3));

-- A number as a person writes it in a problem message: 5000 rather than 5000.0.
CREATE OR REPLACE TEMP MACRO abasto_show(x) AS
    CASE WHEN x = round(x) AND abs(x) < 1e15 THEN round(x)::BIGINT::VARCHAR ELSE x::VARCHAR END;
