SELECT
  'historical_clv' AS "metric",
  "t14"."period_start",
  "t14"."segment",
  "t14"."value",
  "t14"."value" - (
    CAST((
      COALESCE("t14"."sd", 0) * 1.959963984540054
    ) AS DOUBLE PRECISION) / SQRT(
      CASE
        WHEN "t14"."n" > 0
        THEN CAST("t14"."n" AS DOUBLE PRECISION)
        ELSE CAST(NULL AS DOUBLE PRECISION)
      END
    )
  ) AS "ci_low",
  "t14"."value" + (
    CAST((
      COALESCE("t14"."sd", 0) * 1.959963984540054
    ) AS DOUBLE PRECISION) / SQRT(
      CASE
        WHEN "t14"."n" > 0
        THEN CAST("t14"."n" AS DOUBLE PRECISION)
        ELSE CAST(NULL AS DOUBLE PRECISION)
      END
    )
  ) AS "ci_high",
  "t14"."n"
FROM (
  SELECT
    "t13"."period_start",
    "t13"."segment",
    AVG("t13"."to_date") AS "value",
    STDDEV_SAMP("t13"."to_date") AS "sd",
    COUNT(*) AS "n"
  FROM (
    SELECT
      "t12"."customer_id",
      "t12"."period_start",
      "t12"."to_date",
      COALESCE("t12"."segment_", 'unknown') AS "segment"
    FROM (
      SELECT
        "t11"."customer_id",
        "t3"."period_start",
        "t11"."to_date",
        "t5"."segment_customer_",
        "t5"."segment_"
      FROM (
        SELECT
          "t9"."customer_id",
          "t9"."bucket",
          "t9"."amount",
          SUM("t9"."amount") OVER (
            PARTITION BY "t9"."customer_id"
            ORDER BY "t9"."bucket" ASC
            ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
          ) AS "to_date",
          LEAD("t9"."bucket") OVER (
            PARTITION BY "t9"."customer_id"
            ORDER BY "t9"."bucket" ASC
            ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
          ) AS "until"
        FROM (
          SELECT
            "t8"."customer_id",
            "t8"."bucket",
            SUM("t8"."amount") AS "amount"
          FROM (
            SELECT
              "t7"."order_id",
              "t7"."customer_id",
              "t7"."ordered_at",
              "t7"."amount",
              "t7"."status",
              "t7"."day",
              DATE_TRUNC('MONTH', "t7"."day") AS "bucket"
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
            WHERE
              "t7"."day" <= MAKE_DATE(2024, 1, 1)
          ) AS "t8"
          GROUP BY
            1,
            2
        ) AS "t9"
      ) AS "t11"
      INNER JOIN (SELECT CAST('2024-01-01' AS DATE) AS "period_start", CAST('2024-01-01' AS DATE) AS "first_day", CAST('2024-01-01' AS DATE) AS "last_day", 1 AS "days") AS "t3"
        ON "t11"."bucket" <= "t3"."period_start"
        AND (
          (
            "t11"."until" IS NULL
          ) OR (
            "t11"."until" > "t3"."period_start"
          )
        )
      LEFT OUTER JOIN (
        SELECT
          "t1"."customer_id" AS "segment_customer_",
          "t1"."country" AS "segment_"
        FROM "customers" AS "t1"
      ) AS "t5"
        ON "t11"."customer_id" = "t5"."segment_customer_"
    ) AS "t12"
  ) AS "t13"
  GROUP BY
    1,
    2
) AS "t14"
