WITH "t9" AS (
  SELECT
    "t7"."order_id",
    "t7"."customer_id",
    "t7"."ordered_at",
    "t7"."amount",
    "t7"."status",
    DATE(TIMEZONE('Europe/Amsterdam', "t7"."ordered_at")) AS "day"
  FROM (
    SELECT
      *
    FROM "orders" AS "t2"
    WHERE
      "t2"."status" = 'completed'
  ) AS "t7"
)
SELECT
  'stickiness_by_value' AS "metric",
  "t23"."period_start",
  "t23"."segment",
  CAST("t23"."hits" AS DOUBLE PRECISION) / "t23"."n" AS "value",
  LEAST(
    LEAST(
      (
        CAST((
          (
            CAST("t23"."hits" AS DOUBLE PRECISION) / CASE
              WHEN "t23"."n" > 0
              THEN CAST("t23"."n" AS DOUBLE PRECISION)
              ELSE CAST(NULL AS DOUBLE PRECISION)
            END
          ) + (
            CAST(3.8414588206941254 AS DOUBLE PRECISION) / (
              CASE
                WHEN "t23"."n" > 0
                THEN CAST("t23"."n" AS DOUBLE PRECISION)
                ELSE CAST(NULL AS DOUBLE PRECISION)
              END * 2
            )
          )
        ) AS DOUBLE PRECISION) / (
          (
            CAST(3.8414588206941254 AS DOUBLE PRECISION) / CASE
              WHEN "t23"."n" > 0
              THEN CAST("t23"."n" AS DOUBLE PRECISION)
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
                  CAST("t23"."hits" AS DOUBLE PRECISION) / CASE
                    WHEN "t23"."n" > 0
                    THEN CAST("t23"."n" AS DOUBLE PRECISION)
                    ELSE CAST(NULL AS DOUBLE PRECISION)
                  END
                ) * (
                  1 - (
                    CAST("t23"."hits" AS DOUBLE PRECISION) / CASE
                      WHEN "t23"."n" > 0
                      THEN CAST("t23"."n" AS DOUBLE PRECISION)
                      ELSE CAST(NULL AS DOUBLE PRECISION)
                    END
                  )
                )
              ) AS DOUBLE PRECISION) / CASE
                WHEN "t23"."n" > 0
                THEN CAST("t23"."n" AS DOUBLE PRECISION)
                ELSE CAST(NULL AS DOUBLE PRECISION)
              END
            ) + (
              CAST(3.8414588206941254 AS DOUBLE PRECISION) / (
                CASE
                  WHEN "t23"."n" > 0
                  THEN CAST("t23"."n" AS DOUBLE PRECISION)
                  ELSE CAST(NULL AS DOUBLE PRECISION)
                END * 4 * CASE
                  WHEN "t23"."n" > 0
                  THEN CAST("t23"."n" AS DOUBLE PRECISION)
                  ELSE CAST(NULL AS DOUBLE PRECISION)
                END
              )
            )
          ) * 1.959963984540054
        ) AS DOUBLE PRECISION) / (
          (
            CAST(3.8414588206941254 AS DOUBLE PRECISION) / CASE
              WHEN "t23"."n" > 0
              THEN CAST("t23"."n" AS DOUBLE PRECISION)
              ELSE CAST(NULL AS DOUBLE PRECISION)
            END
          ) + 1
        )
      ),
      CAST("t23"."hits" AS DOUBLE PRECISION) / CASE
        WHEN "t23"."n" > 0
        THEN CAST("t23"."n" AS DOUBLE PRECISION)
        ELSE CAST(NULL AS DOUBLE PRECISION)
      END
    ),
    CAST("t23"."hits" AS DOUBLE PRECISION) / "t23"."n"
  ) AS "ci_low",
  GREATEST(
    GREATEST(
      (
        CAST((
          (
            CAST("t23"."hits" AS DOUBLE PRECISION) / CASE
              WHEN "t23"."n" > 0
              THEN CAST("t23"."n" AS DOUBLE PRECISION)
              ELSE CAST(NULL AS DOUBLE PRECISION)
            END
          ) + (
            CAST(3.8414588206941254 AS DOUBLE PRECISION) / (
              CASE
                WHEN "t23"."n" > 0
                THEN CAST("t23"."n" AS DOUBLE PRECISION)
                ELSE CAST(NULL AS DOUBLE PRECISION)
              END * 2
            )
          )
        ) AS DOUBLE PRECISION) / (
          (
            CAST(3.8414588206941254 AS DOUBLE PRECISION) / CASE
              WHEN "t23"."n" > 0
              THEN CAST("t23"."n" AS DOUBLE PRECISION)
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
                  CAST("t23"."hits" AS DOUBLE PRECISION) / CASE
                    WHEN "t23"."n" > 0
                    THEN CAST("t23"."n" AS DOUBLE PRECISION)
                    ELSE CAST(NULL AS DOUBLE PRECISION)
                  END
                ) * (
                  1 - (
                    CAST("t23"."hits" AS DOUBLE PRECISION) / CASE
                      WHEN "t23"."n" > 0
                      THEN CAST("t23"."n" AS DOUBLE PRECISION)
                      ELSE CAST(NULL AS DOUBLE PRECISION)
                    END
                  )
                )
              ) AS DOUBLE PRECISION) / CASE
                WHEN "t23"."n" > 0
                THEN CAST("t23"."n" AS DOUBLE PRECISION)
                ELSE CAST(NULL AS DOUBLE PRECISION)
              END
            ) + (
              CAST(3.8414588206941254 AS DOUBLE PRECISION) / (
                CASE
                  WHEN "t23"."n" > 0
                  THEN CAST("t23"."n" AS DOUBLE PRECISION)
                  ELSE CAST(NULL AS DOUBLE PRECISION)
                END * 4 * CASE
                  WHEN "t23"."n" > 0
                  THEN CAST("t23"."n" AS DOUBLE PRECISION)
                  ELSE CAST(NULL AS DOUBLE PRECISION)
                END
              )
            )
          ) * 1.959963984540054
        ) AS DOUBLE PRECISION) / (
          (
            CAST(3.8414588206941254 AS DOUBLE PRECISION) / CASE
              WHEN "t23"."n" > 0
              THEN CAST("t23"."n" AS DOUBLE PRECISION)
              ELSE CAST(NULL AS DOUBLE PRECISION)
            END
          ) + 1
        )
      ),
      CAST("t23"."hits" AS DOUBLE PRECISION) / CASE
        WHEN "t23"."n" > 0
        THEN CAST("t23"."n" AS DOUBLE PRECISION)
        ELSE CAST(NULL AS DOUBLE PRECISION)
      END
    ),
    CAST("t23"."hits" AS DOUBLE PRECISION) / "t23"."n"
  ) AS "ci_high",
  "t23"."n"
