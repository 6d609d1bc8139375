SELECT
  'revenue' AS "metric",
  "t11"."period_start",
  "t11"."segment",
  "t11"."value",
  "t11"."ci_low",
  "t11"."ci_high",
  "t11"."n"
FROM (
  SELECT
    "t10"."period_start",
    "t10"."segment",
    SUM("t10"."amount") AS "value",
    CAST(NULL AS DOUBLE) AS "ci_low",
    CAST(NULL AS DOUBLE) AS "ci_high",
    COUNT(*) AS "n"
  FROM (
    SELECT
      "t9"."order_id",
      "t9"."customer_id",
      "t9"."ordered_at",
      "t9"."amount",
      "t9"."status",
      "t9"."day",
      "t9"."segment",
      DATE_TRUNC('MONTH', "t9"."day") AS "period_start"
    FROM (
      SELECT
        "t8".*
        EXCLUDE ("segment_", "segment_customer_")
      FROM (
        SELECT
          "t7"."order_id",
          "t7"."customer_id",
          "t7"."ordered_at",
          "t7"."amount",
          "t7"."status",
          "t7"."day",
          "t7"."segment_customer_",
          "t7"."segment_",
          COALESCE("t7"."segment_", 'unknown') AS "segment"
        FROM (
          SELECT
            "t6"."order_id",
            "t6"."customer_id",
            "t6"."ordered_at",
            "t6"."amount",
            "t6"."status",
            "t6"."day",
            "t4"."segment_customer_",
            "t4"."segment_"
          FROM (
            SELECT
              "t3"."order_id",
              "t3"."customer_id",
              "t3"."ordered_at",
              "t3"."amount",
              "t3"."status",
              CAST(TIMEZONE('Europe/Amsterdam', "t3"."ordered_at") AS DATE) AS "day"
            FROM (
              SELECT
                *
              FROM "orders" AS "t0"
              WHERE
                "t0"."status" = 'completed'
            ) AS "t3"
          ) AS "t6"
          LEFT OUTER JOIN (
            SELECT
              "t1"."customer_id" AS "segment_customer_",
              "t1"."country" AS "segment_"
            FROM "customers" AS "t1"
          ) AS "t4"
            ON "t6"."customer_id" = "t4"."segment_customer_"
        ) AS "t7"
      ) AS "t8"
    ) AS "t9"
    WHERE
      "t9"."day" BETWEEN MAKE_DATE(2024, 1, 1) AND MAKE_DATE(2024, 1, 1)
  ) AS "t10"
  GROUP BY
    1,
    2
) AS "t11"
