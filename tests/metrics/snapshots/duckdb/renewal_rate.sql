SELECT
  'renewal_rate' AS "metric",
  "t11"."period_start",
  "t11"."segment",
  CAST("t11"."hits" AS DOUBLE) / "t11"."n" AS "value",
  LEAST(
    LEAST(
      (
        (
          (
            CAST("t11"."hits" AS DOUBLE) / CASE WHEN "t11"."n" > 0 THEN CAST("t11"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
          ) + (
            3.8414588206941254 / (
              CASE WHEN "t11"."n" > 0 THEN CAST("t11"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END * 2
            )
          )
        ) / (
          (
            3.8414588206941254 / CASE WHEN "t11"."n" > 0 THEN CAST("t11"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
          ) + 1
        )
      ) - (
        (
          SQRT(
            (
              (
                (
                  CAST("t11"."hits" AS DOUBLE) / CASE WHEN "t11"."n" > 0 THEN CAST("t11"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
                ) * (
                  1 - (
                    CAST("t11"."hits" AS DOUBLE) / CASE WHEN "t11"."n" > 0 THEN CAST("t11"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
                  )
                )
              ) / CASE WHEN "t11"."n" > 0 THEN CAST("t11"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
            ) + (
              3.8414588206941254 / (
                CASE WHEN "t11"."n" > 0 THEN CAST("t11"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END * 4 * CASE WHEN "t11"."n" > 0 THEN CAST("t11"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
              )
            )
          ) * 1.959963984540054
        ) / (
          (
            3.8414588206941254 / CASE WHEN "t11"."n" > 0 THEN CAST("t11"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
          ) + 1
        )
      ),
      CAST("t11"."hits" AS DOUBLE) / CASE WHEN "t11"."n" > 0 THEN CAST("t11"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
    ),
    CAST("t11"."hits" AS DOUBLE) / "t11"."n"
  ) AS "ci_low",
  GREATEST(
    GREATEST(
      (
        (
          (
            CAST("t11"."hits" AS DOUBLE) / CASE WHEN "t11"."n" > 0 THEN CAST("t11"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
          ) + (
            3.8414588206941254 / (
              CASE WHEN "t11"."n" > 0 THEN CAST("t11"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END * 2
            )
          )
        ) / (
          (
            3.8414588206941254 / CASE WHEN "t11"."n" > 0 THEN CAST("t11"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
          ) + 1
        )
      ) + (
        (
          SQRT(
            (
              (
                (
                  CAST("t11"."hits" AS DOUBLE) / CASE WHEN "t11"."n" > 0 THEN CAST("t11"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
                ) * (
                  1 - (
                    CAST("t11"."hits" AS DOUBLE) / CASE WHEN "t11"."n" > 0 THEN CAST("t11"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
                  )
                )
              ) / CASE WHEN "t11"."n" > 0 THEN CAST("t11"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
            ) + (
              3.8414588206941254 / (
                CASE WHEN "t11"."n" > 0 THEN CAST("t11"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END * 4 * CASE WHEN "t11"."n" > 0 THEN CAST("t11"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
              )
            )
          ) * 1.959963984540054
        ) / (
          (
            3.8414588206941254 / CASE WHEN "t11"."n" > 0 THEN CAST("t11"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
          ) + 1
        )
      ),
      CAST("t11"."hits" AS DOUBLE) / CASE WHEN "t11"."n" > 0 THEN CAST("t11"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
    ),
    CAST("t11"."hits" AS DOUBLE) / "t11"."n"
  ) AS "ci_high",
  "t11"."n"
FROM (
  SELECT
    "t10"."period_start",
    "t10"."segment",
    COUNT(*) AS "n",
    COUNT(*) FILTER(WHERE
      COALESCE("t10"."renewed", FALSE)) AS "hits"
  FROM (
    SELECT
      "t9".*
      EXCLUDE ("segment_", "segment_customer_")
    FROM (
      SELECT
        "t8"."subscription_id",
        "t8"."customer_id",
        "t8"."started_at",
        "t8"."mrr",
        "t8"."renewal_due_at",
        "t8"."renewed",
        "t8"."due",
        "t8"."period_start",
        "t8"."segment_customer_",
        "t8"."segment_",
        COALESCE("t8"."segment_", 'unknown') AS "segment"
      FROM (
        SELECT
          "t7"."subscription_id",
          "t7"."customer_id",
          "t7"."started_at",
          "t7"."mrr",
          "t7"."renewal_due_at",
          "t7"."renewed",
          "t7"."due",
          "t7"."period_start",
          "t3"."segment_customer_",
          "t3"."segment_"
        FROM (
          SELECT
            "t5"."subscription_id",
            "t5"."customer_id",
            "t5"."started_at",
            "t5"."mrr",
            "t5"."renewal_due_at",
            "t5"."renewed",
            "t5"."due",
            DATE_TRUNC('MONTH', "t5"."due") AS "period_start"
          FROM (
            SELECT
              *
            FROM (
              SELECT
                "t1"."subscription_id",
                "t1"."customer_id",
                "t1"."started_at",
                "t1"."mrr",
                "t1"."renewal_due_at",
                "t1"."renewed",
                CAST(TIMEZONE('Europe/Amsterdam', "t1"."renewal_due_at") AS DATE) AS "due"
              FROM "subscriptions" AS "t1"
            ) AS "t4"
            WHERE
              "t4"."due" IS NOT NULL
              AND "t4"."due" BETWEEN MAKE_DATE(2024, 1, 1) AND MAKE_DATE(2024, 1, 1)
              AND (
                (
                  "t4"."renewed" IS NOT NULL
                )
                OR (
                  "t4"."renewal_due_at" <= CAST(CURRENT_TIMESTAMP AS TIMESTAMP)
                )
              )
          ) AS "t5"
        ) AS "t7"
        LEFT OUTER JOIN (
          SELECT
            "t0"."customer_id" AS "segment_customer_",
            "t0"."country" AS "segment_"
          FROM "customers" AS "t0"
        ) AS "t3"
          ON "t7"."customer_id" = "t3"."segment_customer_"
      ) AS "t8"
    ) AS "t9"
  ) AS "t10"
  GROUP BY
    1,
    2
) AS "t11"
