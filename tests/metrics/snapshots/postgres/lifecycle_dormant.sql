WITH "t10" AS (
  SELECT
    "t2"."customer_id" AS "segment_customer_",
    "t2"."country" AS "segment_"
  FROM "customers" AS "t2"
), "t21" AS (
  SELECT
    "t20"."customer_id",
    "t20"."month",
    BIT_OR("t20"."bit") AS "days"
  FROM (
    SELECT
      "t18"."customer_id",
      DATE_TRUNC('MONTH', "t18"."day") AS "month",
      1 << CAST(EXTRACT(day FROM "t18"."day") - 1 AS INT) AS "bit"
    FROM (
      SELECT
        "t14"."customer_id",
        DATE(TIMEZONE('Europe/Amsterdam', "t14"."occurred_at")) AS "day"
      FROM (
        SELECT
          *
        FROM "events" AS "t3"
        WHERE
          "t3"."occurred_at" >= CAST('2023-11-30T23:00:00+00:00' AS TIMESTAMPTZ)
          AND "t3"."occurred_at" < CAST('2024-01-01T23:00:00+00:00' AS TIMESTAMPTZ)
          AND "t3"."customer_id" IS NOT NULL
      ) AS "t14"
    ) AS "t18"
  ) AS "t20"
  GROUP BY
    1,
    2
), "t36" AS (
  SELECT
    "t34"."customer_id",
    "t34"."segment",
    "t7"."key",
    "t7"."whole",
    "t34"."days" & "t7"."mask" AS "bits"
  FROM (
    SELECT
      "t30"."customer_id",
      "t30"."month",
      "t30"."days",
      COALESCE("t30"."segment_", 'unknown') AS "segment"
    FROM (
      SELECT
        "t28"."customer_id",
        "t28"."month",
        "t28"."days",
        "t16"."segment_customer_",
        "t16"."segment_"
      FROM (
        SELECT
          *
        FROM (
          SELECT
            "t22"."customer_id",
            "t22"."month",
            "t22"."days" & CASE
              WHEN "t22"."month" = MAKE_DATE(2024, 1, 1)
              THEN 1
              WHEN "t22"."month" = MAKE_DATE(2024, 1, 1)
              THEN 1
              ELSE 2147483647
            END AS "days"
          FROM "t21" AS "t22"
          WHERE
            "t22"."month" BETWEEN MAKE_DATE(2024, 1, 1) AND MAKE_DATE(2024, 1, 1)
        ) AS "t24"
        WHERE
          "t24"."days" <> 0
      ) AS "t28"
      LEFT OUTER JOIN "t10" AS "t16"
        ON "t28"."customer_id" = "t16"."segment_customer_"
    ) AS "t30"
  ) AS "t34"
  INNER JOIN (SELECT CAST('2024-01-01' AS DATE) AS "month", CAST('2024-01-01' AS DATE) AS "key", 1 AS "mask", True AS "whole") AS "t7"
    ON "t34"."month" = "t7"."month"
)
SELECT
  'lifecycle_dormant' AS "metric",
  "t63"."period_start",
  "t63"."segment",
  CAST("t63"."dormant" AS DOUBLE PRECISION) AS "value",
  CAST(NULL AS DOUBLE PRECISION) AS "ci_low",
  CAST(NULL AS DOUBLE PRECISION) AS "ci_high",
  "t63"."dormant" AS "n"
