SELECT
  'dau_mau' AS "metric",
  "t22"."period_start",
  "t22"."segment",
  "t22"."sa" / "t22"."sd" AS "value",
  CASE
    WHEN "t22"."n" > 1
    THEN GREATEST(
      (
        "t22"."sa" / "t22"."sd"
      ) - (
        (
          SQRT(
            (
              GREATEST(
                (
                  "t22"."saa" - (
                    (
                      "t22"."sa" / "t22"."sd"
                    ) * 2 * "t22"."sad"
                  )
                ) + (
                  (
                    "t22"."sa" / "t22"."sd"
                  ) * (
                    "t22"."sa" / "t22"."sd"
                  ) * "t22"."sdd"
                ),
                0.0
              ) / CASE
                WHEN CAST("t22"."n" AS DOUBLE) > 1
                THEN CAST("t22"."n" AS DOUBLE) - 1
                ELSE CAST(NULL AS DOUBLE)
              END
            ) / CAST("t22"."n" AS DOUBLE)
          ) / (
            "t22"."sd" / CAST("t22"."n" AS DOUBLE)
          )
        ) * 1.959963984540054
      ),
      0.0
    )
    ELSE CAST(NULL AS DOUBLE)
  END AS "ci_low",
  CASE
    WHEN "t22"."n" > 1
    THEN LEAST(
      (
        "t22"."sa" / "t22"."sd"
      ) + (
        (
          SQRT(
            (
              GREATEST(
                (
                  "t22"."saa" - (
                    (
                      "t22"."sa" / "t22"."sd"
                    ) * 2 * "t22"."sad"
                  )
                ) + (
                  (
                    "t22"."sa" / "t22"."sd"
                  ) * (
                    "t22"."sa" / "t22"."sd"
                  ) * "t22"."sdd"
                ),
                0.0
              ) / CASE
                WHEN CAST("t22"."n" AS DOUBLE) > 1
                THEN CAST("t22"."n" AS DOUBLE) - 1
                ELSE CAST(NULL AS DOUBLE)
              END
            ) / CAST("t22"."n" AS DOUBLE)
          ) / (
            "t22"."sd" / CAST("t22"."n" AS DOUBLE)
          )
        ) * 1.959963984540054
      ),
      1.0
    )
    ELSE CAST(NULL AS DOUBLE)
  END AS "ci_high",
  "t22"."n"
