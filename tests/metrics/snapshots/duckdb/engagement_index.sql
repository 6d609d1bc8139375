WITH "t44" AS (
  SELECT
    "t43"."period_start",
    "t43"."customer_id",
    MAX("t43"."as_of") AS "as_of",
    MAX("t43"."recency_days") AS "recency_days",
    MAX("t43"."orders_in_window") AS "orders_in_window",
    MAX("t43"."active_days_28") AS "active_days_28",
    MAX("t43"."latest_score") AS "latest_score"
  FROM (
    SELECT
      "t42"."period_start",
      "t42"."as_of",
      "t42"."customer_id",
      "t42"."recency_days",
      "t42"."orders_in_window",
      COALESCE("t42"."active_days_28", 0) AS "active_days_28",
      "t42"."latest_score"
    FROM (
      SELECT
        "t41".*
        EXCLUDE ("__customer_id", "__period_start")
      FROM (
        SELECT
          "t40"."period_start",
          "t40"."as_of",
          "t40"."customer_id",
          "t40"."recency_days",
          "t40"."orders_in_window",
          "t40"."active_days_28",
          "t28"."__period_start",
          "t28"."__customer_id",
          "t28"."latest_score"
        FROM (
          SELECT
            "t38".*
            EXCLUDE ("__customer_id", "__period_start")
          FROM (
            SELECT
              "t33"."period_start",
              "t33"."as_of",
              "t33"."customer_id",
              "t33"."recency_days",
              "t33"."orders_in_window",
              "t37"."__period_start",
              "t37"."__customer_id",
              "t37"."active_days_28"
            FROM (
              SELECT
                "t29"."period_start",
                "t29"."as_of",
                "t29"."customer_id",
                DATE_DIFF('DAY', "t29"."last_day", "t29"."as_of") AS "recency_days",
                "t29"."orders_in_window"
              FROM (
                SELECT
                  "t25"."period_start",
                  "t25"."customer_id",
                  MAX("t25"."as_of") AS "as_of",
                  MAX("t25"."day") AS "last_day",
                  SUM("t25"."orders") AS "orders_in_window"
                FROM (
                  SELECT
                    "t22"."customer_id",
                    "t22"."day",
                    "t22"."amount",
                    "t22"."orders",
                    "t6"."period_start",
                    "t6"."as_of",
                    "t6"."window_from",
                    "t6"."days28_from",
                    "t6"."window_since",
                    "t6"."until"
                  FROM (
                    SELECT
                      *
                    FROM (
                      SELECT
                        "t14"."customer_id",
                        "t14"."day",
                        SUM("t14"."amount") AS "amount",
                        COUNT(*) AS "orders"
                      FROM (
                        SELECT
                          "t11"."order_id",
                          "t11"."customer_id",
                          "t11"."ordered_at",
                          "t11"."amount",
                          "t11"."status",
                          CAST(TIMEZONE('Europe/Amsterdam', "t11"."ordered_at") AS DATE) AS "day"
                        FROM (
                          SELECT
                            *
                          FROM "orders" AS "t4"
                          WHERE
                            "t4"."status" = 'completed'
                        ) AS "t11"
                      ) AS "t14"
                      GROUP BY
                        1,
                        2
                    ) AS "t16"
                    WHERE
                      "t16"."day" BETWEEN MAKE_DATE(2023, 1, 1) AND MAKE_DATE(2024, 1, 1)
                  ) AS "t22"
                  INNER JOIN (SELECT CAST('2024-01-01' AS DATE) AS "period_start", CAST('2024-01-01' AS DATE) AS "as_of", CAST('2023-01-02' AS DATE) AS "window_from", CAST('2023-12-05' AS DATE) AS "days28_from", CAST('2023-01-01' AS DATE) AS "window_since", CAST('2024-01-01' AS DATE) AS "until") AS "t6"
                    ON "t22"."day" >= "t6"."window_from" AND "t22"."day" <= "t6"."as_of"
                ) AS "t25"
                GROUP BY
                  1,
                  2
              ) AS "t29"
            ) AS "t33"
            LEFT OUTER JOIN (
              SELECT
                "t35"."period_start" AS "__period_start",
                "t35"."customer_id" AS "__customer_id",
                "t35"."active_days" AS "active_days_28"
              FROM (
                SELECT
                  "t34"."period_start",
                  "t34"."segment",
                  "t34"."customer_id",
                  COUNT(*) AS "active_days"
                FROM (
                  SELECT
                    "t31"."customer_id",
                    "t31"."day",
                    "t31"."first_at",
                    "t31"."segment",
                    "t7"."period_start"
                  FROM (
                    SELECT
                      "t26"."customer_id",
                      "t26"."day",
                      "t26"."first_at",
                      COALESCE("t26"."segment_", 'unknown') AS "segment"
                    FROM (
                      SELECT
                        "t23"."customer_id",
                        "t23"."day",
                        "t23"."first_at",
                        "t9"."segment_customer_",
                        "t9"."segment_"
                      FROM (
                        SELECT
                          "t17"."customer_id",
                          "t17"."day",
                          MIN("t17"."at") AS "first_at"
                        FROM (
                          SELECT
                            *
                          FROM (
                            SELECT
                              "t12"."customer_id",
                              CAST(TIMEZONE('Europe/Amsterdam', "t12"."occurred_at") AS DATE) AS "day",
                              "t12"."occurred_at" AS "at"
                            FROM (
                              SELECT
                                *
                              FROM "events" AS "t5"
                              WHERE
                                "t5"."occurred_at" >= MAKE_TIMESTAMPTZ(2023, 11, 30, 23, 0, 0.0, 'UTC')
                                AND "t5"."occurred_at" < MAKE_TIMESTAMPTZ(2024, 1, 1, 23, 0, 0.0, 'UTC')
                            ) AS "t12"
                          ) AS "t15"
                          WHERE
                            "t15"."customer_id" IS NOT NULL
                        ) AS "t17"
                        GROUP BY
                          1,
                          2
                      ) AS "t23"
                      LEFT OUTER JOIN (
                        SELECT
                          "t0"."customer_id" AS "segment_customer_",
                          "t0"."country" AS "segment_"
                        FROM "customers" AS "t0"
                      ) AS "t9"
                        ON "t23"."customer_id" = "t9"."segment_customer_"
                    ) AS "t26"
                    WHERE
                      "t26"."first_at" >= MAKE_TIMESTAMPTZ(2023, 12, 4, 23, 0, 0.0, 'UTC')
                      AND "t26"."first_at" < MAKE_TIMESTAMPTZ(2024, 1, 1, 23, 0, 0.0, 'UTC')
                  ) AS "t31"
                  INNER JOIN (SELECT CAST('2024-01-01' AS DATE) AS "day", CAST('2024-01-01' AS DATE) AS "period_start" UNION ALL SELECT CAST('2023-12-31' AS DATE) AS "day", CAST('2024-01-01' AS DATE) AS "period_start" UNION ALL SELECT CAST('2023-12-30' AS DATE) AS "day", CAST('2024-01-01' AS DATE) AS "period_start" UNION ALL SELECT CAST('2023-12-29' AS DATE) AS "day", CAST('2024-01-01' AS DATE) AS "period_start" UNION ALL SELECT CAST('2023-12-28' AS DATE) AS "day", CAST('2024-01-01' AS DATE) AS "period_start" UNION ALL SELECT CAST('2023-12-27' AS DATE) AS "day", CAST('2024-01-01' AS DATE) AS "period_start" UNION ALL SELECT CAST('2023-12-26' AS DATE) AS "day", CAST('2024-01-01' AS DATE) AS "period_start" UNION ALL SELECT CAST('2023-12-25' AS DATE) AS "day", CAST('2024-01-01' AS DATE) AS "period_start" UNION ALL SELECT CAST('2023-12-24' AS DATE) AS "day", CAST('2024-01-01' AS DATE) AS "period_start" UNION ALL SELECT CAST('2023-12-23' AS DATE) AS "day", CAST('2024-01-01' AS DATE) AS "period_start" UNION ALL SELECT CAST('2023-12-22' AS DATE) AS "day", CAST('2024-01-01' AS DATE) AS "period_start" UNION ALL SELECT CAST('2023-12-21' AS DATE) AS "day", CAST('2024-01-01' AS DATE) AS "period_start" UNION ALL SELECT CAST('2023-12-20' AS DATE) AS "day", CAST('2024-01-01' AS DATE) AS "period_start" UNION ALL SELECT CAST('2023-12-19' AS DATE) AS "day", CAST('2024-01-01' AS DATE) AS "period_start" UNION ALL SELECT CAST('2023-12-18' AS DATE) AS "day", CAST('2024-01-01' AS DATE) AS "period_start" UNION ALL SELECT CAST('2023-12-17' AS DATE) AS "day", CAST('2024-01-01' AS DATE) AS "period_start" UNION ALL SELECT CAST('2023-12-16' AS DATE) AS "day", CAST('2024-01-01' AS DATE) AS "period_start" UNION ALL SELECT CAST('2023-12-15' AS DATE) AS "day", CAST('2024-01-01' AS DATE) AS "period_start" UNION ALL SELECT CAST('2023-12-14' AS DATE) AS "day", CAST('2024-01-01' AS DATE) AS "period_start" UNION ALL SELECT CAST('2023-12-13' AS DATE) AS "day", CAST('2024-01-01' AS DATE) AS "period_start" UNION ALL SELECT CAST('2023-12-12' AS DATE) AS "day", CAST('2024-01-01' AS DATE) AS "period_start" UNION ALL SELECT CAST('2023-12-11' AS DATE) AS "day", CAST('2024-01-01' AS DATE) AS "period_start" UNION ALL SELECT CAST('2023-12-10' AS DATE) AS "day", CAST('2024-01-01' AS DATE) AS "period_start" UNION ALL SELECT CAST('2023-12-09' AS DATE) AS "day", CAST('2024-01-01' AS DATE) AS "period_start" UNION ALL SELECT CAST('2023-12-08' AS DATE) AS "day", CAST('2024-01-01' AS DATE) AS "period_start" UNION ALL SELECT CAST('2023-12-07' AS DATE) AS "day", CAST('2024-01-01' AS DATE) AS "period_start" UNION ALL SELECT CAST('2023-12-06' AS DATE) AS "day", CAST('2024-01-01' AS DATE) AS "period_start" UNION ALL SELECT CAST('2023-12-05' AS DATE) AS "day", CAST('2024-01-01' AS DATE) AS "period_start") AS "t7"
                    ON "t31"."day" = "t7"."day"
                ) AS "t34"
                GROUP BY
                  1,
                  2,
                  3
              ) AS "t35"
            ) AS "t37"
              ON "t33"."period_start" = "t37"."__period_start"
              AND "t33"."customer_id" = "t37"."__customer_id"
          ) AS "t38"
        ) AS "t40"
        LEFT OUTER JOIN (
          SELECT
            "t24"."period_start" AS "__period_start",
            "t24"."customer_id" AS "__customer_id",
            "t24"."latest_score"
          FROM (
            SELECT
              "t6"."period_start",
              "t19"."customer_id",
              "t19"."scaled" AS "latest_score"
            FROM (
              SELECT
                "t13"."customer_id",
                "t13"."responded_at",
                "t13"."day",
                "t13"."scaled",
                LEAD("t13"."day") OVER (
                  PARTITION BY "t13"."customer_id"
                  ORDER BY "t13"."responded_at" ASC, "t13"."scaled" ASC
                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                ) AS "until"
              FROM (
                SELECT
                  "t10"."customer_id",
                  "t10"."responded_at",
                  CAST(TIMEZONE('Europe/Amsterdam', "t10"."responded_at") AS DATE) AS "day",
                  CASE WHEN "t10"."survey" = 'nps' THEN "t10"."score" / 10 ELSE "t10"."score" / 5 END AS "scaled"
                FROM (
                  SELECT
                    *
                  FROM "responses" AS "t2"
                  WHERE
                    "t2"."survey" IN ('nps', 'csat') AND "t2"."score" IS NOT NULL
                ) AS "t10"
              ) AS "t13"
            ) AS "t19"
            INNER JOIN (SELECT CAST('2024-01-01' AS DATE) AS "period_start", CAST('2024-01-01' AS DATE) AS "as_of", CAST('2023-01-02' AS DATE) AS "window_from", CAST('2023-12-05' AS DATE) AS "days28_from", CAST('2023-01-01' AS DATE) AS "window_since", CAST('2024-01-01' AS DATE) AS "until") AS "t6"
              ON "t19"."day" <= "t6"."as_of"
              AND (
                (
                  "t19"."until" IS NULL
                ) OR (
                  "t19"."until" > "t6"."as_of"
                )
              )
          ) AS "t24"
        ) AS "t28"
          ON "t40"."period_start" = "t28"."__period_start"
          AND "t40"."customer_id" = "t28"."__customer_id"
      ) AS "t41"
    ) AS "t42"
  ) AS "t43"
  GROUP BY
    1,
    2
)
SELECT
  'engagement_index' AS "metric",
  "t74"."period_start",
  "t74"."segment",
  "t74"."value",
  "t74"."value" - (
    (
      COALESCE("t74"."sd", 0) * 1.959963984540054
    ) / SQRT(
      CASE WHEN "t74"."n" > 0 THEN CAST("t74"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
    )
  ) AS "ci_low",
  "t74"."value" + (
    (
      COALESCE("t74"."sd", 0) * 1.959963984540054
    ) / SQRT(
      CASE WHEN "t74"."n" > 0 THEN CAST("t74"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
    )
  ) AS "ci_high",
  "t74"."n"
FROM (
  SELECT
    "t73"."period_start",
    "t73"."segment",
    AVG("t73"."engagement_index") AS "value",
    STDDEV_SAMP("t73"."engagement_index") AS "sd",
    COUNT(*) AS "n"
  FROM (
    SELECT
      "t72".*
      EXCLUDE ("segment_", "segment_customer_")
    FROM (
      SELECT
        "t71"."period_start",
        "t71"."as_of",
        "t71"."customer_id",
        "t71"."engagement_index",
        "t71"."recency_days",
        "t71"."orders_in_window",
        "t71"."active_days_28",
        "t71"."latest_score",
        "t71"."segment_customer_",
        "t71"."segment_",
        COALESCE("t71"."segment_", 'unknown') AS "segment"
      FROM (
        SELECT
          "t70"."period_start",
          "t70"."as_of",
          "t70"."customer_id",
          "t70"."engagement_index",
          "t70"."recency_days",
          "t70"."orders_in_window",
          "t70"."active_days_28",
          "t70"."latest_score",
          "t9"."segment_customer_",
          "t9"."segment_"
        FROM (
          SELECT
            "t68"."period_start",
            "t68"."as_of",
            "t68"."customer_id",
            (
              0.0 + COALESCE("t68"."recency_days_rank", 0) + COALESCE("t68"."orders_in_window_rank", 0) + COALESCE("t68"."active_days_28_rank", 0) + COALESCE("t68"."latest_score_rank", 0)
            ) / CAST(0 + CASE WHEN "t68"."recency_days_rank" IS NOT NULL THEN 1 ELSE 0 END + CASE WHEN "t68"."orders_in_window_rank" IS NOT NULL THEN 1 ELSE 0 END + CASE WHEN "t68"."active_days_28_rank" IS NOT NULL THEN 1 ELSE 0 END + CASE WHEN "t68"."latest_score_rank" IS NOT NULL THEN 1 ELSE 0 END AS DOUBLE) AS "engagement_index",
            "t68"."recency_days",
            "t68"."orders_in_window",
            "t68"."active_days_28",
            "t68"."latest_score"
          FROM (
            SELECT
              "t67".*
              EXCLUDE ("value_active_days_28_", "value_latest_score_", "value_orders_in_window_", "value_recency_days_")
            FROM (
              SELECT
                "t46"."period_start",
                "t46"."customer_id",
                "t46"."as_of",
                "t46"."recency_days",
                "t46"."orders_in_window",
                "t46"."active_days_28",
                "t46"."latest_score",
                "t66"."value_recency_days_",
                "t66"."recency_days_rank",
                "t63"."value_orders_in_window_",
                "t63"."orders_in_window_rank",
                "t64"."value_active_days_28_",
                "t64"."active_days_28_rank",
                "t60"."value_latest_score_",
                "t60"."latest_score_rank"
              FROM "t44" AS "t46"
              LEFT OUTER JOIN (
                SELECT
                  "t58"."value_" AS "value_recency_days_",
                  (
                    (
                      (
                        "t58"."upto" - "t58"."freq"
                      ) / CAST("t58"."n" AS DOUBLE)
                    ) + (
                      "t58"."upto" / CAST("t58"."n" AS DOUBLE)
                    )
                  ) * 50 AS "recency_days_rank"
                FROM (
                  SELECT
                    "t54"."value_",
                    "t54"."freq",
                    SUM("t54"."freq") OVER (ORDER BY "t54"."value_" ASC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS "upto",
                    SUM("t54"."freq") OVER (ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "n"
                  FROM (
                    SELECT
                      "t51"."value_",
                      COUNT(*) AS "freq"
                    FROM (
                      SELECT
                        -(
                          CAST("t45"."recency_days" AS DOUBLE)
                        ) AS "value_"
                      FROM "t44" AS "t45"
                      WHERE
                        -(
                          CAST("t45"."recency_days" AS DOUBLE)
                        ) IS NOT NULL
                    ) AS "t51"
                    GROUP BY
                      1
                  ) AS "t54"
                ) AS "t58"
              ) AS "t66"
                ON -(
                  CAST("t46"."recency_days" AS DOUBLE)
                ) = "t66"."value_recency_days_"
              LEFT OUTER JOIN (
                SELECT
                  "t56"."value_" AS "value_orders_in_window_",
                  (
                    (
                      (
                        "t56"."upto" - "t56"."freq"
                      ) / CAST("t56"."n" AS DOUBLE)
                    ) + (
                      "t56"."upto" / CAST("t56"."n" AS DOUBLE)
                    )
                  ) * 50 AS "orders_in_window_rank"
                FROM (
                  SELECT
                    "t52"."value_",
                    "t52"."freq",
                    SUM("t52"."freq") OVER (ORDER BY "t52"."value_" ASC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS "upto",
                    SUM("t52"."freq") OVER (ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "n"
                  FROM (
                    SELECT
                      "t48"."value_",
                      COUNT(*) AS "freq"
                    FROM (
                      SELECT
                        CAST("t45"."orders_in_window" AS DOUBLE) AS "value_"
                      FROM "t44" AS "t45"
                      WHERE
                        CAST("t45"."orders_in_window" AS DOUBLE) IS NOT NULL
                    ) AS "t48"
                    GROUP BY
                      1
                  ) AS "t52"
                ) AS "t56"
              ) AS "t63"
                ON CAST("t46"."orders_in_window" AS DOUBLE) = "t63"."value_orders_in_window_"
              LEFT OUTER JOIN (
                SELECT
                  "t57"."value_" AS "value_active_days_28_",
                  (
                    (
                      (
                        "t57"."upto" - "t57"."freq"
                      ) / CAST("t57"."n" AS DOUBLE)
                    ) + (
                      "t57"."upto" / CAST("t57"."n" AS DOUBLE)
                    )
                  ) * 50 AS "active_days_28_rank"
                FROM (
                  SELECT
                    "t53"."value_",
                    "t53"."freq",
                    SUM("t53"."freq") OVER (ORDER BY "t53"."value_" ASC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS "upto",
                    SUM("t53"."freq") OVER (ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "n"
                  FROM (
                    SELECT
                      "t49"."value_",
                      COUNT(*) AS "freq"
                    FROM (
                      SELECT
                        CAST("t45"."active_days_28" AS DOUBLE) AS "value_"
                      FROM "t44" AS "t45"
                      WHERE
                        CAST("t45"."active_days_28" AS DOUBLE) IS NOT NULL
                    ) AS "t49"
                    GROUP BY
                      1
                  ) AS "t53"
                ) AS "t57"
              ) AS "t64"
                ON CAST("t46"."active_days_28" AS DOUBLE) = "t64"."value_active_days_28_"
              LEFT OUTER JOIN (
                SELECT
                  "t55"."value_" AS "value_latest_score_",
                  (
                    (
                      (
                        "t55"."upto" - "t55"."freq"
                      ) / CAST("t55"."n" AS DOUBLE)
                    ) + (
                      "t55"."upto" / CAST("t55"."n" AS DOUBLE)
                    )
                  ) * 50 AS "latest_score_rank"
                FROM (
                  SELECT
                    "t50"."value_",
                    "t50"."freq",
                    SUM("t50"."freq") OVER (ORDER BY "t50"."value_" ASC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS "upto",
                    SUM("t50"."freq") OVER (ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "n"
                  FROM (
                    SELECT
                      "t47"."value_",
                      COUNT(*) AS "freq"
                    FROM (
                      SELECT
                        "t45"."latest_score" AS "value_"
                      FROM "t44" AS "t45"
                      WHERE
                        "t45"."latest_score" IS NOT NULL
                    ) AS "t47"
                    GROUP BY
                      1
                  ) AS "t50"
                ) AS "t55"
              ) AS "t60"
                ON "t46"."latest_score" = "t60"."value_latest_score_"
            ) AS "t67"
          ) AS "t68"
        ) AS "t70"
        LEFT OUTER JOIN (
          SELECT
            "t0"."customer_id" AS "segment_customer_",
            "t0"."country" AS "segment_"
          FROM "customers" AS "t0"
        ) AS "t9"
          ON "t70"."customer_id" = "t9"."segment_customer_"
      ) AS "t71"
    ) AS "t72"
  ) AS "t73"
  GROUP BY
    1,
    2
) AS "t74"
