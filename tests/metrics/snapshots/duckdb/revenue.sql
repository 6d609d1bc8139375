SELECT
  'revenue' AS "metric",
  "t10"."period_start",
  "t10"."segment",
  "t10"."value",
  "t10"."ci_low",
  "t10"."ci_high",
  "t10"."n"
FROM (
  SELECT
    "t9"."period_start",
    "t9"."segment",
    SUM("t9"."amount") AS "value",
    CAST(NULL AS DOUBLE) AS "ci_low",
    CAST(NULL AS DOUBLE) AS "ci_high",
    SUM("t9"."orders") AS "n"
  FROM (
    SELECT
      "t8"."customer_id",
      "t8"."day",
      "t8"."amount",
      "t8"."orders",
      COALESCE("t8"."segment_", 'unknown') AS "segment",
      DATE_TRUNC('MONTH', "t8"."day") AS "period_start"
    FROM (
      SELECT
        "t7"."customer_id",
        "t7"."day",
        "t7"."amount",
        "t7"."orders",
        "t3"."segment_customer_",
        "t3"."segment_"
      FROM (
        SELECT
          "t5"."customer_id",
          "t5"."day",
          SUM("t5"."amount") AS "amount",
          COUNT(*) AS "orders"
        FROM (
          SELECT
            "t4"."order_id",
            "t4"."customer_id",
            "t4"."ordered_at",
            "t4"."amount",
            "t4"."status",
            CAST(TIMEZONE('Europe/Amsterdam', "t4"."ordered_at") AS DATE) AS "day"
          FROM (
            SELECT
              *
            FROM "orders" AS "t1"
            WHERE
              "t1"."status" = 'completed'
          ) AS "t4"
        ) AS "t5"
        GROUP BY
          1,
          2
      ) AS "t7"
      LEFT OUTER JOIN (
        SELECT
          "t0"."customer_id" AS "segment_customer_",
          "t0"."country" AS "segment_"
        FROM "customers" AS "t0"
      ) AS "t3"
        ON "t7"."customer_id" = "t3"."segment_customer_"
    ) AS "t8"
    WHERE
      "t8"."day" BETWEEN MAKE_DATE(2024, 1, 1) AND MAKE_DATE(2024, 1, 1)
  ) AS "t9"
  GROUP BY
    1,
    2
) AS "t10"
