WITH "t11" AS (
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
          CAST(TIMEZONE('Europe/Amsterdam', "t6"."occurred_at") AS DATE) AS "day",
          "t6"."occurred_at" AS "at"
        FROM (
          SELECT
            *
          FROM "events" AS "t2"
          WHERE
            "t2"."occurred_at" >= MAKE_TIMESTAMPTZ(2023, 11, 30, 23, 0, 0.0, 'UTC')
            AND "t2"."occurred_at" < MAKE_TIMESTAMPTZ(2024, 1, 1, 23, 0, 0.0, 'UTC')
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
)
SELECT
  'mau' AS "metric",
  "t19"."period_start",
  "t19"."segment",
  "t19"."value",
  CASE
    WHEN "t19"."n" > 1
    THEN GREATEST(
      "t19"."value" - (
        (
          "t19"."sd" * 1.959963984540054
        ) / SQRT(CAST("t19"."n" AS DOUBLE))
      ),
      0.0
    )
    ELSE CAST(NULL AS DOUBLE)
  END AS "ci_low",
  CASE
    WHEN "t19"."n" > 1
    THEN "t19"."value" + (
      (
        "t19"."sd" * 1.959963984540054
      ) / SQRT(CAST("t19"."n" AS DOUBLE))
    )
    ELSE CAST(NULL AS DOUBLE)
  END AS "ci_high",
  "t19"."n"
FROM (
  SELECT
    "t18"."period_start",
    "t18"."segment",
    AVG("t18"."actives") AS "value",
    STDDEV_SAMP("t18"."actives") AS "sd",
    COUNT(*) AS "n"
  FROM (
    SELECT
      "t3"."period_start",
      "t15"."segment",
      "t3"."unit_start",
      COALESCE("t17"."actives", 0) AS "actives"
    FROM (SELECT CAST('2024-01-01' AS DATE) AS "period_start", CAST('2024-01-01' AS DATE) AS "unit_start", 1 AS "days") AS "t3"
    CROSS JOIN (
      SELECT DISTINCT
        COALESCE("t12"."segment_", 'unknown') AS "segment"
      FROM "t11" AS "t12"
      WHERE
        "t12"."first_at" >= MAKE_TIMESTAMPTZ(2023, 12, 31, 23, 0, 0.0, 'UTC')
        AND "t12"."first_at" < MAKE_TIMESTAMPTZ(2024, 1, 1, 23, 0, 0.0, 'UTC')
    ) AS "t15"
    LEFT OUTER JOIN (
      SELECT
        "t14"."unit_start",
        "t14"."segment",
        COUNT(DISTINCT "t14"."customer_id") AS "actives"
      FROM (
        SELECT
          "t12"."customer_id",
          "t12"."day",
          "t12"."first_at",
          COALESCE("t12"."segment_", 'unknown') AS "segment",
          DATE_TRUNC('MONTH', "t12"."day") AS "unit_start"
        FROM "t11" AS "t12"
        WHERE
          "t12"."first_at" >= MAKE_TIMESTAMPTZ(2023, 12, 31, 23, 0, 0.0, 'UTC')
          AND "t12"."first_at" < MAKE_TIMESTAMPTZ(2024, 1, 1, 23, 0, 0.0, 'UTC')
      ) AS "t14"
      GROUP BY
        1,
        2
    ) AS "t17"
      ON "t3"."unit_start" = "t17"."unit_start" AND "t15"."segment" = "t17"."segment"
  ) AS "t18"
  GROUP BY
    1,
    2
) AS "t19"
