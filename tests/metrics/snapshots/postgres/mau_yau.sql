SELECT
  'mau_yau' AS "metric",
  "t21"."period_start",
  "t21"."segment",
  "t21"."value",
  CASE
    WHEN "t21"."n" > 1
    THEN GREATEST(
      "t21"."value" - (
        (
          CAST("t21"."sd" AS DOUBLE PRECISION) / SQRT(CAST("t21"."n" AS DOUBLE PRECISION))
        ) * 1.959963984540054
      ),
      0.0
    )
    ELSE CAST(NULL AS DOUBLE PRECISION)
  END AS "ci_low",
  CASE
    WHEN "t21"."n" > 1
    THEN LEAST(
      "t21"."value" + (
        (
          CAST("t21"."sd" AS DOUBLE PRECISION) / SQRT(CAST("t21"."n" AS DOUBLE PRECISION))
        ) * 1.959963984540054
      ),
      1.0
    )
    ELSE CAST(NULL AS DOUBLE PRECISION)
  END AS "ci_high",
  "t21"."n"
FROM (
  SELECT
    "t20"."period_start",
    "t20"."segment",
    AVG(CAST("t20"."k" AS DOUBLE PRECISION) / "t20"."months") AS "value",
    STDDEV_SAMP(CAST("t20"."k" AS DOUBLE PRECISION) / "t20"."months") AS "sd",
    COUNT(*) AS "n"
  FROM (
    SELECT
      "t19"."period_start",
      "t19"."segment",
      "t19"."customer_id",
      "t19"."k",
      "t6"."months"
    FROM (
      SELECT
        "t17"."period_start",
        "t17"."segment",
        "t17"."customer_id",
        COUNT(*) AS "k"
      FROM (
        SELECT
          "t16"."customer_id",
          "t16"."segment",
          "t16"."unit_start",
          "t16"."active_days",
          "t3"."period_start",
          "t3"."days"
        FROM (
          SELECT
            "t14"."customer_id",
            "t14"."segment",
            "t14"."unit_start",
            COUNT(*) AS "active_days"
          FROM (
            SELECT
              "t13"."customer_id",
              "t13"."day",
              "t13"."first_at",
              COALESCE("t13"."segment_", 'unknown') AS "segment",
              DATE_TRUNC('MONTH', "t13"."day") AS "unit_start"
            FROM (
              SELECT
                "t12"."customer_id",
                "t12"."day",
                "t12"."first_at",
                "t7"."segment_customer_",
                "t7"."segment_"
              FROM (
                SELECT
                  "t10"."customer_id",
                  "t10"."day",
                  MIN("t10"."at") AS "first_at"
                FROM (
                  SELECT
                    *
                  FROM (
                    SELECT
                      "t8"."customer_id",
                      DATE(TIMEZONE('Europe/Amsterdam', "t8"."occurred_at")) AS "day",
                      "t8"."occurred_at" AS "at"
                    FROM (
                      SELECT
                        *
                      FROM "events" AS "t2"
                      WHERE
                        "t2"."occurred_at" >= CAST('2023-11-30T23:00:00+00:00' AS TIMESTAMPTZ)
                        AND "t2"."occurred_at" < CAST('2024-01-01T23:00:00+00:00' AS TIMESTAMPTZ)
                    ) AS "t8"
                  ) AS "t9"
                  WHERE
                    "t9"."customer_id" IS NOT NULL
                ) AS "t10"
                GROUP BY
                  1,
                  2
              ) AS "t12"
              LEFT OUTER JOIN (
                SELECT
                  "t1"."customer_id" AS "segment_customer_",
                  "t1"."country" AS "segment_"
                FROM "customers" AS "t1"
              ) AS "t7"
                ON "t12"."customer_id" = "t7"."segment_customer_"
            ) AS "t13"
            WHERE
              "t13"."first_at" >= CAST('2023-12-31T23:00:00+00:00' AS TIMESTAMPTZ)
              AND "t13"."first_at" < CAST('2024-01-01T23:00:00+00:00' AS TIMESTAMPTZ)
          ) AS "t14"
          GROUP BY
            1,
            2,
            3
        ) AS "t16"
        INNER JOIN (SELECT CAST('2024-01-01' AS DATE) AS "period_start", CAST('2024-01-01' AS DATE) AS "unit_start", 1 AS "days") AS "t3"
          ON "t16"."unit_start" = "t3"."unit_start"
      ) AS "t17"
      GROUP BY
        1,
        2,
        3
    ) AS "t19"
    INNER JOIN (
      SELECT
        "t0"."period_start",
        COUNT(*) AS "months"
      FROM (SELECT CAST('2024-01-01' AS DATE) AS "period_start", CAST('2024-01-01' AS DATE) AS "unit_start", 1 AS "days") AS "t0"
      GROUP BY
        1
    ) AS "t6"
      ON "t19"."period_start" = "t6"."period_start"
  ) AS "t20"
  GROUP BY
    1,
    2
) AS "t21"
