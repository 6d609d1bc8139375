WITH "t12" AS (
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
)
SELECT
  'mean_session_duration' AS "metric",
  "t19"."period_start",
  "t19"."segment",
  "t19"."mean" AS "value",
  CASE
    WHEN "t19"."n" > 1
    THEN GREATEST(
      "t19"."mean" - (
        CAST((
          SQRT(
            CAST("t19"."squares" AS DOUBLE PRECISION) / CASE WHEN "t19"."n" > 1 THEN "t19"."n" - 1 ELSE CAST(NULL AS BIGINT) END
          ) * 1.959963984540054
        ) AS DOUBLE PRECISION) / SQRT(CAST("t19"."n" AS DOUBLE PRECISION))
      ),
      0.0
    )
    ELSE CAST(NULL AS DOUBLE PRECISION)
  END AS "ci_low",
  CASE
    WHEN "t19"."n" > 1
    THEN "t19"."mean" + (
      CAST((
        SQRT(
          CAST("t19"."squares" AS DOUBLE PRECISION) / CASE WHEN "t19"."n" > 1 THEN "t19"."n" - 1 ELSE CAST(NULL AS BIGINT) END
        ) * 1.959963984540054
      ) AS DOUBLE PRECISION) / SQRT(CAST("t19"."n" AS DOUBLE PRECISION))
    )
    ELSE CAST(NULL AS DOUBLE PRECISION)
  END AS "ci_high",
  "t19"."n"
FROM (
  SELECT
    "t18"."period_start",
    "t18"."segment",
    "t18"."n",
    "t18"."mean",
    SUM(
      "t18"."freq" * (
        "t18"."value" - "t18"."mean"
      ) * (
        "t18"."value" - "t18"."mean"
      )
    ) AS "squares"
  FROM (
    SELECT
      "t14"."period_start",
      "t14"."segment",
      "t14"."value",
      "t14"."freq",
      "t14"."upto",
      "t14"."total",
      "t17"."n",
      "t17"."mean"
    FROM "t12" AS "t14"
    INNER JOIN (
      SELECT
        "t15"."period_start",
        "t15"."segment",
        "t15"."n",
        "t15"."total" / CAST("t15"."n" AS DOUBLE PRECISION) AS "mean"
      FROM (
        SELECT
          "t13"."period_start",
          "t13"."segment",
          SUM("t13"."freq") AS "n",
          SUM("t13"."freq" * "t13"."value") AS "total"
        FROM "t12" AS "t13"
        GROUP BY
          1,
          2
      ) AS "t15"
    ) AS "t17"
      ON "t14"."period_start" = "t17"."period_start" AND "t14"."segment" = "t17"."segment"
  ) AS "t18"
  GROUP BY
    1,
    2,
    3,
    4
) AS "t19"
