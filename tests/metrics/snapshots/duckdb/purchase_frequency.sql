SELECT
  'purchase_frequency' AS "metric",
  "t12"."period_start",
  "t12"."segment",
  "t12"."value",
  "t12"."value" - (
    (
      COALESCE("t12"."sd", 0) * 1.959963984540054
    ) / SQRT(
      CASE WHEN "t12"."n" > 0 THEN CAST("t12"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
    )
  ) AS "ci_low",
  "t12"."value" + (
    (
      COALESCE("t12"."sd", 0) * 1.959963984540054
    ) / SQRT(
      CASE WHEN "t12"."n" > 0 THEN CAST("t12"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
    )
  ) AS "ci_high",
  "t12"."n"
FROM (
  SELECT
    "t11"."period_start",
    "t11"."segment",
    AVG("t11"."orders") AS "value",
    STDDEV_SAMP("t11"."orders") AS "sd",
    COUNT(*) AS "n"
  FROM (
    SELECT
      "t10"."customer_id",
      "t10"."period_start",
      "t10"."orders",
      COALESCE("t10"."segment_", 'unknown') AS "segment"
    FROM (
      SELECT
        "t9"."customer_id",
        "t9"."period_start",
        "t9"."orders",
        "t3"."segment_customer_",
        "t3"."segment_"
      FROM (
        SELECT
          "t7"."customer_id",
          "t7"."period_start",
          SUM("t7"."orders") AS "orders"
        FROM (
          SELECT
            "t6"."customer_id",
            "t6"."day",
            "t6"."amount",
            "t6"."orders",
            DATE_TRUNC('MONTH', "t6"."day") AS "period_start"
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
          ) AS "t6"
          WHERE
            "t6"."day" BETWEEN MAKE_DATE(2024, 1, 1) AND MAKE_DATE(2024, 1, 1)
        ) AS "t7"
        GROUP BY
          1,
          2
      ) AS "t9"
      LEFT OUTER JOIN (
        SELECT
          "t0"."customer_id" AS "segment_customer_",
          "t0"."country" AS "segment_"
        FROM "customers" AS "t0"
      ) AS "t3"
        ON "t9"."customer_id" = "t3"."segment_customer_"
    ) AS "t10"
  ) AS "t11"
  GROUP BY
    1,
    2
) AS "t12"
