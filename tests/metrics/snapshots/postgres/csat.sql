SELECT
  'csat' AS "metric",
  "t11"."period_start",
  "t11"."segment",
  CAST("t11"."satisfied" AS DOUBLE PRECISION) / "t11"."n" AS "value",
  LEAST(
    (
      CAST((
        (
          CAST("t11"."satisfied" AS DOUBLE PRECISION) / CASE
            WHEN "t11"."n" > 0
            THEN CAST("t11"."n" AS DOUBLE PRECISION)
            ELSE CAST(NULL AS DOUBLE PRECISION)
          END
        ) + (
          CAST(3.8414588206941254 AS DOUBLE PRECISION) / (
            CASE
              WHEN "t11"."n" > 0
              THEN CAST("t11"."n" AS DOUBLE PRECISION)
              ELSE CAST(NULL AS DOUBLE PRECISION)
            END * 2
          )
        )
      ) AS DOUBLE PRECISION) / (
        (
          CAST(3.8414588206941254 AS DOUBLE PRECISION) / CASE
            WHEN "t11"."n" > 0
            THEN CAST("t11"."n" AS DOUBLE PRECISION)
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
                CAST("t11"."satisfied" AS DOUBLE PRECISION) / CASE
                  WHEN "t11"."n" > 0
                  THEN CAST("t11"."n" AS DOUBLE PRECISION)
                  ELSE CAST(NULL AS DOUBLE PRECISION)
                END
              ) * (
                1 - (
                  CAST("t11"."satisfied" AS DOUBLE PRECISION) / CASE
                    WHEN "t11"."n" > 0
                    THEN CAST("t11"."n" AS DOUBLE PRECISION)
                    ELSE CAST(NULL AS DOUBLE PRECISION)
                  END
                )
              )
            ) AS DOUBLE PRECISION) / CASE
              WHEN "t11"."n" > 0
              THEN CAST("t11"."n" AS DOUBLE PRECISION)
              ELSE CAST(NULL AS DOUBLE PRECISION)
            END
          ) + (
            CAST(3.8414588206941254 AS DOUBLE PRECISION) / (
              CASE
                WHEN "t11"."n" > 0
                THEN CAST("t11"."n" AS DOUBLE PRECISION)
                ELSE CAST(NULL AS DOUBLE PRECISION)
              END * 4 * CASE
                WHEN "t11"."n" > 0
                THEN CAST("t11"."n" AS DOUBLE PRECISION)
                ELSE CAST(NULL AS DOUBLE PRECISION)
              END
            )
          )
        ) * 1.959963984540054
      ) AS DOUBLE PRECISION) / (
        (
          CAST(3.8414588206941254 AS DOUBLE PRECISION) / CASE
            WHEN "t11"."n" > 0
            THEN CAST("t11"."n" AS DOUBLE PRECISION)
            ELSE CAST(NULL AS DOUBLE PRECISION)
          END
        ) + 1
      )
    ),
    CAST("t11"."satisfied" AS DOUBLE PRECISION) / CASE
      WHEN "t11"."n" > 0
      THEN CAST("t11"."n" AS DOUBLE PRECISION)
      ELSE CAST(NULL AS DOUBLE PRECISION)
    END
  ) AS "ci_low",
  GREATEST(
    (
      CAST((
        (
          CAST("t11"."satisfied" AS DOUBLE PRECISION) / CASE
            WHEN "t11"."n" > 0
            THEN CAST("t11"."n" AS DOUBLE PRECISION)
            ELSE CAST(NULL AS DOUBLE PRECISION)
          END
        ) + (
          CAST(3.8414588206941254 AS DOUBLE PRECISION) / (
            CASE
              WHEN "t11"."n" > 0
              THEN CAST("t11"."n" AS DOUBLE PRECISION)
              ELSE CAST(NULL AS DOUBLE PRECISION)
            END * 2
          )
        )
      ) AS DOUBLE PRECISION) / (
        (
          CAST(3.8414588206941254 AS DOUBLE PRECISION) / CASE
            WHEN "t11"."n" > 0
            THEN CAST("t11"."n" AS DOUBLE PRECISION)
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
                CAST("t11"."satisfied" AS DOUBLE PRECISION) / CASE
                  WHEN "t11"."n" > 0
                  THEN CAST("t11"."n" AS DOUBLE PRECISION)
                  ELSE CAST(NULL AS DOUBLE PRECISION)
                END
              ) * (
                1 - (
                  CAST("t11"."satisfied" AS DOUBLE PRECISION) / CASE
                    WHEN "t11"."n" > 0
                    THEN CAST("t11"."n" AS DOUBLE PRECISION)
                    ELSE CAST(NULL AS DOUBLE PRECISION)
                  END
                )
              )
            ) AS DOUBLE PRECISION) / CASE
              WHEN "t11"."n" > 0
              THEN CAST("t11"."n" AS DOUBLE PRECISION)
              ELSE CAST(NULL AS DOUBLE PRECISION)
            END
          ) + (
            CAST(3.8414588206941254 AS DOUBLE PRECISION) / (
              CASE
                WHEN "t11"."n" > 0
                THEN CAST("t11"."n" AS DOUBLE PRECISION)
                ELSE CAST(NULL AS DOUBLE PRECISION)
              END * 4 * CASE
                WHEN "t11"."n" > 0
                THEN CAST("t11"."n" AS DOUBLE PRECISION)
                ELSE CAST(NULL AS DOUBLE PRECISION)
              END
            )
          )
        ) * 1.959963984540054
      ) AS DOUBLE PRECISION) / (
        (
          CAST(3.8414588206941254 AS DOUBLE PRECISION) / CASE
            WHEN "t11"."n" > 0
            THEN CAST("t11"."n" AS DOUBLE PRECISION)
            ELSE CAST(NULL AS DOUBLE PRECISION)
          END
        ) + 1
      )
    ),
    CAST("t11"."satisfied" AS DOUBLE PRECISION) / CASE
      WHEN "t11"."n" > 0
      THEN CAST("t11"."n" AS DOUBLE PRECISION)
      ELSE CAST(NULL AS DOUBLE PRECISION)
    END
  ) AS "ci_high",
  "t11"."n"
