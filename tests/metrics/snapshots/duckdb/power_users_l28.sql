SELECT
  'power_users_l28' AS "metric",
  "t16"."period_start",
  "t16"."segment",
  CAST("t16"."hits" AS DOUBLE) / "t16"."n" AS "value",
  LEAST(
    LEAST(
      (
        (
          (
            CAST("t16"."hits" AS DOUBLE) / CASE WHEN "t16"."n" > 0 THEN CAST("t16"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
          ) + (
            3.8414588206941254 / (
              CASE WHEN "t16"."n" > 0 THEN CAST("t16"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END * 2
            )
          )
        ) / (
          (
            3.8414588206941254 / CASE WHEN "t16"."n" > 0 THEN CAST("t16"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
          ) + 1
        )
      ) - (
        (
          SQRT(
            (
              (
                (
                  CAST("t16"."hits" AS DOUBLE) / CASE WHEN "t16"."n" > 0 THEN CAST("t16"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
                ) * (
                  1 - (
                    CAST("t16"."hits" AS DOUBLE) / CASE WHEN "t16"."n" > 0 THEN CAST("t16"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
                  )
                )
              ) / CASE WHEN "t16"."n" > 0 THEN CAST("t16"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
            ) + (
              3.8414588206941254 / (
                CASE WHEN "t16"."n" > 0 THEN CAST("t16"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END * 4 * CASE WHEN "t16"."n" > 0 THEN CAST("t16"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
              )
            )
          ) * 1.959963984540054
        ) / (
          (
            3.8414588206941254 / CASE WHEN "t16"."n" > 0 THEN CAST("t16"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
          ) + 1
        )
      ),
      CAST("t16"."hits" AS DOUBLE) / CASE WHEN "t16"."n" > 0 THEN CAST("t16"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
    ),
    CAST("t16"."hits" AS DOUBLE) / "t16"."n"
  ) AS "ci_low",
  GREATEST(
    GREATEST(
      (
        (
          (
            CAST("t16"."hits" AS DOUBLE) / CASE WHEN "t16"."n" > 0 THEN CAST("t16"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
          ) + (
            3.8414588206941254 / (
              CASE WHEN "t16"."n" > 0 THEN CAST("t16"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END * 2
            )
          )
        ) / (
          (
            3.8414588206941254 / CASE WHEN "t16"."n" > 0 THEN CAST("t16"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
          ) + 1
        )
      ) + (
        (
          SQRT(
            (
              (
                (
                  CAST("t16"."hits" AS DOUBLE) / CASE WHEN "t16"."n" > 0 THEN CAST("t16"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
                ) * (
                  1 - (
                    CAST("t16"."hits" AS DOUBLE) / CASE WHEN "t16"."n" > 0 THEN CAST("t16"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
                  )
                )
              ) / CASE WHEN "t16"."n" > 0 THEN CAST("t16"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
            ) + (
              3.8414588206941254 / (
                CASE WHEN "t16"."n" > 0 THEN CAST("t16"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END * 4 * CASE WHEN "t16"."n" > 0 THEN CAST("t16"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
              )
            )
          ) * 1.959963984540054
        ) / (
          (
            3.8414588206941254 / CASE WHEN "t16"."n" > 0 THEN CAST("t16"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
          ) + 1
        )
      ),
      CAST("t16"."hits" AS DOUBLE) / CASE WHEN "t16"."n" > 0 THEN CAST("t16"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
    ),
    CAST("t16"."hits" AS DOUBLE) / "t16"."n"
  ) AS "ci_high",
  "t16"."n"
FROM (
  SELECT
    "t15"."period_start",
    "t15"."segment",
    COUNT(*) AS "n",
    COUNT(*) FILTER(WHERE
      "t15"."active_days" >= 8) AS "hits"
  FROM (
    SELECT
      "t14"."period_start",
      "t14"."segment",
      "t14"."customer_id",
      COUNT(*) AS "active_days"
    FROM (
      SELECT
        "t13"."customer_id",
        "t13"."day",
        "t13"."first_at",
        "t13"."segment",
        "t3"."period_start"
      FROM (
        SELECT
          "t11"."customer_id",
          "t11"."day",
          "t11"."first_at",
          COALESCE("t11"."segment_", 'unknown') AS "segment"
        FROM (
          SELECT
            "t10"."customer_id",
            "t10"."day",
            "t10"."first_at",
            "t5"."segment_customer_",
            "t5"."segment_"
          FROM (
            SELECT
              "t8"."customer_id",
              "t8"."day",
              MIN("t8"."at") AS "first_at"
            FROM (
              SELECT
                *
              FROM (
                SELECT
                  "t6"."customer_id",
                  CAST(TIMEZONE('Europe/Amsterdam', "t6"."occurred_at") AS DATE) AS "day",
                  "t6"."occurred_at" AS "at"
                FROM (
                  SELECT
                    *
                  FROM "events" AS "t2"
                  WHERE
                    "t2"."occurred_at" >= MAKE_TIMESTAMPTZ(2023, 11, 30, 23, 0, 0.0, 'UTC')
                    AND "t2"."occurred_at" < MAKE_TIMESTAMPTZ(2024, 1, 1, 23, 0, 0.0, 'UTC')
                ) AS "t6"
              ) AS "t7"
              WHERE
                "t7"."customer_id" IS NOT NULL
            ) AS "t8"
            GROUP BY
              1,
              2
          ) AS "t10"
          LEFT OUTER JOIN (
            SELECT
              "t1"."customer_id" AS "segment_customer_",
              "t1"."country" AS "segment_"
            FROM "customers" AS "t1"
          ) AS "t5"
            ON "t10"."customer_id" = "t5"."segment_customer_"
        ) AS "t11"
        WHERE
          "t11"."first_at" >= MAKE_TIMESTAMPTZ(2023, 12, 4, 23, 0, 0.0, 'UTC')
          AND "t11"."first_at" < MAKE_TIMESTAMPTZ(2024, 1, 1, 23, 0, 0.0, 'UTC')
      ) AS "t13"
      INNER JOIN (SELECT CAST('2024-01-01' AS DATE) AS "day", CAST('2024-01-01' AS DATE) AS "period_start" UNION ALL SELECT CAST('2023-12-31' AS DATE) AS "day", CAST('2024-01-01' AS DATE) AS "period_start" UNION ALL SELECT CAST('2023-12-30' AS DATE) AS "day", CAST('2024-01-01' AS DATE) AS "period_start" UNION ALL SELECT CAST('2023-12-29' AS DATE) AS "day", CAST('2024-01-01' AS DATE) AS "period_start" UNION ALL SELECT CAST('2023-12-28' AS DATE) AS "day", CAST('2024-01-01' AS DATE) AS "period_start" UNION ALL SELECT CAST('2023-12-27' AS DATE) AS "day", CAST('2024-01-01' AS DATE) AS "period_start" UNION ALL SELECT CAST('2023-12-26' AS DATE) AS "day", CAST('2024-01-01' AS DATE) AS "period_start" UNION ALL SELECT CAST('2023-12-25' AS DATE) AS "day", CAST('2024-01-01' AS DATE) AS "period_start" UNION ALL SELECT CAST('2023-12-24' AS DATE) AS "day", CAST('2024-01-01' AS DATE) AS "period_start" UNION ALL SELECT CAST('2023-12-23' AS DATE) AS "day", CAST('2024-01-01' AS DATE) AS "period_start" UNION ALL SELECT CAST('2023-12-22' AS DATE) AS "day", CAST('2024-01-01' AS DATE) AS "period_start" UNION ALL SELECT CAST('2023-12-21' AS DATE) AS "day", CAST('2024-01-01' AS DATE) AS "period_start" UNION ALL SELECT CAST('2023-12-20' AS DATE) AS "day", CAST('2024-01-01' AS DATE) AS "period_start" UNION ALL SELECT CAST('2023-12-19' AS DATE) AS "day", CAST('2024-01-01' AS DATE) AS "period_start" UNION ALL SELECT CAST('2023-12-18' AS DATE) AS "day", CAST('2024-01-01' AS DATE) AS "period_start" UNION ALL SELECT CAST('2023-12-17' AS DATE) AS "day", CAST('2024-01-01' AS DATE) AS "period_start" UNION ALL SELECT CAST('2023-12-16' AS DATE) AS "day", CAST('2024-01-01' AS DATE) AS "period_start" UNION ALL SELECT CAST('2023-12-15' AS DATE) AS "day", CAST('2024-01-01' AS DATE) AS "period_start" UNION ALL SELECT CAST('2023-12-14' AS DATE) AS "day", CAST('2024-01-01' AS DATE) AS "period_start" UNION ALL SELECT CAST('2023-12-13' AS DATE) AS "day", CAST('2024-01-01' AS DATE) AS "period_start" UNION ALL SELECT CAST('2023-12-12' AS DATE) AS "day", CAST('2024-01-01' AS DATE) AS "period_start" UNION ALL SELECT CAST('2023-12-11' AS DATE) AS "day", CAST('2024-01-01' AS DATE) AS "period_start" UNION ALL SELECT CAST('2023-12-10' AS DATE) AS "day", CAST('2024-01-01' AS DATE) AS "period_start" UNION ALL SELECT CAST('2023-12-09' AS DATE) AS "day", CAST('2024-01-01' AS DATE) AS "period_start" UNION ALL SELECT CAST('2023-12-08' AS DATE) AS "day", CAST('2024-01-01' AS DATE) AS "period_start" UNION ALL SELECT CAST('2023-12-07' AS DATE) AS "day", CAST('2024-01-01' AS DATE) AS "period_start" UNION ALL SELECT CAST('2023-12-06' AS DATE) AS "day", CAST('2024-01-01' AS DATE) AS "period_start" UNION ALL SELECT CAST('2023-12-05' AS DATE) AS "day", CAST('2024-01-01' AS DATE) AS "period_start") AS "t3"
        ON "t13"."day" = "t3"."day"
    ) AS "t14"
    GROUP BY
      1,
      2,
      3
  ) AS "t15"
  GROUP BY
    1,
    2
) AS "t16"
