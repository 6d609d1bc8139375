WITH "t15" AS (
  SELECT
    "t14"."customer_id",
    "t14"."month",
    BIT_OR("t14"."bit") AS "days"
  FROM (
    SELECT
      "t12"."customer_id",
      DATE_TRUNC('MONTH', "t12"."day") AS "month",
      1 << CAST(EXTRACT(day FROM "t12"."day") - 1 AS INT) AS "bit"
    FROM (
      SELECT
        "t10"."customer_id",
        CAST(TIMEZONE('Europe/Amsterdam', "t10"."occurred_at") AS DATE) AS "day"
      FROM (
        SELECT
          *
        FROM "events" AS "t3"
        WHERE
          "t3"."occurred_at" >= MAKE_TIMESTAMPTZ(2023, 11, 30, 23, 0, 0.0, 'UTC')
          AND "t3"."occurred_at" < MAKE_TIMESTAMPTZ(2024, 1, 1, 23, 0, 0.0, 'UTC')
          AND "t3"."customer_id" IS NOT NULL
      ) AS "t10"
    ) AS "t12"
  ) AS "t14"
  GROUP BY
    1,
    2
), "t24" AS (
  SELECT
    "t22"."customer_id",
    "t22"."month",
    "t22"."days",
    "t8"."segment_customer_",
    "t8"."segment_"
  FROM (
    SELECT
      *
    FROM (
      SELECT
        "t16"."customer_id",
        "t16"."month",
        "t16"."days" & CASE
          WHEN "t16"."month" = MAKE_DATE(2024, 1, 1)
          THEN 1
          WHEN "t16"."month" = MAKE_DATE(2024, 1, 1)
          THEN 1
          ELSE 2147483647
        END AS "days"
      FROM "t15" AS "t16"
      WHERE
        "t16"."month" BETWEEN MAKE_DATE(2024, 1, 1) AND MAKE_DATE(2024, 1, 1)
    ) AS "t18"
    WHERE
      "t18"."days" <> 0
  ) AS "t22"
  LEFT OUTER JOIN (
    SELECT
      "t1"."customer_id" AS "segment_customer_",
      "t1"."country" AS "segment_"
    FROM "customers" AS "t1"
  ) AS "t8"
    ON "t22"."customer_id" = "t8"."segment_customer_"
), "t38" AS (
  SELECT
    *
  FROM (
    SELECT
      "t29"."customer_id",
      "t29"."segment",
      "t4"."period_start"
    FROM (
      SELECT
        "t26"."customer_id",
        COALESCE("t26"."segment_", 'unknown') AS "segment",
        "t26"."month" AS "period_start"
      FROM "t24" AS "t26"
    ) AS "t29"
    INNER JOIN (SELECT CAST('2024-01-01' AS DATE) AS "period_start", CAST('2023-12-01' AS DATE) AS "prev_key") AS "t4"
      ON "t29"."period_start" = "t4"."prev_key"
  ) AS "t30"
  UNION ALL
  SELECT
    *
  FROM (
    SELECT
      "t35"."customer_id",
      "t35"."segment",
      "t4"."period_start"
    FROM (
      SELECT
        "t25"."customer_id",
        COALESCE("t25"."segment_", 'unknown') AS "segment",
        "t25"."month" AS "unit_start",
        (
          (
            (
              (
                (
                  "t25"."days" - (
                    (
                      "t25"."days" >> 1
                    ) & 1431655765
                  )
                ) & 858993459
              ) + (
                (
                  (
                    "t25"."days" - (
                      (
                        "t25"."days" >> 1
                      ) & 1431655765
                    )
                  ) >> 2
                ) & 858993459
              ) + (
                (
                  (
                    (
                      "t25"."days" - (
                        (
                          "t25"."days" >> 1
                        ) & 1431655765
                      )
                    ) & 858993459
                  ) + (
                    (
                      (
                        "t25"."days" - (
                          (
                            "t25"."days" >> 1
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
                    "t25"."days" - (
                      (
                        "t25"."days" >> 1
                      ) & 1431655765
                    )
                  ) & 858993459
                ) + (
                  (
                    (
                      "t25"."days" - (
                        (
                          "t25"."days" >> 1
                        ) & 1431655765
                      )
                    ) >> 2
                  ) & 858993459
                ) + (
                  (
                    (
                      (
                        "t25"."days" - (
                          (
                            "t25"."days" >> 1
                          ) & 1431655765
                        )
                      ) & 858993459
                    ) + (
                      (
                        (
                          "t25"."days" - (
                            (
                              "t25"."days" >> 1
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
                    "t25"."days" - (
                      (
                        "t25"."days" >> 1
                      ) & 1431655765
                    )
                  ) & 858993459
                ) + (
                  (
                    (
                      "t25"."days" - (
                        (
                          "t25"."days" >> 1
                        ) & 1431655765
                      )
                    ) >> 2
                  ) & 858993459
                ) + (
                  (
                    (
                      (
                        "t25"."days" - (
                          (
                            "t25"."days" >> 1
                          ) & 1431655765
                        )
                      ) & 858993459
                    ) + (
                      (
                        (
                          "t25"."days" - (
                            (
                              "t25"."days" >> 1
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
                    "t25"."days" - (
                      (
                        "t25"."days" >> 1
                      ) & 1431655765
                    )
                  ) & 858993459
                ) + (
                  (
                    (
                      "t25"."days" - (
                        (
                          "t25"."days" >> 1
                        ) & 1431655765
                      )
                    ) >> 2
                  ) & 858993459
                ) + (
                  (
                    (
                      (
                        "t25"."days" - (
                          (
                            "t25"."days" >> 1
                          ) & 1431655765
                        )
                      ) & 858993459
                    ) + (
                      (
                        (
                          "t25"."days" - (
                            (
                              "t25"."days" >> 1
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
          "t23"."customer_id",
          "t23"."month",
          "t23"."days",
          "t8"."segment_customer_",
          "t8"."segment_"
        FROM (
          SELECT
            *
          FROM (
            SELECT
              "t16"."customer_id",
              "t16"."month",
              "t16"."days" & CASE
                WHEN "t16"."month" = MAKE_DATE(2023, 12, 1)
                THEN 2147483647
                WHEN "t16"."month" = MAKE_DATE(2023, 12, 1)
                THEN 2147483647
                ELSE 2147483647
              END AS "days"
            FROM "t15" AS "t16"
            WHERE
              "t16"."month" BETWEEN MAKE_DATE(2023, 12, 1) AND MAKE_DATE(2023, 12, 1)
          ) AS "t19"
          WHERE
            "t19"."days" <> 0
        ) AS "t23"
        LEFT OUTER JOIN (
          SELECT
            "t1"."customer_id" AS "segment_customer_",
            "t1"."country" AS "segment_"
          FROM "customers" AS "t1"
        ) AS "t8"
          ON "t23"."customer_id" = "t8"."segment_customer_"
      ) AS "t25"
    ) AS "t35"
    INNER JOIN (SELECT CAST('2024-01-01' AS DATE) AS "period_start", CAST('2023-12-01' AS DATE) AS "prev_key") AS "t4"
      ON "t35"."unit_start" = "t4"."prev_key"
  ) AS "t37"
), "t51" AS (
  SELECT
    "t47"."period_start",
    "t47"."segment",
    SUM("t47"."active") AS "active",
    SUM("t47"."returning") AS "returning",
    SUM("t47"."before") - SUM("t47"."returning") AS "dormant"
  FROM (
    SELECT
      *
    FROM (
      SELECT
        "t40"."period_start",
        "t40"."segment",
        0 AS "active",
        0 AS "returning",
        1 AS "before"
      FROM "t38" AS "t40"
    ) AS "t43"
    UNION ALL
    SELECT
      *
    FROM (
      SELECT
        *
      FROM (
        SELECT
          "t26"."month" AS "period_start",
          COALESCE("t26"."segment_", 'unknown') AS "segment",
          1 AS "active",
          0 AS "returning",
          0 AS "before"
        FROM "t24" AS "t26"
      ) AS "t27"
      UNION ALL
      SELECT
        *
      FROM (
        SELECT
          "t29"."period_start",
          "t29"."segment",
          0 AS "active",
          1 AS "returning",
          0 AS "before"
        FROM (
          SELECT
            "t26"."customer_id",
            COALESCE("t26"."segment_", 'unknown') AS "segment",
            "t26"."month" AS "period_start"
          FROM "t24" AS "t26"
        ) AS "t29"
        SEMI JOIN "t38" AS "t42"
          ON "t29"."customer_id" = "t42"."customer_id"
          AND "t29"."period_start" = "t42"."period_start"
      ) AS "t45"
    ) AS "t46"
  ) AS "t47"
  GROUP BY
    1,
    2
)
SELECT
  'lifecycle_new' AS "metric",
  "t56"."period_start",
  "t56"."segment",
  CAST("t56"."new" AS DOUBLE) AS "value",
  CAST(NULL AS DOUBLE) AS "ci_low",
  CAST(NULL AS DOUBLE) AS "ci_high",
  "t56"."new" AS "n"
FROM (
  SELECT
    "t7"."period_start",
    "t55"."segment",
    COALESCE("t50"."new", 0) AS "new",
    COALESCE("t53"."returning", 0) AS "returning",
    (
      COALESCE("t53"."active", 0) - COALESCE("t53"."returning", 0)
    ) - COALESCE("t50"."new", 0) AS "resurrected",
    COALESCE("t53"."dormant", 0) AS "dormant"
  FROM (
    SELECT
      "t0"."period_start"
    FROM (SELECT CAST('2024-01-01' AS DATE) AS "period_start", CAST('2024-01-01' AS DATE) AS "first_day", CAST('2024-01-01' AS DATE) AS "last_day", 1 AS "days") AS "t0"
  ) AS "t7"
  CROSS JOIN (
    SELECT DISTINCT
      "t52"."segment"
    FROM "t51" AS "t52"
  ) AS "t55"
  LEFT OUTER JOIN "t51" AS "t53"
    ON "t7"."period_start" = "t53"."period_start" AND "t55"."segment" = "t53"."segment"
  LEFT OUTER JOIN (
    SELECT
      "t48"."period_start",
      "t48"."segment",
      COUNT(*) AS "new"
    FROM (
      SELECT
        "t44"."customer_id",
        "t44"."period_start",
        COALESCE("t44"."segment_", 'unknown') AS "segment"
      FROM (
        SELECT
          "t41"."customer_id",
          "t41"."period_start",
          "t8"."segment_customer_",
          "t8"."segment_"
        FROM (
          SELECT
            "t36"."customer_id",
            DATE_TRUNC('MONTH', "t36"."first_ever") AS "period_start"
          FROM (
            SELECT
              "t34"."customer_id",
              MIN("t34"."first_ever") AS "first_ever"
            FROM (
              SELECT
                *
              FROM (
                SELECT
                  *
                FROM (
                  SELECT
                    "t17"."customer_id",
                    "t17"."month" + TO_DAYS(
                      CAST((
                        (
                          (
                            (
                              (
                                (
                                  (
                                    "t17"."days" & -(
                                      "t17"."days"
                                    )
                                  ) - 1
                                ) - (
                                  (
                                    (
                                      (
                                        "t17"."days" & -(
                                          "t17"."days"
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
                                      "t17"."days" & -(
                                        "t17"."days"
                                      )
                                    ) - 1
                                  ) - (
                                    (
                                      (
                                        (
                                          "t17"."days" & -(
                                            "t17"."days"
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
                                        "t17"."days" & -(
                                          "t17"."days"
                                        )
                                      ) - 1
                                    ) - (
                                      (
                                        (
                                          (
                                            "t17"."days" & -(
                                              "t17"."days"
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
                                          "t17"."days" & -(
                                            "t17"."days"
                                          )
                                        ) - 1
                                      ) - (
                                        (
                                          (
                                            (
                                              "t17"."days" & -(
                                                "t17"."days"
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
                                      "t17"."days" & -(
                                        "t17"."days"
                                      )
                                    ) - 1
                                  ) - (
                                    (
                                      (
                                        (
                                          "t17"."days" & -(
                                            "t17"."days"
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
                                        "t17"."days" & -(
                                          "t17"."days"
                                        )
                                      ) - 1
                                    ) - (
                                      (
                                        (
                                          (
                                            "t17"."days" & -(
                                              "t17"."days"
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
                                          "t17"."days" & -(
                                            "t17"."days"
                                          )
                                        ) - 1
                                      ) - (
                                        (
                                          (
                                            (
                                              "t17"."days" & -(
                                                "t17"."days"
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
                                            "t17"."days" & -(
                                              "t17"."days"
                                            )
                                          ) - 1
                                        ) - (
                                          (
                                            (
                                              (
                                                "t17"."days" & -(
                                                  "t17"."days"
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
                                      "t17"."days" & -(
                                        "t17"."days"
                                      )
                                    ) - 1
                                  ) - (
                                    (
                                      (
                                        (
                                          "t17"."days" & -(
                                            "t17"."days"
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
                                        "t17"."days" & -(
                                          "t17"."days"
                                        )
                                      ) - 1
                                    ) - (
                                      (
                                        (
                                          (
                                            "t17"."days" & -(
                                              "t17"."days"
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
                                          "t17"."days" & -(
                                            "t17"."days"
                                          )
                                        ) - 1
                                      ) - (
                                        (
                                          (
                                            (
                                              "t17"."days" & -(
                                                "t17"."days"
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
                                            "t17"."days" & -(
                                              "t17"."days"
                                            )
                                          ) - 1
                                        ) - (
                                          (
                                            (
                                              (
                                                "t17"."days" & -(
                                                  "t17"."days"
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
                                      "t17"."days" & -(
                                        "t17"."days"
                                      )
                                    ) - 1
                                  ) - (
                                    (
                                      (
                                        (
                                          "t17"."days" & -(
                                            "t17"."days"
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
                                        "t17"."days" & -(
                                          "t17"."days"
                                        )
                                      ) - 1
                                    ) - (
                                      (
                                        (
                                          (
                                            "t17"."days" & -(
                                              "t17"."days"
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
                                          "t17"."days" & -(
                                            "t17"."days"
                                          )
                                        ) - 1
                                      ) - (
                                        (
                                          (
                                            (
                                              "t17"."days" & -(
                                                "t17"."days"
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
                                            "t17"."days" & -(
                                              "t17"."days"
                                            )
                                          ) - 1
                                        ) - (
                                          (
                                            (
                                              (
                                                "t17"."days" & -(
                                                  "t17"."days"
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
                      ) & 63 AS INT)
                    ) AS "first_ever"
                  FROM (
                    SELECT
                      "t16"."customer_id",
                      MIN("t16"."month") AS "month",
                      FIRST("t16"."days" ORDER BY "t16"."month") AS "days"
                    FROM "t15" AS "t16"
                    GROUP BY
                      1
                  ) AS "t17"
                ) AS "t31"
                WHERE
                  "t31"."first_ever" <= MAKE_DATE(2024, 1, 1)
              ) AS "t32"
              UNION ALL
              SELECT
                *
              FROM (
                SELECT
                  "t11"."customer_id",
                  CAST(TIMEZONE('Europe/Amsterdam', "t11"."at") AS DATE) AS "first_ever"
                FROM (
                  SELECT
                    "t9"."customer_id",
                    MIN("t9"."occurred_at") AS "at"
                  FROM (
                    SELECT
                      *
                    FROM "events" AS "t3"
                    WHERE
                      "t3"."occurred_at" < MAKE_TIMESTAMPTZ(2023, 11, 30, 23, 0, 0.0, 'UTC')
                  ) AS "t9"
                  GROUP BY
                    1
                ) AS "t11"
              ) AS "t13"
            ) AS "t34"
            GROUP BY
              1
          ) AS "t36"
          WHERE
            "t36"."first_ever" BETWEEN MAKE_DATE(2024, 1, 1) AND MAKE_DATE(2024, 1, 1)
        ) AS "t41"
        LEFT OUTER JOIN (
          SELECT
            "t1"."customer_id" AS "segment_customer_",
            "t1"."country" AS "segment_"
          FROM "customers" AS "t1"
        ) AS "t8"
          ON "t41"."customer_id" = "t8"."segment_customer_"
      ) AS "t44"
    ) AS "t48"
    GROUP BY
      1,
      2
  ) AS "t50"
    ON "t7"."period_start" = "t50"."period_start" AND "t55"."segment" = "t50"."segment"
) AS "t56"
