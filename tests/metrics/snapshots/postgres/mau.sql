WITH "t13" AS (
  SELECT
    "t12"."customer_id",
    "t12"."segment",
    "t12"."unit_start",
    COUNT(*) AS "active_days"
  FROM (
    SELECT
      "t11"."customer_id",
      "t11"."day",
      "t11"."first_at",
      COALESCE("t11"."segment_", 'unknown') AS "segment",
      DATE_TRUNC('MONTH', "t11"."day") AS "unit_start"
    FROM (
      SELECT
        "t10"."customer_id",
        "t10"."day",
        "t10"."first_at",
        "t5"."segment_customer_",
        "t5"."segment_"
      FROM (
        SELECT
          "t8"."customer_id",
          "t8"."day",
          MIN("t8"."at") AS "first_at"
        FROM (
          SELECT
            *
          FROM (
            SELECT
              "t6"."customer_id",
              DATE(TIMEZONE('Europe/Amsterdam', "t6"."occurred_at")) AS "day",
              "t6"."occurred_at" AS "at"
            FROM (
              SELECT
                *
              FROM "events" AS "t2"
              WHERE
                "t2"."occurred_at" >= CAST('2023-11-30T23:00:00+00:00' AS TIMESTAMPTZ)
                AND "t2"."occurred_at" < CAST('2024-01-01T23:00:00+00:00' AS TIMESTAMPTZ)
            ) AS "t6"
          ) AS "t7"
          WHERE
            "t7"."customer_id" IS NOT NULL
        ) AS "t8"
        GROUP BY
          1,
          2
      ) AS "t10"
      LEFT OUTER JOIN (
        SELECT
          "t1"."customer_id" AS "segment_customer_",
          "t1"."country" AS "segment_"
        FROM "customers" AS "t1"
      ) AS "t5"
        ON "t10"."customer_id" = "t5"."segment_customer_"
    ) AS "t11"
    WHERE
      "t11"."first_at" >= CAST('2023-12-31T23:00:00+00:00' AS TIMESTAMPTZ)
      AND "t11"."first_at" < CAST('2024-01-01T23:00:00+00:00' AS TIMESTAMPTZ)
  ) AS "t12"
  GROUP BY
    1,
    2,
    3
)
SELECT
  'mau' AS "metric",
  "t20"."period_start",
  "t20"."segment",
  "t20"."value",
  CASE
    WHEN "t20"."n" > 1
    THEN GREATEST(
      "t20"."value" - (
        CAST((
          "t20"."sd" * 1.959963984540054
        ) AS DOUBLE PRECISION) / SQRT(CAST("t20"."n" AS DOUBLE PRECISION))
      ),
      0.0
    )
    ELSE CAST(NULL AS DOUBLE PRECISION)
  END AS "ci_low",
  CASE
    WHEN "t20"."n" > 1
    THEN "t20"."value" + (
      CAST((
        "t20"."sd" * 1.959963984540054
      ) AS DOUBLE PRECISION) / SQRT(CAST("t20"."n" AS DOUBLE PRECISION))
    )
    ELSE CAST(NULL AS DOUBLE PRECISION)
  END AS "ci_high",
  "t20"."n"
FROM (
  SELECT
    "t19"."period_start",
    "t19"."segment",
    AVG("t19"."actives") AS "value",
    STDDEV_SAMP("t19"."actives") AS "sd",
    COUNT(*) AS "n"
  FROM (
    SELECT
      "t3"."period_start",
      "t16"."segment",
      "t3"."unit_start",
      COALESCE("t18"."actives", 0) AS "actives"
    FROM (SELECT CAST('2024-01-01' AS DATE) AS "period_start", CAST('2024-01-01' AS DATE) AS "unit_start", 1 AS "days") AS "t3"
    CROSS JOIN (
      SELECT DISTINCT
        "t14"."segment"
      FROM "t13" AS "t14"
    ) AS "t16"
    LEFT OUTER JOIN (
      SELECT
        "t14"."unit_start",
        "t14"."segment",
        COUNT("t14"."customer_id") AS "actives"
      FROM "t13" AS "t14"
      GROUP BY
        1,
        2
    ) AS "t18"
      ON "t3"."unit_start" = "t18"."unit_start" AND "t16"."segment" = "t18"."segment"
  ) AS "t19"
  GROUP BY
    1,
    2
) AS "t20"
