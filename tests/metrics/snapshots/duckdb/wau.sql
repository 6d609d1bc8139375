WITH "t20" AS (
  SELECT
    "t19"."unit_start",
    "t19"."segment",
    COUNT(*) AS "actives"
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
  ) AS "t19"
  GROUP BY
    1,
    2
)
SELECT
  'wau' AS "metric",
  "t26"."period_start",
  "t26"."segment",
  "t26"."value",
  CASE
    WHEN "t26"."n" > 1
    THEN GREATEST(
      "t26"."value" - (
        (
          "t26"."sd" * 1.959963984540054
        ) / SQRT(CAST("t26"."n" AS DOUBLE))
      ),
      0.0
    )
    ELSE CAST(NULL AS DOUBLE)
  END AS "ci_low",
  CASE
    WHEN "t26"."n" > 1
    THEN "t26"."value" + (
      (
        "t26"."sd" * 1.959963984540054
      ) / SQRT(CAST("t26"."n" AS DOUBLE))
    )
    ELSE CAST(NULL AS DOUBLE)
  END AS "ci_high",
  "t26"."n"
FROM (
  SELECT
    "t25"."period_start",
    "t25"."segment",
    AVG("t25"."actives") AS "value",
    STDDEV_SAMP("t25"."actives") AS "sd",
    COUNT(*) AS "n"
  FROM (
    SELECT
      "t4"."period_start",
      "t24"."segment",
      "t4"."unit_start",
      COALESCE("t22"."actives", 0) AS "actives"
    FROM (SELECT CAST('2024-01-01' AS DATE) AS "period_start", CAST('2024-01-01' AS DATE) AS "unit_start", 1 AS "days") AS "t4"
    CROSS JOIN (
      SELECT DISTINCT
        "t21"."segment"
      FROM "t20" AS "t21"
    ) AS "t24"
    LEFT OUTER JOIN "t20" AS "t22"
      ON "t4"."unit_start" = "t22"."unit_start" AND "t24"."segment" = "t22"."segment"
  ) AS "t25"
  GROUP BY
    1,
    2
) AS "t26"
