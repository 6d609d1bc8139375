SELECT
  'session_duration' AS "metric",
  "t13"."period_start",
  "t13"."segment",
  "t13"."value",
  "t13"."ci_low",
  "t13"."ci_high",
  "t13"."n"
FROM (
  SELECT
    "t12"."period_start",
    "t12"."segment",
    (
      MIN("t12"."value") FILTER(WHERE
        "t12"."upto" >= CAST(FLOOR((
          CAST("t12"."total" AS DOUBLE) + 1
        ) / 2) AS BIGINT)) + MIN("t12"."value") FILTER(WHERE
        "t12"."upto" >= (
          CAST(FLOOR(CAST("t12"."total" AS DOUBLE) / 2) AS BIGINT) + 1
        ))
    ) / 2 AS "value",
    MIN("t12"."value") FILTER(WHERE
      "t12"."upto" >= GREATEST(
        CAST(ROUND(
          (
            CAST("t12"."total" AS DOUBLE) / 2
          ) - (
            (
              SQRT(CAST("t12"."total" AS DOUBLE)) * 1.959963984540054
            ) / 2
          ),
          0
        ) AS BIGINT),
        1
      )) AS "ci_low",
    MIN("t12"."value") FILTER(WHERE
      "t12"."upto" >= CAST(LEAST(
        CAST(ROUND(
          (
            CAST("t12"."total" AS DOUBLE) / 2
          ) + 1 + (
            (
              SQRT(CAST("t12"."total" AS DOUBLE)) * 1.959963984540054
            ) / 2
          ),
          0
        ) AS BIGINT),
        CAST("t12"."total" AS DOUBLE)
      ) AS BIGINT)) AS "ci_high",
    SUM("t12"."freq") AS "n"
  FROM (
    SELECT
      "t11"."period_start",
      "t11"."segment",
      "t11"."value",
      "t11"."freq",
      SUM("t11"."freq") OVER (
        PARTITION BY "t11"."period_start", "t11"."segment"
        ORDER BY "t11"."value" ASC
        ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
      ) AS "upto",
      SUM("t11"."freq") OVER (
        PARTITION BY "t11"."period_start", "t11"."segment"
        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
      ) AS "total"
    FROM (
      SELECT
        "t10"."period_start",
        "t10"."segment",
        "t10"."seconds" AS "value",
        COUNT(*) AS "freq"
      FROM (
        SELECT
          "t9"."period_start",
          COALESCE("t9"."segment_", 'unknown') AS "segment",
          "t9"."seconds"
        FROM (
          SELECT
            "t8"."customer_id",
            "t8"."begin",
            "t8"."seconds",
            "t8"."period_start",
            "t3"."segment_customer_",
            "t3"."segment_"
          FROM (
            SELECT
              "t6"."customer_id",
              "t6"."begin",
              "t6"."seconds",
              DATE_TRUNC('MONTH', CAST(TIMEZONE('Europe/Amsterdam', "t6"."begin") AS DATE)) AS "period_start"
            FROM (
              SELECT
                "t5"."customer_id",
                "t5"."begin",
                COALESCE(
                  "t5"."given",
                  CAST(EPOCH(CAST("t5"."end" AS TIMESTAMP)) - EPOCH(CAST("t5"."begin" AS TIMESTAMP)) AS DOUBLE)
                ) AS "seconds"
              FROM (
                SELECT
                  "t4"."customer_id",
                  "t4"."session_id",
                  MIN("t4"."occurred_at") AS "begin",
                  MAX("t4"."occurred_at") AS "end",
                  MAX("t4"."given") AS "given"
                FROM (
                  SELECT
                    "t1"."customer_id",
                    "t1"."occurred_at",
                    "t1"."session_id",
                    CAST(NULL AS DOUBLE) AS "duration_s",
                    CAST(NULL AS DOUBLE) AS "given"
                  FROM "events" AS "t1"
                  WHERE
                    "t1"."occurred_at" >= MAKE_TIMESTAMPTZ(2023, 12, 31, 23, 0, 0.0, 'UTC')
                    AND "t1"."occurred_at" < MAKE_TIMESTAMPTZ(2024, 1, 1, 23, 0, 0.0, 'UTC')
                    AND "t1"."session_id" IS NOT NULL
                ) AS "t4"
                GROUP BY
                  1,
                  2
              ) AS "t5"
              WHERE
                "t5"."begin" >= MAKE_TIMESTAMPTZ(2023, 12, 31, 23, 0, 0.0, 'UTC')
                AND "t5"."begin" < MAKE_TIMESTAMPTZ(2024, 1, 1, 23, 0, 0.0, 'UTC')
            ) AS "t6"
          ) AS "t8"
          LEFT OUTER JOIN (
            SELECT
              "t0"."customer_id" AS "segment_customer_",
              "t0"."country" AS "segment_"
            FROM "customers" AS "t0"
          ) AS "t3"
            ON "t8"."customer_id" = "t3"."segment_customer_"
        ) AS "t9"
      ) AS "t10"
      GROUP BY
        1,
        2,
        3
    ) AS "t11"
  ) AS "t12"
  GROUP BY
    1,
    2
) AS "t13"
