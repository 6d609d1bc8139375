SELECT
  'purchase_frequency' AS "metric",
  "t11"."period_start",
  "t11"."segment",
  "t11"."value",
  "t11"."value" - (
    (
      COALESCE("t11"."sd", 0) * 1.959963984540054
    ) / SQRT(
      CASE WHEN "t11"."n" > 0 THEN CAST("t11"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
    )
  ) AS "ci_low",
  "t11"."value" + (
    (
      COALESCE("t11"."sd", 0) * 1.959963984540054
    ) / SQRT(
      CASE WHEN "t11"."n" > 0 THEN CAST("t11"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
    )
  ) AS "ci_high",
  "t11"."n"
FROM (
  SELECT
    "t10"."period_start",
    "t10"."segment",
    AVG("t10"."orders") AS "value",
    STDDEV_SAMP("t10"."orders") AS "sd",
    COUNT(*) AS "n"
  FROM (
    SELECT
      "t9"."period_start",
      "t9"."customer_id",
      "t9"."orders",
      COALESCE("t9"."segment_", 'unknown') AS "segment"
    FROM (
      SELECT
        "t8"."period_start",
        "t8"."customer_id",
        "t8"."orders",
        "t3"."segment_customer_",
        "t3"."segment_"
      FROM (
        SELECT
          "t6"."period_start",
          "t6"."customer_id",
          COUNT(*) AS "orders"
        FROM (
          SELECT
            "t5"."order_id",
            "t5"."customer_id",
            "t5"."ordered_at",
            "t5"."amount",
            "t5"."status",
            "t5"."day",
            DATE_TRUNC('MONTH', "t5"."day") AS "period_start"
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
          WHERE
            "t5"."day" BETWEEN MAKE_DATE(2024, 1, 1) AND MAKE_DATE(2024, 1, 1)
        ) AS "t6"
        GROUP BY
          1,
          2
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
    2
) AS "t11"
