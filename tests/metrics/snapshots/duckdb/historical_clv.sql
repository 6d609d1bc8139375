SELECT
  'historical_clv' AS "metric",
  "t20"."period_start",
  "t20"."segment",
  "t20"."value",
  "t20"."value" - (
    (
      COALESCE("t20"."sd", 0) * 1.959963984540054
    ) / SQRT(
      CASE WHEN "t20"."n" > 0 THEN CAST("t20"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
    )
  ) AS "ci_low",
  "t20"."value" + (
    (
      COALESCE("t20"."sd", 0) * 1.959963984540054
    ) / SQRT(
      CASE WHEN "t20"."n" > 0 THEN CAST("t20"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
    )
  ) AS "ci_high",
  "t20"."n"
FROM (
  SELECT
    "t19"."period_start",
    "t19"."segment",
    "t19"."total" / CAST("t19"."n" AS DOUBLE) AS "value",
    CASE
      WHEN "t19"."n" > 1
      THEN SQRT(
        GREATEST(
          (
            "t19"."squares" - (
              (
                "t19"."total" * "t19"."total"
              ) / CAST("t19"."n" AS DOUBLE)
            )
          ) / (
            CAST("t19"."n" AS DOUBLE) - 1
          ),
          0
        )
      )
      ELSE CAST(NULL AS DOUBLE)
    END AS "sd",
    "t19"."n"
  FROM (
    SELECT
      "t18"."period_start",
      "t18"."segment",
      SUM("t18"."joined") AS "n",
      SUM("t18"."revenue") AS "total",
      SUM("t18"."squares") AS "squares"
    FROM (
      SELECT
        "t17"."bucket",
        "t17"."segment",
        "t17"."joined",
        "t17"."revenue",
        "t17"."squares",
        "t3"."period_start",
        "t3"."first_day",
        "t3"."last_day",
        "t3"."days"
      FROM (
        SELECT
          "t15"."bucket",
          "t15"."segment",
          SUM(CAST("t15"."first" AS INT)) AS "joined",
          SUM("t15"."amount") AS "revenue",
          SUM("t15"."amount" * (
            (
              "t15"."to_date" * 2
            ) - "t15"."amount"
          )) AS "squares"
        FROM (
          SELECT
            "t14".*
            EXCLUDE ("segment_", "segment_customer_")
          FROM (
            SELECT
              "t13"."customer_id",
              "t13"."bucket",
              "t13"."amount",
              "t13"."to_date",
              "t13"."first",
              "t13"."segment_customer_",
              "t13"."segment_",
              COALESCE("t13"."segment_", 'unknown') AS "segment"
            FROM (
              SELECT
                "t12"."customer_id",
                "t12"."bucket",
                "t12"."amount",
                "t12"."to_date",
                "t12"."first",
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
                  LAG("t10"."bucket") OVER (
                    PARTITION BY "t10"."customer_id"
                    ORDER BY "t10"."bucket" ASC
                    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                  ) IS NULL AS "first"
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
                          CAST(TIMEZONE('Europe/Amsterdam', "t6"."ordered_at") AS DATE) AS "day"
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
              LEFT OUTER JOIN (
                SELECT
                  "t1"."customer_id" AS "segment_customer_",
                  "t1"."country" AS "segment_"
                FROM "customers" AS "t1"
              ) AS "t5"
                ON "t12"."customer_id" = "t5"."segment_customer_"
            ) AS "t13"
          ) AS "t14"
        ) AS "t15"
        GROUP BY
          1,
          2
      ) AS "t17"
      INNER JOIN (SELECT CAST('2024-01-01' AS DATE) AS "period_start", CAST('2024-01-01' AS DATE) AS "first_day", CAST('2024-01-01' AS DATE) AS "last_day", 1 AS "days") AS "t3"
        ON "t17"."bucket" <= "t3"."period_start"
    ) AS "t18"
    GROUP BY
      1,
      2
  ) AS "t19"
) AS "t20"
