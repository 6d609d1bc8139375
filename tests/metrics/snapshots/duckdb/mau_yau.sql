SELECT
  'mau_yau' AS "metric",
  "t20"."period_start",
  "t20"."segment",
  "t20"."value",
  CASE
    WHEN "t20"."n" > 1
    THEN GREATEST(
      "t20"."value" - (
        (
          "t20"."sd" / SQRT(CAST("t20"."n" AS DOUBLE))
        ) * 1.959963984540054
      ),
      0.0
    )
    ELSE CAST(NULL AS DOUBLE)
  END AS "ci_low",
  CASE
    WHEN "t20"."n" > 1
    THEN LEAST(
      "t20"."value" + (
        (
          "t20"."sd" / SQRT(CAST("t20"."n" AS DOUBLE))
        ) * 1.959963984540054
      ),
      1.0
    )
    ELSE CAST(NULL AS DOUBLE)
  END AS "ci_high",
  "t20"."n"
FROM (
  SELECT
    "t19"."period_start",
    "t19"."segment",
    AVG(CAST("t19"."k" AS DOUBLE) / "t19"."months") AS "value",
    STDDEV_SAMP(CAST("t19"."k" AS DOUBLE) / "t19"."months") AS "sd",
    COUNT(*) AS "n"
  FROM (
    SELECT
      "t18"."period_start",
      "t18"."segment",
      "t18"."customer_id",
      "t18"."k",
      "t6"."months"
    FROM (
      SELECT
        "t16"."period_start",
        "t16"."segment",
        "t16"."customer_id",
        COUNT(*) AS "k"
      FROM (
        SELECT
          "t15"."customer_id",
          "t15"."segment",
          "t15"."unit_start",
          "t3"."period_start",
          "t3"."days"
        FROM (
          SELECT DISTINCT
            "t13"."customer_id",
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
                    CAST(TIMEZONE('Europe/Amsterdam', "t8"."occurred_at") AS DATE) AS "day",
                    "t8"."occurred_at" AS "at"
                  FROM (
                    SELECT
                      *
                    FROM "events" AS "t2"
                    WHERE
                      "t2"."occurred_at" >= MAKE_TIMESTAMPTZ(2023, 11, 30, 23, 0, 0.0, 'UTC')
                      AND "t2"."occurred_at" < MAKE_TIMESTAMPTZ(2024, 1, 1, 23, 0, 0.0, 'UTC')
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
            "t13"."first_at" >= MAKE_TIMESTAMPTZ(2023, 12, 31, 23, 0, 0.0, 'UTC')
            AND "t13"."first_at" < MAKE_TIMESTAMPTZ(2024, 1, 1, 23, 0, 0.0, 'UTC')
        ) AS "t15"
        INNER JOIN (SELECT CAST('2024-01-01' AS DATE) AS "period_start", CAST('2024-01-01' AS DATE) AS "unit_start", 1 AS "days") AS "t3"
          ON "t15"."unit_start" = "t3"."unit_start"
      ) AS "t16"
      GROUP BY
        1,
        2,
        3
    ) AS "t18"
    INNER JOIN (
      SELECT
        "t0"."period_start",
        COUNT(*) AS "months"
      FROM (SELECT CAST('2024-01-01' AS DATE) AS "period_start", CAST('2024-01-01' AS DATE) AS "unit_start", 1 AS "days") AS "t0"
      GROUP BY
        1
    ) AS "t6"
      ON "t18"."period_start" = "t6"."period_start"
  ) AS "t19"
  GROUP BY
    1,
    2
) AS "t20"