FROM (
  SELECT
    "t21"."period_start",
    "t21"."segment",
    SUM(CAST("t21"."active_days" AS DOUBLE)) AS "sa",
    SUM(CAST("t21"."days" AS DOUBLE)) AS "sd",
    SUM(CAST("t21"."active_days" AS DOUBLE) * CAST("t21"."active_days" AS DOUBLE)) AS "saa",
    SUM(CAST("t21"."active_days" AS DOUBLE) * CAST("t21"."days" AS DOUBLE)) AS "sad",
    SUM(CAST("t21"."days" AS DOUBLE) * CAST("t21"."days" AS DOUBLE)) AS "sdd",
    COUNT(*) AS "n"
  FROM (
    SELECT
      "t20"."customer_id",
      "t20"."segment",
      "t20"."unit_start",
      "t20"."active_days",
      "t4"."period_start",
      "t4"."days"
    FROM (
      SELECT
        "t18"."customer_id",
        "t18"."segment",
        "t18"."key" AS "unit_start",
        (
          (
            (
              (
                (
                  "t18"."bits" - (
                    (
                      "t18"."bits" >> 1
                    ) & 1431655765
                  )
                ) & 858993459
              ) + (
                (
                  (
                    "t18"."bits" - (
                      (
                        "t18"."bits" >> 1
                      ) & 1431655765
                    )
                  ) >> 2
                ) & 858993459
              ) + (
                (
                  (
                    (
                      "t18"."bits" - (
                        (
                          "t18"."bits" >> 1
                        ) & 1431655765
                      )
                    ) & 858993459
                  ) + (
                    (
                      (
                        "t18"."bits" - (
                          (
                            "t18"."bits" >> 1
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
                    "t18"."bits" - (
                      (
                        "t18"."bits" >> 1
                      ) & 1431655765
                    )
                  ) & 858993459
                ) + (
                  (
                    (
                      "t18"."bits" - (
                        (
                          "t18"."bits" >> 1
                        ) & 1431655765
                      )
                    ) >> 2
                  ) & 858993459
                ) + (
                  (
                    (
                      (
                        "t18"."bits" - (
                          (
                            "t18"."bits" >> 1
                          ) & 1431655765
                        )
                      ) & 858993459
                    ) + (
                      (
                        (
                          "t18"."bits" - (
                            (
                              "t18"."bits" >> 1
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
                    "t18"."bits" - (
                      (
                        "t18"."bits" >> 1
                      ) & 1431655765
                    )
                  ) & 858993459
                ) + (
                  (
                    (
                      "t18"."bits" - (
                        (
                          "t18"."bits" >> 1
                        ) & 1431655765
                      )
                    ) >> 2
                  ) & 858993459
                ) + (
                  (
                    (
                      (
                        "t18"."bits" - (
                          (
                            "t18"."bits" >> 1
                          ) & 1431655765
                        )
                      ) & 858993459
                    ) + (
                      (
                        (
                          "t18"."bits" - (
                            (
                              "t18"."bits" >> 1
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
                    "t18"."bits" - (
                      (
                        "t18"."bits" >> 1
                      ) & 1431655765
                    )
                  ) & 858993459
                ) + (
                  (
                    (
                      "t18"."bits" - (
                        (
                          "t18"."bits" >> 1
                        ) & 1431655765
                      )
                    ) >> 2
                  ) & 858993459
                ) + (
                  (
                    (
                      (
                        "t18"."bits" - (
                          (
                            "t18"."bits" >> 1
                          ) & 1431655765
                        )
                      ) & 858993459
                    ) + (
                      (
                        (
                          "t18"."bits" - (
                            (
                              "t18"."bits" >> 1
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
        ) & 63 AS "active_days"
      FROM (
        SELECT
          "t17"."customer_id",
          "t17"."segment",
          "t5"."key",
          "t5"."whole",
          "t17"."days" & "t5"."mask" AS "bits"
        FROM (
          SELECT
            "t15"."customer_id",
            "t15"."month",
            "t15"."days",
            COALESCE("t15"."segment_", 'unknown') AS "segment"
          FROM (
            SELECT
              "t14"."customer_id",
              "t14"."month",
              "t14"."days",
              "t7"."segment_customer_",
              "t7"."segment_"
            FROM (
              SELECT
                *
              FROM (
                SELECT
                  "t11"."customer_id",
                  "t11"."month",
                  "t11"."days" & CASE
                    WHEN "t11"."month" = MAKE_DATE(2024, 1, 1)
                    THEN 1
                    WHEN "t11"."month" = MAKE_DATE(2024, 1, 1)
                    THEN 1
                    ELSE 2147483647
                  END AS "days"
                FROM (
                  SELECT
                    "t10"."customer_id",
                    "t10"."month",
                    BIT_OR("t10"."bit") AS "days"
                  FROM (
                    SELECT
                      "t9"."customer_id",
                      DATE_TRUNC('MONTH', "t9"."day") AS "month",
                      1 << CAST(EXTRACT(day FROM "t9"."day") - 1 AS INT) AS "bit"
                    FROM (
                      SELECT
                        "t8"."customer_id",
                        CAST(TIMEZONE('Europe/Amsterdam', "t8"."occurred_at") AS DATE) AS "day"
                      FROM (
                        SELECT
                          *
                        FROM "events" AS "t3"
                        WHERE
                          "t3"."occurred_at" >= MAKE_TIMESTAMPTZ(2023, 11, 30, 23, 0, 0.0, 'UTC')
                          AND "t3"."occurred_at" < MAKE_TIMESTAMPTZ(2024, 1, 1, 23, 0, 0.0, 'UTC')
                          AND "t3"."customer_id" IS NOT NULL
                      ) AS "t8"
                    ) AS "t9"
                  ) AS "t10"
                  GROUP BY
                    1,
                    2
                ) AS "t11"
                WHERE
                  "t11"."month" BETWEEN MAKE_DATE(2024, 1, 1) AND MAKE_DATE(2024, 1, 1)
              ) AS "t12"
              WHERE
                "t12"."days" <> 0
            ) AS "t14"
            LEFT OUTER JOIN (
              SELECT
                "t2"."customer_id" AS "segment_customer_",
                "t2"."country" AS "segment_"
              FROM "customers" AS "t2"
            ) AS "t7"
              ON "t14"."customer_id" = "t7"."segment_customer_"
          ) AS "t15"
        ) AS "t17"
        INNER JOIN (SELECT CAST('2024-01-01' AS DATE) AS "month", CAST('2024-01-01' AS DATE) AS "key", 1 AS "mask", True AS "whole") AS "t5"
          ON "t17"."month" = "t5"."month"
      ) AS "t18"
      WHERE
        "t18"."bits" <> 0 AND "t18"."whole"
    ) AS "t20"
    INNER JOIN (SELECT CAST('2024-01-01' AS DATE) AS "period_start", CAST('2024-01-01' AS DATE) AS "unit_start", 1 AS "days") AS "t4"
      ON "t20"."unit_start" = "t4"."unit_start"
  ) AS "t21"
  GROUP BY
    1,
    2
) AS "t22"
