SELECT
  'dau_mau' AS "metric",
  "t16"."period_start",
  "t16"."segment",
  CAST("t16"."sa" AS DOUBLE PRECISION) / "t16"."sd" AS "value",
  CASE
    WHEN "t16"."n" > 1
    THEN GREATEST(
      (
        CAST("t16"."sa" AS DOUBLE PRECISION) / "t16"."sd"
      ) - (
        (
          CAST(SQRT(
            (
              CAST(GREATEST(
                (
                  "t16"."saa" - (
                    (
                      CAST("t16"."sa" AS DOUBLE PRECISION) / "t16"."sd"
                    ) * 2 * "t16"."sad"
                  )
                ) + (
                  (
                    CAST("t16"."sa" AS DOUBLE PRECISION) / "t16"."sd"
                  ) * (
                    CAST("t16"."sa" AS DOUBLE PRECISION) / "t16"."sd"
                  ) * "t16"."sdd"
                ),
                0.0
              ) AS DOUBLE PRECISION) / CASE
                WHEN CAST("t16"."n" AS DOUBLE PRECISION) > 1
                THEN CAST("t16"."n" AS DOUBLE PRECISION) - 1
                ELSE CAST(NULL AS DOUBLE PRECISION)
              END
            ) / CAST("t16"."n" AS DOUBLE PRECISION)
          ) AS DOUBLE PRECISION) / (
            "t16"."sd" / CAST("t16"."n" AS DOUBLE PRECISION)
          )
        ) * 1.959963984540054
      ),
      0.0
    )
    ELSE CAST(NULL AS DOUBLE PRECISION)
  END AS "ci_low",
  CASE
    WHEN "t16"."n" > 1
    THEN LEAST(
      (
        CAST("t16"."sa" AS DOUBLE PRECISION) / "t16"."sd"
      ) + (
        (
          CAST(SQRT(
            (
              CAST(GREATEST(
                (
                  "t16"."saa" - (
                    (
                      CAST("t16"."sa" AS DOUBLE PRECISION) / "t16"."sd"
                    ) * 2 * "t16"."sad"
                  )
                ) + (
                  (
                    CAST("t16"."sa" AS DOUBLE PRECISION) / "t16"."sd"
                  ) * (
                    CAST("t16"."sa" AS DOUBLE PRECISION) / "t16"."sd"
                  ) * "t16"."sdd"
                ),
                0.0
              ) AS DOUBLE PRECISION) / CASE
                WHEN CAST("t16"."n" AS DOUBLE PRECISION) > 1
                THEN CAST("t16"."n" AS DOUBLE PRECISION) - 1
                ELSE CAST(NULL AS DOUBLE PRECISION)
              END
            ) / CAST("t16"."n" AS DOUBLE PRECISION)
          ) AS DOUBLE PRECISION) / (
            "t16"."sd" / CAST("t16"."n" AS DOUBLE PRECISION)
          )
        ) * 1.959963984540054
      ),
      1.0
    )
    ELSE CAST(NULL AS DOUBLE PRECISION)
  END AS "ci_high",
  "t16"."n"
FROM (
  SELECT
    "t15"."period_start",
    "t15"."segment",
    SUM(CAST("t15"."active_days" AS DOUBLE PRECISION)) AS "sa",
    SUM(CAST("t15"."days" AS DOUBLE PRECISION)) AS "sd",
    SUM(
      CAST("t15"."active_days" AS DOUBLE PRECISION) * CAST("t15"."active_days" AS DOUBLE PRECISION)
    ) AS "saa",
    SUM(
      CAST("t15"."active_days" AS DOUBLE PRECISION) * CAST("t15"."days" AS DOUBLE PRECISION)
    ) AS "sad",
    SUM(CAST("t15"."days" AS DOUBLE PRECISION) * CAST("t15"."days" AS DOUBLE PRECISION)) AS "sdd",
    COUNT(*) AS "n"
  FROM (
    SELECT
      "t14"."customer_id",
      "t14"."segment",
      "t14"."unit_start",
      "t14"."active_days",
      "t3"."period_start",
      "t3"."days"
    FROM (
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
    ) AS "t14"
    INNER JOIN (SELECT CAST('2024-01-01' AS DATE) AS "period_start", CAST('2024-01-01' AS DATE) AS "unit_start", 1 AS "days") AS "t3"
      ON "t14"."unit_start" = "t3"."unit_start"
  ) AS "t15"
  GROUP BY
    1,
    2
) AS "t16"
