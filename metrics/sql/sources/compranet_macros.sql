-- Value parsers for CompraNet text (every era): dates like '2014-11-18 00:00:00 GMT',
-- '2014-11-18', '18/11/2014 10:00', and money like '$1,234.50'. NULL when unreadable.
CREATE OR REPLACE TEMP MACRO abasto_cn_date(v) AS
    CASE WHEN regexp_matches(trim(v), '^[0-9]{4}-[0-9]{2}-[0-9]{2}')
              THEN try_cast(left(trim(v), 10) AS DATE)
         WHEN regexp_matches(trim(v), '^[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}')
              THEN try_strptime(regexp_extract(trim(v), '^([0-9]{1,2}/[0-9]{1,2}/[0-9]{4})', 1),
                                '%d/%m/%Y')::DATE END;

CREATE OR REPLACE TEMP MACRO abasto_cn_amount(v) AS
    try_cast(nullif(regexp_replace(coalesce(v, ''), '[\s$,]', '', 'g'), '') AS DOUBLE);
