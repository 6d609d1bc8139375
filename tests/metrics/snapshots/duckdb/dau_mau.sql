SELECT
  'dau_mau' AS "metric",
  "t17"."period_start",
  "t17"."segment",
  "t17"."sa" / "t17"."sd" AS "value",
  CASE
    WHEN "t17"."n" > 1
    THEN GREATEST(
      (
        "t17"."sa" / "t17"."sd"
      ) - (
        (
          SQRT(
            (
              GREATEST(
                (
                  "t17"."saa" - (
                    (
                      "t17"."sa" / "t17"."sd"
                    ) * 2 * "t17"."sad"
                  )
                ) + (
                  (
                    "t17"."sa" / "t17"."sd"
                  ) * (
                    "t17"."sa" / "t17"."sd"
                  ) * "t17"."sdd"
                ),
                0.0
              ) / CASE
                WHEN CAST("t17"."n" AS DOUBLE) > 1
                THEN CAST("t17"."n" AS DOUBLE) - 1
                ELSE CAST(NULL AS DOUBLE)
              END
            ) / CAST("t17"."n" AS DOUBLE)
          ) / (
            "t17"."sd" / CAST("t17"."n" AS DOUBLE)
          )
        ) * 1.959963984540054
      ),
      0.0
    )
    ELSE CAST(NULL AS DOUBLE)
  END AS "ci_low",
  CASE
    WHEN "t17"."n" > 1
    THEN LEAST(
      (
        "t17"."sa" / "t17"."sd"
      ) + (
        (
          SQRT(
            (
              GREATEST(
                (
                  "t17"."saa" - (
                    (
                      "t17"."sa" / "t17"."sd"
                    ) * 2 * "t17"."sad"
                  )
                ) + (
                  (
                    "t17"."sa" / "t17"."sd"
                  ) * (
                    "t17"."sa" / "t17"."sd"
                  ) * "t17"."sdd"
                ),
                0.0
              ) / CASE
                WHEN CAST("t17"."n" AS DOUBLE) > 1
                THEN CAST("t17"."n" AS DOUBLE) - 1
                ELSE CAST(NULL AS DOUBLE)
              END
            ) / CAST("t17"."n" AS DOUBLE)
          ) / (
            "t17"."sd" / CAST("t17"."n" AS DOUBLE)
          )
        ) * 1.959963984540054
      ),
      1.0
    )
    ELSE CAST(NULL AS DOUBLE)
  END AS "ci_high",
  "t17"."n"
FROM (
  SELECT
    "t16"."period_start",
    "t16"."segment",
    SUM(CAST("t16"."active_days" AS DOUBLE)) AS "sa",
    SUM(CAST("t16"."days" AS DOUBLE)) AS "sd",
    SUM(CAST("t16"."active_days" AS DOUBLE) * CAST("t16"."active_days" AS DOUBLE)) AS "saa",
    SUM(CAST("t16"."active_days" AS DOUBLE) * CAST("t16"."days" AS DOUBLE)) AS "sad",
    SUM(CAST("t16"."days" AS DOUBLE) * CAST("t16"."days" AS DOUBLE)) AS "sdd",
    COUNT(*) AS "n"
  FROM (
    SELECT
      "t15"."customer_id",
      "t15"."segment",
      "t15"."unit_start",
      "t15"."active_days",
      "t3"."period_start",
      "t3"."days"
    FROM (
      SELECT
        "t13"."customer_id",
        COALESCE("t13"."segment_", 'unknown') AS "segment",
        "t13"."month" AS "unit_start",
        (
          (
            (
              (
                (
                  "t13"."days" - (
                    (
                      "t13"."days" >> 1
                    ) & 1431655765
                  )
                ) & 858993459
              ) + (
                (
                  (
                    "t13"."days" - (
                      (
                        "t13"."days" >> 1
                      ) & 1431655765
                    )
                  ) >> 2
                ) & 858993459
              ) + (
                (
                  (
                    (
                      "t13"."days" - (
                        (
                          "t13"."days" >> 1
                        ) & 1431655765
                      )
                    ) & 858993459
                  ) + (
                    (
                      (
                        "t13"."days" - (
                          (
                            "t13"."days" >> 1
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
                    "t13"."days" - (
                      (
                        "t13"."days" >> 1
                      ) & 1431655765
                    )
                  ) & 858993459
                ) + (
                  (
                    (
                      "t13"."days" - (
                        (
                          "t13"."days" >> 1
                        ) & 1431655765
                      )
                    ) >> 2
                  ) & 858993459
                ) + (
                  (
                    (
                      (
                        "t13"."days" - (
                          (
                            "t13"."days" >> 1
                          ) & 1431655765
                        )
                      ) & 858993459
                    ) + (
                      (
                        (
                          "t13"."days" - (
                            (
                              "t13"."days" >> 1
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
                    "t13"."days" - (
                      (
                        "t13"."days" >> 1
                      ) & 1431655765
                    )
                  ) & 858993459
                ) + (
                  (
                    (
                      "t13"."days" - (
                        (
                          "t13"."days" >> 1
                        ) & 1431655765
                      )
                    ) >> 2
                  ) & 858993459
                ) + (
                  (
                    (
                      (
                        "t13"."days" - (
                          (
                            "t13"."days" >> 1
                          ) & 1431655765
                        )
                      ) & 858993459
                    ) + (
                      (
                        (
                          "t13"."days" - (
                            (
                              "t13"."days" >> 1
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
                    "t13"."days" - (
                      (
                        "t13"."days" >> 1
                      ) & 1431655765
                    )
                  ) & 858993459
                ) + (
                  (
                    (
                      "t13"."days" - (
                        (
                          "t13"."days" >> 1
                        ) & 1431655765
                      )
                    ) >> 2
                  ) & 858993459
                ) + (
                  (
                    (
                      (
                        "t13"."days" - (
                          (
                            "t13"."days" >> 1
                          ) & 1431655765
                        )
                      ) & 858993459
                    ) + (
                      (
                        (
                          "t13"."days" - (
                            (
                              "t13"."days" >> 1
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
                WHEN "t9"."month" = MAKE_DATE(2024, 1, 1)
                THEN 1
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
                    CAST(TIMEZONE('Europe/Amsterdam', "t6"."occurred_at") AS DATE) AS "day"
                  FROM (
                    SELECT
                      *
                    FROM "events" AS "t2"
                    WHERE
                      "t2"."occurred_at" >= MAKE_TIMESTAMPTZ(2023, 11, 30, 23, 0, 0.0, 'UTC')
                      AND "t2"."occurred_at" < MAKE_TIMESTAMPTZ(2024, 1, 1, 23, 0, 0.0, 'UTC')
                      AND "t2"."customer_id" IS NOT NULL
                  ) AS "t6"
                ) AS "t7"
              ) AS "t8"
              GROUP BY
                1,
                2
            ) AS "t9"
            WHERE
              "t9"."month" BETWEEN MAKE_DATE(2024, 1, 1) AND MAKE_DATE(2024, 1, 1)
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
    INNER JOIN (SELECT CAST('2024-01-01' AS DATE) AS "period_start", CAST('2024-01-01' AS DATE) AS "unit_start", 1 AS "days") AS "t3"
      ON "t15"."unit_start" = "t3"."unit_start"
  ) AS "t16"
  GROUP BY
    1,
    2
) AS "t17"
