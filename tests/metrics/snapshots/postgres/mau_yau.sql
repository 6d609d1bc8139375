SELECT
  'mau_yau' AS "metric",
  "t22"."period_start",
  "t22"."segment",
  "t22"."value",
  CASE
    WHEN "t22"."n" > 1
    THEN GREATEST(
      "t22"."value" - (
        (
          CAST("t22"."sd" AS DOUBLE PRECISION) / SQRT(CAST("t22"."n" AS DOUBLE PRECISION))
        ) * 1.959963984540054
      ),
      0.0
    )
    ELSE CAST(NULL AS DOUBLE PRECISION)
  END AS "ci_low",
  CASE
    WHEN "t22"."n" > 1
    THEN LEAST(
      "t22"."value" + (
        (
          CAST("t22"."sd" AS DOUBLE PRECISION) / SQRT(CAST("t22"."n" AS DOUBLE PRECISION))
        ) * 1.959963984540054
      ),
      1.0
    )
    ELSE CAST(NULL AS DOUBLE PRECISION)
  END AS "ci_high",
  "t22"."n"
FROM (
  SELECT
    "t21"."period_start",
    "t21"."segment",
    AVG(CAST("t21"."k" AS DOUBLE PRECISION) / "t21"."months") AS "value",
    STDDEV_SAMP(CAST("t21"."k" AS DOUBLE PRECISION) / "t21"."months") AS "sd",
    COUNT(*) AS "n"
  FROM (
    SELECT
      "t20"."period_start",
      "t20"."segment",
      "t20"."customer_id",
      "t20"."k",
      "t6"."months"
    FROM (
      SELECT
        "t18"."period_start",
        "t18"."segment",
        "t18"."customer_id",
        COUNT(*) AS "k"
      FROM (
        SELECT
          "t17"."customer_id",
          "t17"."segment",
          "t17"."unit_start",
          "t17"."active_days",
          "t3"."period_start",
          "t3"."days"
        FROM (
          SELECT
            "t15"."customer_id",
            COALESCE("t15"."segment_", 'unknown') AS "segment",
            "t15"."month" AS "unit_start",
            (
              (
                (
                  (
                    (
                      "t15"."days" - (
                        (
                          "t15"."days" >> 1
                        ) & 1431655765
                      )
                    ) & 858993459
                  ) + (
                    (
                      (
                        "t15"."days" - (
                          (
                            "t15"."days" >> 1
                          ) & 1431655765
                        )
                      ) >> 2
                    ) & 858993459
                  ) + (
                    (
                      (
                        (
                          "t15"."days" - (
                            (
                              "t15"."days" >> 1
                            ) & 1431655765
                          )
                        ) & 858993459
                      ) + (
                        (
                          (
                            "t15"."days" - (
                              (
                                "t15"."days" >> 1
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
                        "t15"."days" - (
                          (
                            "t15"."days" >> 1
                          ) & 1431655765
                        )
                      ) & 858993459
                    ) + (
                      (
                        (
                          "t15"."days" - (
                            (
                              "t15"."days" >> 1
                            ) & 1431655765
                          )
                        ) >> 2
                      ) & 858993459
                    ) + (
                      (
                        (
                          (
                            "t15"."days" - (
                              (
                                "t15"."days" >> 1
                              ) & 1431655765
                            )
                          ) & 858993459
                        ) + (
                          (
                            (
                              "t15"."days" - (
                                (
                                  "t15"."days" >> 1
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
                        "t15"."days" - (
                          (
                            "t15"."days" >> 1
                          ) & 1431655765
                        )
                      ) & 858993459
                    ) + (
                      (
                        (
                          "t15"."days" - (
                            (
                              "t15"."days" >> 1
                            ) & 1431655765
                          )
                        ) >> 2
                      ) & 858993459
                    ) + (
                      (
                        (
                          (
                            "t15"."days" - (
                              (
                                "t15"."days" >> 1
                              ) & 1431655765
                            )
                          ) & 858993459
                        ) + (
                          (
                            (
                              "t15"."days" - (
                                (
                                  "t15"."days" >> 1
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
                        "t15"."days" - (
                          (
                            "t15"."days" >> 1
                          ) & 1431655765
                        )
                      ) & 858993459
                    ) + (
                      (
                        (
                          "t15"."days" - (
                            (
                              "t15"."days" >> 1
                            ) & 1431655765
                          )
                        ) >> 2
                      ) & 858993459
                    ) + (
                      (
                        (
                          (
                            "t15"."days" - (
                              (
                                "t15"."days" >> 1
                              ) & 1431655765
                            )
                          ) & 858993459
                        ) + (
                          (
                            (
                              "t15"."days" - (
                                (
                                  "t15"."days" >> 1
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
                        DATE(TIMEZONE('Europe/Amsterdam', "t8"."occurred_at")) AS "day"
                      FROM (
                        SELECT
                          *
                        FROM "events" AS "t2"
                        WHERE
                          "t2"."occurred_at" >= CAST('2023-11-30T23:00:00+00:00' AS TIMESTAMPTZ)
                          AND "t2"."occurred_at" < CAST('2024-01-01T23:00:00+00:00' AS TIMESTAMPTZ)
                          AND "t2"."customer_id" IS NOT NULL
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
                "t1"."customer_id" AS "segment_customer_",
                "t1"."country" AS "segment_"
              FROM "customers" AS "t1"
            ) AS "t7"
              ON "t14"."customer_id" = "t7"."segment_customer_"
          ) AS "t15"
        ) AS "t17"
        INNER JOIN (SELECT CAST('2024-01-01' AS DATE) AS "period_start", CAST('2024-01-01' AS DATE) AS "unit_start", 1 AS "days") AS "t3"
          ON "t17"."unit_start" = "t3"."unit_start"
      ) AS "t18"
      GROUP BY
        1,
        2,
        3
    ) AS "t20"
    INNER JOIN (
      SELECT
        "t0"."period_start",
        COUNT(*) AS "months"
      FROM (SELECT CAST('2024-01-01' AS DATE) AS "period_start", CAST('2024-01-01' AS DATE) AS "unit_start", 1 AS "days") AS "t0"
      GROUP BY
        1
    ) AS "t6"
      ON "t20"."period_start" = "t6"."period_start"
  ) AS "t21"
  GROUP BY
    1,
    2
) AS "t22"
