WITH "t11" AS (
  SELECT
    "t9"."customer_id",
    "t9"."day",
    SUM("t9"."amount") AS "amount",
    COUNT(*) AS "orders"
  FROM (
    SELECT
      "t7"."order_id",
      "t7"."customer_id",
      "t7"."ordered_at",
      "t7"."amount",
      "t7"."status",
      CAST(TIMEZONE('Europe/Amsterdam', "t7"."ordered_at") AS DATE) AS "day"
    FROM (
      SELECT
        *
      FROM "orders" AS "t3"
      WHERE
        "t3"."status" = 'completed'
    ) AS "t7"
  ) AS "t9"
  GROUP BY
    1,
    2
)
SELECT
  'stickiness_by_value' AS "metric",
  "t24"."period_start",
  "t24"."segment",
  CAST("t24"."hits" AS DOUBLE) / "t24"."n" AS "value",
  LEAST(
    LEAST(
      (
        (
          (
            CAST("t24"."hits" AS DOUBLE) / CASE WHEN "t24"."n" > 0 THEN CAST("t24"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
          ) + (
            3.8414588206941254 / (
              CASE WHEN "t24"."n" > 0 THEN CAST("t24"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END * 2
            )
          )
        ) / (
          (
            3.8414588206941254 / CASE WHEN "t24"."n" > 0 THEN CAST("t24"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
          ) + 1
        )
      ) - (
        (
          SQRT(
            (
              (
                (
                  CAST("t24"."hits" AS DOUBLE) / CASE WHEN "t24"."n" > 0 THEN CAST("t24"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
                ) * (
                  1 - (
                    CAST("t24"."hits" AS DOUBLE) / CASE WHEN "t24"."n" > 0 THEN CAST("t24"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
                  )
                )
              ) / CASE WHEN "t24"."n" > 0 THEN CAST("t24"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
            ) + (
              3.8414588206941254 / (
                CASE WHEN "t24"."n" > 0 THEN CAST("t24"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END * 4 * CASE WHEN "t24"."n" > 0 THEN CAST("t24"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
              )
            )
          ) * 1.959963984540054
        ) / (
          (
            3.8414588206941254 / CASE WHEN "t24"."n" > 0 THEN CAST("t24"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
          ) + 1
        )
      ),
      CAST("t24"."hits" AS DOUBLE) / CASE WHEN "t24"."n" > 0 THEN CAST("t24"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
    ),
    CAST("t24"."hits" AS DOUBLE) / "t24"."n"
  ) AS "ci_low",
  GREATEST(
    GREATEST(
      (
        (
          (
            CAST("t24"."hits" AS DOUBLE) / CASE WHEN "t24"."n" > 0 THEN CAST("t24"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
          ) + (
            3.8414588206941254 / (
              CASE WHEN "t24"."n" > 0 THEN CAST("t24"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END * 2
            )
          )
        ) / (
          (
            3.8414588206941254 / CASE WHEN "t24"."n" > 0 THEN CAST("t24"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
          ) + 1
        )
      ) + (
        (
          SQRT(
            (
              (
                (
                  CAST("t24"."hits" AS DOUBLE) / CASE WHEN "t24"."n" > 0 THEN CAST("t24"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
                ) * (
                  1 - (
                    CAST("t24"."hits" AS DOUBLE) / CASE WHEN "t24"."n" > 0 THEN CAST("t24"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
                  )
                )
              ) / CASE WHEN "t24"."n" > 0 THEN CAST("t24"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
            ) + (
              3.8414588206941254 / (
                CASE WHEN "t24"."n" > 0 THEN CAST("t24"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END * 4 * CASE WHEN "t24"."n" > 0 THEN CAST("t24"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
              )
            )
          ) * 1.959963984540054
        ) / (
          (
            3.8414588206941254 / CASE WHEN "t24"."n" > 0 THEN CAST("t24"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
          ) + 1
        )
      ),
      CAST("t24"."hits" AS DOUBLE) / CASE WHEN "t24"."n" > 0 THEN CAST("t24"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
    ),
    CAST("t24"."hits" AS DOUBLE) / "t24"."n"
  ) AS "ci_high",
  "t24"."n"
FROM (
  SELECT
    "t23"."period_start",
    "t23"."segment",
    COUNT(*) AS "n",
    COUNT(*) FILTER(WHERE
      "t23"."bought" IS NOT NULL) AS "hits"
  FROM (
    SELECT
      "t22"."customer_id",
      "t22"."period_start",
      "t22"."reason",
      "t22"."bought",
      COALESCE("t22"."segment_", 'unknown') || ' · ' || "t22"."reason" AS "segment"
    FROM (
      SELECT
        "t21"."customer_id",
        "t21"."period_start",
        "t21"."reason",
        "t17"."bought",
        "t6"."segment_customer_",
        "t6"."segment_"
      FROM (
        SELECT
          *
        FROM (
          SELECT
            "t14"."customer_id",
            "t4"."period_start",
            "t4"."first_day",
            "t14"."reason",
            "t18"."first_order"
          FROM (
            SELECT
              "t10"."customer_id",
              "t10"."reason",
              "t10"."responded_at",
              "t10"."day",
              LEAD("t10"."day") OVER (
                PARTITION BY "t10"."customer_id"
                ORDER BY "t10"."responded_at" ASC, "t10"."reason" ASC
                ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
              ) AS "next_day"
            FROM (
              SELECT
                "t8"."customer_id",
                "t8"."reason",
                "t8"."responded_at",
                CAST(TIMEZONE('Europe/Amsterdam', "t8"."responded_at") AS DATE) AS "day"
              FROM (
                SELECT
                  "t2"."customer_id",
                  "t2"."responded_at",
                  "t2"."survey",
                  "t2"."score",
                  TRIM(CAST(NULL AS TEXT), ' 	
') AS "reason"
                FROM "responses" AS "t2"
                WHERE
                  "t2"."survey" = 'product'
                  AND CAST(NULL AS TEXT) IS NOT NULL
                  AND TRIM(CAST(NULL AS TEXT), ' 	
') <> ''
              ) AS "t8"
            ) AS "t10"
          ) AS "t14"
          INNER JOIN (SELECT CAST('2024-01-01' AS DATE) AS "period_start", CAST('2024-01-01' AS DATE) AS "first_day", CAST('2024-01-01' AS DATE) AS "last_day", 1 AS "days") AS "t4"
            ON "t14"."day" <= "t4"."last_day"
            AND (
              (
                "t14"."next_day" IS NULL
              ) OR (
                "t14"."next_day" > "t4"."last_day"
              )
            )
          INNER JOIN (
            SELECT
              "t12"."customer_id",
              MIN("t12"."day") AS "first_order"
            FROM "t11" AS "t12"
            GROUP BY
              1
          ) AS "t18"
            ON "t14"."customer_id" = "t18"."customer_id"
        ) AS "t19"
        WHERE
          "t19"."first_order" < "t19"."first_day"
      ) AS "t21"
      LEFT OUTER JOIN (
        SELECT DISTINCT
          "t12"."customer_id",
          DATE_TRUNC('MONTH', "t12"."day") AS "period_start",
          1 AS "bought"
        FROM "t11" AS "t12"
        WHERE
          "t12"."day" BETWEEN MAKE_DATE(2024, 1, 1) AND MAKE_DATE(2024, 1, 1)
      ) AS "t17"
        ON "t21"."customer_id" = "t17"."customer_id"
        AND "t21"."period_start" = "t17"."period_start"
      LEFT OUTER JOIN (
        SELECT
          "t0"."customer_id" AS "segment_customer_",
          "t0"."country" AS "segment_"
        FROM "customers" AS "t0"
      ) AS "t6"
        ON "t21"."customer_id" = "t6"."segment_customer_"
    ) AS "t22"
  ) AS "t23"
  GROUP BY
    1,
    2
) AS "t24"
