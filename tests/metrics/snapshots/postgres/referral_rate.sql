SELECT
  'referral_rate' AS "metric",
  "t18"."period_start",
  "t18"."segment",
  CAST("t18"."k" AS DOUBLE PRECISION) / "t18"."n" AS "value",
  LEAST(
    (
      CAST((
        (
          CAST("t18"."k" AS DOUBLE PRECISION) / CASE
            WHEN "t18"."n" > 0
            THEN CAST("t18"."n" AS DOUBLE PRECISION)
            ELSE CAST(NULL AS DOUBLE PRECISION)
          END
        ) + (
          CAST(3.8414588206941254 AS DOUBLE PRECISION) / (
            CASE
              WHEN "t18"."n" > 0
              THEN CAST("t18"."n" AS DOUBLE PRECISION)
              ELSE CAST(NULL AS DOUBLE PRECISION)
            END * 2
          )
        )
      ) AS DOUBLE PRECISION) / (
        (
          CAST(3.8414588206941254 AS DOUBLE PRECISION) / CASE
            WHEN "t18"."n" > 0
            THEN CAST("t18"."n" AS DOUBLE PRECISION)
            ELSE CAST(NULL AS DOUBLE PRECISION)
          END
        ) + 1
      )
    ) - (
      CAST((
        SQRT(
          (
            CAST((
              (
                CAST("t18"."k" AS DOUBLE PRECISION) / CASE
                  WHEN "t18"."n" > 0
                  THEN CAST("t18"."n" AS DOUBLE PRECISION)
                  ELSE CAST(NULL AS DOUBLE PRECISION)
                END
              ) * (
                1 - (
                  CAST("t18"."k" AS DOUBLE PRECISION) / CASE
                    WHEN "t18"."n" > 0
                    THEN CAST("t18"."n" AS DOUBLE PRECISION)
                    ELSE CAST(NULL AS DOUBLE PRECISION)
                  END
                )
              )
            ) AS DOUBLE PRECISION) / CASE
              WHEN "t18"."n" > 0
              THEN CAST("t18"."n" AS DOUBLE PRECISION)
              ELSE CAST(NULL AS DOUBLE PRECISION)
            END
          ) + (
            CAST(3.8414588206941254 AS DOUBLE PRECISION) / (
              CASE
                WHEN "t18"."n" > 0
                THEN CAST("t18"."n" AS DOUBLE PRECISION)
                ELSE CAST(NULL AS DOUBLE PRECISION)
              END * 4 * CASE
                WHEN "t18"."n" > 0
                THEN CAST("t18"."n" AS DOUBLE PRECISION)
                ELSE CAST(NULL AS DOUBLE PRECISION)
              END
            )
          )
        ) * 1.959963984540054
      ) AS DOUBLE PRECISION) / (
        (
          CAST(3.8414588206941254 AS DOUBLE PRECISION) / CASE
            WHEN "t18"."n" > 0
            THEN CAST("t18"."n" AS DOUBLE PRECISION)
            ELSE CAST(NULL AS DOUBLE PRECISION)
          END
        ) + 1
      )
    ),
    CAST("t18"."k" AS DOUBLE PRECISION) / CASE
      WHEN "t18"."n" > 0
      THEN CAST("t18"."n" AS DOUBLE PRECISION)
      ELSE CAST(NULL AS DOUBLE PRECISION)
    END
  ) AS "ci_low",
  GREATEST(
    (
      CAST((
        (
          CAST("t18"."k" AS DOUBLE PRECISION) / CASE
            WHEN "t18"."n" > 0
            THEN CAST("t18"."n" AS DOUBLE PRECISION)
            ELSE CAST(NULL AS DOUBLE PRECISION)
          END
        ) + (
          CAST(3.8414588206941254 AS DOUBLE PRECISION) / (
            CASE
              WHEN "t18"."n" > 0
              THEN CAST("t18"."n" AS DOUBLE PRECISION)
              ELSE CAST(NULL AS DOUBLE PRECISION)
            END * 2
          )
        )
      ) AS DOUBLE PRECISION) / (
        (
          CAST(3.8414588206941254 AS DOUBLE PRECISION) / CASE
            WHEN "t18"."n" > 0
            THEN CAST("t18"."n" AS DOUBLE PRECISION)
            ELSE CAST(NULL AS DOUBLE PRECISION)
          END
        ) + 1
      )
    ) + (
      CAST((
        SQRT(
          (
            CAST((
              (
                CAST("t18"."k" AS DOUBLE PRECISION) / CASE
                  WHEN "t18"."n" > 0
                  THEN CAST("t18"."n" AS DOUBLE PRECISION)
                  ELSE CAST(NULL AS DOUBLE PRECISION)
                END
              ) * (
                1 - (
                  CAST("t18"."k" AS DOUBLE PRECISION) / CASE
                    WHEN "t18"."n" > 0
                    THEN CAST("t18"."n" AS DOUBLE PRECISION)
                    ELSE CAST(NULL AS DOUBLE PRECISION)
                  END
                )
              )
            ) AS DOUBLE PRECISION) / CASE
              WHEN "t18"."n" > 0
              THEN CAST("t18"."n" AS DOUBLE PRECISION)
              ELSE CAST(NULL AS DOUBLE PRECISION)
            END
          ) + (
            CAST(3.8414588206941254 AS DOUBLE PRECISION) / (
              CASE
                WHEN "t18"."n" > 0
                THEN CAST("t18"."n" AS DOUBLE PRECISION)
                ELSE CAST(NULL AS DOUBLE PRECISION)
              END * 4 * CASE
                WHEN "t18"."n" > 0
                THEN CAST("t18"."n" AS DOUBLE PRECISION)
                ELSE CAST(NULL AS DOUBLE PRECISION)
              END
            )
          )
        ) * 1.959963984540054
      ) AS DOUBLE PRECISION) / (
        (
          CAST(3.8414588206941254 AS DOUBLE PRECISION) / CASE
            WHEN "t18"."n" > 0
            THEN CAST("t18"."n" AS DOUBLE PRECISION)
            ELSE CAST(NULL AS DOUBLE PRECISION)
          END
        ) + 1
      )
    ),
    CAST("t18"."k" AS DOUBLE PRECISION) / CASE
      WHEN "t18"."n" > 0
      THEN CAST("t18"."n" AS DOUBLE PRECISION)
      ELSE CAST(NULL AS DOUBLE PRECISION)
    END
  ) AS "ci_high",
  "t18"."n"
