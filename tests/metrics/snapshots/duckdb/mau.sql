WITH "t15" AS (
  SELECT
    "t14"."unit_start",
    "t14"."segment",
    COUNT(*) AS "actives"
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
  ) AS "t14"
  GROUP BY
    1,
    2
)
SELECT
  'mau' AS "metric",
  "t21"."period_start",
  "t21"."segment",
  "t21"."value",
  CASE
    WHEN "t21"."n" > 1
    THEN GREATEST(
      "t21"."value" - (
        (
          "t21"."sd" * 1.959963984540054
        ) / SQRT(CAST("t21"."n" AS DOUBLE))
      ),
      0.0
    )
    ELSE CAST(NULL AS DOUBLE)
  END AS "ci_low",
  CASE
    WHEN "t21"."n" > 1
    THEN "t21"."value" + (
      (
        "t21"."sd" * 1.959963984540054
      ) / SQRT(CAST("t21"."n" AS DOUBLE))
    )
    ELSE CAST(NULL AS DOUBLE)
  END AS "ci_high",
  "t21"."n"
FROM (
  SELECT
    "t20"."period_start",
    "t20"."segment",
    AVG("t20"."actives") AS "value",
    STDDEV_SAMP("t20"."actives") AS "sd",
    COUNT(*) AS "n"
  FROM (
    SELECT
      "t3"."period_start",
      "t19"."segment",
      "t3"."unit_start",
      COALESCE("t17"."actives", 0) AS "actives"
    FROM (SELECT CAST('2024-01-01' AS DATE) AS "period_start", CAST('2024-01-01' AS DATE) AS "unit_start", 1 AS "days") AS "t3"
    CROSS JOIN (
      SELECT DISTINCT
        "t16"."segment"
      FROM "t15" AS "t16"
    ) AS "t19"
    LEFT OUTER JOIN "t15" AS "t17"
      ON "t3"."unit_start" = "t17"."unit_start" AND "t19"."segment" = "t17"."segment"
  ) AS "t20"
  GROUP BY
    1,
    2
) AS "t21"
