SELECT
  'power_users_l28' AS "metric",
  "t20"."period_start",
  "t20"."segment",
  CAST("t20"."hits" AS DOUBLE PRECISION) / "t20"."n" AS "value",
  LEAST(
    LEAST(
      (
        CAST((
          (
            CAST("t20"."hits" AS DOUBLE PRECISION) / CASE
              WHEN "t20"."n" > 0
              THEN CAST("t20"."n" AS DOUBLE PRECISION)
              ELSE CAST(NULL AS DOUBLE PRECISION)
            END
          ) + (
            CAST(3.8414588206941254 AS DOUBLE PRECISION) / (
              CASE
                WHEN "t20"."n" > 0
                THEN CAST("t20"."n" AS DOUBLE PRECISION)
                ELSE CAST(NULL AS DOUBLE PRECISION)
              END * 2
            )
          )
        ) AS DOUBLE PRECISION) / (
          (
            CAST(3.8414588206941254 AS DOUBLE PRECISION) / CASE
              WHEN "t20"."n" > 0
              THEN CAST("t20"."n" AS DOUBLE PRECISION)
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
                  CAST("t20"."hits" AS DOUBLE PRECISION) / CASE
                    WHEN "t20"."n" > 0
                    THEN CAST("t20"."n" AS DOUBLE PRECISION)
                    ELSE CAST(NULL AS DOUBLE PRECISION)
                  END
                ) * (
                  1 - (
                    CAST("t20"."hits" AS DOUBLE PRECISION) / CASE
                      WHEN "t20"."n" > 0
                      THEN CAST("t20"."n" AS DOUBLE PRECISION)
                      ELSE CAST(NULL AS DOUBLE PRECISION)
                    END
                  )
                )
              ) AS DOUBLE PRECISION) / CASE
                WHEN "t20"."n" > 0
                THEN CAST("t20"."n" AS DOUBLE PRECISION)
                ELSE CAST(NULL AS DOUBLE PRECISION)
              END
            ) + (
              CAST(3.8414588206941254 AS DOUBLE PRECISION) / (
                CASE
                  WHEN "t20"."n" > 0
                  THEN CAST("t20"."n" AS DOUBLE PRECISION)
                  ELSE CAST(NULL AS DOUBLE PRECISION)
                END * 4 * CASE
                  WHEN "t20"."n" > 0
                  THEN CAST("t20"."n" AS DOUBLE PRECISION)
                  ELSE CAST(NULL AS DOUBLE PRECISION)
                END
              )
            )
          ) * 1.959963984540054
        ) AS DOUBLE PRECISION) / (
          (
            CAST(3.8414588206941254 AS DOUBLE PRECISION) / CASE
              WHEN "t20"."n" > 0
              THEN CAST("t20"."n" AS DOUBLE PRECISION)
              ELSE CAST(NULL AS DOUBLE PRECISION)
            END
          ) + 1
        )
      ),
      CAST("t20"."hits" AS DOUBLE PRECISION) / CASE
        WHEN "t20"."n" > 0
        THEN CAST("t20"."n" AS DOUBLE PRECISION)
        ELSE CAST(NULL AS DOUBLE PRECISION)
      END
    ),
    CAST("t20"."hits" AS DOUBLE PRECISION) / "t20"."n"
  ) AS "ci_low",
  GREATEST(
    GREATEST(
      (
        CAST((
          (
            CAST("t20"."hits" AS DOUBLE PRECISION) / CASE
              WHEN "t20"."n" > 0
              THEN CAST("t20"."n" AS DOUBLE PRECISION)
              ELSE CAST(NULL AS DOUBLE PRECISION)
            END
          ) + (
            CAST(3.8414588206941254 AS DOUBLE PRECISION) / (
              CASE
                WHEN "t20"."n" > 0
                THEN CAST("t20"."n" AS DOUBLE PRECISION)
                ELSE CAST(NULL AS DOUBLE PRECISION)
              END * 2
            )
          )
        ) AS DOUBLE PRECISION) / (
          (
            CAST(3.8414588206941254 AS DOUBLE PRECISION) / CASE
              WHEN "t20"."n" > 0
              THEN CAST("t20"."n" AS DOUBLE PRECISION)
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
                  CAST("t20"."hits" AS DOUBLE PRECISION) / CASE
                    WHEN "t20"."n" > 0
                    THEN CAST("t20"."n" AS DOUBLE PRECISION)
                    ELSE CAST(NULL AS DOUBLE PRECISION)
                  END
                ) * (
                  1 - (
                    CAST("t20"."hits" AS DOUBLE PRECISION) / CASE
                      WHEN "t20"."n" > 0
                      THEN CAST("t20"."n" AS DOUBLE PRECISION)
                      ELSE CAST(NULL AS DOUBLE PRECISION)
                    END
                  )
                )
              ) AS DOUBLE PRECISION) / CASE
                WHEN "t20"."n" > 0
                THEN CAST("t20"."n" AS DOUBLE PRECISION)
                ELSE CAST(NULL AS DOUBLE PRECISION)
              END
            ) + (
              CAST(3.8414588206941254 AS DOUBLE PRECISION) / (
                CASE
                  WHEN "t20"."n" > 0
                  THEN CAST("t20"."n" AS DOUBLE PRECISION)
                  ELSE CAST(NULL AS DOUBLE PRECISION)
                END * 4 * CASE
                  WHEN "t20"."n" > 0
                  THEN CAST("t20"."n" AS DOUBLE PRECISION)
                  ELSE CAST(NULL AS DOUBLE PRECISION)
                END
              )
            )
          ) * 1.959963984540054
        ) AS DOUBLE PRECISION) / (
          (
            CAST(3.8414588206941254 AS DOUBLE PRECISION) / CASE
              WHEN "t20"."n" > 0
              THEN CAST("t20"."n" AS DOUBLE PRECISION)
              ELSE CAST(NULL AS DOUBLE PRECISION)
            END
          ) + 1
        )
      ),
      CAST("t20"."hits" AS DOUBLE PRECISION) / CASE
        WHEN "t20"."n" > 0
        THEN CAST("t20"."n" AS DOUBLE PRECISION)
        ELSE CAST(NULL AS DOUBLE PRECISION)
      END
    ),
    CAST("t20"."hits" AS DOUBLE PRECISION) / "t20"."n"
  ) AS "ci_high",
  "t20"."n"
