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
    CAST((
      MIN("t12"."value") FILTER(WHERE
        "t12"."upto" >= CAST(FLOOR(CAST((
          CAST("t12"."total" AS DOUBLE PRECISION) + 1
        ) AS DOUBLE PRECISION) / 2) AS BIGINT)) + MIN("t12"."value") FILTER(WHERE
        "t12"."upto" >= (
          CAST(FLOOR(CAST("t12"."total" AS DOUBLE PRECISION) / 2) AS BIGINT) + 1
        ))
    ) AS DOUBLE PRECISION) / 2 AS "value",
    MIN("t12"."value") FILTER(WHERE
      "t12"."upto" >= GREATEST(
        CAST(ROUND(
          (
            CAST("t12"."total" AS DOUBLE PRECISION) / 2
          ) - (
            CAST((
              SQRT(CAST("t12"."total" AS DOUBLE PRECISION)) * 1.959963984540054
            ) AS DOUBLE PRECISION) / 2
          )
        ) AS BIGINT),
        1
      )) AS "ci_low",
    MIN("t12"."value") FILTER(WHERE
      "t12"."upto" >= CAST(LEAST(
        CAST(ROUND(
          (
            CAST("t12"."total" AS DOUBLE PRECISION) / 2
          ) + 1 + (
            CAST((
              SQRT(CAST("t12"."total" AS DOUBLE PRECISION)) * 1.959963984540054
            ) AS DOUBLE PRECISION) / 2
          )
        ) AS BIGINT),
        CAST("t12"."total" AS DOUBLE PRECISION)
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
              DATE_TRUNC('MONTH', DATE(TIMEZONE('Europe/Amsterdam', "t6"."begin"))) AS "period_start"
            FROM (
              SELECT
                "t5"."customer_id",
                "t5"."begin",
                COALESCE(
                  "t5"."given",
                  CAST(EXTRACT('epoch' FROM "t5"."end") - EXTRACT('epoch' FROM "t5"."begin") AS DOUBLE PRECISION)
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
                    CAST(NULL AS DOUBLE PRECISION) AS "duration_s",
                    CAST(NULL AS DOUBLE PRECISION) AS "given"
                  FROM "events" AS "t1"
                  WHERE
                    "t1"."occurred_at" >= CAST('2023-12-31T23:00:00+00:00' AS TIMESTAMPTZ)
                    AND "t1"."occurred_at" < CAST('2024-01-01T23:00:00+00:00' AS TIMESTAMPTZ)
                    AND "t1"."session_id" IS NOT NULL
                ) AS "t4"
                GROUP BY
                  1,
                  2
              ) AS "t5"
              WHERE
                "t5"."begin" >= CAST('2023-12-31T23:00:00+00:00' AS TIMESTAMPTZ)
                AND "t5"."begin" < CAST('2024-01-01T23:00:00+00:00' AS TIMESTAMPTZ)
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
