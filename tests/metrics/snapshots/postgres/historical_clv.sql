SELECT
  'historical_clv' AS "metric",
  "t15"."period_start",
  "t15"."segment",
  "t15"."value",
  "t15"."value" - (
    CAST((
      COALESCE("t15"."sd", 0) * 1.959963984540054
    ) AS DOUBLE PRECISION) / SQRT(
      CASE
        WHEN "t15"."n" > 0
        THEN CAST("t15"."n" AS DOUBLE PRECISION)
        ELSE CAST(NULL AS DOUBLE PRECISION)
      END
    )
  ) AS "ci_low",
  "t15"."value" + (
    CAST((
      COALESCE("t15"."sd", 0) * 1.959963984540054
    ) AS DOUBLE PRECISION) / SQRT(
      CASE
        WHEN "t15"."n" > 0
        THEN CAST("t15"."n" AS DOUBLE PRECISION)
        ELSE CAST(NULL AS DOUBLE PRECISION)
      END
    )
  ) AS "ci_high",
  "t15"."n"
FROM (
  SELECT
    "t14"."period_start",
    "t14"."segment",
    AVG("t14"."to_date") AS "value",
    STDDEV_SAMP("t14"."to_date") AS "sd",
    COUNT(*) AS "n"
  FROM (
    SELECT
      "t13"."customer_id",
      "t13"."period_start",
      "t13"."to_date",
      COALESCE("t13"."segment_", 'unknown') AS "segment"
    FROM (
      SELECT
        "t12"."customer_id",
        "t3"."period_start",
        "t12"."to_date",
        "t5"."segment_customer_",
        "t5"."segment_"
      FROM (
        SELECT
          "t10"."customer_id",
          "t10"."bucket",
          "t10"."amount",
          SUM("t10"."amount") OVER (
            PARTITION BY "t10"."customer_id"
            ORDER BY "t10"."bucket" ASC
            ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
          ) AS "to_date",
          LEAD("t10"."bucket") OVER (
            PARTITION BY "t10"."customer_id"
            ORDER BY "t10"."bucket" ASC
            ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
          ) AS "until"
        FROM (
          SELECT
            "t9"."customer_id",
            "t9"."bucket",
            SUM("t9"."amount") AS "amount"
          FROM (
            SELECT
              "t8"."customer_id",
              "t8"."day",
              "t8"."amount",
              "t8"."orders",
              DATE_TRUNC('MONTH', "t8"."day") AS "bucket"
            FROM (
              SELECT
                "t7"."customer_id",
                "t7"."day",
                SUM("t7"."amount") AS "amount",
                COUNT(*) AS "orders"
              FROM (
                SELECT
                  "t6"."order_id",
                  "t6"."customer_id",
                  "t6"."ordered_at",
                  "t6"."amount",
                  "t6"."status",
                  DATE(TIMEZONE('Europe/Amsterdam', "t6"."ordered_at")) AS "day"
                FROM (
                  SELECT
                    *
                  FROM "orders" AS "t2"
                  WHERE
                    "t2"."status" = 'completed'
                ) AS "t6"
              ) AS "t7"
              GROUP BY
                1,
                2
            ) AS "t8"
            WHERE
              "t8"."day" <= MAKE_DATE(2024, 1, 1)
          ) AS "t9"
          GROUP BY
            1,
            2
        ) AS "t10"
      ) AS "t12"
      INNER JOIN (SELECT CAST('2024-01-01' AS DATE) AS "period_start", CAST('2024-01-01' AS DATE) AS "first_day", CAST('2024-01-01' AS DATE) AS "last_day", 1 AS "days") AS "t3"
        ON "t12"."bucket" <= "t3"."period_start"
        AND (
          (
            "t12"."until" IS NULL
          ) OR (
            "t12"."until" > "t3"."period_start"
          )
        )
      LEFT OUTER JOIN (
        SELECT
          "t1"."customer_id" AS "segment_customer_",
          "t1"."country" AS "segment_"
        FROM "customers" AS "t1"
      ) AS "t5"
        ON "t12"."customer_id" = "t5"."segment_customer_"
    ) AS "t13"
  ) AS "t14"
  GROUP BY
    1,
    2
) AS "t15"
