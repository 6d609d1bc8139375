SELECT
  'engagement_index' AS "metric",
  "t44"."period_start",
  "t44"."segment",
  "t44"."value",
  "t44"."value" - (
    (
      COALESCE("t44"."sd", 0) * 1.959963984540054
    ) / SQRT(
      CASE WHEN "t44"."n" > 0 THEN CAST("t44"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
    )
  ) AS "ci_low",
  "t44"."value" + (
    (
      COALESCE("t44"."sd", 0) * 1.959963984540054
    ) / SQRT(
      CASE WHEN "t44"."n" > 0 THEN CAST("t44"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
    )
  ) AS "ci_high",
  "t44"."n"
FROM (
  SELECT
    "t43"."period_start",
    "t43"."segment",
    AVG("t43"."engagement_index") AS "value",
    STDDEV_SAMP("t43"."engagement_index") AS "sd",
    COUNT(*) AS "n"
  FROM (
    SELECT
      "t42".*
      EXCLUDE ("segment_", "segment_customer_")
    FROM (
      SELECT
        "t41"."period_start",
        "t41"."as_of",
        "t41"."customer_id",
        "t41"."engagement_index",
        "t41"."recency_days",
        "t41"."orders_in_window",
        "t41"."active_days_28",
        "t41"."latest_score",
        "t41"."segment_customer_",
        "t41"."segment_",
        COALESCE("t41"."segment_", 'unknown') AS "segment"
      FROM (
        SELECT
          "t40"."period_start",
          "t40"."as_of",
          "t40"."customer_id",
          "t40"."engagement_index",
          "t40"."recency_days",
          "t40"."orders_in_window",
          "t40"."active_days_28",
          "t40"."latest_score",
          "t7"."segment_customer_",
          "t7"."segment_"
        FROM (
          SELECT
            "t38"."period_start",
            "t38"."as_of",
            "t38"."customer_id",
            "t38"."engagement_index",
            "t38"."recency_days",
            "t38"."orders_in_window",
            "t38"."active_days_28",
            "t38"."latest_score"
          FROM (
            SELECT
              "t37"."period_start",
              "t37"."as_of",
              "t37"."customer_id",
              "t37"."recency_days",
              "t37"."orders_in_window",
              "t37"."active_days_28",
              "t37"."latest_score",
              (
                0.0 + COALESCE(
                  CASE
                    WHEN -(
                      CAST("t37"."recency_days" AS DOUBLE)
                    ) IS NULL
                    THEN CAST(NULL AS DOUBLE)
                    ELSE (
                      (
                        (
                          RANK() OVER (
                            PARTITION BY -(
                              CAST("t37"."recency_days" AS DOUBLE)
                            ) IS NULL
                            ORDER BY -(
                              CAST("t37"."recency_days" AS DOUBLE)
                            ) ASC
                            ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                          ) - 1
                        ) / CASE
                          WHEN COUNT(-(
                            CAST("t37"."recency_days" AS DOUBLE)
                          )) OVER (
                            PARTITION BY -(
                              CAST("t37"."recency_days" AS DOUBLE)
                            ) IS NULL
                            ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                          ) > 0
                          THEN CAST(COUNT(-(
                            CAST("t37"."recency_days" AS DOUBLE)
                          )) OVER (
                            PARTITION BY -(
                              CAST("t37"."recency_days" AS DOUBLE)
                            ) IS NULL
                            ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                          ) AS DOUBLE)
                          ELSE CAST(NULL AS DOUBLE)
                        END
                      ) + CUME_DIST() OVER (
                        PARTITION BY -(
                          CAST("t37"."recency_days" AS DOUBLE)
                        ) IS NULL
                        ORDER BY -(
                          CAST("t37"."recency_days" AS DOUBLE)
                        ) ASC
                        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                      )
                    ) * 50
                  END,
                  0
                ) + COALESCE(
                  CASE
                    WHEN CAST("t37"."orders_in_window" AS DOUBLE) IS NULL
                    THEN CAST(NULL AS DOUBLE)
                    ELSE (
                      (
                        (
                          RANK() OVER (
                            PARTITION BY CAST("t37"."orders_in_window" AS DOUBLE) IS NULL
                            ORDER BY CAST("t37"."orders_in_window" AS DOUBLE) ASC
                            ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                          ) - 1
                        ) / CASE
                          WHEN COUNT(CAST("t37"."orders_in_window" AS DOUBLE)) OVER (
                            PARTITION BY CAST("t37"."orders_in_window" AS DOUBLE) IS NULL
                            ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                          ) > 0
                          THEN CAST(COUNT(CAST("t37"."orders_in_window" AS DOUBLE)) OVER (
                            PARTITION BY CAST("t37"."orders_in_window" AS DOUBLE) IS NULL
                            ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                          ) AS DOUBLE)
                          ELSE CAST(NULL AS DOUBLE)
                        END
                      ) + CUME_DIST() OVER (
                        PARTITION BY CAST("t37"."orders_in_window" AS DOUBLE) IS NULL
                        ORDER BY CAST("t37"."orders_in_window" AS DOUBLE) ASC
                        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                      )
                    ) * 50
                  END,
                  0
                ) + COALESCE(
                  CASE
                    WHEN CAST("t37"."active_days_28" AS DOUBLE) IS NULL
                    THEN CAST(NULL AS DOUBLE)
                    ELSE (
                      (
                        (
                          RANK() OVER (
                            PARTITION BY CAST("t37"."active_days_28" AS DOUBLE) IS NULL
                            ORDER BY CAST("t37"."active_days_28" AS DOUBLE) ASC
                            ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                          ) - 1
                        ) / CASE
                          WHEN COUNT(CAST("t37"."active_days_28" AS DOUBLE)) OVER (
                            PARTITION BY CAST("t37"."active_days_28" AS DOUBLE) IS NULL
                            ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                          ) > 0
                          THEN CAST(COUNT(CAST("t37"."active_days_28" AS DOUBLE)) OVER (
                            PARTITION BY CAST("t37"."active_days_28" AS DOUBLE) IS NULL
                            ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                          ) AS DOUBLE)
                          ELSE CAST(NULL AS DOUBLE)
                        END
                      ) + CUME_DIST() OVER (
                        PARTITION BY CAST("t37"."active_days_28" AS DOUBLE) IS NULL
                        ORDER BY CAST("t37"."active_days_28" AS DOUBLE) ASC
                        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                      )
                    ) * 50
                  END,
                  0
                ) + COALESCE(
                  CASE
                    WHEN "t37"."latest_score" IS NULL
                    THEN CAST(NULL AS DOUBLE)
                    ELSE (
                      (
                        (
                          RANK() OVER (
                            PARTITION BY "t37"."latest_score" IS NULL
                            ORDER BY "t37"."latest_score" ASC
                            ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                          ) - 1
                        ) / CASE
                          WHEN COUNT("t37"."latest_score") OVER (
                            PARTITION BY "t37"."latest_score" IS NULL
                            ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                          ) > 0
                          THEN CAST(COUNT("t37"."latest_score") OVER (
                            PARTITION BY "t37"."latest_score" IS NULL
                            ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                          ) AS DOUBLE)
                          ELSE CAST(NULL AS DOUBLE)
                        END
                      ) + CUME_DIST() OVER (
                        PARTITION BY "t37"."latest_score" IS NULL
                        ORDER BY "t37"."latest_score" ASC
                        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                      )
                    ) * 50
                  END,
                  0
                )
              ) / CAST(0 + CASE
                WHEN CASE
                  WHEN -(
                    CAST("t37"."recency_days" AS DOUBLE)
                  ) IS NULL
                  THEN CAST(NULL AS DOUBLE)
                  ELSE (
                    (
                      (
                        RANK() OVER (
                          PARTITION BY -(
                            CAST("t37"."recency_days" AS DOUBLE)
                          ) IS NULL
                          ORDER BY -(
                            CAST("t37"."recency_days" AS DOUBLE)
                          ) ASC
                          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                        ) - 1
                      ) / CASE
                        WHEN COUNT(-(
                          CAST("t37"."recency_days" AS DOUBLE)
                        )) OVER (
                          PARTITION BY -(
                            CAST("t37"."recency_days" AS DOUBLE)
                          ) IS NULL
                          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                        ) > 0
                        THEN CAST(COUNT(-(
                          CAST("t37"."recency_days" AS DOUBLE)
                        )) OVER (
                          PARTITION BY -(
                            CAST("t37"."recency_days" AS DOUBLE)
                          ) IS NULL
                          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                        ) AS DOUBLE)
                        ELSE CAST(NULL AS DOUBLE)
                      END
                    ) + CUME_DIST() OVER (
                      PARTITION BY -(
                        CAST("t37"."recency_days" AS DOUBLE)
                      ) IS NULL
                      ORDER BY -(
                        CAST("t37"."recency_days" AS DOUBLE)
                      ) ASC
                      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                    )
                  ) * 50
                END IS NOT NULL
                THEN 1
                ELSE 0
              END + CASE
                WHEN CASE
                  WHEN CAST("t37"."orders_in_window" AS DOUBLE) IS NULL
                  THEN CAST(NULL AS DOUBLE)
                  ELSE (
                    (
                      (
                        RANK() OVER (
                          PARTITION BY CAST("t37"."orders_in_window" AS DOUBLE) IS NULL
                          ORDER BY CAST("t37"."orders_in_window" AS DOUBLE) ASC
                          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                        ) - 1
                      ) / CASE
                        WHEN COUNT(CAST("t37"."orders_in_window" AS DOUBLE)) OVER (
                          PARTITION BY CAST("t37"."orders_in_window" AS DOUBLE) IS NULL
                          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                        ) > 0
                        THEN CAST(COUNT(CAST("t37"."orders_in_window" AS DOUBLE)) OVER (
                          PARTITION BY CAST("t37"."orders_in_window" AS DOUBLE) IS NULL
                          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                        ) AS DOUBLE)
                        ELSE CAST(NULL AS DOUBLE)
                      END
                    ) + CUME_DIST() OVER (
                      PARTITION BY CAST("t37"."orders_in_window" AS DOUBLE) IS NULL
                      ORDER BY CAST("t37"."orders_in_window" AS DOUBLE) ASC
                      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                    )
                  ) * 50
                END IS NOT NULL
                THEN 1
                ELSE 0
              END + CASE
                WHEN CASE
                  WHEN CAST("t37"."active_days_28" AS DOUBLE) IS NULL
                  THEN CAST(NULL AS DOUBLE)
                  ELSE (
                    (
                      (
                        RANK() OVER (
                          PARTITION BY CAST("t37"."active_days_28" AS DOUBLE) IS NULL
                          ORDER BY CAST("t37"."active_days_28" AS DOUBLE) ASC
                          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                        ) - 1
                      ) / CASE
                        WHEN COUNT(CAST("t37"."active_days_28" AS DOUBLE)) OVER (
                          PARTITION BY CAST("t37"."active_days_28" AS DOUBLE) IS NULL
                          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                        ) > 0
                        THEN CAST(COUNT(CAST("t37"."active_days_28" AS DOUBLE)) OVER (
                          PARTITION BY CAST("t37"."active_days_28" AS DOUBLE) IS NULL
                          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                        ) AS DOUBLE)
                        ELSE CAST(NULL AS DOUBLE)
                      END
                    ) + CUME_DIST() OVER (
                      PARTITION BY CAST("t37"."active_days_28" AS DOUBLE) IS NULL
                      ORDER BY CAST("t37"."active_days_28" AS DOUBLE) ASC
                      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                    )
                  ) * 50
                END IS NOT NULL
                THEN 1
                ELSE 0
              END + CASE
                WHEN CASE
                  WHEN "t37"."latest_score" IS NULL
                  THEN CAST(NULL AS DOUBLE)
                  ELSE (
                    (
                      (
                        RANK() OVER (
                          PARTITION BY "t37"."latest_score" IS NULL
                          ORDER BY "t37"."latest_score" ASC
                          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                        ) - 1
                      ) / CASE
                        WHEN COUNT("t37"."latest_score") OVER (
                          PARTITION BY "t37"."latest_score" IS NULL
                          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                        ) > 0
                        THEN CAST(COUNT("t37"."latest_score") OVER (
                          PARTITION BY "t37"."latest_score" IS NULL
                          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                        ) AS DOUBLE)
                        ELSE CAST(NULL AS DOUBLE)
                      END
                    ) + CUME_DIST() OVER (
                      PARTITION BY "t37"."latest_score" IS NULL
                      ORDER BY "t37"."latest_score" ASC
                      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                    )
                  ) * 50
                END IS NOT NULL
                THEN 1
                ELSE 0
              END AS DOUBLE) AS "engagement_index"
            FROM (
              SELECT
                "t36"."period_start",
                "t36"."as_of",
                "t36"."customer_id",
                "t36"."recency_days",
                "t36"."orders_in_window",
                COALESCE("t36"."active_days_28", 0) AS "active_days_28",
                "t36"."latest_score"
              FROM (
                SELECT
                  "t35".*
                  EXCLUDE ("__customer_id", "__period_start")
                FROM (
                  SELECT
                    "t34"."period_start",
                    "t34"."as_of",
                    "t34"."customer_id",
                    "t34"."recency_days",
                    "t34"."orders_in_window",
                    "t34"."active_days_28",
                    "t28"."__period_start",
                    "t28"."__customer_id",
                    "t28"."latest_score"
                  FROM (
                    SELECT
                      "t32".*
                      EXCLUDE ("__customer_id", "__period_start")
                    FROM (
                      SELECT
                        "t31"."period_start",
                        "t31"."as_of",
                        "t31"."customer_id",
                        "t31"."recency_days",
                        "t31"."orders_in_window",
                        "t27"."__period_start",
                        "t27"."__customer_id",
                        "t27"."active_days_28"
                      FROM (
                        SELECT
                          "t29"."period_start",
                          "t29"."as_of",
                          "t29"."customer_id",
                          DATE_DIFF('DAY', "t29"."last_day", "t29"."as_of") AS "recency_days",
                          "t29"."orders_in_window"
                        FROM (
                          SELECT
                            "t24"."period_start",
                            "t24"."as_of",
                            "t24"."customer_id",
                            MAX("t24"."day") AS "last_day",
                            SUM("t24"."orders") AS "orders_in_window"
                          FROM (
                            SELECT
                              "t20"."customer_id",
                              "t20"."day",
                              "t20"."orders",
                              "t5"."period_start",
                              "t5"."as_of",
                              "t5"."window_from",
                              "t5"."days28_from",
                              "t5"."window_since",
                              "t5"."until"
                            FROM (
                              SELECT
                                "t15"."customer_id",
                                "t15"."day",
                                COUNT(*) AS "orders"
                              FROM (
                                SELECT
                                  *
                                FROM (
                                  SELECT
                                    "t9"."order_id",
                                    "t9"."customer_id",
                                    "t9"."ordered_at",
                                    "t9"."amount",
                                    "t9"."status",
                                    CAST(TIMEZONE('Europe/Amsterdam', "t9"."ordered_at") AS DATE) AS "day"
                                  FROM (
                                    SELECT
                                      *
                                    FROM "orders" AS "t3"
                                    WHERE
                                      "t3"."status" = 'completed'
                                  ) AS "t9"
                                ) AS "t12"
                                WHERE
                                  "t12"."ordered_at" >= MAKE_TIMESTAMPTZ(2023, 1, 1, 0, 0, 0.0, 'UTC')
                                  AND "t12"."ordered_at" < MAKE_TIMESTAMPTZ(2024, 1, 3, 0, 0, 0.0, 'UTC')
                              ) AS "t15"
                              GROUP BY
                                1,
                                2
                            ) AS "t20"
                            INNER JOIN (SELECT CAST('2024-01-01' AS DATE) AS "period_start", CAST('2024-01-01' AS DATE) AS "as_of", CAST('2023-01-02' AS DATE) AS "window_from", CAST('2023-12-05' AS DATE) AS "days28_from", CAST('2023-01-01' AS DATE) AS "window_since", CAST('2024-01-01' AS DATE) AS "until") AS "t5"
                              ON "t20"."day" >= "t5"."window_from" AND "t20"."day" <= "t5"."as_of"
                          ) AS "t24"
                          GROUP BY
                            1,
                            2,
                            3
                        ) AS "t29"
                      ) AS "t31"
                      LEFT OUTER JOIN (
                        SELECT
                          "t22"."period_start" AS "__period_start",
                          "t22"."customer_id" AS "__customer_id",
                          "t22"."active_days_28"
                        FROM (
                          SELECT
                            "t21"."period_start",
                            "t21"."customer_id",
                            COUNT(*) AS "active_days_28"
                          FROM (
                            SELECT
                              "t16"."customer_id",
                              "t16"."day",
                              "t5"."period_start",
                              "t5"."as_of",
                              "t5"."window_from",
                              "t5"."days28_from",
                              "t5"."window_since",
                              "t5"."until"
                            FROM (
                              SELECT DISTINCT
                                *
                              FROM (
                                SELECT
                                  "t10"."customer_id",
                                  CAST(TIMEZONE('Europe/Amsterdam', "t10"."occurred_at") AS DATE) AS "day"
                                FROM (
                                  SELECT
                                    *
                                  FROM "events" AS "t4"
                                  WHERE
                                    "t4"."occurred_at" >= MAKE_TIMESTAMPTZ(2023, 12, 4, 0, 0, 0.0, 'UTC')
                                    AND "t4"."occurred_at" < MAKE_TIMESTAMPTZ(2024, 1, 3, 0, 0, 0.0, 'UTC')
                                ) AS "t10"
                              ) AS "t13"
                            ) AS "t16"
                            INNER JOIN (SELECT CAST('2024-01-01' AS DATE) AS "period_start", CAST('2024-01-01' AS DATE) AS "as_of", CAST('2023-01-02' AS DATE) AS "window_from", CAST('2023-12-05' AS DATE) AS "days28_from", CAST('2023-01-01' AS DATE) AS "window_since", CAST('2024-01-01' AS DATE) AS "until") AS "t5"
                              ON "t16"."day" >= "t5"."days28_from" AND "t16"."day" <= "t5"."as_of"
                          ) AS "t21"
                          GROUP BY
                            1,
                            2
                        ) AS "t22"
                      ) AS "t27"
                        ON "t31"."period_start" = "t27"."__period_start"
                        AND "t31"."customer_id" = "t27"."__customer_id"
                    ) AS "t32"
                  ) AS "t34"
                  LEFT OUTER JOIN (
                    SELECT
                      "t23"."period_start" AS "__period_start",
                      "t23"."customer_id" AS "__customer_id",
                      "t23"."latest_score"
                    FROM (
                      SELECT
                        "t5"."period_start",
                        "t18"."customer_id",
                        "t18"."scaled" AS "latest_score"
                      FROM (
                        SELECT
                          "t11"."customer_id",
                          "t11"."responded_at",
                          "t11"."day",
                          "t11"."scaled",
                          LEAD("t11"."day") OVER (
                            PARTITION BY "t11"."customer_id"
                            ORDER BY "t11"."responded_at" ASC, "t11"."scaled" ASC
                            ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                          ) AS "until"
                        FROM (
                          SELECT
                            "t8"."customer_id",
                            "t8"."responded_at",
                            CAST(TIMEZONE('Europe/Amsterdam', "t8"."responded_at") AS DATE) AS "day",
                            CASE WHEN "t8"."survey" = 'nps' THEN "t8"."score" / 10 ELSE "t8"."score" / 5 END AS "scaled"
                          FROM (
                            SELECT
                              *
                            FROM "responses" AS "t2"
                            WHERE
                              "t2"."survey" IN ('nps', 'csat') AND "t2"."score" IS NOT NULL
                          ) AS "t8"
                        ) AS "t11"
                      ) AS "t18"
                      INNER JOIN (SELECT CAST('2024-01-01' AS DATE) AS "period_start", CAST('2024-01-01' AS DATE) AS "as_of", CAST('2023-01-02' AS DATE) AS "window_from", CAST('2023-12-05' AS DATE) AS "days28_from", CAST('2023-01-01' AS DATE) AS "window_since", CAST('2024-01-01' AS DATE) AS "until") AS "t5"
                        ON "t18"."day" <= "t5"."as_of"
                        AND (
                          (
                            "t18"."until" IS NULL
                          ) OR (
                            "t18"."until" > "t5"."as_of"
                          )
                        )
                    ) AS "t23"
                  ) AS "t28"
                    ON "t34"."period_start" = "t28"."__period_start"
                    AND "t34"."customer_id" = "t28"."__customer_id"
                ) AS "t35"
              ) AS "t36"
            ) AS "t37"
          ) AS "t38"
        ) AS "t40"
        LEFT OUTER JOIN (
          SELECT
            "t0"."customer_id" AS "segment_customer_",
            "t0"."country" AS "segment_"
          FROM "customers" AS "t0"
        ) AS "t7"
          ON "t40"."customer_id" = "t7"."segment_customer_"
      ) AS "t41"
    ) AS "t42"
  ) AS "t43"
  GROUP BY
    1,
    2
) AS "t44"