FROM (
  SELECT
    "t19"."period_start",
    "t19"."segment",
    COUNT(*) AS "n",
    COUNT(*) FILTER(WHERE
      "t19"."active_days" >= 8) AS "hits"
  FROM (
    SELECT
      "t18"."customer_id",
      "t18"."segment",
      "t18"."key" AS "period_start",
      "t18"."active_days"
    FROM (
      SELECT
        "t17"."customer_id",
        "t17"."segment",
        "t17"."key",
        SUM(
          (
            (
              (
                (
                  (
                    "t17"."bits" - (
                      (
                        "t17"."bits" >> 1
                      ) & 1431655765
                    )
                  ) & 858993459
                ) + (
                  (
                    (
                      "t17"."bits" - (
                        (
                          "t17"."bits" >> 1
                        ) & 1431655765
                      )
                    ) >> 2
                  ) & 858993459
                ) + (
                  (
                    (
                      (
                        "t17"."bits" - (
                          (
                            "t17"."bits" >> 1
                          ) & 1431655765
                        )
                      ) & 858993459
                    ) + (
                      (
                        (
                          "t17"."bits" - (
                            (
                              "t17"."bits" >> 1
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
                      "t17"."bits" - (
                        (
                          "t17"."bits" >> 1
                        ) & 1431655765
                      )
                    ) & 858993459
                  ) + (
                    (
                      (
                        "t17"."bits" - (
                          (
                            "t17"."bits" >> 1
                          ) & 1431655765
                        )
                      ) >> 2
                    ) & 858993459
                  ) + (
                    (
                      (
                        (
                          "t17"."bits" - (
                            (
                              "t17"."bits" >> 1
                            ) & 1431655765
                          )
                        ) & 858993459
                      ) + (
                        (
                          (
                            "t17"."bits" - (
                              (
                                "t17"."bits" >> 1
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
                      "t17"."bits" - (
                        (
                          "t17"."bits" >> 1
                        ) & 1431655765
                      )
                    ) & 858993459
                  ) + (
                    (
                      (
                        "t17"."bits" - (
                          (
                            "t17"."bits" >> 1
                          ) & 1431655765
                        )
                      ) >> 2
                    ) & 858993459
                  ) + (
                    (
                      (
                        (
                          "t17"."bits" - (
                            (
                              "t17"."bits" >> 1
                            ) & 1431655765
                          )
                        ) & 858993459
                      ) + (
                        (
                          (
                            "t17"."bits" - (
                              (
                                "t17"."bits" >> 1
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
                      "t17"."bits" - (
                        (
                          "t17"."bits" >> 1
                        ) & 1431655765
                      )
                    ) & 858993459
                  ) + (
                    (
                      (
                        "t17"."bits" - (
                          (
                            "t17"."bits" >> 1
                          ) & 1431655765
                        )
                      ) >> 2
                    ) & 858993459
                  ) + (
                    (
                      (
                        (
                          "t17"."bits" - (
                            (
                              "t17"."bits" >> 1
                            ) & 1431655765
                          )
                        ) & 858993459
                      ) + (
                        (
                          (
                            "t17"."bits" - (
                              (
                                "t17"."bits" >> 1
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
            "t15"."customer_id",
            "t15"."segment",
            "t3"."key",
            "t3"."whole",
            "t15"."days" & "t3"."mask" AS "bits"
          FROM (
            SELECT
              "t13"."customer_id",
              "t13"."month",
              "t13"."days",
              COALESCE("t13"."segment_", 'unknown') AS "segment"
            FROM (
              SELECT
                "t12"."customer_id",
                "t12"."month",
                "t12"."days",
                "t5"."segment_customer_",
                "t5"."segment_"
              FROM (
                SELECT
                  *
                FROM (
                  SELECT
                    "t9"."customer_id",
                    "t9"."month",
                    "t9"."days" & CASE
                      WHEN "t9"."month" = MAKE_DATE(2023, 12, 1)
                      THEN 2147483632
                      WHEN "t9"."month" = MAKE_DATE(2024, 1, 1)
                      THEN 1
                      ELSE 2147483647
                    END AS "days"
                  FROM (
                    SELECT
                      "t8"."customer_id",
                      "t8"."month",
                      BIT_OR("t8"."bit") AS "days"
                    FROM (
                      SELECT
                        "t7"."customer_id",
                        DATE_TRUNC('MONTH', "t7"."day") AS "month",
                        1 << CAST(EXTRACT(day FROM "t7"."day") - 1 AS INT) AS "bit"
                      FROM (
                        SELECT
                          "t6"."customer_id",
                          DATE(TIMEZONE('Europe/Amsterdam', "t6"."occurred_at")) AS "day"
                        FROM (
                          SELECT
                            *
                          FROM "events" AS "t2"
                          WHERE
                            "t2"."occurred_at" >= CAST('2023-11-30T23:00:00+00:00' AS TIMESTAMPTZ)
                            AND "t2"."occurred_at" < CAST('2024-01-01T23:00:00+00:00' AS TIMESTAMPTZ)
                            AND "t2"."customer_id" IS NOT NULL
                        ) AS "t6"
                      ) AS "t7"
                    ) AS "t8"
                    GROUP BY
                      1,
                      2
                  ) AS "t9"
                  WHERE
                    "t9"."month" BETWEEN MAKE_DATE(2023, 12, 1) AND MAKE_DATE(2024, 1, 1)
                ) AS "t10"
                WHERE
                  "t10"."days" <> 0
              ) AS "t12"
              LEFT OUTER JOIN (
                SELECT
                  "t1"."customer_id" AS "segment_customer_",
                  "t1"."country" AS "segment_"
                FROM "customers" AS "t1"
              ) AS "t5"
                ON "t12"."customer_id" = "t5"."segment_customer_"
            ) AS "t13"
          ) AS "t15"
          INNER JOIN (SELECT CAST('2024-01-01' AS DATE) AS "month", CAST('2024-01-01' AS DATE) AS "key", 1 AS "mask", False AS "whole" UNION ALL SELECT CAST('2023-12-01' AS DATE) AS "month", CAST('2024-01-01' AS DATE) AS "key", 2147483632 AS "mask", False AS "whole") AS "t3"
            ON "t15"."month" = "t3"."month"
        ) AS "t16"
        WHERE
          "t16"."bits" <> 0 AND NOT (
            "t16"."whole"
          )
      ) AS "t17"
      GROUP BY
        1,
        2,
        3
    ) AS "t18"
  ) AS "t19"
  GROUP BY
    1,
    2
) AS "t20"