FROM (
  SELECT
    "t17"."period_start",
    "t17"."segment",
    COUNT("t17"."hit") AS "k",
    COUNT(*) AS "n"
  FROM (
    SELECT
      "t16"."customer_id",
      "t16"."period_start",
      "t16"."hit",
      COALESCE("t16"."segment_", 'unknown') AS "segment"
    FROM (
      SELECT
        "t15"."customer_id",
        "t15"."period_start",
        "t10"."__hit" AS "hit",
        "t4"."segment_customer_",
        "t4"."segment_"
      FROM (
        SELECT
          "t13"."customer_id",
          "t13"."period_start"
        FROM (
          SELECT
            "t12"."customer_id",
            "t12"."period_start",
            SUM("t12"."orders") AS "orders"
          FROM (
            SELECT
              "t11"."customer_id",
              "t11"."day",
              "t11"."amount",
              "t11"."orders",
              DATE_TRUNC('MONTH', "t11"."day") AS "period_start"
            FROM (
              SELECT
                "t8"."customer_id",
                "t8"."day",
                SUM("t8"."amount") AS "amount",
                COUNT(*) AS "orders"
              FROM (
                SELECT
                  "t5"."order_id",
                  "t5"."customer_id",
                  "t5"."ordered_at",
                  "t5"."amount",
                  "t5"."status",
                  DATE(TIMEZONE('Europe/Amsterdam', "t5"."ordered_at")) AS "day"
                FROM (
                  SELECT
                    *
                  FROM "orders" AS "t2"
                  WHERE
                    "t2"."status" = 'completed'
                ) AS "t5"
              ) AS "t8"
              GROUP BY
                1,
                2
            ) AS "t11"
            WHERE
              "t11"."day" BETWEEN MAKE_DATE(2024, 1, 1) AND MAKE_DATE(2024, 1, 1)
          ) AS "t12"
          GROUP BY
            1,
            2
        ) AS "t13"
      ) AS "t15"
      LEFT OUTER JOIN (
        SELECT
          "t7"."customer_id" AS "__cid",
          "t7"."period_start" AS "__period",
          1 AS "__hit"
        FROM (
          SELECT DISTINCT
            "t6"."referrer_id" AS "customer_id",
            DATE_TRUNC('MONTH', "t6"."day") AS "period_start"
          FROM (
            SELECT
              "t1"."referrer_id",
              "t1"."referred_id",
              "t1"."referred_at",
              DATE(TIMEZONE('Europe/Amsterdam', "t1"."referred_at")) AS "day"
            FROM "referrals" AS "t1"
          ) AS "t6"
          WHERE
            "t6"."day" BETWEEN MAKE_DATE(2024, 1, 1) AND MAKE_DATE(2024, 1, 1)
        ) AS "t7"
      ) AS "t10"
        ON "t15"."customer_id" = "t10"."__cid" AND "t15"."period_start" = "t10"."__period"
      LEFT OUTER JOIN (
        SELECT
          "t0"."customer_id" AS "segment_customer_",
          "t0"."country" AS "segment_"
        FROM "customers" AS "t0"
      ) AS "t4"
        ON "t15"."customer_id" = "t4"."segment_customer_"
    ) AS "t16"
  ) AS "t17"
  GROUP BY
    1,
    2
) AS "t18"
