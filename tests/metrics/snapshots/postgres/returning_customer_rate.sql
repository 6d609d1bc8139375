SELECT
  'returning_customer_rate' AS "metric",
  "t14"."period_start",
  "t14"."segment",
  CAST("t14"."hits" AS DOUBLE PRECISION) / "t14"."n" AS "value",
  LEAST(
    LEAST(
      (
        CAST((
          (
            CAST("t14"."hits" AS DOUBLE PRECISION) / CASE
              WHEN "t14"."n" > 0
              THEN CAST("t14"."n" AS DOUBLE PRECISION)
              ELSE CAST(NULL AS DOUBLE PRECISION)
            END
          ) + (
            CAST(3.8414588206941254 AS DOUBLE PRECISION) / (
              CASE
                WHEN "t14"."n" > 0
                THEN CAST("t14"."n" AS DOUBLE PRECISION)
                ELSE CAST(NULL AS DOUBLE PRECISION)
              END * 2
            )
          )
        ) AS DOUBLE PRECISION) / (
          (
            CAST(3.8414588206941254 AS DOUBLE PRECISION) / CASE
              WHEN "t14"."n" > 0
              THEN CAST("t14"."n" AS DOUBLE PRECISION)
              ELSE CAST(NULL AS DOUBLE PRECISION)
            END
          ) + 1
        )
      ) - (
        CAST((
          SQRT(
            (
              CAST((
                (
                  CAST("t14"."hits" AS DOUBLE PRECISION) / CASE
                    WHEN "t14"."n" > 0
                    THEN CAST("t14"."n" AS DOUBLE PRECISION)
                    ELSE CAST(NULL AS DOUBLE PRECISION)
                  END
                ) * (
                  1 - (
                    CAST("t14"."hits" AS DOUBLE PRECISION) / CASE
                      WHEN "t14"."n" > 0
                      THEN CAST("t14"."n" AS DOUBLE PRECISION)
                      ELSE CAST(NULL AS DOUBLE PRECISION)
                    END
                  )
                )
              ) AS DOUBLE PRECISION) / CASE
                WHEN "t14"."n" > 0
                THEN CAST("t14"."n" AS DOUBLE PRECISION)
                ELSE CAST(NULL AS DOUBLE PRECISION)
              END
            ) + (
              CAST(3.8414588206941254 AS DOUBLE PRECISION) / (
                CASE
                  WHEN "t14"."n" > 0
                  THEN CAST("t14"."n" AS DOUBLE PRECISION)
                  ELSE CAST(NULL AS DOUBLE PRECISION)
                END * 4 * CASE
                  WHEN "t14"."n" > 0
                  THEN CAST("t14"."n" AS DOUBLE PRECISION)
                  ELSE CAST(NULL AS DOUBLE PRECISION)
                END
              )
            )
          ) * 1.959963984540054
        ) AS DOUBLE PRECISION) / (
          (
            CAST(3.8414588206941254 AS DOUBLE PRECISION) / CASE
              WHEN "t14"."n" > 0
              THEN CAST("t14"."n" AS DOUBLE PRECISION)
              ELSE CAST(NULL AS DOUBLE PRECISION)
            END
          ) + 1
        )
      ),
      CAST("t14"."hits" AS DOUBLE PRECISION) / CASE
        WHEN "t14"."n" > 0
        THEN CAST("t14"."n" AS DOUBLE PRECISION)
        ELSE CAST(NULL AS DOUBLE PRECISION)
      END
    ),
    CAST("t14"."hits" AS DOUBLE PRECISION) / "t14"."n"
  ) AS "ci_low",
  GREATEST(
    GREATEST(
      (
        CAST((
          (
            CAST("t14"."hits" AS DOUBLE PRECISION) / CASE
              WHEN "t14"."n" > 0
              THEN CAST("t14"."n" AS DOUBLE PRECISION)
              ELSE CAST(NULL AS DOUBLE PRECISION)
            END
          ) + (
            CAST(3.8414588206941254 AS DOUBLE PRECISION) / (
              CASE
                WHEN "t14"."n" > 0
                THEN CAST("t14"."n" AS DOUBLE PRECISION)
                ELSE CAST(NULL AS DOUBLE PRECISION)
              END * 2
            )
          )
        ) AS DOUBLE PRECISION) / (
          (
            CAST(3.8414588206941254 AS DOUBLE PRECISION) / CASE
              WHEN "t14"."n" > 0
              THEN CAST("t14"."n" AS DOUBLE PRECISION)
              ELSE CAST(NULL AS DOUBLE PRECISION)
            END
          ) + 1
        )
      ) + (
        CAST((
          SQRT(
            (
              CAST((
                (
                  CAST("t14"."hits" AS DOUBLE PRECISION) / CASE
                    WHEN "t14"."n" > 0
                    THEN CAST("t14"."n" AS DOUBLE PRECISION)
                    ELSE CAST(NULL AS DOUBLE PRECISION)
                  END
                ) * (
                  1 - (
                    CAST("t14"."hits" AS DOUBLE PRECISION) / CASE
                      WHEN "t14"."n" > 0
                      THEN CAST("t14"."n" AS DOUBLE PRECISION)
                      ELSE CAST(NULL AS DOUBLE PRECISION)
                    END
                  )
                )
              ) AS DOUBLE PRECISION) / CASE
                WHEN "t14"."n" > 0
                THEN CAST("t14"."n" AS DOUBLE PRECISION)
                ELSE CAST(NULL AS DOUBLE PRECISION)
              END
            ) + (
              CAST(3.8414588206941254 AS DOUBLE PRECISION) / (
                CASE
                  WHEN "t14"."n" > 0
                  THEN CAST("t14"."n" AS DOUBLE PRECISION)
                  ELSE CAST(NULL AS DOUBLE PRECISION)
                END * 4 * CASE
                  WHEN "t14"."n" > 0
                  THEN CAST("t14"."n" AS DOUBLE PRECISION)
                  ELSE CAST(NULL AS DOUBLE PRECISION)
                END
              )
            )
          ) * 1.959963984540054
        ) AS DOUBLE PRECISION) / (
          (
            CAST(3.8414588206941254 AS DOUBLE PRECISION) / CASE
              WHEN "t14"."n" > 0
              THEN CAST("t14"."n" AS DOUBLE PRECISION)
              ELSE CAST(NULL AS DOUBLE PRECISION)
            END
          ) + 1
        )
      ),
      CAST("t14"."hits" AS DOUBLE PRECISION) / CASE
        WHEN "t14"."n" > 0
        THEN CAST("t14"."n" AS DOUBLE PRECISION)
        ELSE CAST(NULL AS DOUBLE PRECISION)
      END
    ),
    CAST("t14"."hits" AS DOUBLE PRECISION) / "t14"."n"
  ) AS "ci_high",
  "t14"."n"
