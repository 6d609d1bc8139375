SELECT
  'time_between_purchases' AS "metric",
  "t15"."period_start",
  "t15"."segment",
  "t15"."value",
  "t15"."ci_low",
  "t15"."ci_high",
  "t15"."n"
FROM (
  SELECT
    "t14"."period_start",
    "t14"."segment",
    CAST(MIN("t14"."value") FILTER(WHERE
      "t14"."upto" >= CAST(FLOOR((
        (
          "t14"."total" - 1
        ) * 0.5
      ) + 1) AS BIGINT)) AS DOUBLE) + (
      MAX(
        (
          (
            (
              "t14"."total" - 1
            ) * 0.5
          ) + 1
        ) - CAST(FLOOR((
          (
            "t14"."total" - 1
          ) * 0.5
        ) + 1) AS BIGINT)
      ) * (
        COALESCE(
          CAST(MIN("t14"."value") FILTER(WHERE
            "t14"."upto" >= (
              CAST(FLOOR((
                (
                  "t14"."total" - 1
                ) * 0.5
              ) + 1) AS BIGINT) + 1
            )) AS DOUBLE),
          CAST(MIN("t14"."value") FILTER(WHERE
            "t14"."upto" >= CAST(FLOOR((
              (
                "t14"."total" - 1
              ) * 0.5
            ) + 1) AS BIGINT)) AS DOUBLE)
        ) - CAST(MIN("t14"."value") FILTER(WHERE
          "t14"."upto" >= CAST(FLOOR((
            (
              "t14"."total" - 1
            ) * 0.5
          ) + 1) AS BIGINT)) AS DOUBLE)
      )
    ) AS "value",
    CAST(MIN("t14"."value") FILTER(WHERE
      "t14"."upto" >= GREATEST(
        CAST(FLOOR(
          (
            (
              "t14"."total" / 2
            ) - (
              (
                SQRT(CAST("t14"."total" AS DOUBLE)) * 1.959963984540054
              ) / 2
            )
          ) + 0.5
        ) AS BIGINT),
        1
      )) AS DOUBLE) AS "ci_low",
    CAST(MIN("t14"."value") FILTER(WHERE
      "t14"."upto" >= LEAST(
        CAST(FLOOR(
          (
            "t14"."total" / 2
          ) + 1 + (
            (
              SQRT(CAST("t14"."total" AS DOUBLE)) * 1.959963984540054
            ) / 2
          ) + 0.5
        ) AS BIGINT),
        "t14"."total"
      )) AS DOUBLE) AS "ci_high",
    SUM("t14"."freq") AS "n"
  FROM (
    SELECT
      "t13"."period_start",
      "t13"."segment",
      "t13"."value",
      "t13"."freq",
      SUM("t13"."freq") OVER (
        PARTITION BY "t13"."period_start", "t13"."segment"
        ORDER BY "t13"."value" ASC
        ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
      ) AS "upto",
      SUM("t13"."freq") OVER (
        PARTITION BY "t13"."period_start", "t13"."segment"
        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
      ) AS "total"
    FROM (
      SELECT
        "t12"."period_start",
        "t12"."segment",
        "t12"."gap" AS "value",
        COUNT(*) AS "freq"
      FROM (
        SELECT
          "t11"."customer_id",
          "t11"."period_start",
          "t11"."gap",
          COALESCE("t11"."segment_", 'unknown') AS "segment"
        FROM (
          SELECT
            "t10"."customer_id",
            "t10"."period_start",
            "t10"."gap",
            "t3"."segment_customer_",
            "t3"."segment_"
          FROM (
            SELECT
              "t8"."customer_id",
              DATE_TRUNC('MONTH', "t8"."day") AS "period_start",
              DATE_DIFF('DAY', "t8"."previous_day", "t8"."day") AS "gap"
            FROM (
              SELECT
                "t7"."customer_id",
                "t7"."day",
                "t7"."revenue",
                "t7"."orders",
                LAG("t7"."day") OVER (
                  PARTITION BY "t7"."customer_id"
                  ORDER BY "t7"."day" ASC
                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                ) AS "previous_day",
                LEAD("t7"."day") OVER (
                  PARTITION BY "t7"."customer_id"
                  ORDER BY "t7"."day" ASC
                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                ) AS "next_day",
                MIN("t7"."day") OVER (
                  PARTITION BY "t7"."customer_id"
                  ORDER BY "t7"."day" ASC
                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                ) AS "first_day"
              FROM (
                SELECT
                  "t6"."customer_id",
                  "t6"."day",
                  "t6"."amount" AS "revenue",
                  "t6"."orders"
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
                  "t6"."day" <= MAKE_DATE(2024, 1, 1)
              ) AS "t7"
            ) AS "t8"
            WHERE
              "t8"."previous_day" IS NOT NULL
              AND "t8"."day" BETWEEN MAKE_DATE(2024, 1, 1) AND MAKE_DATE(2024, 1, 1)
          ) AS "t10"
          LEFT OUTER JOIN (
            SELECT
              "t0"."customer_id" AS "segment_customer_",
              "t0"."country" AS "segment_"
            FROM "customers" AS "t0"
          ) AS "t3"
            ON "t10"."customer_id" = "t3"."segment_customer_"
        ) AS "t11"
      ) AS "t12"
      GROUP BY
        1,
        2,
        3
    ) AS "t13"
  ) AS "t14"
  GROUP BY
    1,
    2
) AS "t15"