FROM (
  SELECT
    "t11"."period_start",
    "t60"."segment",
    COALESCE("t62"."new", 0) AS "new",
    COALESCE("t62"."returning", 0) AS "returning",
    COALESCE("t62"."resurrected", 0) AS "resurrected",
    COALESCE("t62"."dormant", 0) AS "dormant"
  FROM (
    SELECT
      "t0"."period_start"
    FROM (SELECT CAST('2024-01-01' AS DATE) AS "period_start", CAST('2024-01-01' AS DATE) AS "first_day", CAST('2024-01-01' AS DATE) AS "last_day", 1 AS "days") AS "t0"
  ) AS "t11"
  CROSS JOIN (
    SELECT DISTINCT
      "t58"."segment"
    FROM (
      SELECT
        "t57"."customer_id",
        "t57"."period_start",
        "t57"."now",
        "t57"."before",
        "t57"."prev_key",
        "t57"."first_day",
        "t57"."first_ever",
        "t57"."segment"
      FROM (
        SELECT
          "t56"."customer_id",
          "t56"."period_start",
          "t56"."now",
          "t56"."before",
          "t56"."prev_key",
          "t56"."first_day",
          "t56"."first_ever",
          "t56"."segment_customer_",
          "t56"."segment_",
          COALESCE("t56"."segment_", 'unknown') AS "segment"
        FROM (
          SELECT
            "t55"."customer_id",
            "t55"."period_start",
            "t55"."now",
            "t55"."before",
            "t6"."prev_key",
            "t6"."first_day",
            "t47"."first_ever",
            "t15"."segment_customer_",
            "t15"."segment_"
          FROM (
            SELECT
              "t53"."customer_id",
              "t53"."period_start",
              MAX("t53"."now") AS "now",
              MAX("t53"."before") AS "before"
            FROM (
              SELECT
                *
              FROM (
                SELECT
                  "t38"."customer_id",
                  "t38"."key" AS "period_start",
                  1 AS "now",
                  0 AS "before"
                FROM "t36" AS "t38"
                WHERE
                  "t38"."bits" <> 0 AND "t38"."whole"
              ) AS "t39"
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
                      "t42"."customer_id",
                      "t6"."period_start"
                    FROM (
                      SELECT
                        "t38"."customer_id",
                        "t38"."key" AS "period_start"
                      FROM "t36" AS "t38"
                      WHERE
                        "t38"."bits" <> 0 AND "t38"."whole"
                    ) AS "t42"
                    INNER JOIN (SELECT CAST('2024-01-01' AS DATE) AS "period_start", CAST('2023-12-01' AS DATE) AS "prev_key", CAST('2024-01-01' AS DATE) AS "first_day") AS "t6"
                      ON "t42"."period_start" = "t6"."prev_key"
                  ) AS "t45"
                  UNION ALL
                  SELECT
                    *
                  FROM (
                    SELECT
                      "t49"."customer_id",
                      "t6"."period_start"
                    FROM (
                      SELECT
                        "t37"."customer_id",
                        "t37"."segment",
                        "t37"."key" AS "unit_start",
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
                        ) & 63 AS "active_days"
                      FROM (
                        SELECT
                          "t35"."customer_id",
                          "t35"."segment",
                          "t8"."key",
                          "t8"."whole",
                          "t35"."days" & "t8"."mask" AS "bits"
                        FROM (
                          SELECT
                            "t31"."customer_id",
                            "t31"."month",
                            "t31"."days",
                            COALESCE("t31"."segment_", 'unknown') AS "segment"
                          FROM (
                            SELECT
                              "t29"."customer_id",
                              "t29"."month",
                              "t29"."days",
                              "t16"."segment_customer_",
                              "t16"."segment_"
                            FROM (
                              SELECT
                                *
                              FROM (
                                SELECT
                                  "t22"."customer_id",
                                  "t22"."month",
                                  "t22"."days" & CASE
                                    WHEN "t22"."month" = MAKE_DATE(2023, 12, 1)
                                    THEN 2147483647
                                    WHEN "t22"."month" = MAKE_DATE(2023, 12, 1)
                                    THEN 2147483647
                                    ELSE 2147483647
                                  END AS "days"
                                FROM "t21" AS "t22"
                                WHERE
                                  "t22"."month" BETWEEN MAKE_DATE(2023, 12, 1) AND MAKE_DATE(2023, 12, 1)
                              ) AS "t25"
                              WHERE
                                "t25"."days" <> 0
                            ) AS "t29"
                            LEFT OUTER JOIN "t10" AS "t16"
                              ON "t29"."customer_id" = "t16"."segment_customer_"
                          ) AS "t31"
                        ) AS "t35"
                        INNER JOIN (SELECT CAST('2023-12-01' AS DATE) AS "month", CAST('2023-12-01' AS DATE) AS "key", 2147483647 AS "mask", True AS "whole") AS "t8"
                          ON "t35"."month" = "t8"."month"
                      ) AS "t37"
                      WHERE
                        "t37"."bits" <> 0 AND "t37"."whole"
                    ) AS "t49"
                    INNER JOIN (SELECT CAST('2024-01-01' AS DATE) AS "period_start", CAST('2023-12-01' AS DATE) AS "prev_key", CAST('2024-01-01' AS DATE) AS "first_day") AS "t6"
                      ON "t49"."unit_start" = "t6"."prev_key"
                  ) AS "t50"
                ) AS "t51"
              ) AS "t52"
            ) AS "t53"
            GROUP BY
              1,
              2
          ) AS "t55"
          INNER JOIN (SELECT CAST('2024-01-01' AS DATE) AS "period_start", CAST('2023-12-01' AS DATE) AS "prev_key", CAST('2024-01-01' AS DATE) AS "first_day") AS "t6"
            ON "t55"."period_start" = "t6"."period_start"
          INNER JOIN (
            SELECT
              "t44"."customer_id",
              MIN("t44"."first_ever") AS "first_ever"
            FROM (
              SELECT
                *
              FROM (
                SELECT
                  *
                FROM (
                  SELECT
                    "t23"."customer_id",
                    "t23"."month" + MAKE_INTERVAL(
                      days => CAST(CAST((
                        (
                          (
                            (
                              (
                                (
                                  (
                                    "t23"."days" & -(
                                      "t23"."days"
                                    )
                                  ) - 1
                                ) - (
                                  (
                                    (
                                      (
                                        "t23"."days" & -(
                                          "t23"."days"
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
                                      "t23"."days" & -(
                                        "t23"."days"
                                      )
                                    ) - 1
                                  ) - (
                                    (
                                      (
                                        (
                                          "t23"."days" & -(
                                            "t23"."days"
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
                                        "t23"."days" & -(
                                          "t23"."days"
                                        )
                                      ) - 1
                                    ) - (
                                      (
                                        (
                                          (
                                            "t23"."days" & -(
                                              "t23"."days"
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
                                          "t23"."days" & -(
                                            "t23"."days"
                                          )
                                        ) - 1
                                      ) - (
                                        (
                                          (
                                            (
                                              "t23"."days" & -(
                                                "t23"."days"
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
                                      "t23"."days" & -(
                                        "t23"."days"
                                      )
                                    ) - 1
                                  ) - (
                                    (
                                      (
                                        (
                                          "t23"."days" & -(
                                            "t23"."days"
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
                                        "t23"."days" & -(
                                          "t23"."days"
                                        )
                                      ) - 1
                                    ) - (
                                      (
                                        (
                                          (
                                            "t23"."days" & -(
                                              "t23"."days"
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
                                          "t23"."days" & -(
                                            "t23"."days"
                                          )
                                        ) - 1
                                      ) - (
                                        (
                                          (
                                            (
                                              "t23"."days" & -(
                                                "t23"."days"
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
                                            "t23"."days" & -(
                                              "t23"."days"
                                            )
                                          ) - 1
                                        ) - (
                                          (
                                            (
                                              (
                                                "t23"."days" & -(
                                                  "t23"."days"
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
                                      "t23"."days" & -(
                                        "t23"."days"
                                      )
                                    ) - 1
                                  ) - (
                                    (
                                      (
                                        (
                                          "t23"."days" & -(
                                            "t23"."days"
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
                                        "t23"."days" & -(
                                          "t23"."days"
                                        )
                                      ) - 1
                                    ) - (
                                      (
                                        (
                                          (
                                            "t23"."days" & -(
                                              "t23"."days"
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
                                          "t23"."days" & -(
                                            "t23"."days"
                                          )
                                        ) - 1
                                      ) - (
                                        (
                                          (
                                            (
                                              "t23"."days" & -(
                                                "t23"."days"
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
                                            "t23"."days" & -(
                                              "t23"."days"
                                            )
                                          ) - 1
                                        ) - (
                                          (
                                            (
                                              (
                                                "t23"."days" & -(
                                                  "t23"."days"
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
                                      "t23"."days" & -(
                                        "t23"."days"
                                      )
                                    ) - 1
                                  ) - (
                                    (
                                      (
                                        (
                                          "t23"."days" & -(
                                            "t23"."days"
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
                                        "t23"."days" & -(
                                          "t23"."days"
                                        )
                                      ) - 1
                                    ) - (
                                      (
                                        (
                                          (
                                            "t23"."days" & -(
                                              "t23"."days"
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
                                          "t23"."days" & -(
                                            "t23"."days"
                                          )
                                        ) - 1
                                      ) - (
                                        (
                                          (
                                            (
                                              "t23"."days" & -(
                                                "t23"."days"
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
                                            "t23"."days" & -(
                                              "t23"."days"
                                            )
                                          ) - 1
                                        ) - (
                                          (
                                            (
                                              (
                                                "t23"."days" & -(
                                                  "t23"."days"
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
                      "t22"."customer_id",
                      MIN("t22"."month") AS "month",
                      (
                        ARRAY_AGG("t22"."days" ORDER BY "t22"."month" ASC) FILTER(WHERE
                          "t22"."month" IS NOT NULL)
                      )[1] AS "days"
                    FROM "t21" AS "t22"
                    GROUP BY
                      1
                  ) AS "t23"
                ) AS "t41"
                WHERE
                  "t41"."first_ever" <= MAKE_DATE(2024, 1, 1)
              ) AS "t43"
              UNION ALL
              SELECT
                *
              FROM (
                SELECT
                  "t17"."customer_id",
                  DATE(TIMEZONE('Europe/Amsterdam', "t17"."at")) AS "first_ever"
                FROM (
                  SELECT
                    "t13"."customer_id",
                    MIN("t13"."occurred_at") AS "at"
                  FROM (
                    SELECT
                      *
                    FROM "events" AS "t3"
                    WHERE
                      "t3"."occurred_at" < CAST('2023-11-30T23:00:00+00:00' AS TIMESTAMPTZ)
                  ) AS "t13"
                  GROUP BY
                    1
                ) AS "t17"
              ) AS "t19"
            ) AS "t44"
            GROUP BY
              1
          ) AS "t47"
            ON "t55"."customer_id" = "t47"."customer_id"
          LEFT OUTER JOIN "t10" AS "t15"
            ON "t55"."customer_id" = "t15"."segment_customer_"
        ) AS "t56"
      ) AS "t57"
    ) AS "t58"
  ) AS "t60"
  LEFT OUTER JOIN (
    SELECT
      "t58"."period_start",
      "t58"."segment",
      SUM(
        CAST(CAST((
          "t58"."now" = 1
        ) AND NOT (
          "t58"."first_ever" < "t58"."first_day"
        ) AS INT) AS BIGINT)
      ) AS "new",
      SUM(CAST(CAST((
        "t58"."now" = 1
      ) AND (
        "t58"."before" = 1
      ) AS INT) AS BIGINT)) AS "returning",
      SUM(
        CAST(CAST((
          "t58"."now" = 1
        )
        AND NOT (
          "t58"."before" = 1
        )
        AND (
          "t58"."first_ever" < "t58"."first_day"
        ) AS INT) AS BIGINT)
      ) AS "resurrected",
      SUM(
        CAST(CAST(NOT (
          "t58"."now" = 1
        ) AND (
          "t58"."before" = 1
        ) AS INT) AS BIGINT)
      ) AS "dormant"
    FROM (
      SELECT
        "t57"."customer_id",
        "t57"."period_start",
        "t57"."now",
        "t57"."before",
        "t57"."prev_key",
        "t57"."first_day",
        "t57"."first_ever",
        "t57"."segment"
      FROM (
        SELECT
          "t56"."customer_id",
          "t56"."period_start",
          "t56"."now",
          "t56"."before",
          "t56"."prev_key",
          "t56"."first_day",
          "t56"."first_ever",
          "t56"."segment_customer_",
          "t56"."segment_",
          COALESCE("t56"."segment_", 'unknown') AS "segment"
        FROM (
          SELECT
            "t55"."customer_id",
            "t55"."period_start",
            "t55"."now",
            "t55"."before",
            "t6"."prev_key",
            "t6"."first_day",
            "t47"."first_ever",
            "t15"."segment_customer_",
            "t15"."segment_"
          FROM (
            SELECT
              "t53"."customer_id",
              "t53"."period_start",
              MAX("t53"."now") AS "now",
              MAX("t53"."before") AS "before"
            FROM (
              SELECT
                *
              FROM (
                SELECT
                  "t38"."customer_id",
                  "t38"."key" AS "period_start",
                  1 AS "now",
                  0 AS "before"
                FROM "t36" AS "t38"
                WHERE
                  "t38"."bits" <> 0 AND "t38"."whole"
              ) AS "t39"
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
                      "t42"."customer_id",
                      "t6"."period_start"
                    FROM (
                      SELECT
                        "t38"."customer_id",
                        "t38"."key" AS "period_start"
                      FROM "t36" AS "t38"
                      WHERE
                        "t38"."bits" <> 0 AND "t38"."whole"
                    ) AS "t42"
                    INNER JOIN (SELECT CAST('2024-01-01' AS DATE) AS "period_start", CAST('2023-12-01' AS DATE) AS "prev_key", CAST('2024-01-01' AS DATE) AS "first_day") AS "t6"
                      ON "t42"."period_start" = "t6"."prev_key"
                  ) AS "t45"
                  UNION ALL
                  SELECT
                    *
                  FROM (
                    SELECT
                      "t49"."customer_id",
                      "t6"."period_start"
                    FROM (
                      SELECT
                        "t37"."customer_id",
                        "t37"."segment",
                        "t37"."key" AS "unit_start",
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
                        ) & 63 AS "active_days"
                      FROM (
                        SELECT
                          "t35"."customer_id",
                          "t35"."segment",
                          "t8"."key",
                          "t8"."whole",
                          "t35"."days" & "t8"."mask" AS "bits"
                        FROM (
                          SELECT
                            "t31"."customer_id",
                            "t31"."month",
                            "t31"."days",
                            COALESCE("t31"."segment_", 'unknown') AS "segment"
                          FROM (
                            SELECT
                              "t29"."customer_id",
                              "t29"."month",
                              "t29"."days",
                              "t16"."segment_customer_",
                              "t16"."segment_"
                            FROM (
                              SELECT
                                *
                              FROM (
                                SELECT
                                  "t22"."customer_id",
                                  "t22"."month",
                                  "t22"."days" & CASE
                                    WHEN "t22"."month" = MAKE_DATE(2023, 12, 1)
                                    THEN 2147483647
                                    WHEN "t22"."month" = MAKE_DATE(2023, 12, 1)
                                    THEN 2147483647
                                    ELSE 2147483647
                                  END AS "days"
                                FROM "t21" AS "t22"
                                WHERE
                                  "t22"."month" BETWEEN MAKE_DATE(2023, 12, 1) AND MAKE_DATE(2023, 12, 1)
                              ) AS "t25"
                              WHERE
                                "t25"."days" <> 0
                            ) AS "t29"
                            LEFT OUTER JOIN "t10" AS "t16"
                              ON "t29"."customer_id" = "t16"."segment_customer_"
                          ) AS "t31"
                        ) AS "t35"
                        INNER JOIN (SELECT CAST('2023-12-01' AS DATE) AS "month", CAST('2023-12-01' AS DATE) AS "key", 2147483647 AS "mask", True AS "whole") AS "t8"
                          ON "t35"."month" = "t8"."month"
                      ) AS "t37"
                      WHERE
                        "t37"."bits" <> 0 AND "t37"."whole"
                    ) AS "t49"
                    INNER JOIN (SELECT CAST('2024-01-01' AS DATE) AS "period_start", CAST('2023-12-01' AS DATE) AS "prev_key", CAST('2024-01-01' AS DATE) AS "first_day") AS "t6"
                      ON "t49"."unit_start" = "t6"."prev_key"
                  ) AS "t50"
                ) AS "t51"
              ) AS "t52"
            ) AS "t53"
            GROUP BY
              1,
              2
          ) AS "t55"
          INNER JOIN (SELECT CAST('2024-01-01' AS DATE) AS "period_start", CAST('2023-12-01' AS DATE) AS "prev_key", CAST('2024-01-01' AS DATE) AS "first_day") AS "t6"
            ON "t55"."period_start" = "t6"."period_start"
          INNER JOIN (
            SELECT
              "t44"."customer_id",
              MIN("t44"."first_ever") AS "first_ever"
            FROM (
              SELECT
                *
              FROM (
                SELECT
                  *
                FROM (
                  SELECT
                    "t23"."customer_id",
                    "t23"."month" + MAKE_INTERVAL(
                      days => CAST(CAST((
                        (
                          (
                            (
                              (
                                (
                                  (
                                    "t23"."days" & -(
                                      "t23"."days"
                                    )
                                  ) - 1
                                ) - (
                                  (
                                    (
                                      (
                                        "t23"."days" & -(
                                          "t23"."days"
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
                                      "t23"."days" & -(
                                        "t23"."days"
                                      )
                                    ) - 1
                                  ) - (
                                    (
                                      (
                                        (
                                          "t23"."days" & -(
                                            "t23"."days"
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
                                        "t23"."days" & -(
                                          "t23"."days"
                                        )
                                      ) - 1
                                    ) - (
                                      (
                                        (
                                          (
                                            "t23"."days" & -(
                                              "t23"."days"
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
                                          "t23"."days" & -(
                                            "t23"."days"
                                          )
                                        ) - 1
                                      ) - (
                                        (
                                          (
                                            (
                                              "t23"."days" & -(
                                                "t23"."days"
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
                                      "t23"."days" & -(
                                        "t23"."days"
                                      )
                                    ) - 1
                                  ) - (
                                    (
                                      (
                                        (
                                          "t23"."days" & -(
                                            "t23"."days"
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
                                        "t23"."days" & -(
                                          "t23"."days"
                                        )
                                      ) - 1
                                    ) - (
                                      (
                                        (
                                          (
                                            "t23"."days" & -(
                                              "t23"."days"
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
                                          "t23"."days" & -(
                                            "t23"."days"
                                          )
                                        ) - 1
                                      ) - (
                                        (
                                          (
                                            (
                                              "t23"."days" & -(
                                                "t23"."days"
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
                                            "t23"."days" & -(
                                              "t23"."days"
                                            )
                                          ) - 1
                                        ) - (
                                          (
                                            (
                                              (
                                                "t23"."days" & -(
                                                  "t23"."days"
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
                                      "t23"."days" & -(
                                        "t23"."days"
                                      )
                                    ) - 1
                                  ) - (
                                    (
                                      (
                                        (
                                          "t23"."days" & -(
                                            "t23"."days"
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
                                        "t23"."days" & -(
                                          "t23"."days"
                                        )
                                      ) - 1
                                    ) - (
                                      (
                                        (
                                          (
                                            "t23"."days" & -(
                                              "t23"."days"
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
                                          "t23"."days" & -(
                                            "t23"."days"
                                          )
                                        ) - 1
                                      ) - (
                                        (
                                          (
                                            (
                                              "t23"."days" & -(
                                                "t23"."days"
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
                                            "t23"."days" & -(
                                              "t23"."days"
                                            )
                                          ) - 1
                                        ) - (
                                          (
                                            (
                                              (
                                                "t23"."days" & -(
                                                  "t23"."days"
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
                                      "t23"."days" & -(
                                        "t23"."days"
                                      )
                                    ) - 1
                                  ) - (
                                    (
                                      (
                                        (
                                          "t23"."days" & -(
                                            "t23"."days"
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
                                        "t23"."days" & -(
                                          "t23"."days"
                                        )
                                      ) - 1
                                    ) - (
                                      (
                                        (
                                          (
                                            "t23"."days" & -(
                                              "t23"."days"
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
                                          "t23"."days" & -(
                                            "t23"."days"
                                          )
                                        ) - 1
                                      ) - (
                                        (
                                          (
                                            (
                                              "t23"."days" & -(
                                                "t23"."days"
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
                                            "t23"."days" & -(
                                              "t23"."days"
                                            )
                                          ) - 1
                                        ) - (
                                          (
                                            (
                                              (
                                                "t23"."days" & -(
                                                  "t23"."days"
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
                      "t22"."customer_id",
                      MIN("t22"."month") AS "month",
                      (
                        ARRAY_AGG("t22"."days" ORDER BY "t22"."month" ASC) FILTER(WHERE
                          "t22"."month" IS NOT NULL)
                      )[1] AS "days"
                    FROM "t21" AS "t22"
                    GROUP BY
                      1
                  ) AS "t23"
                ) AS "t41"
                WHERE
                  "t41"."first_ever" <= MAKE_DATE(2024, 1, 1)
              ) AS "t43"
              UNION ALL
              SELECT
                *
              FROM (
                SELECT
                  "t17"."customer_id",
                  DATE(TIMEZONE('Europe/Amsterdam', "t17"."at")) AS "first_ever"
                FROM (
                  SELECT
                    "t13"."customer_id",
                    MIN("t13"."occurred_at") AS "at"
                  FROM (
                    SELECT
                      *
                    FROM "events" AS "t3"
                    WHERE
                      "t3"."occurred_at" < CAST('2023-11-30T23:00:00+00:00' AS TIMESTAMPTZ)
                  ) AS "t13"
                  GROUP BY
                    1
                ) AS "t17"
              ) AS "t19"
            ) AS "t44"
            GROUP BY
              1
          ) AS "t47"
            ON "t55"."customer_id" = "t47"."customer_id"
          LEFT OUTER JOIN "t10" AS "t15"
            ON "t55"."customer_id" = "t15"."segment_customer_"
        ) AS "t56"
      ) AS "t57"
    ) AS "t58"
    GROUP BY
      1,
      2
  ) AS "t62"
    ON "t11"."period_start" = "t62"."period_start" AND "t60"."segment" = "t62"."segment"
) AS "t63"
