WITH "t47" AS (
  SELECT
    "t46"."period_start",
    "t46"."customer_id",
    MAX("t46"."as_of") AS "as_of",
    MAX("t46"."recency_days") AS "recency_days",
    MAX("t46"."orders_in_window") AS "orders_in_window",
    MAX("t46"."active_days_28") AS "active_days_28",
    MAX("t46"."latest_score") AS "latest_score"
  FROM (
    SELECT
      "t45"."period_start",
      "t45"."as_of",
      "t45"."customer_id",
      "t45"."recency_days",
      "t45"."orders_in_window",
      COALESCE("t45"."active_days_28", 0) AS "active_days_28",
      "t45"."latest_score"
    FROM (
      SELECT
        "t44"."period_start",
        "t44"."as_of",
        "t44"."customer_id",
        "t44"."recency_days",
        "t44"."orders_in_window",
        "t44"."active_days_28",
        "t44"."latest_score"
      FROM (
        SELECT
          "t43"."period_start",
          "t43"."as_of",
          "t43"."customer_id",
          "t43"."recency_days",
          "t43"."orders_in_window",
          "t43"."active_days_28",
          "t26"."__period_start",
          "t26"."__customer_id",
          "t26"."latest_score"
        FROM (
          SELECT
            "t41"."period_start",
            "t41"."as_of",
            "t41"."customer_id",
            "t41"."recency_days",
            "t41"."orders_in_window",
            "t41"."active_days_28"
          FROM (
            SELECT
              "t31"."period_start",
              "t31"."as_of",
              "t31"."customer_id",
              "t31"."recency_days",
              "t31"."orders_in_window",
              "t40"."__period_start",
              "t40"."__customer_id",
              "t40"."active_days_28"
            FROM (
              SELECT
                "t27"."period_start",
                "t27"."as_of",
                "t27"."customer_id",
                CAST(EXTRACT(epoch FROM CAST("t27"."as_of" AS TIMESTAMP) - CAST("t27"."last_day" AS TIMESTAMP)) / 86400 AS BIGINT) AS "recency_days",
                "t27"."orders_in_window"
              FROM (
                SELECT
                  "t24"."period_start",
                  "t24"."customer_id",
                  MAX("t24"."as_of") AS "as_of",
                  MAX("t24"."day") AS "last_day",
                  SUM("t24"."orders") AS "orders_in_window"
                FROM (
                  SELECT
                    "t21"."customer_id",
                    "t21"."day",
                    "t21"."amount",
                    "t21"."orders",
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
                          DATE(TIMEZONE('Europe/Amsterdam', "t11"."ordered_at")) AS "day"
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
                  ) AS "t21"
                  INNER JOIN (SELECT CAST('2024-01-01' AS DATE) AS "period_start", CAST('2024-01-01' AS DATE) AS "as_of", CAST('2023-01-02' AS DATE) AS "window_from", CAST('2023-12-05' AS DATE) AS "days28_from", CAST('2023-01-01' AS DATE) AS "window_since", CAST('2024-01-01' AS DATE) AS "until") AS "t6"
                    ON "t21"."day" >= "t6"."window_from" AND "t21"."day" <= "t6"."as_of"
                ) AS "t24"
                GROUP BY
                  1,
                  2
              ) AS "t27"
            ) AS "t31"
            LEFT OUTER JOIN (
              SELECT
                "t38"."key" AS "__period_start",
                "t38"."customer_id" AS "__customer_id",
                "t38"."active_days" AS "active_days_28"
              FROM (
                SELECT
                  "t37"."customer_id",
                  "t37"."segment",
                  "t37"."key",
                  SUM(
                    (
                      (
                        (
                          (
                            (
                              "t37"."bits" - (
                                (
                                  "t37"."bits" >> 1
                                ) & 1431655765
                              )
                            ) & 858993459
                          ) + (
                            (
                              (
                                "t37"."bits" - (
                                  (
                                    "t37"."bits" >> 1
                                  ) & 1431655765
                                )
                              ) >> 2
                            ) & 858993459
                          ) + (
                            (
                              (
                                (
                                  "t37"."bits" - (
                                    (
                                      "t37"."bits" >> 1
                                    ) & 1431655765
                                  )
                                ) & 858993459
                              ) + (
                                (
                                  (
                                    "t37"."bits" - (
                                      (
                                        "t37"."bits" >> 1
                                      ) & 1431655765
                                    )
                                  ) >> 2
                                ) & 858993459
                              )
                            ) >> 4
                          )
                        ) & 252645135
                      ) + (
                        (
                          (
                            (
                              (
                                "t37"."bits" - (
                                  (
                                    "t37"."bits" >> 1
                                  ) & 1431655765
                                )
                              ) & 858993459
                            ) + (
                              (
                                (
                                  "t37"."bits" - (
                                    (
                                      "t37"."bits" >> 1
                                    ) & 1431655765
                                  )
                                ) >> 2
                              ) & 858993459
                            ) + (
                              (
                                (
                                  (
                                    "t37"."bits" - (
                                      (
                                        "t37"."bits" >> 1
                                      ) & 1431655765
                                    )
                                  ) & 858993459
                                ) + (
                                  (
                                    (
                                      "t37"."bits" - (
                                        (
                                          "t37"."bits" >> 1
                                        ) & 1431655765
                                      )
                                    ) >> 2
                                  ) & 858993459
                                )
                              ) >> 4
                            )
                          ) & 252645135
                        ) >> 8
                      ) + (
                        (
                          (
                            (
                              (
                                "t37"."bits" - (
                                  (
                                    "t37"."bits" >> 1
                                  ) & 1431655765
                                )
                              ) & 858993459
                            ) + (
                              (
                                (
                                  "t37"."bits" - (
                                    (
                                      "t37"."bits" >> 1
                                    ) & 1431655765
                                  )
                                ) >> 2
                              ) & 858993459
                            ) + (
                              (
                                (
                                  (
                                    "t37"."bits" - (
                                      (
                                        "t37"."bits" >> 1
                                      ) & 1431655765
                                    )
                                  ) & 858993459
                                ) + (
                                  (
                                    (
                                      "t37"."bits" - (
                                        (
                                          "t37"."bits" >> 1
                                        ) & 1431655765
                                      )
                                    ) >> 2
                                  ) & 858993459
                                )
                              ) >> 4
                            )
                          ) & 252645135
                        ) >> 16
                      ) + (
                        (
                          (
                            (
                              (
                                "t37"."bits" - (
                                  (
                                    "t37"."bits" >> 1
                                  ) & 1431655765
                                )
                              ) & 858993459
                            ) + (
                              (
                                (
                                  "t37"."bits" - (
                                    (
                                      "t37"."bits" >> 1
                                    ) & 1431655765
                                  )
                                ) >> 2
                              ) & 858993459
                            ) + (
                              (
                                (
                                  (
                                    "t37"."bits" - (
                                      (
                                        "t37"."bits" >> 1
                                      ) & 1431655765
                                    )
                                  ) & 858993459
                                ) + (
                                  (
                                    (
                                      "t37"."bits" - (
                                        (
                                          "t37"."bits" >> 1
                                        ) & 1431655765
                                      )
                                    ) >> 2
                                  ) & 858993459
                                )
                              ) >> 4
                            )
                          ) & 252645135
                        ) >> 24
                      )
                    ) & 63
                  ) AS "active_days"
                FROM (
                  SELECT
                    *
                  FROM (
                    SELECT
                      "t35"."customer_id",
                      "t35"."segment",
                      "t7"."key",
                      "t7"."whole",
                      "t35"."days" & "t7"."mask" AS "bits"
                    FROM (
                      SELECT
                        "t33"."customer_id",
                        "t33"."month",
                        "t33"."days",
                        COALESCE("t33"."segment_", 'unknown') AS "segment"
                      FROM (
                        SELECT
                          "t32"."customer_id",
                          "t32"."month",
                          "t32"."days",
                          "t9"."segment_customer_",
                          "t9"."segment_"
                        FROM (
                          SELECT
                            *
                          FROM (
                            SELECT
                              "t22"."customer_id",
                              "t22"."month",
                              "t22"."days" & CASE
                                WHEN "t22"."month" = MAKE_DATE(2023, 12, 1)
                                THEN 2147483632
                                WHEN "t22"."month" = MAKE_DATE(2024, 1, 1)
                                THEN 1
                                ELSE 2147483647
                              END AS "days"
                            FROM (
                              SELECT
                                "t20"."customer_id",
                                "t20"."month",
                                BIT_OR("t20"."bit") AS "days"
                              FROM (
                                SELECT
                                  "t15"."customer_id",
                                  DATE_TRUNC('MONTH', "t15"."day") AS "month",
                                  1 << CAST(EXTRACT(day FROM "t15"."day") - 1 AS INT) AS "bit"
                                FROM (
                                  SELECT
                                    "t12"."customer_id",
                                    DATE(TIMEZONE('Europe/Amsterdam', "t12"."occurred_at")) AS "day"
                                  FROM (
                                    SELECT
                                      *
                                    FROM "events" AS "t5"
                                    WHERE
                                      "t5"."occurred_at" >= CAST('2023-11-30T23:00:00+00:00' AS TIMESTAMPTZ)
                                      AND "t5"."occurred_at" < CAST('2024-01-01T23:00:00+00:00' AS TIMESTAMPTZ)
                                      AND "t5"."customer_id" IS NOT NULL
                                  ) AS "t12"
                                ) AS "t15"
                              ) AS "t20"
                              GROUP BY
                                1,
                                2
                            ) AS "t22"
                            WHERE
                              "t22"."month" BETWEEN MAKE_DATE(2023, 12, 1) AND MAKE_DATE(2024, 1, 1)
                          ) AS "t28"
                          WHERE
                            "t28"."days" <> 0
                        ) AS "t32"
                        LEFT OUTER JOIN (
                          SELECT
                            "t0"."customer_id" AS "segment_customer_",
                            "t0"."country" AS "segment_"
                          FROM "customers" AS "t0"
                        ) AS "t9"
                          ON "t32"."customer_id" = "t9"."segment_customer_"
                      ) AS "t33"
                    ) AS "t35"
                    INNER JOIN (SELECT CAST('2024-01-01' AS DATE) AS "month", CAST('2024-01-01' AS DATE) AS "key", 1 AS "mask", False AS "whole" UNION ALL SELECT CAST('2023-12-01' AS DATE) AS "month", CAST('2024-01-01' AS DATE) AS "key", 2147483632 AS "mask", False AS "whole") AS "t7"
                      ON "t35"."month" = "t7"."month"
                  ) AS "t36"
                  WHERE
                    "t36"."bits" <> 0 AND NOT (
                      "t36"."whole"
                    )
                ) AS "t37"
                GROUP BY
                  1,
                  2,
                  3
              ) AS "t38"
            ) AS "t40"
              ON "t31"."period_start" = "t40"."__period_start"
              AND "t31"."customer_id" = "t40"."__customer_id"
          ) AS "t41"
        ) AS "t43"
        LEFT OUTER JOIN (
          SELECT
            "t23"."period_start" AS "__period_start",
            "t23"."customer_id" AS "__customer_id",
            "t23"."latest_score"
          FROM (
            SELECT
              "t6"."period_start",
              "t18"."customer_id",
              "t18"."scaled" AS "latest_score"
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
                  DATE(TIMEZONE('Europe/Amsterdam', "t10"."responded_at")) AS "day",
                  CASE
                    WHEN "t10"."survey" = 'nps'
                    THEN CAST("t10"."score" AS DOUBLE PRECISION) / 10
                    ELSE CAST("t10"."score" AS DOUBLE PRECISION) / 5
                  END AS "scaled"
                FROM (
                  SELECT
                    *
                  FROM "responses" AS "t2"
                  WHERE
                    "t2"."survey" IN ('nps', 'csat') AND "t2"."score" IS NOT NULL
                ) AS "t10"
              ) AS "t13"
            ) AS "t18"
            INNER JOIN (SELECT CAST('2024-01-01' AS DATE) AS "period_start", CAST('2024-01-01' AS DATE) AS "as_of", CAST('2023-01-02' AS DATE) AS "window_from", CAST('2023-12-05' AS DATE) AS "days28_from", CAST('2023-01-01' AS DATE) AS "window_since", CAST('2024-01-01' AS DATE) AS "until") AS "t6"
              ON "t18"."day" <= "t6"."as_of"
              AND (
                (
                  "t18"."until" IS NULL
                ) OR (
                  "t18"."until" > "t6"."as_of"
                )
              )
          ) AS "t23"
        ) AS "t26"
          ON "t43"."period_start" = "t26"."__period_start"
          AND "t43"."customer_id" = "t26"."__customer_id"
      ) AS "t44"
    ) AS "t45"
  ) AS "t46"
  GROUP BY
    1,
    2
)
SELECT
  'engagement_index' AS "metric",
  "t77"."period_start",
  "t77"."segment",
  "t77"."value",
  "t77"."value" - (
    CAST((
      COALESCE("t77"."sd", 0) * 1.959963984540054
    ) AS DOUBLE PRECISION) / SQRT(
      CASE
        WHEN "t77"."n" > 0
        THEN CAST("t77"."n" AS DOUBLE PRECISION)
        ELSE CAST(NULL AS DOUBLE PRECISION)
      END
    )
  ) AS "ci_low",
  "t77"."value" + (
    CAST((
      COALESCE("t77"."sd", 0) * 1.959963984540054
    ) AS DOUBLE PRECISION) / SQRT(
      CASE
        WHEN "t77"."n" > 0
        THEN CAST("t77"."n" AS DOUBLE PRECISION)
        ELSE CAST(NULL AS DOUBLE PRECISION)
      END
    )
  ) AS "ci_high",
  "t77"."n"
