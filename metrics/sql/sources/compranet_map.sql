-- CompraNet contract rows -> canonical values, one row per source row (metrics/sources/compranet.py).
-- Input: temp view _cn_src(_row, <canonical raw keys as VARCHAR>) built from a fixed
-- allow-list of CompraNet headers. Parameters: $iso (list of ISO 4217 codes),
-- $health_inst (list of folded institution acronyms), $health_words (regex on the folded
-- institution name), $health_partidas (list of partida codes), $today (DATE).
CREATE OR REPLACE TEMP TABLE _cn_map AS
WITH s AS (
    SELECT *,
           lower(strip_accents(coalesce(tipo_procedimiento, ''))) AS f_tipo,
           lower(strip_accents(coalesce(estatus, ''))) AS f_status,
           lower(strip_accents(concat_ws(' ', articulo_excepcion, plantilla, fundamento, tipo_procedimiento))) AS f_exc,
           upper(trim(coalesce(nullif(trim(moneda), ''), nullif(trim(moneda_2), ''), ''))) AS cur_raw,
           regexp_replace(upper(coalesce(rfc, '')), '[\s\-_.]', '', 'g') AS rfc_clean
    FROM _cn_src
),
v AS (
    SELECT *,
        CASE WHEN f_tipo LIKE '%licitacion%' THEN 'open_tender'
             WHEN f_tipo LIKE '%invitacion%' THEN 'restricted'
             WHEN f_tipo LIKE '%adjudicacion%' OR f_tipo LIKE '%entre entes%'
                  OR f_tipo LIKE '%excepcion%' THEN 'direct_award' END AS procedure_type,
        CASE WHEN f_status LIKE '%activ%' OR f_status LIKE '%vigente%' THEN 'active'
             WHEN f_status LIKE '%rescind%' OR f_status LIKE '%rescision%' THEN 'rescinded'
             WHEN f_status LIKE '%termin%' OR f_status LIKE '%cancel%' THEN 'terminated'
             WHEN f_status LIKE '%expir%' OR f_status LIKE '%conclu%' OR f_status LIKE '%finaliz%'
                  OR f_status LIKE '%cerrad%' THEN 'completed' END AS status_mapped,
        regexp_matches(f_exc, 'caso fortuito|fuerza mayor|urgen|emergencia|desastre')
            OR regexp_matches(f_exc, '41[^0-9]{0,20}fr[a-z.]*\s*(ii|v)\b') AS is_emergency,
        lower(strip_accents(trim(coalesce(compra_consolidada, '')))) IN ('1', 'si', 'true', 'x', 's')
            AS is_consolidated,
        CASE WHEN cur_raw = '' THEN 'MXN'
             WHEN cur_raw IN ('MXN', 'MXP', 'MN', 'M.N.', 'PESO MEXICANO', 'PESOS MEXICANOS', 'PESOS')
                  THEN 'MXN'
             WHEN cur_raw IN ('DOLAR AMERICANO', 'DÓLAR AMERICANO', 'DOLARES', 'DÓLARES',
                              'DOLAR ESTADOUNIDENSE', 'DÓLAR ESTADOUNIDENSE', 'US$', 'USD') THEN 'USD'
             WHEN cur_raw IN ('EURO', 'EUROS') THEN 'EUR'
             WHEN list_contains($iso, cur_raw) THEN cur_raw END AS currency,
        CASE WHEN regexp_matches(rfc_clean, '^[A-ZÑ&]{3,4}[0-9]{6}[A-Z0-9]{3}$') THEN rfc_clean END AS rfc_ok,
        abasto_cn_date(fecha_firma) AS signed_raw,
        abasto_cn_date(fecha_inicio) AS start_raw,
        abasto_cn_date(fecha_fin) AS end_date,
        coalesce(abasto_cn_amount(monto_maximo), abasto_cn_amount(importe)) AS amount,
        regexp_extract_all(coalesce(partida, ''), '[0-9]{5}') AS partidas_list,
        CASE WHEN partida IS NULL AND clave_cucop IS NOT NULL
             THEN left(regexp_replace(clave_cucop, '[^0-9]', '', 'g'), 5) END AS partida_cucop
    FROM s
)
SELECT _row,
       nullif(trim(codigo_contrato), '') AS code,
       nullif(trim(siglas), '') AS institution_id,
       coalesce(nullif(trim(institucion), ''), nullif(trim(siglas), '')) AS institution_name,
       nullif(trim(proveedor), '') AS supplier_name,
       rfc_ok AS rfc,
       rfc IS NOT NULL AND trim(rfc) <> '' AND rfc_ok IS NULL AS rfc_invalid,
       nullif(regexp_replace(coalesce(folio_rupc, ''), '\s', '', 'g'), '') AS folio,
       CASE lower(strip_accents(trim(coalesce(estratificacion, ''))))
            WHEN 'micro' THEN 'micro' WHEN 'pequena' THEN 'small' WHEN 'mediana' THEN 'medium'
            WHEN 'no mipyme' THEN 'large' WHEN 'grande' THEN 'large' END AS company_size,
       nullif(trim(estratificacion), '') AS size_raw,
       procedure_type, tipo_procedimiento AS procedure_raw,
       is_emergency, is_consolidated,
       coalesce(signed_raw, start_raw) AS signed_date, signed_raw IS NULL AS signed_from_start,
       coalesce(start_raw, signed_raw) AS start_date, end_date,
       amount, currency, cur_raw,
       nullif(trim(moneda), '') IS NOT NULL AND nullif(trim(moneda_2), '') IS NOT NULL
           AND upper(trim(moneda)) <> upper(trim(moneda_2)) AS currency_conflict,
       coalesce(status_mapped, CASE WHEN end_date >= $today THEN 'active' ELSE 'completed' END) AS status,
       status_mapped IS NULL AS status_inferred, estatus AS status_raw,
       CASE WHEN len(partidas_list) > 0 THEN array_to_string(partidas_list, ', ')
            ELSE nullif(partida_cucop, '') END AS partida,
       coalesce(list_has_any(partidas_list, $health_partidas)
                OR list_contains($health_partidas, partida_cucop), false) AS health_partida,
       list_contains($health_inst, lower(strip_accents(trim(coalesce(siglas, '')))))
           OR regexp_matches(lower(strip_accents(coalesce(institucion, ''))), $health_words) AS health_institution,
       fecha_firma, fecha_inicio, fecha_fin, importe, monto_maximo,
       json_object('partida', CASE WHEN len(partidas_list) > 0 THEN array_to_string(partidas_list, ', ')
                                   ELSE nullif(partida_cucop, '') END,
                   'health_institution', list_contains($health_inst, lower(strip_accents(trim(coalesce(siglas, '')))))
                        OR regexp_matches(lower(strip_accents(coalesce(institucion, ''))), $health_words),
                   'health_partida', coalesce(list_has_any(partidas_list, $health_partidas)
                        OR list_contains($health_partidas, partida_cucop), false),
                   'procedure_number', numero_procedimiento, 'procedure_raw', tipo_procedimiento,
                   'exception_article', articulo_excepcion, 'buying_unit', clave_uc,
                   'buying_unit_name', nombre_uc, 'title', titulo_contrato,
                   'contract_kind', tipo_contrato, 'hiring_type', tipo_contratacion,
                   'amount_min', monto_minimo, 'amount_published', importe,
                   'cucop', clave_cucop, 'folio_rupc', folio_rupc, 'framework', contrato_marco,
                   'multiyear', plurianual, 'country', pais, 'announcement', anuncio,
                   'status_raw', estatus, 'source', 'compranet') AS extra
FROM v;
