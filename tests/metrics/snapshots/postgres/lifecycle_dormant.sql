WITH "t19" AS (
  SELECT
    "t18"."customer_id",
    "t18"."month",
    BIT_OR("t18"."bit") AS "days"
  FROM (
    SELECT
      "t16"."customer_id",
      DATE_TRUNC('MONTH', "t16"."day") AS "month",
      1 << CAST(EXTRACT(day FROM "t16"."day") - 1 AS INT) AS "bit"
    FROM (
      SELECT
        "t14"."customer_id",
        DATE(TIMEZONE('Europe/Amsterdam', "t14"."occurred_at")) AS "day"
      FROM (
        SELECT
          *
        FROM "events" AS "t2"
        WHERE
          "t2"."occurred_at" >= CAST('2023-11-30T23:00:00+00:00' AS TIMESTAMPTZ)
          AND "t2"."occurred_at" < CAST('2024-01-01T23:00:00+00:00' AS TIMESTAMPTZ)
          AND "t2"."customer_id" IS NOT NULL
      ) AS "t14"
    ) AS "t16"
  ) AS "t18"
  GROUP BY
    1,
    2
), "t34" AS (
  SELECT
    "t32"."customer_id",
    "t32"."segment",
    "t6"."key",
    "t6"."whole",
    "t32"."days" & "t6"."mask" AS "bits"
  FROM (
    SELECT
      "t28"."customer_id",
      "t28"."month",
      "t28"."days",
      COALESCE("t28"."segment_", 'unknown') AS "segment"
    FROM (
      SELECT
        "t26"."customer_id",
        "t26"."month",
        "t26"."days",
        "t12"."segment_customer_",
        "t12"."segment_"
      FROM (
        SELECT
          *
        FROM (
          SELECT
            "t20"."customer_id",
            "t20"."month",
            "t20"."days" & CASE
              WHEN "t20"."month" = MAKE_DATE(2024, 1, 1)
              THEN 1
              WHEN "t20"."month" = MAKE_DATE(2024, 1, 1)
              THEN 1
              ELSE 2147483647
            END AS "days"
          FROM "t19" AS "t20"
          WHERE
            "t20"."month" BETWEEN MAKE_DATE(2024, 1, 1) AND MAKE_DATE(2024, 1, 1)
        ) AS "t22"
        WHERE
          "t22"."days" <> 0
      ) AS "t26"
      LEFT OUTER JOIN (
        SELECT
          "t1"."customer_id" AS "segment_customer_",
          "t1"."country" AS "segment_"
        FROM "customers" AS "t1"
      ) AS "t12"
        ON "t26"."customer_id" = "t12"."segment_customer_"
    ) AS "t28"
  ) AS "t32"
  INNER JOIN (SELECT CAST('2024-01-01' AS DATE) AS "month", CAST('2024-01-01' AS DATE) AS "key", 1 AS "mask", True AS "whole") AS "t6"
    ON "t32"."month" = "t6"."month"
), "t59" AS (
  SELECT
    "t58"."customer_id",
    "t58"."period_start",
    "t58"."now",
    "t58"."before",
    "t12"."segment_customer_",
    "t12"."segment_"
  FROM (
    SELECT
      "t55"."customer_id",
      "t55"."period_start",
      MAX("t55"."now") AS "now",
      MAX("t55"."before") AS "before"
    FROM (
      SELECT
        *
      FROM (
        SELECT
          "t36"."customer_id",
          "t36"."key" AS "period_start",
          1 AS "now",
          0 AS "before"
        FROM "t34" AS "t36"
        WHERE
          "t36"."bits" <> 0 AND "t36"."whole"
      ) AS "t37"
      UNION ALL
      SELECT
        *
      FROM (
        SELECT
          "t51"."customer_id",
          "t51"."period_start",
          0 AS "now",
          1 AS "before"
        FROM (
          SELECT
            *
          FROM (
            SELECT
              "t40"."customer_id",
              "t7"."period_start"
            FROM (
              SELECT
                "t36"."customer_id",
                "t36"."key" AS "period_start"
              FROM "t34" AS "t36"
              WHERE
                "t36"."bits" <> 0 AND "t36"."whole"
            ) AS "t40"
            INNER JOIN (SELECT CAST('2024-01-01' AS DATE) AS "period_start", CAST('2023-12-01' AS DATE) AS "prev_key") AS "t7"
              ON "t40"."period_start" = "t7"."prev_key"
          ) AS "t43"
          UNION ALL
          SELECT
            *
          FROM (
            SELECT
              "t48"."customer_id",
              "t7"."period_start"
            FROM (
              SELECT
                "t35"."customer_id",
                "t35"."segment",
                "t35"."key" AS "unit_start",
                (
                  (
                    (
                      (
                        (
                          "t35"."bits" - (
                            (
                              "t35"."bits" >> 1
                            ) & 1431655765
                          )
                        ) & 858993459
                      ) + (
                        (
                          (
                            "t35"."bits" - (
                              (
                                "t35"."bits" >> 1
                              ) & 1431655765
                            )
                          ) >> 2
                        ) & 858993459
                      ) + (
                        (
                          (
                            (
                              "t35"."bits" - (
                                (
                                  "t35"."bits" >> 1
                                ) & 1431655765
                              )
                            ) & 858993459
                          ) + (
                            (
                              (
                                "t35"."bits" - (
                                  (
                                    "t35"."bits" >> 1
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
                            "t35"."bits" - (
                              (
                                "t35"."bits" >> 1
                              ) & 1431655765
                            )
                          ) & 858993459
                        ) + (
                          (
                            (
                              "t35"."bits" - (
                                (
                                  "t35"."bits" >> 1
                                ) & 1431655765
                              )
                            ) >> 2
                          ) & 858993459
                        ) + (
                          (
                            (
                              (
                                "t35"."bits" - (
                                  (
                                    "t35"."bits" >> 1
                                  ) & 1431655765
                                )
                              ) & 858993459
                            ) + (
                              (
                                (
                                  "t35"."bits" - (
                                    (
                                      "t35"."bits" >> 1
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
                            "t35"."bits" - (
                              (
                                "t35"."bits" >> 1
                              ) & 1431655765
                            )
                          ) & 858993459
                        ) + (
                          (
                            (
                              "t35"."bits" - (
                                (
                                  "t35"."bits" >> 1
                                ) & 1431655765
                              )
                            ) >> 2
                          ) & 858993459
                        ) + (
                          (
                            (
                              (
                                "t35"."bits" - (
                                  (
                                    "t35"."bits" >> 1
                                  ) & 1431655765
                                )
                              ) & 858993459
                            ) + (
                              (
                                (
                                  "t35"."bits" - (
                                    (
                                      "t35"."bits" >> 1
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
                            "t35"."bits" - (
                              (
                                "t35"."bits" >> 1
                              ) & 1431655765
                            )
                          ) & 858993459
                        ) + (
                          (
                            (
                              "t35"."bits" - (
                                (
                                  "t35"."bits" >> 1
                                ) & 1431655765
                              )
                            ) >> 2
                          ) & 858993459
                        ) + (
                          (
                            (
                              (
                                "t35"."bits" - (
                                  (
                                    "t35"."bits" >> 1
                                  ) & 1431655765
                                )
                              ) & 858993459
                            ) + (
                              (
                                (
                                  "t35"."bits" - (
                                    (
                                      "t35"."bits" >> 1
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
                  "t33"."customer_id",
                  "t33"."segment",
                  "t8"."key",
                  "t8"."whole",
                  "t33"."days" & "t8"."mask" AS "bits"
                FROM (
                  SELECT
                    "t29"."customer_id",
                    "t29"."month",
                    "t29"."days",
                    COALESCE("t29"."segment_", 'unknown') AS "segment"
                  FROM (
                    SELECT
                      "t27"."customer_id",
                      "t27"."month",
                      "t27"."days",
                      "t12"."segment_customer_",
                      "t12"."segment_"
                    FROM (
                      SELECT
                        *
                      FROM (
                        SELECT
                          "t20"."customer_id",
                          "t20"."month",
                          "t20"."days" & CASE
                            WHEN "t20"."month" = MAKE_DATE(2023, 12, 1)
                            THEN 2147483647
                            WHEN "t20"."month" = MAKE_DATE(2023, 12, 1)
                            THEN 2147483647
                            ELSE 2147483647
                          END AS "days"
                        FROM "t19" AS "t20"
                        WHERE
                          "t20"."month" BETWEEN MAKE_DATE(2023, 12, 1) AND MAKE_DATE(2023, 12, 1)
                      ) AS "t23"
                      WHERE
                        "t23"."days" <> 0
                    ) AS "t27"
                    LEFT OUTER JOIN (
                      SELECT
                        "t1"."customer_id" AS "segment_customer_",
                        "t1"."country" AS "segment_"
                      FROM "customers" AS "t1"
                    ) AS "t12"
                      ON "t27"."customer_id" = "t12"."segment_customer_"
                  ) AS "t29"
                ) AS "t33"
                INNER JOIN (SELECT CAST('2023-12-01' AS DATE) AS "month", CAST('2023-12-01' AS DATE) AS "key", 2147483647 AS "mask", True AS "whole") AS "t8"
                  ON "t33"."month" = "t8"."month"
              ) AS "t35"
              WHERE
                "t35"."bits" <> 0 AND "t35"."whole"
            ) AS "t48"
            INNER JOIN (SELECT CAST('2024-01-01' AS DATE) AS "period_start", CAST('2023-12-01' AS DATE) AS "prev_key") AS "t7"
              ON "t48"."unit_start" = "t7"."prev_key"
          ) AS "t50"
        ) AS "t51"
      ) AS "t53"
    ) AS "t55"
    GROUP BY
      1,
      2
  ) AS "t58"
  LEFT OUTER JOIN (
    SELECT
      "t1"."customer_id" AS "segment_customer_",
      "t1"."country" AS "segment_"
    FROM "customers" AS "t1"
  ) AS "t12"
    ON "t58"."customer_id" = "t12"."segment_customer_"
)
SELECT
  'lifecycle_dormant' AS "metric",
  "t66"."period_start",
  "t66"."segment",
  CAST("t66"."dormant" AS DOUBLE PRECISION) AS "value",
  CAST(NULL AS DOUBLE PRECISION) AS "ci_low",
  CAST(NULL AS DOUBLE PRECISION) AS "ci_high",
  "t66"."dormant" AS "n"
FROM (
  SELECT
    "t11"."period_start",
    "t63"."segment",
    COALESCE("t56"."new", 0) AS "new",
    COALESCE("t65"."returning", 0) AS "returning",
    (
      COALESCE("t65"."active", 0) - COALESCE("t65"."returning", 0)
    ) - COALESCE("t56"."new", 0) AS "resurrected",
    COALESCE("t65"."dormant", 0) AS "dormant"
  FROM (
    SELECT
      "t0"."period_start"
    FROM (SELECT CAST('2024-01-01' AS DATE) AS "period_start", CAST('2024-01-01' AS DATE) AS "first_day", CAST('2024-01-01' AS DATE) AS "last_day", 1 AS "days") AS "t0"
  ) AS "t11"
  CROSS JOIN (
    SELECT DISTINCT
      COALESCE("t60"."segment_", 'unknown') AS "segment"
    FROM "t59" AS "t60"
  ) AS "t63"
  LEFT OUTER JOIN (
    SELECT
      "t62"."period_start",
      "t62"."segment",
      SUM(CAST(CAST("t62"."now" = 1 AS INT) AS BIGINT)) AS "active",
      SUM(CAST(CAST((
        "t62"."now" = 1
      ) AND (
        "t62"."before" = 1
      ) AS INT) AS BIGINT)) AS "returning",
      SUM(
        CAST(CAST(NOT (
          "t62"."now" = 1
        ) AND (
          "t62"."before" = 1
        ) AS INT) AS BIGINT)
      ) AS "dormant"
    FROM (
      SELECT
        "t60"."customer_id",
        "t60"."period_start",
        "t60"."now",
        "t60"."before",
        COALESCE("t60"."segment_", 'unknown') AS "segment"
      FROM "t59" AS "t60"
    ) AS "t62"
    GROUP BY
      1,
      2
  ) AS "t65"
    ON "t11"."period_start" = "t65"."period_start" AND "t63"."segment" = "t65"."segment"
  LEFT OUTER JOIN (
    SELECT
      "t52"."period_start",
      "t52"."segment",
      COUNT(*) AS "new"
    FROM (
      SELECT
        "t49"."customer_id",
        "t49"."period_start",
        COALESCE("t49"."segment_", 'unknown') AS "segment"
      FROM (
        SELECT
          "t46"."customer_id",
          "t46"."period_start",
          "t12"."segment_customer_",
          "t12"."segment_"
        FROM (
          SELECT
            "t44"."customer_id",
            DATE_TRUNC('MONTH', "t44"."first_ever") AS "period_start"
          FROM (
            SELECT
              "t42"."customer_id",
              MIN("t42"."first_ever") AS "first_ever"
            FROM (
              SELECT
                *
              FROM (
                SELECT
                  *
                FROM (
                  SELECT
                    "t21"."customer_id",
                    "t21"."month" + MAKE_INTERVAL(
                      days => CAST(CAST((
                        (
                          (
                            (
                              (
                                (
                                  (
                                    "t21"."days" & -(
                                      "t21"."days"
                                    )
                                  ) - 1
                                ) - (
                                  (
                                    (
                                      (
                                        "t21"."days" & -(
                                          "t21"."days"
                                        )
                                      ) - 1
                                    ) >> 1
                                  ) & 1431655765
                                )
                              ) & 858993459
                            ) + (
                              (
                                (
                                  (
                                    (
                                      "t21"."days" & -(
                                        "t21"."days"
                                      )
                                    ) - 1
                                  ) - (
                                    (
                                      (
                                        (
                                          "t21"."days" & -(
                                            "t21"."days"
                                          )
                                        ) - 1
                                      ) >> 1
                                    ) & 1431655765
                                  )
                                ) >> 2
                              ) & 858993459
                            ) + (
                              (
                                (
                                  (
                                    (
                                      (
                                        "t21"."days" & -(
                                          "t21"."days"
                                        )
                                      ) - 1
                                    ) - (
                                      (
                                        (
                                          (
                                            "t21"."days" & -(
                                              "t21"."days"
                                            )
                                          ) - 1
                                        ) >> 1
                                      ) & 1431655765
                                    )
                                  ) & 858993459
                                ) + (
                                  (
                                    (
                                      (
                                        (
                                          "t21"."days" & -(
                                            "t21"."days"
                                          )
                                        ) - 1
                                      ) - (
                                        (
                                          (
                                            (
                                              "t21"."days" & -(
                                                "t21"."days"
                                              )
                                            ) - 1
                                          ) >> 1
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
                                  (
                                    (
                                      "t21"."days" & -(
                                        "t21"."days"
                                      )
                                    ) - 1
                                  ) - (
                                    (
                                      (
                                        (
                                          "t21"."days" & -(
                                            "t21"."days"
                                          )
                                        ) - 1
                                      ) >> 1
                                    ) & 1431655765
                                  )
                                ) & 858993459
                              ) + (
                                (
                                  (
                                    (
                                      (
                                        "t21"."days" & -(
                                          "t21"."days"
                                        )
                                      ) - 1
                                    ) - (
                                      (
                                        (
                                          (
                                            "t21"."days" & -(
                                              "t21"."days"
                                            )
                                          ) - 1
                                        ) >> 1
                                      ) & 1431655765
                                    )
                                  ) >> 2
                                ) & 858993459
                              ) + (
                                (
                                  (
                                    (
                                      (
                                        (
                                          "t21"."days" & -(
                                            "t21"."days"
                                          )
                                        ) - 1
                                      ) - (
                                        (
                                          (
                                            (
                                              "t21"."days" & -(
                                                "t21"."days"
                                              )
                                            ) - 1
                                          ) >> 1
                                        ) & 1431655765
                                      )
                                    ) & 858993459
                                  ) + (
                                    (
                                      (
                                        (
                                          (
                                            "t21"."days" & -(
                                              "t21"."days"
                                            )
                                          ) - 1
                                        ) - (
                                          (
                                            (
                                              (
                                                "t21"."days" & -(
                                                  "t21"."days"
                                                )
                                              ) - 1
                                            ) >> 1
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
                                  (
                                    (
                                      "t21"."days" & -(
                                        "t21"."days"
                                      )
                                    ) - 1
                                  ) - (
                                    (
                                      (
                                        (
                                          "t21"."days" & -(
                                            "t21"."days"
                                          )
                                        ) - 1
                                      ) >> 1
                                    ) & 1431655765
                                  )
                                ) & 858993459
                              ) + (
                                (
                                  (
                                    (
                                      (
                                        "t21"."days" & -(
                                          "t21"."days"
                                        )
                                      ) - 1
                                    ) - (
                                      (
                                        (
                                          (
                                            "t21"."days" & -(
                                              "t21"."days"
                                            )
                                          ) - 1
                                        ) >> 1
                                      ) & 1431655765
                                    )
                                  ) >> 2
                                ) & 858993459
                              ) + (
                                (
                                  (
                                    (
                                      (
                                        (
                                          "t21"."days" & -(
                                            "t21"."days"
                                          )
                                        ) - 1
                                      ) - (
                                        (
                                          (
                                            (
                                              "t21"."days" & -(
                                                "t21"."days"
                                              )
                                            ) - 1
                                          ) >> 1
                                        ) & 1431655765
                                      )
                                    ) & 858993459
                                  ) + (
                                    (
                                      (
                                        (
                                          (
                                            "t21"."days" & -(
                                              "t21"."days"
                                            )
                                          ) - 1
                                        ) - (
                                          (
                                            (
                                              (
                                                "t21"."days" & -(
                                                  "t21"."days"
                                                )
                                              ) - 1
                                            ) >> 1
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
                                  (
                                    (
                                      "t21"."days" & -(
                                        "t21"."days"
                                      )
                                    ) - 1
                                  ) - (
                                    (
                                      (
                                        (
                                          "t21"."days" & -(
                                            "t21"."days"
                                          )
                                        ) - 1
                                      ) >> 1
                                    ) & 1431655765
                                  )
                                ) & 858993459
                              ) + (
                                (
                                  (
                                    (
                                      (
                                        "t21"."days" & -(
                                          "t21"."days"
                                        )
                                      ) - 1
                                    ) - (
                                      (
                                        (
                                          (
                                            "t21"."days" & -(
                                              "t21"."days"
                                            )
                                          ) - 1
                                        ) >> 1
                                      ) & 1431655765
                                    )
                                  ) >> 2
                                ) & 858993459
                              ) + (
                                (
                                  (
                                    (
                                      (
                                        (
                                          "t21"."days" & -(
                                            "t21"."days"
                                          )
                                        ) - 1
                                      ) - (
                                        (
                                          (
                                            (
                                              "t21"."days" & -(
                                                "t21"."days"
                                              )
                                            ) - 1
                                          ) >> 1
                                        ) & 1431655765
                                      )
                                    ) & 858993459
                                  ) + (
                                    (
                                      (
                                        (
                                          (
                                            "t21"."days" & -(
                                              "t21"."days"
                                            )
                                          ) - 1
                                        ) - (
                                          (
                                            (
                                              (
                                                "t21"."days" & -(
                                                  "t21"."days"
                                                )
                                              ) - 1
                                            ) >> 1
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
                      ) & 63 AS INT) AS INT)
                    ) AS "first_ever"
                  FROM (
                    SELECT
                      "t20"."customer_id",
                      MIN("t20"."month") AS "month",
                      (
                        ARRAY_AGG("t20"."days" ORDER BY "t20"."month" ASC) FILTER(WHERE
                          "t20"."month" IS NOT NULL)
                      )[1] AS "days"
                    FROM "t19" AS "t20"
                    GROUP BY
                      1
                  ) AS "t21"
                ) AS "t39"
                WHERE
                  "t39"."first_ever" <= MAKE_DATE(2024, 1, 1)
              ) AS "t41"
              UNION ALL
              SELECT
                *
              FROM (
                SELECT
                  "t15"."customer_id",
                  DATE(TIMEZONE('Europe/Amsterdam', "t15"."at")) AS "first_ever"
                FROM (
                  SELECT
                    "t13"."customer_id",
                    MIN("t13"."occurred_at") AS "at"
                  FROM (
                    SELECT
                      *
                    FROM "events" AS "t2"
                    WHERE
                      "t2"."occurred_at" < CAST('2023-11-30T23:00:00+00:00' AS TIMESTAMPTZ)
                  ) AS "t13"
                  GROUP BY
                    1
                ) AS "t15"
              ) AS "t17"
            ) AS "t42"
            GROUP BY
              1
          ) AS "t44"
          WHERE
            "t44"."first_ever" BETWEEN MAKE_DATE(2024, 1, 1) AND MAKE_DATE(2024, 1, 1)
        ) AS "t46"
        LEFT OUTER JOIN (
          SELECT
            "t1"."customer_id" AS "segment_customer_",
            "t1"."country" AS "segment_"
          FROM "customers" AS "t1"
        ) AS "t12"
          ON "t46"."customer_id" = "t12"."segment_customer_"
      ) AS "t49"
    ) AS "t52"
    GROUP BY
      1,
      2
  ) AS "t56"
    ON "t11"."period_start" = "t56"."period_start" AND "t63"."segment" = "t56"."segment"
) AS "t66"
