SELECT
  'referred_share' AS "metric",
  "t20"."period_start",
  "t20"."segment",
  CAST("t20"."k" AS DOUBLE) / "t20"."n" AS "value",
  LEAST(
    (
      (
        (
          CAST("t20"."k" AS DOUBLE) / CASE WHEN "t20"."n" > 0 THEN CAST("t20"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
        ) + (
          3.8414588206941254 / (
            CASE WHEN "t20"."n" > 0 THEN CAST("t20"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END * 2
          )
        )
      ) / (
        (
          3.8414588206941254 / CASE WHEN "t20"."n" > 0 THEN CAST("t20"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
        ) + 1
      )
    ) - (
      (
        SQRT(
          (
            (
              (
                CAST("t20"."k" AS DOUBLE) / CASE WHEN "t20"."n" > 0 THEN CAST("t20"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
              ) * (
                1 - (
                  CAST("t20"."k" AS DOUBLE) / CASE WHEN "t20"."n" > 0 THEN CAST("t20"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
                )
              )
            ) / CASE WHEN "t20"."n" > 0 THEN CAST("t20"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
          ) + (
            3.8414588206941254 / (
              CASE WHEN "t20"."n" > 0 THEN CAST("t20"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END * 4 * CASE WHEN "t20"."n" > 0 THEN CAST("t20"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
            )
          )
        ) * 1.959963984540054
      ) / (
        (
          3.8414588206941254 / CASE WHEN "t20"."n" > 0 THEN CAST("t20"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
        ) + 1
      )
    ),
    CAST("t20"."k" AS DOUBLE) / CASE WHEN "t20"."n" > 0 THEN CAST("t20"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
  ) AS "ci_low",
  GREATEST(
    (
      (
        (
          CAST("t20"."k" AS DOUBLE) / CASE WHEN "t20"."n" > 0 THEN CAST("t20"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
        ) + (
          3.8414588206941254 / (
            CASE WHEN "t20"."n" > 0 THEN CAST("t20"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END * 2
          )
        )
      ) / (
        (
          3.8414588206941254 / CASE WHEN "t20"."n" > 0 THEN CAST("t20"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
        ) + 1
      )
    ) + (
      (
        SQRT(
          (
            (
              (
                CAST("t20"."k" AS DOUBLE) / CASE WHEN "t20"."n" > 0 THEN CAST("t20"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
              ) * (
                1 - (
                  CAST("t20"."k" AS DOUBLE) / CASE WHEN "t20"."n" > 0 THEN CAST("t20"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
                )
              )
            ) / CASE WHEN "t20"."n" > 0 THEN CAST("t20"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
          ) + (
            3.8414588206941254 / (
              CASE WHEN "t20"."n" > 0 THEN CAST("t20"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END * 4 * CASE WHEN "t20"."n" > 0 THEN CAST("t20"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
            )
          )
        ) * 1.959963984540054
      ) / (
        (
          3.8414588206941254 / CASE WHEN "t20"."n" > 0 THEN CAST("t20"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
        ) + 1
      )
    ),
    CAST("t20"."k" AS DOUBLE) / CASE WHEN "t20"."n" > 0 THEN CAST("t20"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
  ) AS "ci_high",
  "t20"."n"
FROM (
  SELECT
    "t19"."period_start",
    "t19"."segment",
    COUNT("t19"."hit") AS "k",
    COUNT(*) AS "n"
  FROM (
    SELECT
      "t18"."customer_id",
      "t18"."period_start",
      "t18"."hit",
      COALESCE("t18"."segment_", 'unknown') AS "segment"
    FROM (
      SELECT
        "t14"."customer_id",
        "t14"."period_start",
        "t17"."__hit" AS "hit",
        "t6"."segment_customer_",
        "t6"."segment_"
      FROM (
        SELECT
          "t12"."customer_id",
          DATE_TRUNC('MONTH', "t12"."first_day") AS "period_start"
        FROM (
          SELECT
            "t11"."customer_id",
            MIN("t11"."day") AS "first_day"
          FROM (
            SELECT
              "t10"."customer_id",
              "t10"."day",
              SUM("t10"."amount") AS "amount",
              COUNT(*) AS "orders"
            FROM (
              SELECT
                "t7"."order_id",
                "t7"."customer_id",
                "t7"."ordered_at",
                "t7"."amount",
                "t7"."status",
                CAST(TIMEZONE('Europe/Amsterdam', "t7"."ordered_at") AS DATE) AS "day"
              FROM (
                SELECT
                  *
                FROM "orders" AS "t1"
                WHERE
                  "t1"."status" = 'completed'
              ) AS "t7"
            ) AS "t10"
            GROUP BY
              1,
              2
          ) AS "t11"
          GROUP BY
            1
        ) AS "t12"
        WHERE
          "t12"."first_day" BETWEEN MAKE_DATE(2024, 1, 1) AND MAKE_DATE(2024, 1, 1)
      ) AS "t14"
      LEFT OUTER JOIN (
        SELECT
          "t15"."customer_id" AS "__cid",
          "t15"."period_start" AS "__period",
          1 AS "__hit"
        FROM (
          SELECT
            "t14"."customer_id",
            "t14"."period_start",
            "t4"."first_day",
            "t4"."last_day",
            "t4"."days",
            "t9"."day"
          FROM (
            SELECT
              "t12"."customer_id",
              DATE_TRUNC('MONTH', "t12"."first_day") AS "period_start"
            FROM (
              SELECT
                "t11"."customer_id",
                MIN("t11"."day") AS "first_day"
              FROM (
                SELECT
                  "t10"."customer_id",
                  "t10"."day",
                  SUM("t10"."amount") AS "amount",
                  COUNT(*) AS "orders"
                FROM (
                  SELECT
                    "t7"."order_id",
                    "t7"."customer_id",
                    "t7"."ordered_at",
                    "t7"."amount",
                    "t7"."status",
                    CAST(TIMEZONE('Europe/Amsterdam', "t7"."ordered_at") AS DATE) AS "day"
                  FROM (
                    SELECT
                      *
                    FROM "orders" AS "t1"
                    WHERE
                      "t1"."status" = 'completed'
                  ) AS "t7"
                ) AS "t10"
                GROUP BY
                  1,
                  2
              ) AS "t11"
              GROUP BY
                1
            ) AS "t12"
            WHERE
              "t12"."first_day" BETWEEN MAKE_DATE(2024, 1, 1) AND MAKE_DATE(2024, 1, 1)
          ) AS "t14"
          INNER JOIN (SELECT CAST('2024-01-01' AS DATE) AS "period_start", CAST('2024-01-01' AS DATE) AS "first_day", CAST('2024-01-01' AS DATE) AS "last_day", 1 AS "days") AS "t4"
            ON "t14"."period_start" = "t4"."period_start"
          INNER JOIN (
            SELECT
              "t3"."referred_id" AS "customer_id",
              MIN(CAST(TIMEZONE('Europe/Amsterdam', "t3"."referred_at") AS DATE)) AS "day"
            FROM "referrals" AS "t3"
            GROUP BY
              1
          ) AS "t9"
            ON "t14"."customer_id" = "t9"."customer_id"
        ) AS "t15"
        WHERE
          "t15"."day" <= "t15"."last_day"
      ) AS "t17"
        ON "t14"."customer_id" = "t17"."__cid" AND "t14"."period_start" = "t17"."__period"
      LEFT OUTER JOIN (
        SELECT
          "t0"."customer_id" AS "segment_customer_",
          "t0"."country" AS "segment_"
        FROM "customers" AS "t0"
      ) AS "t6"
        ON "t14"."customer_id" = "t6"."segment_customer_"
    ) AS "t18"
  ) AS "t19"
  GROUP BY
    1,
    2
) AS "t20"
