SELECT
  'mau_yau' AS "metric",
  "t27"."period_start",
  "t27"."segment",
  "t27"."value",
  CASE
    WHEN "t27"."n" > 1
    THEN GREATEST(
      "t27"."value" - (
        (
          CAST("t27"."sd" AS DOUBLE PRECISION) / SQRT(CAST("t27"."n" AS DOUBLE PRECISION))
        ) * 1.959963984540054
      ),
      0.0
    )
    ELSE CAST(NULL AS DOUBLE PRECISION)
  END AS "ci_low",
  CASE
    WHEN "t27"."n" > 1
    THEN LEAST(
      "t27"."value" + (
        (
          CAST("t27"."sd" AS DOUBLE PRECISION) / SQRT(CAST("t27"."n" AS DOUBLE PRECISION))
        ) * 1.959963984540054
      ),
      1.0
    )
    ELSE CAST(NULL AS DOUBLE PRECISION)
  END AS "ci_high",
  "t27"."n"
FROM (
  SELECT
    "t26"."period_start",
    "t26"."segment",
    AVG(CAST("t26"."k" AS DOUBLE PRECISION) / "t26"."months") AS "value",
    STDDEV_SAMP(CAST("t26"."k" AS DOUBLE PRECISION) / "t26"."months") AS "sd",
    COUNT(*) AS "n"
  FROM (
    SELECT
      "t25"."period_start",
      "t25"."segment",
      "t25"."customer_id",
      "t25"."k",
      "t8"."months"
    FROM (
      SELECT
        "t23"."period_start",
        "t23"."segment",
        "t23"."customer_id",
        COUNT(*) AS "k"
      FROM (
        SELECT
          "t22"."customer_id",
          "t22"."segment",
          "t22"."unit_start",
          "t22"."active_days",
          "t4"."period_start",
          "t4"."days"
        FROM (
          SELECT
            "t20"."customer_id",
            "t20"."segment",
            "t20"."key" AS "unit_start",
            (
              (
                (
                  (
                    (
                      "t20"."bits" - (
                        (
                          "t20"."bits" >> 1
                        ) & 1431655765
                      )
                    ) & 858993459
                  ) + (
                    (
                      (
                        "t20"."bits" - (
                          (
                            "t20"."bits" >> 1
                          ) & 1431655765
                        )
                      ) >> 2
                    ) & 858993459
                  ) + (
                    (
                      (
                        (
                          "t20"."bits" - (
                            (
                              "t20"."bits" >> 1
                            ) & 1431655765
                          )
                        ) & 858993459
                      ) + (
                        (
                          (
                            "t20"."bits" - (
                              (
                                "t20"."bits" >> 1
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
                        "t20"."bits" - (
                          (
                            "t20"."bits" >> 1
                          ) & 1431655765
                        )
                      ) & 858993459
                    ) + (
                      (
                        (
                          "t20"."bits" - (
                            (
                              "t20"."bits" >> 1
                            ) & 1431655765
                          )
                        ) >> 2
                      ) & 858993459
                    ) + (
                      (
                        (
                          (
                            "t20"."bits" - (
                              (
                                "t20"."bits" >> 1
                              ) & 1431655765
                            )
                          ) & 858993459
                        ) + (
                          (
                            (
                              "t20"."bits" - (
                                (
                                  "t20"."bits" >> 1
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
                        "t20"."bits" - (
                          (
                            "t20"."bits" >> 1
                          ) & 1431655765
                        )
                      ) & 858993459
                    ) + (
                      (
                        (
                          "t20"."bits" - (
                            (
                              "t20"."bits" >> 1
                            ) & 1431655765
                          )
                        ) >> 2
                      ) & 858993459
                    ) + (
                      (
                        (
                          (
                            "t20"."bits" - (
                              (
                                "t20"."bits" >> 1
                              ) & 1431655765
                            )
                          ) & 858993459
                        ) + (
                          (
                            (
                              "t20"."bits" - (
                                (
                                  "t20"."bits" >> 1
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
                        "t20"."bits" - (
                          (
                            "t20"."bits" >> 1
                          ) & 1431655765
                        )
                      ) & 858993459
                    ) + (
                      (
                        (
                          "t20"."bits" - (
                            (
                              "t20"."bits" >> 1
                            ) & 1431655765
                          )
                        ) >> 2
                      ) & 858993459
                    ) + (
                      (
                        (
                          (
                            "t20"."bits" - (
                              (
                                "t20"."bits" >> 1
                              ) & 1431655765
                            )
                          ) & 858993459
                        ) + (
                          (
                            (
                              "t20"."bits" - (
                                (
                                  "t20"."bits" >> 1
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
              "t19"."customer_id",
              "t19"."segment",
              "t5"."key",
              "t5"."whole",
              "t19"."days" & "t5"."mask" AS "bits"
            FROM (
              SELECT
                "t17"."customer_id",
                "t17"."month",
                "t17"."days",
                COALESCE("t17"."segment_", 'unknown') AS "segment"
              FROM (
                SELECT
                  "t16"."customer_id",
                  "t16"."month",
                  "t16"."days",
                  "t9"."segment_customer_",
                  "t9"."segment_"
                FROM (
                  SELECT
                    *
                  FROM (
                    SELECT
                      "t13"."customer_id",
                      "t13"."month",
                      "t13"."days" & CASE
                        WHEN "t13"."month" = MAKE_DATE(2024, 1, 1)
                        THEN 1
                        WHEN "t13"."month" = MAKE_DATE(2024, 1, 1)
                        THEN 1
                        ELSE 2147483647
                      END AS "days"
                    FROM (
                      SELECT
                        "t12"."customer_id",
                        "t12"."month",
                        BIT_OR("t12"."bit") AS "days"
                      FROM (
                        SELECT
                          "t11"."customer_id",
                          DATE_TRUNC('MONTH', "t11"."day") AS "month",
                          1 << CAST(EXTRACT(day FROM "t11"."day") - 1 AS INT) AS "bit"
                        FROM (
                          SELECT
                            "t10"."customer_id",
                            DATE(TIMEZONE('Europe/Amsterdam', "t10"."occurred_at")) AS "day"
                          FROM (
                            SELECT
                              *
                            FROM "events" AS "t3"
                            WHERE
                              "t3"."occurred_at" >= CAST('2023-11-30T23:00:00+00:00' AS TIMESTAMPTZ)
                              AND "t3"."occurred_at" < CAST('2024-01-01T23:00:00+00:00' AS TIMESTAMPTZ)
                              AND "t3"."customer_id" IS NOT NULL
                          ) AS "t10"
                        ) AS "t11"
                      ) AS "t12"
                      GROUP BY
                        1,
                        2
                    ) AS "t13"
                    WHERE
                      "t13"."month" BETWEEN MAKE_DATE(2024, 1, 1) AND MAKE_DATE(2024, 1, 1)
                  ) AS "t14"
                  WHERE
                    "t14"."days" <> 0
                ) AS "t16"
                LEFT OUTER JOIN (
                  SELECT
                    "t2"."customer_id" AS "segment_customer_",
                    "t2"."country" AS "segment_"
                  FROM "customers" AS "t2"
                ) AS "t9"
                  ON "t16"."customer_id" = "t9"."segment_customer_"
              ) AS "t17"
            ) AS "t19"
            INNER JOIN (SELECT CAST('2024-01-01' AS DATE) AS "month", CAST('2024-01-01' AS DATE) AS "key", 1 AS "mask", True AS "whole") AS "t5"
              ON "t19"."month" = "t5"."month"
          ) AS "t20"
          WHERE
            "t20"."bits" <> 0 AND "t20"."whole"
        ) AS "t22"
        INNER JOIN (SELECT CAST('2024-01-01' AS DATE) AS "period_start", CAST('2024-01-01' AS DATE) AS "unit_start", 1 AS "days") AS "t4"
          ON "t22"."unit_start" = "t4"."unit_start"
      ) AS "t23"
      GROUP BY
        1,
        2,
        3
    ) AS "t25"
    INNER JOIN (
      SELECT
        "t0"."period_start",
        COUNT(*) AS "months"
      FROM (SELECT CAST('2024-01-01' AS DATE) AS "period_start", CAST('2024-01-01' AS DATE) AS "unit_start", 1 AS "days") AS "t0"
      GROUP BY
        1
    ) AS "t8"
      ON "t25"."period_start" = "t8"."period_start"
  ) AS "t26"
  GROUP BY
    1,
    2
) AS "t27"