FROM (
  SELECT
    "t13"."period_start",
    "t13"."segment",
    COUNT(*) AS "n",
    COUNT(*) FILTER(WHERE
      "t13"."previous_day" IS NOT NULL) AS "hits"
  FROM (
    SELECT
      "t12"."customer_id",
      "t12"."day",
      "t12"."revenue",
      "t12"."orders",
      "t12"."previous_day",
      "t12"."next_day",
      "t12"."first_day",
      "t12"."period_start",
      "t12"."opens_period",
      "t12"."repeats",
      "t12"."segment"
    FROM (
      SELECT
        "t11"."customer_id",
        "t11"."day",
        "t11"."revenue",
        "t11"."orders",
        "t11"."previous_day",
        "t11"."next_day",
        "t11"."first_day",
        "t11"."period_start",
        "t11"."opens_period",
        "t11"."repeats",
        "t11"."segment_customer_",
        "t11"."segment_",
        COALESCE("t11"."segment_", 'unknown') AS "segment"
      FROM (
        SELECT
          "t10"."customer_id",
          "t10"."day",
          "t10"."revenue",
          "t10"."orders",
          "t10"."previous_day",
          "t10"."next_day",
          "t10"."first_day",
          "t10"."period_start",
          "t10"."opens_period",
          "t10"."repeats",
          "t3"."segment_customer_",
          "t3"."segment_"
        FROM (
          SELECT
            "t8"."customer_id",
            "t8"."day",
            "t8"."revenue",
            "t8"."orders",
            "t8"."previous_day",
            "t8"."next_day",
            "t8"."first_day",
            DATE_TRUNC('MONTH', "t8"."day") AS "period_start",
            (
              "t8"."previous_day" IS NULL
            )
            OR (
              "t8"."previous_day" < GREATEST(DATE_TRUNC('MONTH', "t8"."day"), MAKE_DATE(2024, 1, 1))
            ) AS "opens_period",
            (
              "t8"."next_day" IS NOT NULL
            )
            AND (
              DATE_TRUNC('MONTH', "t8"."next_day") = DATE_TRUNC('MONTH', "t8"."day")
            ) AS "repeats"
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
                    DATE(TIMEZONE('Europe/Amsterdam', "t4"."ordered_at")) AS "day"
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
            "t8"."day" BETWEEN MAKE_DATE(2024, 1, 1) AND MAKE_DATE(2024, 1, 1)
            AND (
              (
                "t8"."previous_day" IS NULL
              )
              OR (
                "t8"."previous_day" < GREATEST(DATE_TRUNC('MONTH', "t8"."day"), MAKE_DATE(2024, 1, 1))
              )
            )
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
  ) AS "t13"
  GROUP BY
    1,
    2
) AS "t14"