FROM (
  SELECT
    "t22"."period_start",
    "t22"."segment",
    COUNT(*) AS "n",
    COUNT(*) FILTER(WHERE
      "t22"."bought" IS NOT NULL) AS "hits"
  FROM (
    SELECT
      "t21"."customer_id",
      "t21"."period_start",
      "t21"."reason",
      "t21"."bought",
      COALESCE("t21"."segment_", 'unknown') || ' · ' || "t21"."reason" AS "segment"
    FROM (
      SELECT
        "t20"."customer_id",
        "t20"."period_start",
        "t20"."reason",
        "t15"."bought",
        "t6"."segment_customer_",
        "t6"."segment_"
      FROM (
        SELECT
          *
        FROM (
          SELECT
            "t17"."customer_id",
            "t4"."period_start",
            "t4"."first_day",
            "t17"."reason",
            "t16"."first_order"
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
                DATE(TIMEZONE('Europe/Amsterdam', "t8"."responded_at")) AS "day"
              FROM (
                SELECT
                  "t3"."customer_id",
                  "t3"."responded_at",
                  "t3"."survey",
                  "t3"."score",
                  TRIM(' 	
' FROM CAST(NULL AS VARCHAR)) AS "reason"
                FROM "responses" AS "t3"
                WHERE
                  "t3"."survey" = 'product'
                  AND CAST(NULL AS VARCHAR) IS NOT NULL
                  AND TRIM(' 	
' FROM CAST(NULL AS VARCHAR)) <> ''
              ) AS "t8"
            ) AS "t10"
          ) AS "t17"
          INNER JOIN (SELECT CAST('2024-01-01' AS DATE) AS "period_start", CAST('2024-01-01' AS DATE) AS "first_day", CAST('2024-01-01' AS DATE) AS "last_day", 1 AS "days") AS "t4"
            ON "t17"."day" <= "t4"."last_day"
            AND (
              (
                "t17"."next_day" IS NULL
              ) OR (
                "t17"."next_day" > "t4"."last_day"
              )
            )
          INNER JOIN (
            SELECT
              "t11"."customer_id",
              MIN("t11"."day") AS "first_order"
            FROM "t9" AS "t11"
            GROUP BY
              1
          ) AS "t16"
            ON "t17"."customer_id" = "t16"."customer_id"
        ) AS "t18"
        WHERE
          "t18"."first_order" < "t18"."first_day"
      ) AS "t20"
      LEFT OUTER JOIN (
        SELECT DISTINCT
          "t11"."customer_id",
          DATE_TRUNC('MONTH', "t11"."day") AS "period_start",
          1 AS "bought"
        FROM "t9" AS "t11"
        WHERE
          "t11"."day" BETWEEN MAKE_DATE(2024, 1, 1) AND MAKE_DATE(2024, 1, 1)
      ) AS "t15"
        ON "t20"."customer_id" = "t15"."customer_id"
        AND "t20"."period_start" = "t15"."period_start"
      LEFT OUTER JOIN (
        SELECT
          "t0"."customer_id" AS "segment_customer_",
          "t0"."country" AS "segment_"
        FROM "customers" AS "t0"
      ) AS "t6"
        ON "t20"."customer_id" = "t6"."segment_customer_"
    ) AS "t21"
  ) AS "t22"
  GROUP BY
    1,
    2
) AS "t23"
