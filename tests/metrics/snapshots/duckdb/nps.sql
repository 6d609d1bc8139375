SELECT
  'nps' AS "metric",
  "t12"."period_start",
  "t12"."segment",
  (
    CAST("t12"."promoters" - "t12"."detractors" AS DOUBLE) * 100
  ) / "t12"."n" AS "value",
  GREATEST(
    (
      (
        (
          "t12"."promoters" / CASE WHEN "t12"."n" > 0 THEN CAST("t12"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
        ) - (
          "t12"."detractors" / CASE WHEN "t12"."n" > 0 THEN CAST("t12"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
        )
      ) * 100
    ) - (
      SQRT(
        (
          (
            (
              "t12"."promoters" / CASE WHEN "t12"."n" > 0 THEN CAST("t12"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
            ) + (
              "t12"."detractors" / CASE WHEN "t12"."n" > 0 THEN CAST("t12"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
            )
          ) - (
            (
              (
                "t12"."promoters" / CASE WHEN "t12"."n" > 0 THEN CAST("t12"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
              ) - (
                "t12"."detractors" / CASE WHEN "t12"."n" > 0 THEN CAST("t12"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
              )
            ) * (
              (
                "t12"."promoters" / CASE WHEN "t12"."n" > 0 THEN CAST("t12"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
              ) - (
                "t12"."detractors" / CASE WHEN "t12"."n" > 0 THEN CAST("t12"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
              )
            )
          )
        ) / CASE WHEN "t12"."n" > 0 THEN CAST("t12"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
      ) * 100 * 1.959963984540054
    ),
    -100.0
  ) AS "ci_low",
  LEAST(
    (
      (
        (
          "t12"."promoters" / CASE WHEN "t12"."n" > 0 THEN CAST("t12"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
        ) - (
          "t12"."detractors" / CASE WHEN "t12"."n" > 0 THEN CAST("t12"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
        )
      ) * 100
    ) + (
      SQRT(
        (
          (
            (
              "t12"."promoters" / CASE WHEN "t12"."n" > 0 THEN CAST("t12"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
            ) + (
              "t12"."detractors" / CASE WHEN "t12"."n" > 0 THEN CAST("t12"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
            )
          ) - (
            (
              (
                "t12"."promoters" / CASE WHEN "t12"."n" > 0 THEN CAST("t12"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
              ) - (
                "t12"."detractors" / CASE WHEN "t12"."n" > 0 THEN CAST("t12"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
              )
            ) * (
              (
                "t12"."promoters" / CASE WHEN "t12"."n" > 0 THEN CAST("t12"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
              ) - (
                "t12"."detractors" / CASE WHEN "t12"."n" > 0 THEN CAST("t12"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
              )
            )
          )
        ) / CASE WHEN "t12"."n" > 0 THEN CAST("t12"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
      ) * 100 * 1.959963984540054
    ),
    100.0
  ) AS "ci_high",
  "t12"."n"
FROM (
  SELECT
    "t11"."period_start",
    "t11"."segment",
    COUNT(*) FILTER(WHERE
      "t11"."score" >= 9) AS "promoters",
    COUNT(*) FILTER(WHERE
      (
        "t11"."score" >= 7
      ) AND (
        "t11"."score" < 9
      )) AS "passives",
    COUNT(*) FILTER(WHERE
      "t11"."score" < 7) AS "detractors",
    COUNT(*) AS "n"
  FROM (
    SELECT
      "t10"."customer_id",
      "t10"."period_start",
      "t10"."score",
      COALESCE("t10"."segment_", 'unknown') AS "segment"
    FROM (
      SELECT
        "t9"."customer_id",
        "t9"."period_start",
        "t9"."score",
        "t3"."segment_customer_",
        "t3"."segment_"
      FROM (
        SELECT
          "t7"."customer_id",
          "t7"."period_start",
          "t7"."score"
        FROM (
          SELECT
            "t6"."customer_id",
            "t6"."responded_at",
            "t6"."survey",
            "t6"."score",
            "t6"."day",
            "t6"."period_start",
            ROW_NUMBER() OVER (
              PARTITION BY "t6"."customer_id", "t6"."period_start"
              ORDER BY "t6"."responded_at" DESC, "t6"."score" DESC
              ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
            ) - 1 AS "__rank"
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
                CAST(TIMEZONE('Europe/Amsterdam', "t4"."responded_at") AS DATE) AS "day"
              FROM (
                SELECT
                  *
                FROM "responses" AS "t1"
                WHERE
                  "t1"."survey" = 'nps' AND "t1"."score" IS NOT NULL
              ) AS "t4"
            ) AS "t5"
            WHERE
              "t5"."day" BETWEEN MAKE_DATE(2024, 1, 1) AND MAKE_DATE(2024, 1, 1)
          ) AS "t6"
        ) AS "t7"
        WHERE
          "t7"."__rank" = 0
      ) AS "t9"
      LEFT OUTER JOIN (
        SELECT
          "t0"."customer_id" AS "segment_customer_",
          "t0"."country" AS "segment_"
        FROM "customers" AS "t0"
      ) AS "t3"
        ON "t9"."customer_id" = "t3"."segment_customer_"
    ) AS "t10"
  ) AS "t11"
  GROUP BY
    1,
    2
) AS "t12"