FROM (
  SELECT
    "t10"."period_start",
    "t10"."segment",
    COUNT(*) FILTER(WHERE
      "t10"."score" >= 4) AS "satisfied",
    COUNT(*) AS "n"
  FROM (
    SELECT
      "t9"."customer_id",
      "t9"."responded_at",
      "t9"."survey",
      "t9"."score",
      "t9"."day",
      "t9"."period_start",
      "t9"."segment"
    FROM (
      SELECT
        "t8"."customer_id",
        "t8"."responded_at",
        "t8"."survey",
        "t8"."score",
        "t8"."day",
        "t8"."period_start",
        "t8"."segment_customer_",
        "t8"."segment_",
        COALESCE("t8"."segment_", 'unknown') AS "segment"
      FROM (
        SELECT
          "t7"."customer_id",
          "t7"."responded_at",
          "t7"."survey",
          "t7"."score",
          "t7"."day",
          "t7"."period_start",
          "t3"."segment_customer_",
          "t3"."segment_"
        FROM (
          SELECT
            "t5"."customer_id",
            "t5"."responded_at",
            "t5"."survey",
            "t5"."score",
            "t5"."day",
            DATE_TRUNC('MONTH', "t5"."day") AS "period_start"
          FROM (
            SELECT
              "t4"."customer_id",
              "t4"."responded_at",
              "t4"."survey",
              "t4"."score",
              DATE(TIMEZONE('Europe/Amsterdam', "t4"."responded_at")) AS "day"
            FROM (
              SELECT
                *
              FROM "responses" AS "t1"
              WHERE
                "t1"."survey" = 'csat' AND "t1"."score" IS NOT NULL
            ) AS "t4"
          ) AS "t5"
          WHERE
            "t5"."day" BETWEEN MAKE_DATE(2024, 1, 1) AND MAKE_DATE(2024, 1, 1)
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