FROM (
  SELECT
    "t76"."period_start",
    "t76"."segment",
    AVG("t76"."engagement_index") AS "value",
    STDDEV_SAMP("t76"."engagement_index") AS "sd",
    COUNT(*) AS "n"
  FROM (
    SELECT
      "t75"."period_start",
      "t75"."as_of",
      "t75"."customer_id",
      "t75"."engagement_index",
      "t75"."recency_days",
      "t75"."orders_in_window",
      "t75"."active_days_28",
      "t75"."latest_score",
      "t75"."segment"
    FROM (
      SELECT
        "t74"."period_start",
        "t74"."as_of",
        "t74"."customer_id",
        "t74"."engagement_index",
        "t74"."recency_days",
        "t74"."orders_in_window",
        "t74"."active_days_28",
        "t74"."latest_score",
        "t74"."segment_customer_",
        "t74"."segment_",
        COALESCE("t74"."segment_", 'unknown') AS "segment"
      FROM (
        SELECT
          "t73"."period_start",
          "t73"."as_of",
          "t73"."customer_id",
          "t73"."engagement_index",
          "t73"."recency_days",
          "t73"."orders_in_window",
          "t73"."active_days_28",
          "t73"."latest_score",
          "t9"."segment_customer_",
          "t9"."segment_"
        FROM (
          SELECT
            "t71"."period_start",
            "t71"."as_of",
            "t71"."customer_id",
            (
              0.0 + COALESCE("t71"."recency_days_rank", 0) + COALESCE("t71"."orders_in_window_rank", 0) + COALESCE("t71"."active_days_28_rank", 0) + COALESCE("t71"."latest_score_rank", 0)
            ) / CAST(0 + CASE WHEN "t71"."recency_days_rank" IS NOT NULL THEN 1 ELSE 0 END + CASE WHEN "t71"."orders_in_window_rank" IS NOT NULL THEN 1 ELSE 0 END + CASE WHEN "t71"."active_days_28_rank" IS NOT NULL THEN 1 ELSE 0 END + CASE WHEN "t71"."latest_score_rank" IS NOT NULL THEN 1 ELSE 0 END AS DOUBLE PRECISION) AS "engagement_index",
            "t71"."recency_days",
            "t71"."orders_in_window",
            "t71"."active_days_28",
            "t71"."latest_score"
          FROM (
            SELECT
              "t70"."period_start",
              "t70"."customer_id",
              "t70"."as_of",
              "t70"."recency_days",
              "t70"."orders_in_window",
              "t70"."active_days_28",
              "t70"."latest_score",
              "t70"."recency_days_rank",
              "t70"."orders_in_window_rank",
              "t70"."active_days_28_rank",
              "t70"."latest_score_rank"
            FROM (
              SELECT
                "t49"."period_start",
                "t49"."customer_id",
                "t49"."as_of",
                "t49"."recency_days",
                "t49"."orders_in_window",
                "t49"."active_days_28",
                "t49"."latest_score",
                "t69"."value_recency_days_",
                "t69"."recency_days_rank",
                "t66"."value_orders_in_window_",
                "t66"."orders_in_window_rank",
                "t67"."value_active_days_28_",
                "t67"."active_days_28_rank",
                "t63"."value_latest_score_",
                "t63"."latest_score_rank"
              FROM "t47" AS "t49"
              LEFT OUTER JOIN (
                SELECT
                  "t61"."value_" AS "value_recency_days_",
                  (
                    (
                      (
                        "t61"."upto" - "t61"."freq"
                      ) / CAST("t61"."n" AS DOUBLE PRECISION)
                    ) + (
                      "t61"."upto" / CAST("t61"."n" AS DOUBLE PRECISION)
                    )
                  ) * 50 AS "recency_days_rank"
                FROM (
                  SELECT
                    "t57"."value_",
                    "t57"."freq",
                    SUM("t57"."freq") OVER (ORDER BY "t57"."value_" ASC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS "upto",
                    SUM("t57"."freq") OVER (ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "n"
                  FROM (
                    SELECT
                      "t54"."value_",
                      COUNT(*) AS "freq"
                    FROM (
                      SELECT
                        -(
                          CAST("t48"."recency_days" AS DOUBLE PRECISION)
                        ) AS "value_"
                      FROM "t47" AS "t48"
                      WHERE
                        -(
                          CAST("t48"."recency_days" AS DOUBLE PRECISION)
                        ) IS NOT NULL
                    ) AS "t54"
                    GROUP BY
                      1
                  ) AS "t57"
                ) AS "t61"
              ) AS "t69"
                ON -(
                  CAST("t49"."recency_days" AS DOUBLE PRECISION)
                ) = "t69"."value_recency_days_"
              LEFT OUTER JOIN (
                SELECT
                  "t59"."value_" AS "value_orders_in_window_",
                  (
                    (
                      (
                        "t59"."upto" - "t59"."freq"
                      ) / CAST("t59"."n" AS DOUBLE PRECISION)
                    ) + (
                      "t59"."upto" / CAST("t59"."n" AS DOUBLE PRECISION)
                    )
                  ) * 50 AS "orders_in_window_rank"
                FROM (
                  SELECT
                    "t55"."value_",
                    "t55"."freq",
                    SUM("t55"."freq") OVER (ORDER BY "t55"."value_" ASC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS "upto",
                    SUM("t55"."freq") OVER (ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "n"
                  FROM (
                    SELECT
                      "t51"."value_",
                      COUNT(*) AS "freq"
                    FROM (
                      SELECT
                        CAST("t48"."orders_in_window" AS DOUBLE PRECISION) AS "value_"
                      FROM "t47" AS "t48"
                      WHERE
                        CAST("t48"."orders_in_window" AS DOUBLE PRECISION) IS NOT NULL
                    ) AS "t51"
                    GROUP BY
                      1
                  ) AS "t55"
                ) AS "t59"
              ) AS "t66"
                ON CAST("t49"."orders_in_window" AS DOUBLE PRECISION) = "t66"."value_orders_in_window_"
              LEFT OUTER JOIN (
                SELECT
                  "t60"."value_" AS "value_active_days_28_",
                  (
                    (
                      (
                        "t60"."upto" - "t60"."freq"
                      ) / CAST("t60"."n" AS DOUBLE PRECISION)
                    ) + (
                      "t60"."upto" / CAST("t60"."n" AS DOUBLE PRECISION)
                    )
                  ) * 50 AS "active_days_28_rank"
                FROM (
                  SELECT
                    "t56"."value_",
                    "t56"."freq",
                    SUM("t56"."freq") OVER (ORDER BY "t56"."value_" ASC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS "upto",
                    SUM("t56"."freq") OVER (ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "n"
                  FROM (
                    SELECT
                      "t52"."value_",
                      COUNT(*) AS "freq"
                    FROM (
                      SELECT
                        CAST("t48"."active_days_28" AS DOUBLE PRECISION) AS "value_"
                      FROM "t47" AS "t48"
                      WHERE
                        CAST("t48"."active_days_28" AS DOUBLE PRECISION) IS NOT NULL
                    ) AS "t52"
                    GROUP BY
                      1
                  ) AS "t56"
                ) AS "t60"
              ) AS "t67"
                ON CAST("t49"."active_days_28" AS DOUBLE PRECISION) = "t67"."value_active_days_28_"
              LEFT OUTER JOIN (
                SELECT
                  "t58"."value_" AS "value_latest_score_",
                  (
                    (
                      (
                        "t58"."upto" - "t58"."freq"
                      ) / CAST("t58"."n" AS DOUBLE PRECISION)
                    ) + (
                      "t58"."upto" / CAST("t58"."n" AS DOUBLE PRECISION)
                    )
                  ) * 50 AS "latest_score_rank"
                FROM (
                  SELECT
                    "t53"."value_",
                    "t53"."freq",
                    SUM("t53"."freq") OVER (ORDER BY "t53"."value_" ASC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS "upto",
                    SUM("t53"."freq") OVER (ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "n"
                  FROM (
                    SELECT
                      "t50"."value_",
                      COUNT(*) AS "freq"
                    FROM (
                      SELECT
                        "t48"."latest_score" AS "value_"
                      FROM "t47" AS "t48"
                      WHERE
                        "t48"."latest_score" IS NOT NULL
                    ) AS "t50"
                    GROUP BY
                      1
                  ) AS "t53"
                ) AS "t58"
              ) AS "t63"
                ON "t49"."latest_score" = "t63"."value_latest_score_"
            ) AS "t70"
          ) AS "t71"
        ) AS "t73"
        LEFT OUTER JOIN (
          SELECT
            "t0"."customer_id" AS "segment_customer_",
            "t0"."country" AS "segment_"
          FROM "customers" AS "t0"
        ) AS "t9"
          ON "t73"."customer_id" = "t9"."segment_customer_"
      ) AS "t74"
    ) AS "t75"
  ) AS "t76"
  GROUP BY
    1,
    2
) AS "t77"
